#pragma once
// The Review page's chip editor: one image's tags as chips ordered by score,
// filled when on, each numbered for keys 1-9 and marked ⚠ where the model,
// scored out of fold, disagrees with it; below them the field that adds a tag,
// with completion from the project's vocabulary. It edits nothing itself: a
// click on a chip and a tag typed come back as signals for the page to turn
// into undoable edits.

#include "aia/project/project.h"
#include "aia/project/project_workflow.h"

#include <QWidget>

#include <vector>

class QHBoxLayout;
class QLineEdit;
class QStringListModel;
class QToolButton;

namespace aia::ui {

class ChipEditor : public QWidget {
  Q_OBJECT
 public:
  explicit ChipEditor(QWidget* parent = nullptr);

  // One image's chips; `flags` its likely label errors (others are ignored);
  // `image` its index in the project, the flags' key. Empty `chips`: none shown.
  void setChips(const std::vector<aia::Chip>& chips, const std::vector<aia::LabelFlag>& flags, std::size_t image,
                bool writable);
  void clearChips() { setChips({}, {}, 0, false); }
  void setVocabulary(const std::vector<std::string>& vocabulary);  // the completions; unchanged ones are kept
  void setTypingEnabled(bool enabled);
  bool typingEnabled() const;
  void startTyping(const QString& text);  // a key typed elsewhere: the field takes it and the focus
  QString typedText() const;
  void clearTyped();
  void showTypingError(const QString& text);  // as the field's tooltip

  QList<QToolButton*> chipButtons() const;
  QLineEdit* tagEdit() const { return m_tagEdit; }

 Q_SIGNALS:
  void chipClicked(int position);
  void tagEntered();  // Return in the field: the page adds typedText() (or accepts the image when blank)
  void typingLeft();  // Escape in the field: it is emptied

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QWidget* m_chipBar;
  QHBoxLayout* m_chipLayout;
  QLineEdit* m_tagEdit;
  QStringListModel* m_completions;
};

}  // namespace aia::ui
