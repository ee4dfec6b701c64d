#pragma once
// The training engine: synchronous, throws only for unusable configuration,
// reports through an observer, honours a stop token within one batch. No Qt,
// no torch in this header: the GUI's worker and the CLI both drive it.
//
// A run is a folder (aia/run/run_folder.h has its layout).

#include "aia/data/dataset.h"
#include "aia/metrics/metrics.h"
#include "aia/run/run_records.h"
#include "aia/run/train_config.h"

#include <stop_token>
#include <string>
#include <vector>

namespace aia {

// What a run is doing: batches of feature extraction (frozen mode, once,
// before the first epoch) are told apart from training batches.
enum class Phase { ExtractingFeatures, Training };

struct BatchProgress {
  Phase phase = Phase::Training;
  int epoch = 0;  // 1-based (0 while extracting features)
  int epochs = 0;
  std::size_t batch = 0;  // 1-based within the epoch (or the extraction)
  std::size_t batches = 0;
  double loss = 0;           // this batch
  double smoothed_loss = 0;  // exponential moving average over batches
  double learning_rate = 0;
  double images_per_second = 0;
  double eta_seconds = 0;  // to the end of training (epochs, evaluation excluded)
};

// EpochReport (one epoch's metrics) is in aia/run/run_records.h.

enum class RunStatus { Succeeded, Cancelled, Failed };

struct RunResult {
  RunStatus status = RunStatus::Failed;
  std::string message;
  std::string run_dir;
  int best_epoch = 0;
  double best_f1 = 0;
};

class TrainObserver {
 public:
  virtual ~TrainObserver() = default;
  virtual void on_message(const std::string& /*text*/) {}
  virtual void on_dataset(const Dataset& /*dataset*/, const ValidationReport& /*report*/) {}
  virtual void on_batch(const BatchProgress& /*progress*/) {}
  virtual void on_epoch(const EpochReport& /*report*/) {}
};

// Trains per `config`, or continues the run in `resume_dir` (its config.json
// and checkpoints/last.safetensors) when that is not empty. Never throws:
// problems end the run with RunStatus::Failed and a message.
RunResult train(const TrainConfig& config, TrainObserver& observer, std::stop_token stop = {},
                const std::string& resume_dir = "");

// The default run folder for a config: <root>/<dataset>-<loss>-<YYYYmmdd-HHMMSS>
// (the CLI's root is runs/ in the working directory; the GUI's is in the
// user's data folder).
std::string default_run_dir(const TrainConfig& config, const std::string& root = "runs");

}  // namespace aia
