#pragma once
// The training form, Start / Stop / Resume, progress with ETA, and live
// curves: losses per epoch with a smoothed per-batch train loss, per-class and
// per-image F1, and N+.

#include "aia/run/train_config.h"
#include "training_controller.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLayout;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;
class QCustomPlot;

namespace aia::ui {

class TrainPage : public QWidget {
  Q_OBJECT
 public:
  explicit TrainPage(TrainingController* controller, QWidget* parent = nullptr);
  // The form as a config for `dataset` (the dataset page's choice).
  aia::TrainConfig config(const QString& dataset) const;
  void setDatasetUsable(bool usable, const QString& name);
  // Where runs go when the run folder field is empty: <folder>/runs/<dataset>-<loss>-<time>.
  void setDataFolder(const QString& folder);
  int epochPoints() const;  // curve points received so far (tests)
  QCustomPlot* lossPlot() const { return m_lossPlot; }
  QCustomPlot* f1Plot() const { return m_f1Plot; }
  QString statusText() const;
  QPushButton* startButton() const { return m_start; }
  QPushButton* stopButton() const { return m_stop; }
  // Starts from a config.json (a run's): the form shows it, and Start trains
  // it as it is except for the fields edited afterwards and the dataset
  // (datasetRequested asks the Dataset page for the file's). False, with the
  // reason in the status line, for a file that is not a valid configuration.
  bool loadConfiguration(const QString& path);

 public Q_SLOTS:
  void start();
  void resume();
  // The form's recipe for a dataset: core's (the paper's, or the demos' CPU recipe).
  void setRecipeFor(const QString& dataset);
  // Overlays a past run's per-epoch curves (its recorded epochs), dashed; false if it has none.
  bool compareWith(const QString& runDir);
  void clearComparisons();
  void openConfiguration();

 Q_SIGNALS:
  void startRequested(const aia::TrainConfig& config, const QString& resumeDir);
  void datasetRequested(const QString& nameOrPath);

 private:
  void createChoices();
  void createFields();
  QLayout* createForm();
  void createPlots();
  void createReplotTimer();
  void connectSignals();
  aia::ConfigOverrides formFields() const;  // every field the form shows
  void showConfig(const aia::TrainConfig& config);
  void onStarted();
  void onBatch(const aia::BatchProgress& b);
  void onEpoch(const aia::EpochReport& e);
  void onFinished(aia::RunStatus outcome, const QString& message, const QString& runDir);
  void scheduleReplot();

  TrainingController* m_controller;
  QString m_dataset;
  QComboBox *m_loss, *m_backbone, *m_head, *m_device, *m_mode;
  QLineEdit *m_pretrained, *m_outDir;
  QSpinBox *m_epochs, *m_batch, *m_imageSize;
  QDoubleSpinBox* m_lr;
  QCheckBox* m_ema;
  QCheckBox* m_mixup;
  QCheckBox* m_amp;
  QPushButton *m_start, *m_stop, *m_resume, *m_loadConfig, *m_browse;
  QProgressBar* m_progress;
  QLabel* m_status;
  QCustomPlot *m_lossPlot, *m_f1Plot;
  QTimer* m_replot;
  double m_batchX = 0;
  int m_comparisons = 0;
  double m_headDropout = aia::ModelConfig{}.head_dropout;
  QString m_dataFolder;
  std::optional<aia::TrainConfig> m_loaded;  // the loaded configuration, if any
  aia::ConfigOverrides m_loadedForm;         // the form as it showed that configuration
  int m_labels = 0;                          // the running dataset's vocabulary size (the N+ axis)
};

}  // namespace aia::ui
