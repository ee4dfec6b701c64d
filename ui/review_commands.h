#pragma once
// The Review page's undo steps: one image's edit, and a certified auto-accept
// as one step over every record it changed. Each applies a whole record
// through the page, which writes it to the project's journal at once.

#include "review_page.h"

#include <QUndoCommand>

#include <utility>
#include <vector>

namespace aia::ui {

// One image's record before and after an edit; the project journals both ways.
class ImageEditCommand : public QUndoCommand {
 public:
  ImageEditCommand(ReviewPage* page, std::size_t index, aia::ProjectImage before, aia::ProjectImage after,
                   const QString& text)
      : QUndoCommand(text), m_page(page), m_index(index), m_before(std::move(before)), m_after(std::move(after)) {}
  void undo() override { m_page->applyRecord(m_index, m_before); }
  void redo() override { m_page->applyRecord(m_index, m_after); }

 private:
  ReviewPage* m_page;
  std::size_t m_index;
  aia::ProjectImage m_before, m_after;
};

// Auto-accept as one undo step: every record it changed, before and after.
// The first redo is the auto-accept itself, already applied by core.
class AutoAcceptCommand : public QUndoCommand {
 public:
  AutoAcceptCommand(ReviewPage* page, std::vector<ReviewPage::RecordChange> changes, const QString& text)
      : QUndoCommand(text), m_page(page), m_changes(std::move(changes)) {}
  void undo() override { m_page->applyRecords(m_changes, false); }
  void redo() override {
    if (std::exchange(m_applied, false)) return;
    m_page->applyRecords(m_changes, true);
  }

 private:
  ReviewPage* m_page;
  std::vector<ReviewPage::RecordChange> m_changes;
  bool m_applied = true;
};

}  // namespace aia::ui
