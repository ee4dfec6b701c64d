#pragma once
// The training session behind aia::train(): one run from its folder to its
// outputs. Its parts each have one job: the data (aia/data), the model and
// Adam, the StepEngine (one optimiser step), the Ema, the training state and
// its checkpoint (training_state.h), the frozen mode's FeatureCache, scoring
// over ranks (sharded_scoring.h) and the run's outputs (run_outputs.h); the
// RunFolder owns every file. Internal to aia_core. Torch-facing.

#include "aia/data/image_pipeline.h"
#include "aia/distributed/collective.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/compute_format.h"
#include "aia/training/ema.h"
#include "aia/training/feature_cache.h"
#include "aia/training/onecycle.h"
#include "aia/training/train_step.h"
#include "aia/training/trainer.h"
#include "aia/training/training_state.h"

#include <torch/torch.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <memory>

namespace aia::detail {

using Clock = std::chrono::steady_clock;

// Tells the observer, and log.txt when `path` is not empty (rank 0 only).
class Logger {
 public:
  Logger(TrainObserver& observer, const std::string& path) : observer_(observer) {
    if (!path.empty()) out_.open(path, std::ios::app);
  }
  void operator()(const std::string& text) {
    observer_.on_message(text);
    if (!out_.is_open()) return;
    out_ << text << '\n';
    out_.flush();
  }

 private:
  TrainObserver& observer_;
  std::ofstream out_;
};

// How a stretch of training ended.
enum class Progress { Continue, Stopped, NonFinite };

class Session {
 public:
  // Rank 0 of a data-parallel launch (or the only process) owns the run folder.
  Session(TrainConfig config, TrainObserver& observer, std::stop_token stop, RunFolder folder, bool resume,
          LaunchInfo launch);

  RunResult run();

 private:
  RunResult result(RunStatus status, std::string message);
  void join_group();
  bool writes() const { return launch_.rank == 0; }
  void barrier();
  // A stop every rank agreed on in the last step; in one process, also a stop asked for since.
  bool stopping() const { return stop_agreed_ || (!launch_.distributed() && stop_.stop_requested()); }
  void choose_compute();
  void prepare_data();
  void build_model();
  void save_last();
  void load_last();
  void save_best();
  Progress train_step(const std::function<torch::Tensor()>& forward_loss, std::size_t batch_images,
                      Clock::time_point epoch_start, std::size_t& epoch_images);
  // The steps whose losses a step (or the epoch's end, `engine_->flush()`)
  // checked: counted and shown, or the run stopped naming the bad batch.
  Progress take_checked(const StepResult& r, Clock::time_point epoch_start, std::size_t& epoch_images);
  Progress train_images(double& images_per_second);
  Progress train_features(double& images_per_second);
  EpochReport evaluate_epoch(double images_per_second, double seconds);
  std::vector<float> scores_of(Split split);
  void finish();

  TrainConfig config_;
  TrainObserver& observer_;
  std::stop_token stop_;
  RunFolder folder_;
  bool resume_;
  LaunchInfo launch_;
  std::unique_ptr<Logger> log_;
  std::shared_ptr<Collective> group_;
  std::shared_ptr<TimedCollective> timed_;  // group_ of a data-parallel run: the time its collectives take
  bool stop_agreed_ = false;

  Dataset data_;
  std::unique_ptr<ImageCache> cache_;
  torch::Device device_{torch::kCPU};
  Precision precision_ = Precision::Auto;  // as asked (run.amp, run.precision)
  MemoryFormat memory_format_ = MemoryFormat::Auto;
  ComputeFormat format_;  // as resolved for this device and CPU
  Classifier model_;
  std::unique_ptr<torch::optim::Adam> adam_;
  std::unique_ptr<StepEngine> engine_;
  Ema ema_;
  std::unique_ptr<FeatureCache> features_;  // frozen mode only
  OneCycle schedule_;
  TrainState state_;
  std::size_t batches_per_epoch_ = 0;
  std::size_t skipped_images_ = 0;
  double smoothed_loss_ = 0;
  bool smoothing_ = false;  // smoothed_loss_ holds a loss
  std::string non_finite_;  // what the NaN guard saw
  // The steps taken whose losses are not checked yet (run.check_loss_every > 1), oldest first.
  struct Unchecked {
    int epoch = 0;
    std::size_t batch = 0;  // 1-based within the epoch
    double learning_rate = 0;
  };
  std::deque<Unchecked> unchecked_;
};

// aia::train() within a given launch: what run_experiment calls with each
// cell's own process group (LaunchInfo::group).
RunResult train_in_launch(const TrainConfig& config, TrainObserver& observer, std::stop_token stop,
                          const std::string& resume_dir, const LaunchInfo& launch);

}  // namespace aia::detail
