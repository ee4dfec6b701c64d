#include "main_window.h"

#include "annotate_page.h"
#include "browse_page.h"
#include "dataset_page.h"
#include "experiments_page.h"
#include "get_model_dialog.h"
#include "model_transfer.h"
#include "review_page.h"
#include "run_data.h"
#include "thresholds_page.h"
#include "train_page.h"

#include "aia/run/run_folder.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace aia::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("AIA Studio"));
  setAcceptDrops(true);
  m_controller = new TrainingController(this);
  m_tabs = new QTabWidget;
  m_dataset = new DatasetPage;
  m_train = new TrainPage(m_controller);
  m_browse = new BrowsePage;
  m_thresholds = new ThresholdsPage;
  m_annotate = new AnnotatePage;
  m_experiments =
      new ExperimentsPage(m_controller, [this](const QString& dataset) { return m_train->config(dataset); });
  m_tabs->addTab(m_dataset, tr("&Dataset"));
  m_tabs->addTab(m_train, tr("&Train"));
  m_tabs->addTab(m_browse, tr("&Browse"));
  m_tabs->addTab(m_thresholds, tr("T&hresholds"));
  m_tabs->addTab(m_annotate, tr("&Annotate"));
  m_tabs->addTab(m_experiments, tr("E&xperiments"));
  m_review = new ReviewPage;
  m_transfer = new ModelTransfer(this);
  connect(m_transfer, &ModelTransfer::finished, this, [this](const QString& text, const QString& run) {
    log(text);
    if (!run.isEmpty()) openRun(run);
  });
  connect(m_transfer, &ModelTransfer::failed, this, &MainWindow::showError);
  m_tabs->addTab(m_review, tr("Re&view"));
  setCentralWidget(m_tabs);

  m_log = new QPlainTextEdit;
  m_log->setObjectName(QStringLiteral("log"));
  m_log->setReadOnly(true);
  m_log->setMaximumBlockCount(5000);
  auto* dock = new QDockWidget(tr("Log"), this);
  dock->setObjectName(QStringLiteral("logDock"));
  dock->setWidget(m_log);
  addDockWidget(Qt::BottomDockWidgetArea, dock);

  m_undo.addStack(m_thresholds->undoStack());
  m_undo.addStack(m_annotate->undoStack());
  m_undo.addStack(m_review->undoStack());
  m_undo.setActiveStack(m_thresholds->undoStack());
  connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
    QWidget* page = m_tabs->currentWidget();
    m_undo.setActiveStack(page == m_annotate ? m_annotate->undoStack()
                          : page == m_review ? m_review->undoStack()
                                             : m_thresholds->undoStack());
  });

  connect(m_dataset, &DatasetPage::messageLogged, this, &MainWindow::log);
  connect(m_thresholds, &ThresholdsPage::messageLogged, this, &MainWindow::log);
  connect(m_annotate, &AnnotatePage::messageLogged, this, &MainWindow::log);
  connect(m_experiments, &ExperimentsPage::messageLogged, this, &MainWindow::log);
  connect(m_review, &ReviewPage::messageLogged, this, &MainWindow::log);
  connect(m_controller, &TrainingController::messageLogged, this, &MainWindow::log);
  connect(m_dataset, &DatasetPage::datasetLoaded, this, [this](bool usable) {
    m_train->setDatasetUsable(usable, m_dataset->currentName());
    m_train->setRecipeFor(m_dataset->currentName());
    m_experiments->setDataset(m_dataset->currentName(), usable);
    QSettings().setValue(QStringLiteral("dataset"), m_dataset->currentName());
  });
  connect(m_train, &TrainPage::datasetRequested, m_dataset, &DatasetPage::load);
  connect(m_train, &TrainPage::startRequested, this,
          [this](const aia::TrainConfig& c, const QString& resume) { m_controller->start(c, resume); });
  connect(m_controller, &TrainingController::finished, this,
          [this](aia::RunStatus outcome, const QString& message, const QString& runDir) {
            statusBar()->showMessage(message, 10000);
            if (outcome == aia::RunStatus::Failed) showError(tr("Training failed"), message);
            if (outcome == aia::RunStatus::Succeeded && !runDir.isEmpty()) openRun(runDir);
          });
  connect(m_thresholds, &ThresholdsPage::thresholdsChanged, m_browse, &BrowsePage::setThresholds);
  connect(m_thresholds, &ThresholdsPage::thresholdsChanged, m_annotate, &AnnotatePage::setThresholds);

  connectReview();
  createMenus();
  restoreSession();
}

// "Train on reviewed images" through the training thread, and a project made
// from the Annotate page's images.
void MainWindow::connectReview() {
  connect(m_review, &ReviewPage::trainRequested, this, [this](const aia::ProjectTrainOptions& options) {
    if (m_controller->isRunning()) {
      m_review->trainingFinished(aia::RunStatus::Failed, tr("a training run is in progress already"), {});
      return;
    }
    m_tabs->setCurrentWidget(m_train);  // its progress bar and curves follow the run
    m_controller->startReviewedTraining(m_review->editableProject(), options, m_review);
  });
  connect(m_controller, &TrainingController::scoringProgressed, m_review, &ReviewPage::scoringProgressed);
  connect(m_controller, &TrainingController::reviewedTrainingFinished, m_review, &ReviewPage::reviewedTrainingFinished);
  connect(m_controller, &TrainingController::finished, m_review, &ReviewPage::trainingFinished);
  connect(m_annotate, &AnnotatePage::reviewRequested, this, [this](const QStringList& folders) {
    // A new project under the data folder, named after the first folder.
    const QString dir =
        QString::fromStdString(aia::new_project_dir(dataFolder().toStdString(), folders.first().toStdString()));
    if (!m_review->createProject(dir, folders)) return;
    connect(
        m_review, &ReviewPage::projectOpened, this,
        [this](bool ok) {
          if (!ok) return;
          m_tabs->setCurrentWidget(m_review);
          m_review->scoreImages();
        },
        Qt::SingleShotConnection);
  });
}

// The data folder, the window's geometry, and (once the window shows) the last run and project.
void MainWindow::restoreSession() {
  setDataFolder(dataFolder());
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
  resize(settings.contains(QStringLiteral("geometry")) ? size() : QSize(1200, 800));
  statusBar()->showMessage(tr("Ready"));
  // The last run opens again, so that Annotate works right after a restart.
  const QStringList recent = settings.value(QStringLiteral("recentRuns")).toStringList();
  // Deferred to the event loop: the window shows first, then the run's scores load.
  if (!recent.isEmpty() && QFileInfo(recent.first()).isAbsolute() &&
      aia::RunFolder(recent.first().toStdString()).finished())
    QTimer::singleShot(0, this, [this, last = recent.first()] {
      if (m_runDir.isEmpty()) openRun(last);
    });
  // So does the last annotation project (read-only when another window has it).
  const QString project = settings.value(QStringLiteral("lastProject")).toString();
  if (!project.isEmpty() && QFileInfo::exists(project + QStringLiteral("/project.json")))
    QTimer::singleShot(0, this, [this, project] {
      if (!m_review->project()) m_review->openProject(project, true);
    });
}

QString MainWindow::dataFolder() const {
  const QString fallback = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
  return QSettings().value(QStringLiteral("dataFolder"), fallback).toString();
}

void MainWindow::setDataFolder(const QString& folder) {
  const QString absolute = QFileInfo(folder).absoluteFilePath();
  QSettings().setValue(QStringLiteral("dataFolder"), absolute);
  m_train->setDataFolder(absolute);
  m_experiments->setDataFolder(absolute);
  m_review->setDataFolder(absolute);
}

void MainWindow::preferences() {
  // Window-modal and asynchronous (open(), not exec()): no nested event loop.
  auto* dialog = new QDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("Preferences"));
  auto* folder = new QLineEdit(dataFolder());
  folder->setMinimumWidth(420);
  auto* browse = new QPushButton(tr("Browse..."));
  connect(browse, &QPushButton::clicked, dialog, [dialog, folder] {
    const QString dir =
        QFileDialog::getExistingDirectory(dialog, tr("Folder for runs and experiments"), folder->text());
    if (!dir.isEmpty()) folder->setText(dir);
  });
  auto* row = new QHBoxLayout;
  row->addWidget(folder);
  row->addWidget(browse);
  auto* form = new QFormLayout(dialog);
  form->addRow(tr("&Data folder (runs/ and experiments/):"), row);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
  form->addRow(buttons);
  connect(dialog, &QDialog::accepted, this, [this, folder] {
    if (folder->text().trimmed().isEmpty()) return;
    setDataFolder(folder->text().trimmed());
    log(tr("new runs and experiments go to %1").arg(dataFolder()));
  });
  dialog->open();
}

// The training thread may be running "Train on reviewed images" on the Review
// page's project: it stops (and is waited for) before the pages go.
MainWindow::~MainWindow() { delete m_controller; }

void MainWindow::createMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Open &dataset folder..."), QKeySequence(tr("Ctrl+Shift+O")), m_dataset,
                  &DatasetPage::chooseFolder);
  file->addAction(tr("Open &run..."), QKeySequence(tr("Ctrl+R")), this, &MainWindow::chooseRun);
  m_recent = file->addMenu(tr("Recent r&uns"));
  updateRecentRuns();
  file->addAction(tr("Open &images to annotate..."), QKeySequence::Open, this, [this] {
    m_tabs->setCurrentWidget(m_annotate);
    m_annotate->openFiles();
  });
  file->addSeparator();
  file->addAction(tr("&Save thresholds..."), QKeySequence::Save, m_thresholds, &ThresholdsPage::saveAs);
  file->addAction(tr("&Load thresholds..."), QKeySequence(tr("Ctrl+L")), m_thresholds, &ThresholdsPage::open);
  auto* exportMenu = file->addMenu(tr("&Export CSV"));
  exportMenu->addAction(tr("Test-set &predictions..."), this, [this] {
    exportWith(tr("Export predictions"), tr("CSV (*.csv)"),
               [this](const QString& p) { return m_browse->exportPredictions(p); });
  });
  exportMenu->addAction(tr("Per-label &metrics..."), this, [this] {
    exportWith(tr("Export per-label metrics"), tr("CSV (*.csv)"),
               [this](const QString& p) { return m_thresholds->exportTable(p); });
  });
  exportMenu->addAction(tr("&Thresholds..."), this, [this] {
    exportWith(tr("Export thresholds"), tr("CSV (*.csv)"),
               [this](const QString& p) { return m_thresholds->exportThresholds(p); });
  });
  exportMenu->addAction(tr("&Annotations..."), QKeySequence(tr("Ctrl+E")), this, [this] {
    exportWith(tr("Export annotations"), tr("CSV (*.csv)"),
               [this](const QString& p) { return m_annotate->exportAnnotations(p); });
  });
  file->addAction(tr("Annotations as a &dataset (JSON)..."), this, [this] {
    exportWith(tr("Export annotations as a dataset file (images are copied beside it)"), tr("JSON (*.json)"),
               [this](const QString& p) { return m_annotate->exportDatasetJson(p); });
  });
  file->addAction(tr("Write &XMP sidecars"), m_annotate, &AnnotatePage::writeXmpSidecars);
  file->addSeparator();
  file->addAction(tr("Export &model (ONNX)..."), this, &MainWindow::exportModel);
  auto* get =
      file->addAction(tr("&Get a published model..."), QKeySequence(tr("Ctrl+Shift+G")), this, &MainWindow::getModel);
  get->setObjectName(QStringLiteral("getModelAction"));
  file->addAction(tr("New run from a &published model..."), this, &MainWindow::importModel);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  auto* edit = menuBar()->addMenu(tr("&Edit"));
  auto* undo = m_undo.createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  auto* redo = m_undo.createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(tr("&Preferences..."), QKeySequence::Preferences, this, &MainWindow::preferences);

  auto* train = menuBar()->addMenu(tr("&Training"));
  train->addAction(tr("&Start"), QKeySequence(tr("F5")), m_train, &TrainPage::start);
  train->addAction(tr("S&top"), QKeySequence(tr("Shift+F5")), m_controller, &TrainingController::requestStop);
  train->addAction(tr("&Resume a run..."), m_train, &TrainPage::resume);
  train->addSeparator();
  train->addAction(tr("&Compare with a past run..."), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("A run folder whose curves to overlay"));
    if (dir.isEmpty()) return;
    m_tabs->setCurrentWidget(m_train);
    if (!m_train->compareWith(dir))
      showError(tr("Cannot compare"), tr("%1 has no finished epoch to compare (is it a run folder?)").arg(dir));
  });
  train->addAction(tr("C&lear compared runs"), m_train, &TrainPage::clearComparisons);

  auto* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < m_tabs->count(); ++i)
    view->addAction(m_tabs->tabText(i).remove(QLatin1Char('&')), QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)),
                    this, [this, i] { m_tabs->setCurrentIndex(i); });

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About AIA Studio"), this, &MainWindow::about);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::exportWith(const QString& title, const QString& filter,
                            const std::function<bool(const QString&)>& write) {
  const QString path = QFileDialog::getSaveFileName(this, title, {}, filter);
  if (path.isEmpty()) return;
  try {
    if (write(path))
      log(tr("wrote %1").arg(path));
    else
      log(tr("nothing to export yet"));
  } catch (const std::exception& e) {
    showError(title, QString::fromUtf8(e.what()));
  }
}

void MainWindow::exportModel() {
  if (m_runDir.isEmpty()) {
    showError(tr("Export model"), tr("Open a run first (File > Open run), or train one."));
    return;
  }
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export the run's model"),
                                   QFileInfo(m_runDir).fileName() + QStringLiteral(".onnx"), tr("ONNX (*.onnx)"));
  if (path.isEmpty()) return;
  log(tr("exporting %1 to %2...").arg(m_runDir, path));
  m_transfer->exportOnnx(m_runDir, path);
}

void MainWindow::importModel() {
  ImportModelDialog dialog(QDir(dataFolder()).filePath(QStringLiteral("runs")), this);
  if (dialog.exec() != QDialog::Accepted) return;
  log(tr("making a run from %1...").arg(dialog.weights()));
  m_transfer->importPublished(dialog.weights(), dialog.labels(), dialog.outDir(), dialog.backbone(),
                              dialog.imageSize());
}

void MainWindow::getModel() {
  if (auto* open = findChild<GetModelDialog*>(QStringLiteral("getModelDialog"))) {
    open->raise();
    open->activateWindow();
    return;
  }
  auto* dialog = new GetModelDialog(QDir(dataFolder()).filePath(QStringLiteral("runs")), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &GetModelDialog::runMade, this, [this](const QString& run, const QString& text) {
    log(text);
    openRun(run);
  });
  connect(dialog, &GetModelDialog::failed, this, [this](const QString& text) { log(text); });
  dialog->show();
}

void MainWindow::chooseRun() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a training run folder"));
  if (!dir.isEmpty()) openRun(dir);
}

void MainWindow::openRun(const QString& path) {
  const QString dir = QFileInfo(path).absoluteFilePath();    // recent runs work from any working directory
  if (aia::RunFolder(dir.toStdString()).is_tagger_only()) {  // a published model made a run: it tags, nothing to browse
    m_runDir = dir;
    m_annotate->setRun(dir);
    m_review->setRun(dir);
    log(tr("opened run %1: a tagger without test scores (Annotate and Review use it; Browse and Thresholds need a "
           "run trained here)")
            .arg(dir));
    try {  // an unreadable run.json is said by the pages that load the run; here only the note is missed
      if (const auto note = aia::thresholds_note(aia::RunFolder(dir.toStdString()).read_info()); !note.empty())
        log(QString::fromStdString(note));
    } catch (const std::exception& e) {
      log(QString::fromUtf8(e.what()));
    }
    return;
  }
  std::shared_ptr<const RunData> run;
  try {
    run = RunData::load(dir);
  } catch (const std::exception& e) {
    showError(tr("Cannot open the run"), QString::fromUtf8(e.what()));
    return;
  }
  m_runDir = dir;
  m_browse->setRun(run);
  m_thresholds->setRun(run);
  m_annotate->setRun(dir);
  m_review->setRun(dir);
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentRuns")).toStringList();
  recent.removeAll(dir);
  recent.prepend(dir);
  settings.setValue(QStringLiteral("recentRuns"), recent.mid(0, 8));
  updateRecentRuns();
  log(tr("opened run %1 (%2 test images, %3 labels)").arg(dir).arg(run->scores.rows()).arg(run->scores.cols()));
}

void MainWindow::updateRecentRuns() {
  m_recent->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentRuns")).toStringList();
  for (const QString& r : recent) m_recent->addAction(r, this, [this, r] { openRun(r); });
  m_recent->setEnabled(!recent.isEmpty());
}

void MainWindow::log(const QString& text) {
  m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("hh:mm:ss  ")) + text);
}

QString MainWindow::logText() const { return m_log->toPlainText(); }

void MainWindow::showError(const QString& title, const QString& text) {
  log(title + QStringLiteral(": ") + text);
  auto* box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("errorBox"));
  box->open();  // window-modal, does not block the event loop
}

void MainWindow::about() {
  QMessageBox::about(this, tr("About AIA Studio"),
                     tr("<h3>AIA Studio %1</h3><p>Automatic image annotation: TResNet-M, the unsymmetrical loss of "
                        "Salar &amp; Ahmadi (The Visual Computer, 2023), per-label thresholds by Matthews "
                        "correlation.</p><p>Built with Qt %2 and LibTorch.</p>")
                         .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  if (paths.isEmpty()) return;
  event->acceptProposedAction();
  m_tabs->setCurrentWidget(m_annotate);
  m_annotate->addPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_controller->isRunning()) {
    m_controller->requestStop();
    log(tr("stopping the training run before quitting; resume it later from its run folder"));
  }
  QSettings().setValue(QStringLiteral("geometry"), saveGeometry());
  event->accept();
}

}  // namespace aia::ui
