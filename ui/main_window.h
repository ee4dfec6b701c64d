#pragma once
// The composition root: pages, menus and shortcuts, the log panel, settings,
// drag and drop. It owns the training controller and wires pages together;
// the work is in the pages and in core.

#include "training_controller.h"

#include <QMainWindow>
#include <QUndoGroup>

class QPlainTextEdit;
class QTabWidget;
class QMenu;

namespace aia::ui {

class DatasetPage;
class TrainPage;
class BrowsePage;
class ThresholdsPage;
class AnnotatePage;
class ExperimentsPage;
class ReviewPage;
class ModelTransfer;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  DatasetPage* datasetPage() const { return m_dataset; }
  TrainPage* trainPage() const { return m_train; }
  BrowsePage* browsePage() const { return m_browse; }
  ThresholdsPage* thresholdsPage() const { return m_thresholds; }
  AnnotatePage* annotatePage() const { return m_annotate; }
  ExperimentsPage* experimentsPage() const { return m_experiments; }
  ReviewPage* reviewPage() const { return m_review; }
  TrainingController* controller() const { return m_controller; }
  ModelTransfer* modelTransfer() const { return m_transfer; }
  QTabWidget* tabs() const { return m_tabs; }
  QString logText() const;
  QString currentRun() const { return m_runDir; }
  // Where new runs and experiments go (setting "dataFolder"; default: the user's data folder).
  QString dataFolder() const;
  void setDataFolder(const QString& folder);

 public Q_SLOTS:
  void openRun(const QString& path);
  void chooseRun();
  void log(const QString& text);
  void showError(const QString& title, const QString& text);
  void about();
  void preferences();
  // File > Export model (ONNX)...: the current run's model, written off the GUI thread.
  void exportModel();
  // File > New run from a published model...: the form, then the run made and opened.
  void importModel();
  // File > Get a published model...: the Hub's taggers (get_model_dialog.h), modeless.
  void getModel();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void connectReview();
  void restoreSession();
  void createMenus();
  void updateRecentRuns();
  void exportWith(const QString& title, const QString& filter, const std::function<bool(const QString&)>& write);

  TrainingController* m_controller;
  QTabWidget* m_tabs;
  DatasetPage* m_dataset;
  TrainPage* m_train;
  BrowsePage* m_browse;
  ThresholdsPage* m_thresholds;
  AnnotatePage* m_annotate;
  ExperimentsPage* m_experiments;
  ReviewPage* m_review;
  QPlainTextEdit* m_log;
  QUndoGroup m_undo;
  QMenu* m_recent = nullptr;
  QString m_runDir;
  ModelTransfer* m_transfer;
};

}  // namespace aia::ui
