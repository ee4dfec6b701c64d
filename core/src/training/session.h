#pragma once
// The training session behind aia::train(): its state, and the parts of a run
// (trainer.cpp: data, model, checkpoints, the epoch loop; frozen_features.cpp:
// the frozen-backbone mode; run_outputs.cpp: thresholds and evaluation after
// the last epoch). Internal to aia_core.

#include "aia/checkpoint.h"
#include "aia/collective.h"
#include "aia/image_pipeline.h"
#include "aia/onecycle.h"
#include "aia/train_step.h"
#include "aia/trainer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>

namespace aia::detail {

using Clock = std::chrono::steady_clock;

// Everything that changes while training and must survive a stop and resume.
struct TrainState {
  int epoch = 0;            // 0-based epoch in progress
  std::size_t batch = 0;    // next batch within it
  long step = 0;            // optimiser steps so far
  double epoch_loss_sum = 0;
  std::size_t epoch_batches = 0;
  double best_f1 = -1;
  int best_epoch = 0;
};

inline nlohmann::json to_json(const TrainState& s) {
  return {{"epoch", s.epoch}, {"batch", s.batch}, {"step", s.step}, {"epoch_loss_sum", s.epoch_loss_sum},
          {"epoch_batches", s.epoch_batches}, {"best_f1", s.best_f1}, {"best_epoch", s.best_epoch}};
}

inline TrainState state_from_json(const nlohmann::json& j) {
  TrainState s;
  s.epoch = j.at("epoch");
  s.batch = j.at("batch");
  s.step = j.at("step");
  s.epoch_loss_sum = j.at("epoch_loss_sum");
  s.epoch_batches = j.at("epoch_batches");
  s.best_f1 = j.at("best_f1");
  s.best_epoch = j.at("best_epoch");
  return s;
}

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

class Session {
 public:
  // Rank 0 of a data-parallel launch (or the only process) owns the run folder.
  Session(TrainConfig config, TrainObserver& observer, std::stop_token stop, std::string run_dir, bool resume,
          LaunchInfo launch)
      : config_(std::move(config)), observer_(observer), stop_(std::move(stop)), run_dir_(std::move(run_dir)),
        resume_(resume), launch_(std::move(launch)),
        log_(observer, launch_.rank == 0 ? (std::filesystem::create_directories(run_dir_ + "/checkpoints"),
                                            run_dir_ + "/log.txt")
                                         : std::string()) {}

  RunResult run();

 private:
  void join_group();
  bool writes() const { return launch_.rank == 0; }
  void barrier();
  // A stop every rank agreed on in the last step; in one process, also a stop asked for since.
  bool stopping() const { return stop_agreed_ || (!launch_.distributed() && stop_.stop_requested()); }
  void prepare_data();
  void build_model();
  void save_last();
  void load_last();
  void save_best();
  bool train_step(const std::function<torch::Tensor()>& forward_loss, std::size_t batch_images,
                  Clock::time_point epoch_start, std::size_t& epoch_images);
  double run_epoch_part();  // returns images per second
  double run_epoch_part_frozen();
  void prepare_features();
  torch::Tensor& features_for(const std::vector<Sample>& samples);
  void swap_ema();  // exchanges the model's weights and the EMA copy
  EpochReport evaluate_epoch(double images_per_second, double seconds);
  void append_metrics(const EpochReport& report);
  void finish();
  std::vector<float> scores_of(const std::vector<Sample>& samples);

  TrainConfig config_;
  TrainObserver& observer_;
  std::stop_token stop_;
  std::string run_dir_;
  bool resume_;
  LaunchInfo launch_;
  Logger log_;
  std::shared_ptr<Collective> group_;
  std::unique_ptr<StepEngine> engine_;
  bool stop_agreed_ = false;

  Dataset data_;
  torch::Device device_{torch::kCPU};
  Classifier model_;
  std::unique_ptr<torch::optim::Adam> adam_;
  std::vector<std::pair<std::string, torch::Tensor>> ema_;  // name -> averaged copy
  std::unique_ptr<ImageCache> cache_;
  OneCycle schedule_;
  TrainState state_;
  std::size_t batches_per_epoch_ = 0;
  std::size_t skipped_images_ = 0;
  double smoothed_loss_ = 0;
  bool nan_stop_ = false;
  std::string nan_message_;
  bool frozen_ = false;
  std::map<const std::vector<Sample>*, torch::Tensor> features_;  // frozen mode: pooled features per split
};

// Keeps only decoded rows: a LabelMatrix over the samples that have scores.
LabelMatrix matrix_of(const std::vector<float>& scores, const std::vector<Sample>& samples, std::size_t vocabulary,
                      std::vector<std::size_t>* kept = nullptr);

}  // namespace aia::detail
