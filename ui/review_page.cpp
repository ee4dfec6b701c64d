#include "review_page.h"

#include "image_decode.h"

#include "aia/catalogue/catalogue.h"
#include "aia/data/dataset.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QToolButton>
#include <QUndoCommand>
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

namespace {

constexpr qint64 kIdleCapMs = 300000;  // a review longer than 5 minutes counts as 5 (the user left)

QString chipText(int position, const aia::Chip& chip) {
  QString text = position < 9 ? QStringLiteral("%1  ").arg(position + 1) : QString();
  text += QString::fromStdString(chip.tag);
  if (!std::isnan(chip.score)) text += QStringLiteral("  %1").arg(chip.score, 0, 'f', 2);
  if (chip.source == aia::Chip::Source::Imported) text += QObject::tr("  (imported)");
  if (chip.source == aia::Chip::Source::Kept) text += QObject::tr("  (kept)");
  if (chip.source == aia::Chip::Source::Added) text += QObject::tr("  (added)");
  if (chip.auto_accepted) text += QObject::tr("  (auto-accepted)");
  return text;
}

}  // namespace

ReviewPage::ReviewPage(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  QLayout* toolbar = createToolbar();
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
  layout->addLayout(toolbar);
  layout->addWidget(m_readOnly);
  layout->addWidget(split, 1);
  connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
    if (current.isValid() && current.row() != m_row) showImage(current.row());
  });
  connect(&m_undo, &QUndoStack::indexChanged, this, [this] { updateProgress(); });
  updateProgress();
}

// The project's buttons, order and filter, progress and the busy bar: two rows.
QLayout* ReviewPage::createToolbar() {
  auto* newButton = new QPushButton(tr("&New project..."));
  auto* openButton = new QPushButton(tr("&Open project..."));
  m_scoreButton = new QPushButton(tr("&Score"));
  m_trainButton = new QPushButton(tr("&Train on reviewed images"));
  // Clicking them leaves the keyboard in the review view (their mnemonics work):
  // a disabled button would otherwise hand its focus to the next field.
  for (auto* b : {newButton, openButton, m_scoreButton, m_trainButton}) b->setFocusPolicy(Qt::NoFocus);
  m_title = new QLabel(tr("No project. Make one from a folder of images, or open one."));
  m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
  createOrderChoices();
  m_scoreButton->setToolTip(tr("Score the unreviewed images with the project's run (or the open run)"));
  m_trainButton->setObjectName(QStringLiteral("trainOnReviewed"));
  m_trainButton->setToolTip(
      tr("Fine-tune the project's run on the reviewed images (new tags grow the head); the unreviewed images are "
         "scored again with the new run"));
  m_withOriginal = new QCheckBox(tr("with the run's training set"));
  m_withOriginal->setToolTip(
      tr("Also train on the images the project's first run was trained on, and test on its "
         "test split (slower; keeps what it knew). Otherwise 20% of the reviewed images are "
         "held out as the test split."));
  m_epochs = new QSpinBox;
  m_epochs->setRange(1, 200);
  m_epochs->setValue(10);
  m_epochs->setSuffix(tr(" epochs"));
  m_epochs->setToolTip(tr("Epochs of fine-tuning"));
  createAcceptControls();
  createExportButton();

  auto* top = new QHBoxLayout;
  top->addWidget(newButton);
  top->addWidget(openButton);
  top->addWidget(m_title, 1);
  top->addWidget(m_scoreButton);
  top->addWidget(m_trainButton);
  top->addWidget(m_epochs);
  top->addWidget(m_withOriginal);
  top->addWidget(m_acceptTarget);
  top->addWidget(m_acceptButton);
  top->addWidget(m_exportButton);

  auto* second = new QHBoxLayout;
  second->addWidget(new QLabel(tr("Order:")));
  second->addWidget(m_order);
  second->addWidget(new QLabel(tr("Show:")));
  second->addWidget(m_show);
  m_progress = new QLabel;
  m_progress->setObjectName(QStringLiteral("reviewProgress"));
  second->addWidget(m_progress, 1);
  m_busyBar = new QProgressBar;
  m_busyBar->setVisible(false);
  m_busyBar->setMaximumWidth(260);
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setVisible(false);
  second->addWidget(m_busyBar);
  second->addWidget(m_cancel);

  connect(newButton, &QPushButton::clicked, this, &ReviewPage::newProjectDialog);
  connect(openButton, &QPushButton::clicked, this, &ReviewPage::openProjectDialog);
  connect(m_scoreButton, &QPushButton::clicked, this, [this] { scoreImages(false); });
  connect(m_trainButton, &QPushButton::clicked, this, &ReviewPage::trainOnReviewed);
  connect(m_acceptButton, &QPushButton::clicked, this, [this] {
    autoAccept(m_acceptTarget->value());
    m_list->setFocus();
  });
  connect(m_cancel, &QPushButton::clicked, this, &ReviewPage::cancelScoring);
  connect(m_order, &QComboBox::currentIndexChanged, this, [this] { rebuildOrder(); });
  connect(m_show, &QComboBox::currentIndexChanged, this, [this] { rebuildOrder(); });
  auto* rowsLayout = new QVBoxLayout;
  rowsLayout->addLayout(top);
  rowsLayout->addLayout(second);
  return rowsLayout;
}

// The review order and the filter (all images, or the likely label errors).
void ReviewPage::createOrderChoices() {
  m_order = new QComboBox;
  m_order->setObjectName(QStringLiteral("reviewOrder"));
  for (const auto& order : aia::review_orders()) {
    QString label = QString::fromStdString(order.description);
    if (order.name == "uncertain") label = tr("Most uncertain first");
    if (order.name == "file") label = tr("File order");
    if (order.name == "random") label = tr("Random order");
    m_order->addItem(label, QString::fromStdString(order.name));
  }
  m_order->setToolTip(
      tr("Most uncertain first: images whose closest label score is nearest that label's MCC threshold"));
  m_show = new QComboBox;
  m_show->setObjectName(QStringLiteral("reviewShow"));
  m_show->addItem(tr("All images"));
  m_show->addItem(tr("Likely label errors"));
  m_show->setToolTip(tr("Reviewed images with a tag the model, scored out of fold, strongly disagrees with"));
}

// Auto-accept: the precision to certify and the button.
void ReviewPage::createAcceptControls() {
  m_acceptTarget = new QDoubleSpinBox;
  m_acceptTarget->setObjectName(QStringLiteral("acceptPrecision"));
  m_acceptTarget->setRange(0.5, 0.999);
  m_acceptTarget->setDecimals(3);
  m_acceptTarget->setSingleStep(0.01);
  m_acceptTarget->setValue(0.95);
  m_acceptTarget->setToolTip(tr("The precision to certify for auto-accepted tags"));
  m_acceptButton = new QPushButton(tr("Auto-&accept"));
  m_acceptButton->setObjectName(QStringLiteral("autoAccept"));
  m_acceptButton->setFocusPolicy(Qt::NoFocus);
  m_acceptButton->setToolTip(
      tr("Accept tags whose precision is certified on your reviewed images (risk 0.1), hide tags certified absent; "
         "images with every label decided leave the queue. Nothing is marked reviewed; undo takes it back."));
}

// Export, with its menu: a dataset, a CSV, XMP sidecars.
void ReviewPage::createExportButton() {
  m_exportButton = new QPushButton(tr("E&xport"));
  m_exportButton->setFocusPolicy(Qt::NoFocus);
  auto* exportMenu = new QMenu(m_exportButton);
  exportMenu->addAction(tr("As a &dataset (JSON layout)..."), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the dataset"));
    if (!dir.isEmpty()) exportDataset(dir);
  });
  exportMenu->addAction(tr("As an annotations &CSV..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Annotations CSV"), {}, tr("CSV (*.csv)"));
    if (!path.isEmpty()) exportCsv(path);
  });
  exportMenu->addAction(tr("Into &XMP sidecars"), this, &ReviewPage::exportXmp);
  m_exportButton->setMenu(exportMenu);
}

// The image, its caption, the chips, the tag field and the review buttons.
QWidget* ReviewPage::createReviewPane() {
  m_image = new QLabel;
  m_image->setObjectName(QStringLiteral("reviewImage"));
  m_image->setAlignment(Qt::AlignCenter);
  m_image->setMinimumSize(320, 240);
  m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  m_imageCaption = new QLabel;
  m_imageCaption->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
  rightLayout->addWidget(m_chipBar);
  rightLayout->addWidget(m_tagEdit);
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

QList<QToolButton*> ReviewPage::chipButtons() const {
  return m_chipBar->findChildren<QToolButton*>(QString(), Qt::FindDirectChildrenOnly);
}

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
    if (m_show->currentIndex() == 1) {
      try {
        m_flags = aia::likely_label_errors(*m_project);
      } catch (const std::exception& e) {
        Q_EMIT messageLogged(QString::fromStdString(e.what()));
      }
      for (const auto& f : m_flags)
        if (std::find(m_rows.begin(), m_rows.end(), f.image) == m_rows.end()) m_rows.push_back(f.image);
    } else {
      m_rows = aia::review_order(m_project->data(),
                                 aia::parse_review_order(m_order->currentData().toString().toStdString()));
    }
  }
  m_model->reset();
  const bool open = m_project != nullptr;
  const bool writable = open && !m_project->read_only();
  m_title->setText(open ? QString::fromStdString(m_project->dir())
                        : tr("No project. Make one from a folder of images, or open one."));
  m_readOnly->setVisible(open && m_project->read_only());
  if (open) m_readOnly->setText(QString::fromStdString(m_project->read_only_reason()));
  m_scoreButton->setEnabled(writable && !m_busy);
  m_trainButton->setEnabled(writable && !m_busy);
  m_exportButton->setEnabled(open);
  m_acceptButton->setEnabled(writable && !m_busy);
  m_tagEdit->setEnabled(writable);
  if (open) {
    QStringList words;
    for (const auto& v : m_project->data().vocabulary) words << QString::fromStdString(v);
    m_completions->setStringList(words);
  }
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

void ReviewPage::refresh() {
  // The chips are rebuilt; the old ones may be in the middle of their click signal, so they go later.
  while (QLayoutItem* item = m_chipLayout->takeAt(0)) {
    if (QWidget* w = item->widget()) {
      w->hide();
      w->setParent(nullptr);
      w->deleteLater();
    }
    delete item;
  }
  const int index = currentImage();
  if (index >= 0) {
    const aia::ProjectImage& image = m_project->data().images[static_cast<std::size_t>(index)];
    const auto chips = aia::chips_of(image);
    const bool writable = !m_project->read_only();
    for (std::size_t k = 0; k < chips.size(); ++k) {
      auto* b = new QToolButton(m_chipBar);
      b->setCheckable(true);
      b->setChecked(chips[k].on);
      b->setText(chipText(static_cast<int>(k), chips[k]));
      b->setEnabled(writable);
      b->setFocusPolicy(Qt::NoFocus);
      QString tip = chips[k].on ? tr("A tag of this image; click or press its number to reject it")
                                : tr("Not a tag of this image; click or press its number to accept it");
      for (const auto& f : m_flags)
        if (f.image == static_cast<std::size_t>(index) && f.tag == chips[k].tag) {
          b->setText(b->text() + QStringLiteral("  \u26a0"));
          tip = f.kept ? tr("Likely label error: kept, but the model scores it %1 (threshold %2)")
                             .arg(f.score, 0, 'f', 2)
                             .arg(f.threshold, 0, 'f', 2)
                       : tr("Likely label error: left out, but the model scores it %1 (threshold %2)")
                             .arg(f.score, 0, 'f', 2)
                             .arg(f.threshold, 0, 'f', 2);
        }
      b->setToolTip(tip);
      connect(b, &QToolButton::clicked, this, [this, k] { toggleChip(static_cast<int>(k)); });
      m_chipLayout->insertWidget(static_cast<int>(k), b);
    }
    m_chipLayout->addStretch(1);
  }
  if (m_row >= 0) m_model->rowChanged(m_row);
  updateProgress();
}

void ReviewPage::updateProgress() {
  if (!m_project) {
    m_progress->clear();
    return;
  }
  const aia::ProjectProgress p = aia::progress_of(m_project->data());
  QString text = tr("%1 of %2 reviewed").arg(p.reviewed).arg(p.total);
  if (p.skipped) text += tr(", %1 skipped").arg(p.skipped);
  if (p.reviewed) text += tr(" \u00b7 %1 s per image").arg(p.seconds_per_image, 0, 'f', 1);
  if (p.scored < p.total) text += tr(" \u00b7 %1 not scored").arg(p.total - p.scored);
  if (p.missing) text += tr(" \u00b7 %1 missing").arg(p.missing);
  if (m_show->currentIndex() == 1) text += tr(" \u00b7 %1 likely label errors").arg(m_flags.size());
  if (m_lastAccept && (p.auto_accepted_tags || p.auto_decided))
    text += tr(" \u00b7 %1 tags auto-accepted at \u2265 %2% precision (delta %3) \u00b7 %4 images still need you")
                .arg(p.auto_accepted_tags)
                .arg(m_lastAccept->target * 100, 0, 'g', 4)
                .arg(m_lastAccept->delta)
                .arg(p.need_review);
  m_progress->setText(text);
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
  QStringList words;
  for (const auto& v : m_project->data().vocabulary) words << QString::fromStdString(v);
  if (words.size() != m_completions->rowCount()) m_completions->setStringList(words);
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
  const QString text = m_tagEdit->text();
  if (text.trimmed().isEmpty()) {
    acceptAndNext();
    return;
  }
  const int index = currentImage();
  if (index < 0) return;
  try {
    const aia::ProjectImage& image = m_project->data().images[static_cast<std::size_t>(index)];
    edit(aia::add_tag(image, text.toStdString()), tr("add %1").arg(text.trimmed()));
    m_tagEdit->clear();
  } catch (const std::exception& e) {
    Q_EMIT messageLogged(QString::fromStdString(e.what()));
    m_tagEdit->setToolTip(QString::fromStdString(e.what()));
    m_progress->setText(QString::fromStdString(e.what()));
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
  if (watched == m_tagEdit) {
    if (key->key() == Qt::Key_Escape) {
      m_tagEdit->clear();
      m_list->setFocus();
      return true;
    }
    if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
      // Handled here: QLineEdit lets Return through to its parent, which would also accept the image.
      addTypedTag();
      return true;
    }
    return QWidget::eventFilter(watched, event);
  }
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
        m_tagEdit->isEnabled()) {  // typing starts a tag
      m_tagEdit->setFocus();
      m_tagEdit->setText(m_tagEdit->text() + text);
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

QString ReviewPage::runForScoring() const {
  if (m_project && !m_project->data().run.empty()) return QString::fromStdString(m_project->data().run);
  return m_runDir;
}

void ReviewPage::setBusy(bool busy, const QString& what) {
  m_busy = busy;
  m_busyBar->setVisible(busy);
  m_cancel->setVisible(busy);
  m_busyBar->setFormat(what + QStringLiteral(" %v/%m"));
  m_busyBar->setRange(0, 0);
  const bool writable = m_project && !m_project->read_only();
  m_scoreButton->setEnabled(writable && !busy);
  m_trainButton->setEnabled(writable && !busy);
  m_acceptButton->setEnabled(writable && !busy);
}

void ReviewPage::scoreImages(bool all) {
  if (!m_project || m_project->read_only() || m_busy) return;
  const QString run = runForScoring();
  if (run.isEmpty()) {
    fail(tr("No run to score with"), tr("Open a trained run first (File > Open run), or train one."));
    return;
  }
  try {
    if (m_project->data().run.empty()) m_project->set_run(run.toStdString());
    const aia::ScanResult scan = m_project->rescan();  // images added, removed or changed since the project opened
    if (scan.added || scan.missing || scan.returned || scan.changed)
      Q_EMIT messageLogged(tr("images on disk: %1").arg(QString::fromStdString(scan.summary())));
  } catch (const std::exception& e) {
    fail(tr("Cannot score"), QString::fromStdString(e.what()));
    return;
  }
  const std::vector<std::string> paths = aia::images_to_score(m_project->data(), all);
  if (paths.empty()) {
    Q_EMIT messageLogged(tr("every image is scored"));
    Q_EMIT scoringFinished(0);
    return;
  }
  setBusy(true, tr("scoring"));
  m_cancelScoring = std::make_shared<std::atomic<bool>>(false);
  struct Outcome {
    aia::ScoringResult result;
    QString failure;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
    watcher->deleteLater();
    const Outcome o = watcher->result();
    setBusy(false);
    storeScores(o.result, o.failure);
  });
  auto cancel = m_cancelScoring;
  QPointer<QProgressBar> bar = m_busyBar;
  watcher->setFuture(QtConcurrent::run([run = run.toStdString(), paths, cancel, bar] {
    Outcome o;
    aia::Annotator::Options options;
    options.cancelled = [cancel] { return cancel->load(); };
    options.progress = [bar](std::size_t done, std::size_t total) {
      QMetaObject::invokeMethod(
          bar.data(),
          [bar, done, total] {
            if (!bar) return;
            bar->setRange(0, static_cast<int>(total));
            bar->setValue(static_cast<int>(done));
          },
          Qt::QueuedConnection);
    };
    try {
      o.result = aia::score_images(run, paths, options);
    } catch (const std::exception& e) {
      o.failure = QString::fromStdString(e.what());
    }
    return o;
  }));
}

// The scores of a finished scoring run (on the GUI thread, which owns the project).
void ReviewPage::storeScores(const aia::ScoringResult& result, const QString& failure) {
  if (!failure.isEmpty()) {
    fail(tr("Scoring failed"), failure);
    Q_EMIT scoringFinished(-1);
    return;
  }
  if (*m_cancelScoring) {
    Q_EMIT messageLogged(tr("scoring cancelled; nothing was changed"));
    Q_EMIT scoringFinished(-1);
    return;
  }
  if (!m_project) return;
  try {
    const auto failures = aia::apply_scores(*m_project, result);
    for (const auto& f : failures) Q_EMIT messageLogged(tr("skipped %1").arg(QString::fromStdString(f)));
    Q_EMIT messageLogged(tr("scored %1 images with %2")
                             .arg(result.results.size() - failures.size())
                             .arg(QString::fromStdString(result.run_dir)));
  } catch (const std::exception& e) {
    fail(tr("Cannot store the scores"), QString::fromStdString(e.what()));
  }
  m_undo.clear();  // the records changed under the undo history
  rebuildOrder();
  showFirstToReview();  // the new order's first, not the image that was current
  Q_EMIT scoringFinished(static_cast<int>(result.results.size()));
}

void ReviewPage::cancelScoring() {
  if (m_cancelScoring) *m_cancelScoring = true;
}

void ReviewPage::trainOnReviewed() {
  if (!m_project || m_project->read_only() || m_busy) return;
  try {
    if (m_project->data().run.empty() && !m_runDir.isEmpty()) m_project->set_run(m_runDir.toStdString());
  } catch (const std::exception& e) {
    fail(tr("Cannot train yet"), QString::fromStdString(e.what()));
    return;
  }
  aia::ProjectTrainOptions options;
  options.include_original = m_withOriginal->isChecked();
  options.epochs = m_epochs->value();
  m_trainingReviewed = true;
  m_reviewedScored = 0;
  setBusy(true, tr("training"));
  m_cancel->setVisible(false);  // the Train page's Stop stops it
  Q_EMIT trainRequested(options);
}

void ReviewPage::scoringProgressed(int done, int total) {
  if (!m_trainingReviewed) return;
  m_busyBar->setFormat(tr("scoring") + QStringLiteral(" %v/%m"));
  m_busyBar->setRange(0, total);
  m_busyBar->setValue(done);
}

void ReviewPage::reviewedTrainingFinished(const QString& summary, int scored, const QStringList& failures) {
  if (!m_trainingReviewed) return;
  Q_EMIT messageLogged(tr("training on the reviewed images: %1").arg(summary));
  for (const auto& f : failures) Q_EMIT messageLogged(tr("skipped %1").arg(f));
  m_reviewedScored = scored;
}

void ReviewPage::trainingFinished(aia::RunStatus outcome, const QString& message, const QString& runDir) {
  if (!m_trainingReviewed) return;
  m_trainingReviewed = false;
  setBusy(false);
  if (outcome != aia::RunStatus::Succeeded || !m_project) {
    // Nothing trained (too few reviewed images, another run in progress): say why at once.
    if (outcome == aia::RunStatus::Failed && runDir.isEmpty())
      fail(tr("Cannot train yet"), message);
    else
      Q_EMIT messageLogged(tr("training on the reviewed images did not finish: %1").arg(message));
    return;
  }
  Q_EMIT messageLogged(tr("scored %1 images with %2").arg(m_reviewedScored).arg(runDir));
  m_undo.clear();  // the records changed under the undo history
  rebuildOrder();
  showFirstToReview();
  Q_EMIT scoringFinished(m_reviewedScored);
}

// --- certified auto-accept ----------------------------------------------------------

void ReviewPage::autoAccept(double precision) {
  if (!m_project || m_project->read_only() || m_busy) return;
  const std::vector<aia::ProjectImage> before = m_project->data().images;
  const aia::CertifyOptions options{precision, 0.1};
  aia::AcceptReport report;
  try {
    report = aia::auto_accept(*m_project, options);
  } catch (const std::exception& e) {
    fail(tr("Cannot auto-accept"), QString::fromStdString(e.what()));
    return;
  }
  std::vector<RecordChange> changes;
  const auto& after = m_project->data().images;
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i)
    if (before[i].auto_accepted != after[i].auto_accepted || before[i].auto_rejected != after[i].auto_rejected ||
        before[i].auto_decided != after[i].auto_decided)
      changes.push_back({i, before[i], after[i]});
  m_lastAccept = options;
  QStringList abstained;
  for (const auto& l : report.labels)
    if (!l.accept.certified)
      abstained << tr("%1: %2").arg(QString::fromStdString(l.label), QString::fromStdString(l.accept.reason));
  m_progress->setToolTip(abstained.isEmpty() ? QString() : tr("Labels that abstain:\n%1").arg(abstained.join('\n')));
  Q_EMIT messageLogged(QString::fromStdString(report.summary()));
  for (const auto& line : abstained) Q_EMIT messageLogged(tr("abstains: %1").arg(line));
  if (!changes.empty()) m_undo.push(new AutoAcceptCommand(this, std::move(changes), tr("auto-accept")));
  rebuildOrder();
  Q_EMIT autoAccepted(static_cast<int>(report.accepted_tags), static_cast<int>(report.need_review));
}

void ReviewPage::applyRecords(const std::vector<RecordChange>& changes, bool after) {
  if (!m_project) return;
  try {
    for (const auto& c : changes) m_project->set_image(c.index, after ? c.after : c.before);
  } catch (const std::exception& e) {
    fail(tr("The edit was not saved"), QString::fromStdString(e.what()));
  }
  rebuildOrder();
}

// --- exports ----------------------------------------------------------------------------

// What an export holds that no person reviewed, in words ("" when nothing).
QString ReviewPage::autoDecidedNote(const aia::ExportSummary& s) {
  if (!s.auto_decided && !s.auto_accepted_tags) return {};
  return tr(" (%1 of them decided by certified thresholds, not reviewed; %2 auto-accepted tags marked)")
      .arg(s.auto_decided)
      .arg(s.auto_accepted_tags);
}

void ReviewPage::exportDataset(const QString& folder) {
  if (!m_project) return;
  try {
    const auto s = aia::export_project(*m_project, aia::ProjectExport::Dataset, folder.toStdString());
    Q_EMIT messageLogged(tr("exported %1 images as a dataset in %2").arg(s.images).arg(folder) + autoDecidedNote(s));
  } catch (const std::exception& e) {
    fail(tr("Export failed"), QString::fromStdString(e.what()));
  }
}

void ReviewPage::exportCsv(const QString& path) {
  if (!m_project) return;
  try {
    const auto s = aia::export_project(*m_project, aia::ProjectExport::Csv, path.toStdString());
    Q_EMIT messageLogged(tr("exported %1 images to %2").arg(s.images).arg(path) + autoDecidedNote(s));
  } catch (const std::exception& e) {
    fail(tr("Export failed"), QString::fromStdString(e.what()));
  }
}

void ReviewPage::exportXmp() {
  if (!m_project) return;
  try {
    const auto s = aia::export_project(*m_project, aia::ProjectExport::Xmp, {});
    for (const auto& f : s.failures) Q_EMIT messageLogged(QString::fromStdString(f));
    Q_EMIT messageLogged(tr("wrote the XMP sidecars of %1 images").arg(s.images) + autoDecidedNote(s));
  } catch (const std::exception& e) {
    fail(tr("Export failed"), QString::fromStdString(e.what()));
  }
}

}  // namespace aia::ui
