#include "review_page.h"

#include "chip_editor.h"
#include "review_commands.h"
#include "review_toolbar.h"

#include "image_decode.h"

#include "aia/catalogue/catalogue.h"
#include "aia/data/dataset.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>
#include <utility>

namespace aia::ui {

// The review list: one row per image in the chosen order; nothing is decoded
// for it, so 50,000 rows cost nothing until they are shown.
class ReviewListModel : public QAbstractListModel {
 public:
  ReviewListModel(const std::unique_ptr<aia::Project>* project, const std::vector<std::size_t>* rows, QObject* parent)
      : QAbstractListModel(parent), m_project(project), m_rows(rows) {}
  int rowCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() || !*m_project ? 0 : static_cast<int>(m_rows->size());
  }
  QVariant data(const QModelIndex& index, int role) const override {
    if (!index.isValid() || !*m_project || index.row() >= rowCount()) return {};
    const aia::ProjectImage& image = (*m_project)->data().images[(*m_rows)[static_cast<std::size_t>(index.row())]];
    if (role == Qt::DisplayRole) {
      const QString mark = image.state == aia::ReviewState::Reviewed  ? QStringLiteral("\u2713 ")
                           : image.state == aia::ReviewState::Skipped ? QStringLiteral("\u2192 ")
                                                                      : QStringLiteral("\u2022 ");
      return mark + QFileInfo(QString::fromStdString(image.path)).fileName();
    }
    if (role == Qt::ToolTipRole) {
      QString tip = QString::fromStdString(image.path);
      if (!std::isnan(image.margin))
        tip += QLatin1Char('\n') + QObject::tr("margin to the nearest threshold: %1").arg(image.margin, 0, 'f', 3);
      return tip;
    }
    if (role == Qt::ForegroundRole && image.state != aia::ReviewState::Unreviewed)
      return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
    return {};
  }
  void reset() {
    beginResetModel();
    endResetModel();
  }
  void rowChanged(int row) { Q_EMIT dataChanged(index(row), index(row)); }

 private:
  const std::unique_ptr<aia::Project>* m_project;
  const std::vector<std::size_t>* m_rows;
};

namespace {

constexpr qint64 kIdleCapMs = 300000;  // a review longer than 5 minutes counts as 5 (the user left)

}  // namespace

ReviewPage::ReviewPage(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  m_toolbar = new ReviewToolbar;
  m_readOnly = new QLabel;
  m_readOnly->setWordWrap(true);
  m_readOnly->setVisible(false);
  m_readOnly->setStyleSheet(
      QStringLiteral("QLabel { background: palette(highlight); color: palette(highlighted-text);"
                     " padding: 4px; }"));

  m_model = new ReviewListModel(&m_project, &m_rows, this);
  m_list = new QListView;
  m_list->setObjectName(QStringLiteral("reviewList"));
  m_list->setModel(m_model);
  m_list->setUniformItemSizes(true);
  m_list->setLayoutMode(QListView::Batched);
  m_list->installEventFilter(this);

  auto* split = new QSplitter;
  split->addWidget(m_list);
  split->addWidget(createReviewPane());
  split->setStretchFactor(1, 3);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_toolbar);
  layout->addWidget(m_readOnly);
  layout->addWidget(split, 1);
  connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
    if (current.isValid() && current.row() != m_row) showImage(current.row());
  });
  connect(&m_undo, &QUndoStack::indexChanged, this, [this] { updateProgress(); });
  connectToolbar();
  updateProgress();
}

void ReviewPage::connectToolbar() {
  connect(m_toolbar, &ReviewToolbar::newProjectClicked, this, &ReviewPage::newProjectDialog);
  connect(m_toolbar, &ReviewToolbar::openProjectClicked, this, &ReviewPage::openProjectDialog);
  connect(m_toolbar, &ReviewToolbar::scoreClicked, this, [this] { scoreImages(false); });
  connect(m_toolbar, &ReviewToolbar::trainClicked, this, &ReviewPage::trainOnReviewed);
  connect(m_toolbar, &ReviewToolbar::autoAcceptClicked, this, [this](double precision) {
    autoAccept(precision);
    m_list->setFocus();
  });
  connect(m_toolbar, &ReviewToolbar::cancelClicked, this, &ReviewPage::cancelScoring);
  connect(m_toolbar, &ReviewToolbar::orderChanged, this, [this] { rebuildOrder(); });
  connect(m_toolbar, &ReviewToolbar::exportDatasetChosen, this, &ReviewPage::exportDataset);
  connect(m_toolbar, &ReviewToolbar::exportCsvChosen, this, &ReviewPage::exportCsv);
  connect(m_toolbar, &ReviewToolbar::exportXmpChosen, this, &ReviewPage::exportXmp);
}

// The image, its caption, the chip editor and the review buttons.
QWidget* ReviewPage::createReviewPane() {
  m_image = new QLabel;
  m_image->setObjectName(QStringLiteral("reviewImage"));
  m_image->setAlignment(Qt::AlignCenter);
  m_image->setMinimumSize(320, 240);
  m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  m_imageCaption = new QLabel;
  m_imageCaption->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_chips = new ChipEditor;
  connect(m_chips, &ChipEditor::chipClicked, this, &ReviewPage::toggleChip);
  connect(m_chips, &ChipEditor::tagEntered, this, &ReviewPage::addTypedTag);
  connect(m_chips, &ChipEditor::typingLeft, this, [this] { m_list->setFocus(); });

  auto* accept = new QPushButton(tr("Accept and next (Enter)"));
  auto* skip = new QPushButton(tr("Skip (Shift+Enter)"));
  auto* prev = new QPushButton(tr("Previous"));
  auto* nextButton = new QPushButton(tr("Next"));
  for (auto* b : {accept, skip, prev, nextButton}) b->setFocusPolicy(Qt::NoFocus);
  auto* actions = new QHBoxLayout;
  actions->addWidget(prev);
  actions->addWidget(nextButton);
  actions->addStretch(1);
  actions->addWidget(skip);
  actions->addWidget(accept);
  auto* hint =
      new QLabel(tr("Keys: 1-9 toggle a tag, Enter accepts and moves on, Shift+Enter skips, arrows move, typing "
                    "adds a tag, Ctrl+Z undoes."));
  hint->setWordWrap(true);

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->addWidget(m_image, 1);
  rightLayout->addWidget(m_imageCaption);
  rightLayout->addWidget(m_chips);
  rightLayout->addLayout(actions);
  rightLayout->addWidget(hint);
  connect(accept, &QPushButton::clicked, this, &ReviewPage::acceptAndNext);
  connect(skip, &QPushButton::clicked, this, &ReviewPage::skipAndNext);
  connect(prev, &QPushButton::clicked, this, &ReviewPage::previous);
  connect(nextButton, &QPushButton::clicked, this, &ReviewPage::next);
  return right;
}

ReviewPage::~ReviewPage() {
  if (m_cancelScoring) *m_cancelScoring = true;
  QThreadPool::globalInstance()->waitForDone();
}

void ReviewPage::setRun(const QString& runDir) { m_runDir = runDir; }
void ReviewPage::setDataFolder(const QString& folder) { m_dataFolder = folder; }

QList<QToolButton*> ReviewPage::chipButtons() const { return m_chips->chipButtons(); }
QLineEdit* ReviewPage::tagEdit() const { return m_chips->tagEdit(); }
QComboBox* ReviewPage::orderBox() const { return m_toolbar->orderBox(); }
QComboBox* ReviewPage::showBox() const { return m_toolbar->showBox(); }
QLabel* ReviewPage::progressLabel() const { return m_toolbar->progressLabel(); }
QPushButton* ReviewPage::trainButton() const { return m_toolbar->trainButton(); }
QPushButton* ReviewPage::scoreButton() const { return m_toolbar->scoreButton(); }

int ReviewPage::currentImage() const {
  if (!m_project || m_row < 0 || m_row >= static_cast<int>(m_rows.size())) return -1;
  return static_cast<int>(m_rows[static_cast<std::size_t>(m_row)]);
}

void ReviewPage::fail(const QString& title, const QString& text) {
  Q_EMIT messageLogged(title + QStringLiteral(": ") + text);
  if (!QGuiApplication::platformName().startsWith(QLatin1String("offscreen"))) QMessageBox::warning(this, title, text);
}

// --- opening --------------------------------------------------------------------

bool ReviewPage::openInBackground(std::function<Opened()> work, const QString& failure, bool quiet) {
  // One at a time, and never while a training run holds the project.
  if (m_opening || m_trainingReviewed) return false;
  m_opening = true;
  setEnabled(false);
  QApplication::setOverrideCursor(Qt::BusyCursor);
  auto* watcher = new QFutureWatcher<Opened>(this);
  connect(watcher, &QFutureWatcher<Opened>::finished, this, [this, watcher, failure, quiet] {
    watcher->deleteLater();
    QApplication::restoreOverrideCursor();
    setEnabled(true);
    m_opening = false;
    const Opened o = watcher->result();
    if (!o.project) {
      if (!quiet)
        fail(failure, o.error);
      else
        Q_EMIT messageLogged(o.error);
      Q_EMIT projectOpened(false);
      return;
    }
    adoptProject(o, quiet);
    Q_EMIT projectOpened(true);
  });
  watcher->setFuture(QtConcurrent::run([work = std::move(work)] {
    try {
      return work();
    } catch (const std::exception& e) {
      return Opened{nullptr, QString::fromStdString(e.what()), {}, false, {}};
    }
  }));
  return true;
}

void ReviewPage::adoptProject(const Opened& o, bool quiet) {
  closeProject();
  m_project = std::make_unique<aia::Project>(std::move(*o.project));
  if (o.made)
    Q_EMIT messageLogged(tr("project %1: %2 images; tags from XMP: %3")
                             .arg(QString::fromStdString(m_project->dir()))
                             .arg(m_project->data().images.size())
                             .arg(o.info));
  else
    Q_EMIT messageLogged(tr("project %1 opened: %2 images%3")
                             .arg(QString::fromStdString(m_project->dir()))
                             .arg(m_project->data().images.size())
                             .arg(o.info.isEmpty() ? QString() : QStringLiteral("; ") + o.info));
  for (const auto& s : o.skipped)  // never silent: each file the project does not take, with its reason
    Q_EMIT messageLogged(tr("skipped %1: %2").arg(QString::fromStdString(s.path), QString::fromStdString(s.reason)));
  if (m_project->read_only() && !quiet)
    QMessageBox::information(this, tr("Read-only"), QString::fromStdString(m_project->read_only_reason()));
  QSettings().setValue(QStringLiteral("lastProject"), QString::fromStdString(m_project->dir()));
  m_undo.clear();
  rebuildOrder();
}

bool ReviewPage::createProject(const QString& dir, const QStringList& folders, bool quiet) {
  std::vector<std::string> list;
  for (const auto& f : folders) list.push_back(f.toStdString());
  return openInBackground(
      [dir = dir.toStdString(), list] {
        auto project = std::make_shared<aia::Project>(aia::Project::create(dir, list));
        const aia::TagImport imported = aia::import_xmp_tags(*project);
        return Opened{project, {}, QString::fromStdString(imported.summary()), true, project->rescan().skipped};
      },
      tr("Cannot make the project"), quiet);
}

bool ReviewPage::openProject(const QString& dir, bool quiet) {
  return openInBackground(
      [dir = dir.toStdString()] {
        auto project = std::make_shared<aia::Project>(aia::Project::open(dir));
        if (project->read_only()) return Opened{project, {}, {}, false, {}};
        const aia::ScanResult scan = project->rescan();
        return Opened{project, {}, QString::fromStdString(scan.summary()), false, scan.skipped};
      },
      tr("Cannot open the project"), quiet);
}

void ReviewPage::closeProject() {
  if (m_trainingReviewed) return;
  m_undo.clear();
  m_project.reset();
  m_rows.clear();
  m_flags.clear();
  m_row = -1;
  m_model->reset();
  rebuildOrder();
}

void ReviewPage::newProjectDialog() {
  // One dialog: the images, and where the project goes (filled in from the
  // images' folder until the user types a place of their own). Asynchronous:
  // no nested event loop.
  auto* dialog = new QDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setObjectName(QStringLiteral("newProjectDialog"));
  dialog->setWindowTitle(tr("New annotation project"));
  auto* images = new QLineEdit;
  images->setObjectName(QStringLiteral("projectImages"));
  images->setMinimumWidth(420);
  auto* place = new QLineEdit;
  place->setObjectName(QStringLiteral("projectPlace"));
  const QString base = m_dataFolder.isEmpty() ? QDir::homePath() : m_dataFolder;
  auto suggest = [base, place](const QString& folder) {
    if (!place->isModified() && !folder.isEmpty())
      place->setText(QString::fromStdString(aia::new_project_dir(base.toStdString(), folder.toStdString())));
  };
  connect(images, &QLineEdit::textChanged, dialog, suggest);
  auto browse = [dialog](QLineEdit* field, const QString& title) {
    auto* button = new QPushButton(tr("Browse..."));
    connect(button, &QPushButton::clicked, dialog, [dialog, field, title] {
      const QString dir = QFileDialog::getExistingDirectory(dialog, title, field->text());
      if (!dir.isEmpty()) field->setText(dir);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(button);
    return row;
  };
  auto* form = new QFormLayout(dialog);
  form->addRow(tr("&Images:"), browse(images, tr("Folder of images to annotate")));
  form->addRow(tr("&Project folder:"), browse(place, tr("Annotation project folder")));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
  form->addRow(buttons);
  connect(dialog, &QDialog::accepted, this, [this, images, place] {
    if (!images->text().trimmed().isEmpty() && !place->text().trimmed().isEmpty())
      createProject(place->text().trimmed(), {images->text().trimmed()});
  });
  dialog->open();
}

void ReviewPage::openProjectDialog() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Annotation project folder"), m_dataFolder);
  if (!dir.isEmpty()) openProject(dir);
}

// --- the list and the image ------------------------------------------------------

void ReviewPage::rebuildOrder() {
  const int keep = currentImage();
  m_rows.clear();
  m_flags.clear();
  if (m_project) {
    if (m_toolbar->showsLikelyErrors()) {
      try {
        m_flags = aia::likely_label_errors(*m_project);
      } catch (const std::exception& e) {
        Q_EMIT messageLogged(QString::fromStdString(e.what()));
      }
      for (const auto& f : m_flags)
        if (std::find(m_rows.begin(), m_rows.end(), f.image) == m_rows.end()) m_rows.push_back(f.image);
    } else {
      m_rows = aia::review_order(m_project->data(), aia::parse_review_order(m_toolbar->orderName()));
    }
  }
  m_model->reset();
  const bool open = m_project != nullptr;
  m_readOnly->setVisible(open && m_project->read_only());
  if (open) m_readOnly->setText(QString::fromStdString(m_project->read_only_reason()));
  updateToolbar();
  m_chips->setTypingEnabled(open && !m_project->read_only());
  if (open) m_chips->setVocabulary(m_project->data().vocabulary);
  m_row = -1;
  int row = 0;
  if (keep >= 0) {
    auto it = std::find(m_rows.begin(), m_rows.end(), static_cast<std::size_t>(keep));
    if (it != m_rows.end()) row = static_cast<int>(it - m_rows.begin());
  } else if (open) {  // start at the first image that needs a look
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
      const aia::ProjectImage& image = m_project->data().images[m_rows[r]];
      if (image.state == aia::ReviewState::Unreviewed && !image.auto_decided) {
        row = static_cast<int>(r);
        break;
      }
    }
  }
  if (!m_rows.empty()) {
    showImage(row);
  } else {
    m_image->clear();
    m_image->setText(open ? tr("No images to show.") : QString());
    m_imageCaption->clear();
    refresh();
  }
}

void ReviewPage::showImage(int row) {
  if (!m_project || row < 0 || row >= static_cast<int>(m_rows.size())) return;
  m_row = row;
  m_shownAt = QDateTime::currentMSecsSinceEpoch();
  {
    const QSignalBlocker block(m_list->selectionModel());
    m_list->setCurrentIndex(m_model->index(row));
  }
  m_list->scrollTo(m_model->index(row));
  const aia::ProjectImage& image = m_project->data().images[m_rows[static_cast<std::size_t>(row)]];
  const QString path = QString::fromStdString(image.path);
  m_imageCaption->setText(path);
  m_image->setText(tr("Loading..."));
  // Decoded off the GUI thread at the size it is shown; a late result for another image is dropped.
  const int generation = ++m_previewGeneration;
  const QSize box = m_image->size().expandedTo(QSize(320, 240));
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation, path] {
    watcher->deleteLater();
    if (generation != m_previewGeneration) return;
    const QImage img = watcher->result();
    if (img.isNull()) {
      m_image->setText(QFileInfo::exists(path) ? tr("This file cannot be decoded as an image.")
                                               : tr("The image is no longer there; the next scan marks it missing."));
    } else {
      m_image->setPixmap(QPixmap::fromImage(img));
    }
    Q_EMIT imageShown(currentImage());
  });
  watcher->setFuture(QtConcurrent::run([path, box] { return decodeToFit(path, box); }));
  refresh();
}

void ReviewPage::updateToolbar() {
  const bool open = m_project != nullptr;
  m_toolbar->setProjectState(open ? QString::fromStdString(m_project->dir()) : QString(), open,
                             open && !m_project->read_only(), m_busy);
}

void ReviewPage::refresh() {
  const int index = currentImage();
  if (index < 0)
    m_chips->clearChips();
  else
    m_chips->setChips(aia::chips_of(m_project->data().images[static_cast<std::size_t>(index)]), m_flags,
                      static_cast<std::size_t>(index), !m_project->read_only());
  if (m_row >= 0) m_model->rowChanged(m_row);
  updateProgress();
}

void ReviewPage::updateProgress() {
  QLabel* progress = m_toolbar->progressLabel();
  if (!m_project) {
    progress->clear();
    return;
  }
  const aia::ProjectProgress p = aia::progress_of(m_project->data());
  QString text = tr("%1 of %2 reviewed").arg(p.reviewed).arg(p.total);
  if (p.skipped) text += tr(", %1 skipped").arg(p.skipped);
  if (p.reviewed) text += tr(" \u00b7 %1 s per image").arg(p.seconds_per_image, 0, 'f', 1);
  if (p.scored < p.total) text += tr(" \u00b7 %1 not scored").arg(p.total - p.scored);
  if (p.missing) text += tr(" \u00b7 %1 missing").arg(p.missing);
  if (m_toolbar->showsLikelyErrors()) text += tr(" \u00b7 %1 likely label errors").arg(m_flags.size());
  if (m_lastAccept && (p.auto_accepted_tags || p.auto_decided))
    text += tr(" \u00b7 %1 tags auto-accepted at \u2265 %2% precision (delta %3) \u00b7 %4 images still need you")
                .arg(p.auto_accepted_tags)
                .arg(m_lastAccept->target * 100, 0, 'g', 4)
                .arg(m_lastAccept->delta)
                .arg(p.need_review);
  progress->setText(text);
}

// --- edits -------------------------------------------------------------------------

void ReviewPage::applyRecord(std::size_t index, const aia::ProjectImage& record) {
  if (!m_project) return;
  try {
    m_project->set_image(index, record);
  } catch (const std::exception& e) {
    fail(tr("The edit was not saved"), QString::fromStdString(e.what()));
    return;
  }
  // Show the image the edit belongs to (undo may go back to an earlier one).
  auto it = std::find(m_rows.begin(), m_rows.end(), index);
  if (it != m_rows.end() && static_cast<int>(it - m_rows.begin()) != m_row)
    showImage(static_cast<int>(it - m_rows.begin()));
  else
    refresh();
  m_chips->setVocabulary(m_project->data().vocabulary);
}

void ReviewPage::edit(const aia::ProjectImage& after, const QString& what) {
  const int index = currentImage();
  if (index < 0 || m_project->read_only()) return;
  const aia::ProjectImage& before = m_project->data().images[static_cast<std::size_t>(index)];
  m_undo.push(new ImageEditCommand(this, static_cast<std::size_t>(index), before, after, what));
}

void ReviewPage::toggleChip(int position) {
  const int index = currentImage();
  if (index < 0) return;
  const aia::ProjectImage& image = m_project->data().images[static_cast<std::size_t>(index)];
  const auto chips = aia::chips_of(image);
  if (position < 0 || position >= static_cast<int>(chips.size())) return;
  const auto& chip = chips[static_cast<std::size_t>(position)];
  edit(aia::toggle_tag(image, chip.tag),
       (chip.on ? tr("reject %1") : tr("accept %1")).arg(QString::fromStdString(chip.tag)));
}

void ReviewPage::addTypedTag() {
  const QString text = m_chips->typedText();
  if (text.trimmed().isEmpty()) {
    acceptAndNext();
    return;
  }
  const int index = currentImage();
  if (index < 0) return;
  try {
    const aia::ProjectImage& image = m_project->data().images[static_cast<std::size_t>(index)];
    edit(aia::add_tag(image, text.toStdString()), tr("add %1").arg(text.trimmed()));
    m_chips->clearTyped();
  } catch (const std::exception& e) {
    Q_EMIT messageLogged(QString::fromStdString(e.what()));
    m_chips->showTypingError(QString::fromStdString(e.what()));
    m_toolbar->progressLabel()->setText(QString::fromStdString(e.what()));
  }
}

void ReviewPage::acceptAndNext() {
  const int index = currentImage();
  if (index < 0) return;
  const qint64 ms = std::min(QDateTime::currentMSecsSinceEpoch() - m_shownAt, kIdleCapMs);
  edit(aia::mark_reviewed(m_project->data().images[static_cast<std::size_t>(index)], double(ms) / 1000.0),
       tr("accept %1")
           .arg(QFileInfo(QString::fromStdString(m_project->data().images[std::size_t(index)].path)).fileName()));
  moveToNextUnreviewed();
}

void ReviewPage::skipAndNext() {
  const int index = currentImage();
  if (index < 0) return;
  const qint64 ms = std::min(QDateTime::currentMSecsSinceEpoch() - m_shownAt, kIdleCapMs);
  edit(aia::mark_skipped(m_project->data().images[static_cast<std::size_t>(index)], double(ms) / 1000.0), tr("skip"));
  moveToNextUnreviewed();
}

void ReviewPage::moveToNextUnreviewed() {
  for (std::size_t step = 1; step <= m_rows.size(); ++step) {
    const std::size_t r = (static_cast<std::size_t>(std::max(m_row, 0)) + step) % m_rows.size();
    const aia::ProjectImage& image = m_project->data().images[m_rows[r]];
    if (image.state == aia::ReviewState::Unreviewed && !image.auto_decided) {
      showImage(static_cast<int>(r));
      return;
    }
  }
  next();  // everything is reviewed: just move on
}

void ReviewPage::showFirstToReview() {
  if (!m_project) return;
  for (std::size_t r = 0; r < m_rows.size(); ++r) {
    const aia::ProjectImage& image = m_project->data().images[m_rows[r]];
    if (image.state == aia::ReviewState::Unreviewed && !image.auto_decided) {
      showImage(static_cast<int>(r));
      break;
    }
  }
  m_list->setFocus();
}

void ReviewPage::next() {
  if (m_row + 1 < static_cast<int>(m_rows.size())) showImage(m_row + 1);
}

void ReviewPage::previous() {
  if (m_row > 0) showImage(m_row - 1);
}

bool ReviewPage::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
  auto* key = static_cast<QKeyEvent*>(event);
  if (watched == m_list) {
    const bool plain = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
    if (plain && key->key() >= Qt::Key_1 && key->key() <= Qt::Key_9) {
      toggleChip(key->key() - Qt::Key_1);
      return true;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
      if (key->modifiers() & Qt::ShiftModifier)
        skipAndNext();
      else
        acceptAndNext();
      return true;
    }
    const QString text = key->text();
    if (plain && !text.isEmpty() && text.at(0).isPrint() && !text.at(0).isSpace() && !text.at(0).isDigit() &&
        m_chips->typingEnabled()) {  // typing starts a tag
      m_chips->startTyping(text);
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ReviewPage::keyPressEvent(QKeyEvent* event) {
  // The page itself has focus (after a click on the image): the same keys as the list.
  if (eventFilter(m_list, event)) return;
  if (event->key() == Qt::Key_Right || event->key() == Qt::Key_Down) return next();
  if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Up) return previous();
  QWidget::keyPressEvent(event);
}

// --- scoring and training ------------------------------------------------------------

}  // namespace aia::ui
