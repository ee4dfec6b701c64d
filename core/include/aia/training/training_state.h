#pragma once
// What must survive a stop and resume, and its checkpoint
// (checkpoints/last.safetensors): model tensors, "optim.<i>.{exp_avg,
// exp_avg_sq,step}" for Adam, "ema.<name>" for the average, and the counters
// below as JSON in the metadata under "aia_state". Torch-facing.

#include "aia/model/classifier.h"
#include "aia/training/ema.h"

#include <torch/optim/adam.h>

#include <cstddef>
#include <string>

namespace aia {

struct TrainState {
  int epoch = 0;          // 0-based epoch in progress
  std::size_t batch = 0;  // next batch within it
  long step = 0;          // optimiser steps so far
  double epoch_loss_sum = 0;
  std::size_t epoch_batches = 0;
  double best_f1 = -1;
  int best_epoch = 0;
  int epoch_order_version = 0;  // aia/data/epoch_order.h's kEpochOrderVersion when saved (0: before versions)
};

// Written to a temporary name and renamed: the previous file survives a crash.
void save_training_state(const std::string& path, ClassifierImpl& model, torch::optim::Adam& adam, const Ema& ema,
                         const TrainState& state);
// Loads everything into `model`, `adam` (moments on `device`) and `ema`.
// Throws CheckpointError naming the file when it is not a training state.
TrainState load_training_state(const std::string& path, ClassifierImpl& model, torch::optim::Adam& adam, Ema& ema,
                               torch::Device device);

}  // namespace aia
