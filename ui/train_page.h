#pragma once
// The training form, Start / Stop / Resume, progress with ETA, and live
// curves: losses per epoch with a smoothed per-batch train loss, per-class and
// per-image F1, and N+.

#include "aia/training/train_config.h"
#include "training_controller.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
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

 public Q_SLOTS:
  void start();
  void resume();
  // The form's recipe for a dataset: core's (the paper's, or the demos' CPU recipe).
  void setRecipeFor(const QString& dataset);
  // Overlays a past run's per-epoch curves (its recorded epochs), dashed; false if it has none.
  bool compareWith(const QString& runDir);
  void clearComparisons();

 Q_SIGNALS:
  void startRequested(const aia::TrainConfig& config, const QString& resumeDir);

 private:
  void onStarted();
  void onBatch(const aia::BatchProgress& b);
  void onEpoch(const aia::EpochReport& e);
  void onFinished(aia::RunStatus outcome, const QString& message, const QString& runDir);
  void scheduleReplot();

  TrainingController* m_controller;
  QString m_dataset;
  QComboBox *m_loss, *m_backbone, *m_device, *m_mode;
  QLineEdit *m_pretrained, *m_outDir;
  QSpinBox *m_epochs, *m_batch, *m_imageSize;
  QDoubleSpinBox* m_lr;
  QCheckBox* m_ema;
  QCheckBox* m_amp;
  QPushButton *m_start, *m_stop, *m_resume;
  QProgressBar* m_progress;
  QLabel* m_status;
  QCustomPlot *m_lossPlot, *m_f1Plot;
  QTimer* m_replot;
  double m_batchX = 0;
  int m_comparisons = 0;
  double m_headDropout = aia::ModelConfig{}.head_dropout;
  QString m_dataFolder;
  int m_labels = 0;  // the running dataset's vocabulary size (the N+ axis)
};

}  // namespace aia::ui
