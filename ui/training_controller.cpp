#include "training_controller.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>

namespace aia::ui {
namespace {

// The observer lives in the worker thread and turns core callbacks into signals.
class SignalObserver : public aia::ExperimentObserver {
 public:
  explicit SignalObserver(TrainingWorker* worker) : m_worker(worker) { m_timer.start(); }
  void on_message(const std::string& text) override { Q_EMIT m_worker->messageLogged(QString::fromStdString(text)); }
  void on_batch(const aia::BatchProgress& p) override {
    // Throttled at the source: at most ~10 events a second, and every epoch's last batch.
    if (m_timer.elapsed() < 100 && p.batch != p.batches) return;
    m_timer.restart();
    Q_EMIT m_worker->batchProgressed(p);
  }
  void on_epoch(const aia::EpochReport& r) override { Q_EMIT m_worker->epochFinished(r); }
  void on_dataset(const aia::Dataset& dataset, const aia::ValidationReport&) override {
    Q_EMIT m_worker->datasetReady(static_cast<int>(dataset.vocabulary.size()));
  }
  void on_cell_started(const aia::Cell& cell, std::size_t index, std::size_t count) override {
    Q_EMIT m_worker->cellStarted(QString::fromStdString(cell.id), static_cast<int>(index), static_cast<int>(count));
  }
  void on_cell_finished(const aia::Cell& cell, const aia::RunResult& result) override {
    Q_EMIT m_worker->cellFinished(QString::fromStdString(cell.id), result.status,
                                  QString::fromStdString(result.message));
  }

 private:
  TrainingWorker* m_worker;
  QElapsedTimer m_timer;
};

// Runs f on `owner`'s thread and waits for it, rethrowing what it threw. A
// stop while the call still waits in the owner's queue abandons it (the owner
// may be waiting for this thread: closing the window), so this never blocks
// on a thread that blocks on it; once f has started, it is waited for.
void runOnOwner(QObject* owner, const std::function<void()>& f, const std::stop_token& stop) {
  struct Call {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool started = false, done = false, abandoned = false;
    std::exception_ptr error;
  };
  auto call = std::make_shared<Call>();
  QMetaObject::invokeMethod(
      owner,
      [call, f = &f] {
        {
          std::lock_guard lock(call->mutex);
          if (call->abandoned) return;
          call->started = true;
        }
        try {
          (*f)();
        } catch (...) {
          call->error = std::current_exception();
        }
        std::lock_guard lock(call->mutex);
        call->done = true;
        call->done_cv.notify_all();
      },
      Qt::QueuedConnection);
  std::unique_lock lock(call->mutex);
  while (!call->done) {
    if (!call->started && stop.stop_requested()) {
      call->abandoned = true;
      throw std::runtime_error("stopped before the project was updated");
    }
    call->done_cv.wait_for(lock, std::chrono::milliseconds(50));
  }
  if (call->error) std::rethrow_exception(call->error);
}

}  // namespace

void TrainingWorker::runReviewedTraining(aia::Project* project, const aia::ProjectTrainOptions& options, QObject* owner,
                                         std::stop_token stop) {
  try {
    SignalObserver observer(this);
    aia::Annotator::Options scoring = aia::Annotator::cached_options();
    scoring.progress = [this](std::size_t done, std::size_t total) {
      Q_EMIT scoringProgressed(static_cast<int>(done), static_cast<int>(total));
    };
    const aia::ReviewedTrainingResult r =
        aia::train_on_reviewed(*project, options, observer, stop, scoring,
                               [owner, stop](const std::function<void()>& f) { runOnOwner(owner, f, stop); });
    QStringList failures;
    for (const auto& f : r.failures) failures << QString::fromStdString(f);
    Q_EMIT reviewedTrainingFinished(QString::fromStdString(r.summary), static_cast<int>(r.scored), failures);
    Q_EMIT finished(r.run.status, QString::fromStdString(r.run.message), QString::fromStdString(r.run.run_dir));
  } catch (const std::exception& e) {
    Q_EMIT finished(stop.stop_requested() ? aia::RunStatus::Cancelled : aia::RunStatus::Failed,
                    QString::fromUtf8(e.what()), {});
  } catch (...) {
    Q_EMIT finished(aia::RunStatus::Failed, tr("unknown error in the training thread"), {});
  }
}

void TrainingWorker::run(const aia::TrainConfig& config, const QString& resumeDir, std::stop_token stop) {
  // The exception firewall: aia::train() reports failures as a result, and
  // anything else thrown still ends in one finished() signal.
  try {
    SignalObserver observer(this);
    const aia::RunResult r = aia::train(config, observer, std::move(stop), resumeDir.toStdString());
    Q_EMIT finished(r.status, QString::fromStdString(r.message), QString::fromStdString(r.run_dir));
  } catch (const std::exception& e) {
    Q_EMIT finished(aia::RunStatus::Failed, QString::fromUtf8(e.what()), {});
  } catch (...) {
    Q_EMIT finished(aia::RunStatus::Failed, tr("unknown error in the training thread"), {});
  }
}

void TrainingWorker::runExperiment(const QString& experimentDir, std::stop_token stop) {
  try {
    SignalObserver observer(this);
    const aia::ExperimentResult r = aia::run_experiment(experimentDir.toStdString(), observer, std::move(stop));
    const QString summary =
        tr("Experiment: %1 cells finished, %2 failed, %3 not run.").arg(r.finished).arg(r.failed).arg(r.remaining);
    Q_EMIT finished(r.cancelled ? aia::RunStatus::Cancelled
                    : r.failed  ? aia::RunStatus::Failed
                                : aia::RunStatus::Succeeded,
                    summary, {});
  } catch (const std::exception& e) {
    Q_EMIT finished(aia::RunStatus::Failed, QString::fromUtf8(e.what()), {});
  } catch (...) {
    Q_EMIT finished(aia::RunStatus::Failed, tr("unknown error in the training thread"), {});
  }
}

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<aia::BatchProgress>();
  qRegisterMetaType<aia::EpochReport>();
  qRegisterMetaType<aia::RunStatus>();
  qRegisterMetaType<aia::TrainConfig>();
  m_worker = new TrainingWorker;
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &TrainingWorker::batchProgressed, this, &TrainingController::batchProgressed);
  connect(m_worker, &TrainingWorker::epochFinished, this, &TrainingController::epochFinished);
  connect(m_worker, &TrainingWorker::messageLogged, this, &TrainingController::messageLogged);
  connect(m_worker, &TrainingWorker::cellStarted, this, &TrainingController::cellStarted);
  connect(m_worker, &TrainingWorker::datasetReady, this, &TrainingController::datasetReady);
  connect(m_worker, &TrainingWorker::cellFinished, this, &TrainingController::cellFinished);
  connect(m_worker, &TrainingWorker::scoringProgressed, this, &TrainingController::scoringProgressed);
  connect(m_worker, &TrainingWorker::reviewedTrainingFinished, this, &TrainingController::reviewedTrainingFinished);
  connect(m_worker, &TrainingWorker::finished, this,
          [this](aia::RunStatus outcome, const QString& message, const QString& runDir) {
            m_running = false;
            Q_EMIT finished(outcome, message, runDir);
          });
  m_thread.setObjectName(QStringLiteral("training"));
  m_thread.start();
}

TrainingController::~TrainingController() {
  m_stop.request_stop();
  m_thread.quit();
  m_thread.wait();
}

void TrainingController::startJob(std::function<void(TrainingWorker*, std::stop_token)> job) {
  if (m_running) return;
  m_running = true;
  m_stop = std::stop_source();
  Q_EMIT started();
  // A typed call, queued into the worker's thread.
  QMetaObject::invokeMethod(
      m_worker, [worker = m_worker, job = std::move(job), token = m_stop.get_token()] { job(worker, token); },
      Qt::QueuedConnection);
}

void TrainingController::start(const aia::TrainConfig& config, const QString& resumeDir) {
  startJob([config, resumeDir](TrainingWorker* w, std::stop_token stop) { w->run(config, resumeDir, stop); });
}

void TrainingController::startExperiment(const QString& experimentDir) {
  startJob([experimentDir](TrainingWorker* w, std::stop_token stop) { w->runExperiment(experimentDir, stop); });
}

void TrainingController::startReviewedTraining(aia::Project* project, const aia::ProjectTrainOptions& options,
                                               QObject* owner) {
  startJob([project, options, owner](TrainingWorker* w, std::stop_token stop) {
    w->runReviewedTraining(project, options, owner, stop);
  });
}

void TrainingController::requestStop() { m_stop.request_stop(); }

}  // namespace aia::ui
