#pragma once
// Runs aia::train() in a worker thread (the QThread worker-object pattern) and
// reports with queued signals carrying small copyable structs. Batch events
// are throttled at the source. Every run ends with exactly one finished().

#include "aia/train_config.h"
#include "aia/trainer.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <stop_token>

namespace aia::ui {

struct BatchInfo {
  int epoch = 0, epochs = 0;
  qint64 batch = 0, batches = 0;
  double loss = 0, smoothedLoss = 0, imagesPerSecond = 0, etaSeconds = 0;
};

struct EpochInfo {
  int epoch = 0;
  double trainLoss = 0, valLoss = 0;
  double perClassPrecision = 0, perClassRecall = 0, perClassF1 = 0;
  double perImagePrecision = 0, perImageRecall = 0, perImageF1 = 0;
  int nPlus = 0;
  double map = 0;
  bool best = false;
};

enum class RunOutcome { Succeeded, Cancelled, Failed };

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

 public Q_SLOTS:
  void run(const aia::TrainConfig& config, const QString& resumeDir, std::stop_token stop);

 Q_SIGNALS:
  void batchProgressed(const aia::ui::BatchInfo& info);
  void epochFinished(const aia::ui::EpochInfo& info);
  void messageLogged(const QString& text);
  void finished(aia::ui::RunOutcome outcome, const QString& message, const QString& runDir);
};

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;
  bool isRunning() const { return m_running; }

 public Q_SLOTS:
  void start(const aia::TrainConfig& config, const QString& resumeDir = {});
  void requestStop();

 Q_SIGNALS:
  void started();
  void batchProgressed(const aia::ui::BatchInfo& info);
  void epochFinished(const aia::ui::EpochInfo& info);
  void messageLogged(const QString& text);
  void finished(aia::ui::RunOutcome outcome, const QString& message, const QString& runDir);

 private:
  QThread m_thread;
  TrainingWorker* m_worker = nullptr;
  std::stop_source m_stop;
  bool m_running = false;
};

}  // namespace aia::ui

Q_DECLARE_METATYPE(aia::ui::BatchInfo)
Q_DECLARE_METATYPE(aia::ui::EpochInfo)
Q_DECLARE_METATYPE(aia::ui::RunOutcome)
Q_DECLARE_METATYPE(aia::TrainConfig)
Q_DECLARE_METATYPE(std::stop_token)
