#pragma once
// The training engine: synchronous, throws only for unusable configuration,
// reports through an observer, honours a stop token within one batch. No Qt,
// no torch in this header: the GUI's worker and the CLI both drive it.
//
// A run is a folder anyone can read:
//   config.json       the TrainConfig
//   run.json          what inference needs: backbone, image size, vocabulary, normalisation
//   metrics.jsonl     a line per epoch
//   log.txt           what the observer was told
//   checkpoints/best.safetensors   model weights with the best per-class F1 on the selection split
//   checkpoints/last.safetensors   full state (model, Adam, schedule position, epoch, batch, best)
//   thresholds.json (the paper's MCC grid on train), thresholds_mcc.json, thresholds_f1.json
//   evaluation.json   the selection/test split under 0.5 and each threshold strategy
//   test_scores.csv, test_targets.csv   for `aia metrics`

#include "aia/dataset.h"
#include "aia/metrics.h"
#include "aia/train_config.h"

#include <stop_token>
#include <string>
#include <vector>

namespace aia {

struct BatchProgress {
  int epoch = 0;            // 1-based
  int epochs = 0;
  std::size_t batch = 0;    // 1-based within the epoch
  std::size_t batches = 0;
  double loss = 0;          // this batch
  double smoothed_loss = 0; // exponential moving average over batches
  double learning_rate = 0;
  double images_per_second = 0;
  double eta_seconds = 0;   // to the end of training (epochs, evaluation excluded)
};

struct EpochReport {
  int epoch = 0;
  double train_loss = 0;
  double val_loss = 0;       // on the selection split
  Metrics metrics;           // on the selection split at threshold 0.5 (per_label empty)
  double learning_rate = 0;  // at the end of the epoch
  double images_per_second = 0;
  double seconds = 0;
  bool best = false;
  std::size_t skipped_images = 0;
};

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

// The default run folder for a config: runs/<dataset>-<loss>-<YYYYmmdd-HHMMSS>.
std::string default_run_dir(const TrainConfig& config);

}  // namespace aia
