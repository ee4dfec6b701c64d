#pragma once
// Runs aia::train() (or aia::run_experiment(), cell after cell) in a worker thread (the QThread worker-object pattern)
// and reports with queued signals carrying core's own structs (BatchProgress, EpochReport, RunStatus) as Qt metatypes.
// Batch events are throttled at the source. Every run ends with exactly one finished().

#include "aia/experiment/experiment.h"
#include "aia/project/project_workflow.h"
#include "aia/run/train_config.h"
#include "aia/training/trainer.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <functional>
#include <memory>
#include <stop_token>

namespace aia::ui {

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  void run(const aia::TrainConfig& config, const QString& resumeDir, std::stop_token stop);
  void runExperiment(const QString& experimentDir, std::stop_token stop);
  // aia::train_on_reviewed; the project's steps run on `owner`'s thread.
  void runReviewedTraining(aia::Project* project, const aia::ProjectTrainOptions& options, QObject* owner,
                           std::stop_token stop);

 Q_SIGNALS:
  void cellStarted(const QString& cellId, int index, int count);
  void cellFinished(const QString& cellId, aia::RunStatus outcome, const QString& message);
  void batchProgressed(const aia::BatchProgress& progress);
  void epochFinished(const aia::EpochReport& report);
  void messageLogged(const QString& text);
  void datasetReady(int labels);
  void scoringProgressed(int done, int total);
  void reviewedTrainingFinished(const QString& summary, int scored, const QStringList& failures);
  void finished(aia::RunStatus outcome, const QString& message, const QString& runDir);
};

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;
  bool isRunning() const { return m_running; }

 public Q_SLOTS:
  void start(const aia::TrainConfig& config, const QString& resumeDir = {});
  // Runs the experiment's unfinished cells (the folder must hold experiment.json);
  // finished() comes once, after the last cell, with an empty run folder.
  void startExperiment(const QString& experimentDir);
  // "Train on reviewed images" (aia::train_on_reviewed): the run reports like
  // any other, then the unreviewed images are scored again
  // (scoringProgressed), then reviewedTrainingFinished and finished() come.
  // `project` belongs to `owner` (the Review page), which must keep it until
  // finished(); every step that touches it runs on the owner's thread.
  void startReviewedTraining(aia::Project* project, const aia::ProjectTrainOptions& options, QObject* owner);
  void requestStop();

 Q_SIGNALS:
  void started();
  void datasetReady(int labels);  // the run's dataset is loaded: its vocabulary size
  void cellStarted(const QString& cellId, int index, int count);
  void cellFinished(const QString& cellId, aia::RunStatus outcome, const QString& message);
  void batchProgressed(const aia::BatchProgress& progress);
  void epochFinished(const aia::EpochReport& report);
  void messageLogged(const QString& text);
  void scoringProgressed(int done, int total);
  void reviewedTrainingFinished(const QString& summary, int scored, const QStringList& failures);
  void finished(aia::RunStatus outcome, const QString& message, const QString& runDir);

 private:
  // Runs job(worker, stop) in the worker's thread, unless a job runs already.
  void startJob(std::function<void(TrainingWorker*, std::stop_token)> job);
  QThread m_thread;
  TrainingWorker* m_worker = nullptr;
  std::stop_source m_stop;
  bool m_running = false;
};

}  // namespace aia::ui

Q_DECLARE_METATYPE(aia::BatchProgress)
Q_DECLARE_METATYPE(aia::EpochReport)
Q_DECLARE_METATYPE(aia::RunStatus)
Q_DECLARE_METATYPE(aia::TrainConfig)
