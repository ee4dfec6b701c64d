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
    Q_EMIT m_worker->batchProgressed(p);
  }
  void on_epoch(const aia::EpochReport& r) override { Q_EMIT m_worker->epochFinished(r); }

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
    Q_EMIT finished(r.status, QString::fromStdString(r.message), QString::fromStdString(r.run_dir));
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

void TrainingController::start(const aia::TrainConfig& config, const QString& resumeDir) {
  if (m_running) return;
  m_running = true;
  m_stop = std::stop_source();
  Q_EMIT started();
  // A typed call, queued into the worker's thread.
  QMetaObject::invokeMethod(
      m_worker,
      [worker = m_worker, config, resumeDir, token = m_stop.get_token()] { worker->run(config, resumeDir, token); },
      Qt::QueuedConnection);
}

void TrainingController::requestStop() { m_stop.request_stop(); }

}  // namespace aia::ui
