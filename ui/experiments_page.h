#pragma once
// The loss comparison as a page: losses (check boxes) and seeds over the Train
// page's recipe and the Dataset page's dataset; Start / Stop / Resume; the
// queue of cells with their states; the report (core's build_report, off the
// GUI thread) filling in as cells finish: the table for one threshold
// strategy, the paired bootstrap in words, a bar chart of per-class F1 by loss
// with its bootstrap interval, and per-label F1 of one loss against the
// baseline (point size: label frequency) and the baseline's per-label F1 gain
// against label frequency with the binned mean. Exports the table (CSV, Markdown,
// LaTeX) and the plots (PNG, SVG, PDF).

#include "aia/experiment/report.h"
#include "aia/run/train_config.h"
#include "training_controller.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QCustomPlot;

namespace aia::ui {

struct ReportResult {
  std::shared_ptr<const aia::Report> report;
  QString error;
};

class ExperimentsPage : public QWidget {
  Q_OBJECT
 public:
  // `recipe(dataset)`: the Train page's form as a config for that dataset.
  ExperimentsPage(TrainingController* controller, std::function<aia::TrainConfig(const QString&)> recipe,
                  QWidget* parent = nullptr);
  void setDataset(const QString& name, bool usable);
  // Where experiments go when the folder field is empty: <folder>/experiments/<dataset>-<time>.
  void setDataFolder(const QString& folder);
  QString experimentDir() const { return m_dir; }
  const aia::Report* report() const { return m_report.get(); }
  QTableWidget* queue() const { return m_queue; }
  QPlainTextEdit* statistics() const { return m_statistics; }  // the paired bootstrap in words
  QTableWidget* table() const { return m_table; }
  QCustomPlot* barPlot() const { return m_bars; }
  QCustomPlot* scatterPlot() const { return m_scatter; }
  QCustomPlot* gainPlot() const { return m_gains; }
  QPushButton* startButton() const { return m_start; }
  QPushButton* stopButton() const { return m_stopButton; }
  QLineEdit* seedsEdit() const { return m_seeds; }
  QLineEdit* folderEdit() const { return m_folder; }
  QCheckBox* lossBox(const QString& loss) const;
  QCheckBox* headBox(const QString& head) const;  // the heads axis: none ticked is the Train page's head

 public Q_SLOTS:
  void start();
  void resume();  // asks for a folder, then resumeFolder
  // Opens the experiment in `dir` and runs its unfinished cells; false if it is not one.
  bool resumeFolder(const QString& dir);
  // Shows the experiment in `dir` (its queue and report) without running it.
  bool open(const QString& dir);
  void exportTable(const QString& path);      // .csv, .md or .tex by the suffix
  bool exportPlots(const QString& basePath);  // writes base-{bars,labels,gains}.{png,svg,pdf}
  void refreshReport();

 Q_SIGNALS:
  void messageLogged(const QString& text);
  void reportUpdated();

 private:
  // `names`: each row's name as shown (the loss, with its head when the grid has several).
  void showTable(const std::vector<const aia::ReportRow*>& rows, const QStringList& names);
  QStringList showBars(const std::vector<const aia::ReportRow*>& rows, const QStringList& names);
  void showScatter(const aia::ReportGroup& group, const std::string& strategy, const QStringList& losses);
  void showGains(const aia::ReportGroup& group, const std::string& strategy);
  QLayout* createForm();
  QWidget* createReportArea();
  void connectSignals();
  void onCellStarted(const QString& id, int index, int count);
  void onCellFinished(const QString& id, aia::RunStatus outcome, const QString& message);
  void onBatch(const aia::BatchProgress& b);
  void onFinished(aia::RunStatus outcome, const QString& message);
  void loadQueue();
  void showReport();
  void updateButtons();

  TrainingController* m_controller;
  std::function<aia::TrainConfig(const QString&)> m_recipe;
  QString m_dataset;
  bool m_datasetUsable = false;
  bool m_ours = false;  // the controller is running this page's experiment
  QString m_dir;
  QString m_dataFolder = QStringLiteral(".");
  QString m_runningCell;
  std::vector<QCheckBox*> m_losses;
  std::vector<QCheckBox*> m_heads;
  QLineEdit *m_seeds, *m_folder;
  QPushButton *m_start, *m_stopButton, *m_resume, *m_exportTable, *m_exportPlots;
  QLabel* m_status;
  QTableWidget *m_queue, *m_table;
  QComboBox *m_strategy, *m_scatterLoss;
  QPlainTextEdit* m_statistics;
  QCustomPlot *m_bars, *m_scatter, *m_gains;
  std::shared_ptr<const aia::Report> m_report;
  QFutureWatcher<ReportResult> m_watcher;
  bool m_refreshAgain = false;
};

}  // namespace aia::ui
