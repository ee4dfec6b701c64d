#include "training_controller.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace aia::ui {
namespace {

// The observer lives in the worker thread and turns core callbacks into signals.
class SignalObserver : public aia::TrainObserver {
 public:
  explicit SignalObserver(TrainingWorker* worker) : m_worker(worker) { m_timer.start(); }
  void on_message(const std::string& text) override { Q_EMIT m_worker->messageLogged(QString::fromStdString(text)); }
  void on_batch(const aia::BatchProgress& p) override {
    // Throttled at the source: at most ~10 events a second, and every epoch's last batch.
    if (m_timer.elapsed() < 100 && p.batch != p.batches) return;
    m_timer.restart();
    BatchInfo b;
    b.epoch = p.epoch;
    b.epochs = p.epochs;
    b.batch = static_cast<qint64>(p.batch);
    b.batches = static_cast<qint64>(p.batches);
    b.loss = p.loss;
    b.smoothedLoss = p.smoothed_loss;
    b.imagesPerSecond = p.images_per_second;
    b.etaSeconds = p.eta_seconds;
    Q_EMIT m_worker->batchProgressed(b);
  }
  void on_epoch(const aia::EpochReport& r) override {
    EpochInfo e;
    e.epoch = r.epoch;
    e.trainLoss = r.train_loss;
    e.valLoss = r.val_loss;
    e.perClassPrecision = r.metrics.per_class_precision;
    e.perClassRecall = r.metrics.per_class_recall;
    e.perClassF1 = r.metrics.per_class_f1;
    e.perImagePrecision = r.metrics.per_image_precision;
    e.perImageRecall = r.metrics.per_image_recall;
    e.perImageF1 = r.metrics.per_image_f1;
    e.nPlus = r.metrics.n_plus;
    e.map = r.metrics.map;
    e.best = r.best;
    Q_EMIT m_worker->epochFinished(e);
  }

 private:
  TrainingWorker* m_worker;
  QElapsedTimer m_timer;
};

}  // namespace

void TrainingWorker::run(const aia::TrainConfig& config, const QString& resumeDir, std::stop_token stop) {
  // The exception firewall: aia::train() reports failures as a result, and
  // anything else thrown still ends in one finished() signal.
  try {
    SignalObserver observer(this);
    const aia::RunResult r = aia::train(config, observer, std::move(stop), resumeDir.toStdString());
    const RunOutcome outcome = r.status == aia::RunStatus::Succeeded   ? RunOutcome::Succeeded
                               : r.status == aia::RunStatus::Cancelled ? RunOutcome::Cancelled
                                                                       : RunOutcome::Failed;
    Q_EMIT finished(outcome, QString::fromStdString(r.message), QString::fromStdString(r.run_dir));
  } catch (const std::exception& e) {
    Q_EMIT finished(RunOutcome::Failed, QString::fromUtf8(e.what()), {});
  } catch (...) {
    Q_EMIT finished(RunOutcome::Failed, tr("unknown error in the training thread"), {});
  }
}

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<BatchInfo>();
  qRegisterMetaType<EpochInfo>();
  qRegisterMetaType<RunOutcome>();
  qRegisterMetaType<aia::TrainConfig>();
  qRegisterMetaType<std::stop_token>();
  m_worker = new TrainingWorker;
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(m_worker, &TrainingWorker::batchProgressed, this, &TrainingController::batchProgressed);
  connect(m_worker, &TrainingWorker::epochFinished, this, &TrainingController::epochFinished);
  connect(m_worker, &TrainingWorker::messageLogged, this, &TrainingController::messageLogged);
  connect(m_worker, &TrainingWorker::finished, this,
          [this](RunOutcome outcome, const QString& message, const QString& runDir) {
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

void TrainingController::start(const aia::TrainConfig& config, const QString& resumeDir) {
  if (m_running) return;
  m_running = true;
  m_stop = std::stop_source();
  Q_EMIT started();
  QMetaObject::invokeMethod(m_worker, "run", Qt::QueuedConnection, Q_ARG(aia::TrainConfig, config),
                            Q_ARG(QString, resumeDir), Q_ARG(std::stop_token, m_stop.get_token()));
}

void TrainingController::requestStop() { m_stop.request_stop(); }

}  // namespace aia::ui
