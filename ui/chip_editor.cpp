#include "chip_editor.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace aia::ui {
namespace {

QString chipText(int position, const aia::Chip& chip) {
  QString text = position < 9 ? QStringLiteral("%1  ").arg(position + 1) : QString();
  text += QString::fromStdString(chip.tag);
  if (!std::isnan(chip.score)) text += QStringLiteral("  %1").arg(chip.score, 0, 'f', 2);
  if (chip.source == aia::Chip::Source::Imported) text += ChipEditor::tr("  (imported)");
  if (chip.source == aia::Chip::Source::Kept) text += ChipEditor::tr("  (kept)");
  if (chip.source == aia::Chip::Source::Added) text += ChipEditor::tr("  (added)");
  if (chip.auto_accepted) text += ChipEditor::tr("  (auto-accepted)");
  return text;
}

QString flagTip(const aia::LabelFlag& f) {
  return (f.kept ? ChipEditor::tr("Likely label error: kept, but the model scores it %1 (threshold %2)")
                 : ChipEditor::tr("Likely label error: left out, but the model scores it %1 (threshold %2)"))
      .arg(f.score, 0, 'f', 2)
      .arg(f.threshold, 0, 'f', 2);
}

}  // namespace

ChipEditor::ChipEditor(QWidget* parent) : QWidget(parent) {
  m_chipBar = new QWidget;
  m_chipBar->setObjectName(QStringLiteral("chipBar"));
  m_chipLayout = new QHBoxLayout(m_chipBar);
  m_chipLayout->setContentsMargins(0, 0, 0, 0);
  // A tag that is on reads at a glance: filled with the highlight colour.
  m_chipBar->setStyleSheet(
      QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 10px; padding: 3px 9px; }"
                     "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }"));
  m_tagEdit = new QLineEdit;
  m_tagEdit->setObjectName(QStringLiteral("tagEdit"));
  m_tagEdit->setPlaceholderText(tr("Type to add a tag (completion from the vocabulary); Enter adds it"));
  m_completions = new QStringListModel(this);
  auto* completer = new QCompleter(m_completions, this);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setFilterMode(Qt::MatchContains);
  m_tagEdit->setCompleter(completer);
  m_tagEdit->installEventFilter(this);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_chipBar);
  layout->addWidget(m_tagEdit);
}

void ChipEditor::setChips(const std::vector<aia::Chip>& chips, const std::vector<aia::LabelFlag>& flags,
                          std::size_t image, bool writable) {
  // The old chips may be in the middle of their click signal, so they go later.
  while (QLayoutItem* item = m_chipLayout->takeAt(0)) {
    if (QWidget* w = item->widget()) {
      w->hide();
      w->setParent(nullptr);
      w->deleteLater();
    }
    delete item;
  }
  if (chips.empty()) return;
  for (std::size_t k = 0; k < chips.size(); ++k) {
    auto* b = new QToolButton(m_chipBar);
    b->setCheckable(true);
    b->setChecked(chips[k].on);
    b->setText(chipText(static_cast<int>(k), chips[k]));
    b->setEnabled(writable);
    b->setFocusPolicy(Qt::NoFocus);
    QString tip = chips[k].on ? tr("A tag of this image; click or press its number to reject it")
                              : tr("Not a tag of this image; click or press its number to accept it");
    for (const auto& f : flags)
      if (f.image == image && f.tag == chips[k].tag) {
        b->setText(b->text() + QStringLiteral("  \u26a0"));
        tip = flagTip(f);
      }
    b->setToolTip(tip);
    connect(b, &QToolButton::clicked, this, [this, k] { Q_EMIT chipClicked(static_cast<int>(k)); });
    m_chipLayout->insertWidget(static_cast<int>(k), b);
  }
  m_chipLayout->addStretch(1);
}

void ChipEditor::setVocabulary(const std::vector<std::string>& vocabulary) {
  QStringList words;
  for (const auto& v : vocabulary) words << QString::fromStdString(v);
  if (words != m_completions->stringList()) m_completions->setStringList(words);
}

void ChipEditor::setTypingEnabled(bool enabled) { m_tagEdit->setEnabled(enabled); }
bool ChipEditor::typingEnabled() const { return m_tagEdit->isEnabled(); }

void ChipEditor::startTyping(const QString& text) {
  m_tagEdit->setFocus();
  m_tagEdit->setText(m_tagEdit->text() + text);
}

QString ChipEditor::typedText() const { return m_tagEdit->text(); }
void ChipEditor::clearTyped() { m_tagEdit->clear(); }
void ChipEditor::showTypingError(const QString& text) { m_tagEdit->setToolTip(text); }

QList<QToolButton*> ChipEditor::chipButtons() const {
  return m_chipBar->findChildren<QToolButton*>(QString(), Qt::FindDirectChildrenOnly);
}

bool ChipEditor::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_tagEdit || event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
  const int key = static_cast<QKeyEvent*>(event)->key();
  if (key == Qt::Key_Escape) {
    m_tagEdit->clear();
    Q_EMIT typingLeft();
    return true;
  }
  if (key == Qt::Key_Return || key == Qt::Key_Enter) {
    // Handled here: QLineEdit lets Return through to its parent, which would also accept the image.
    Q_EMIT tagEntered();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace aia::ui
