#pragma once
// One optimiser step over in-memory tensors, the part of training that needs
// only LibTorch: the one-cycle values set on Adam, optional bfloat16 autocast,
// the loss of this rank's share of the batch, gradients all-reduced in buckets
// across the ranks of a data-parallel run, a non-finite loss refused before
// the weights change. The trainer (images, checkpoints, metrics) and the GPU
// check program both drive it.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/distributed/collective.h"
#include "aia/loss/loss_options.h"
#include "aia/model/classifier.h"
#include "aia/runtime/autocast.h"
#include "aia/training/onecycle.h"

#include <torch/optim/adam.h>
#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace aia {

struct StepSettings {
  double beta2 = 0.999;
  bool amp = false;                        // bfloat16 autocast around the forward pass
  std::int64_t bucket_bytes = 25ll << 20;  // gradient bytes per all-reduce
};

struct StepResult {
  bool applied = false;     // the weights changed
  bool finite = true;       // false: the loss was NaN or infinite, nothing changed
  double loss = 0;          // the batch's mean loss over every rank
  std::int64_t images = 0;  // images in the batch over every rank
  bool stop = false;        // some rank asked to stop
};

// The dropout seed of optimiser step `step` on `rank`: the same after a resume,
// different per rank (rank 0 draws what a single process draws).
std::uint64_t dropout_seed(std::uint64_t run_seed, long step, int rank);

// The follow-up paper's mixup (docs/attention_head.md): for an even batch of B
// images, image i < B/2 becomes (x[i] + x[i + B/2]) / 2 and its targets the
// union of both images' targets; the second half stays as it is. An odd batch
// is returned unchanged. In a data-parallel run each rank mixes its own share.
std::pair<torch::Tensor, torch::Tensor> mixup_half(const torch::Tensor& images, const torch::Tensor& targets);

class StepEngine {
 public:
  // `trained`: the parameters Adam updates, in Adam's order. `group` may be
  // the single-process collective.
  StepEngine(torch::optim::Adam& adam, std::vector<torch::Tensor> trained, std::shared_ptr<Collective> group,
             StepSettings settings);

  // `forward_loss` returns this rank's mean loss over its `local_images`
  // images. Each rank's loss is weighted by its share of the batch, so the
  // summed gradients equal those of one process holding the whole batch.
  // When any rank has no image (all of its share failed to decode), every
  // rank skips the step. `seed` seeds dropout for this step.
  StepResult step(const OneCycle::Value& schedule, std::uint64_t seed, std::int64_t local_images, bool stop_requested,
                  const std::function<torch::Tensor()>& forward_loss);

 private:
  void all_reduce_gradients(torch::Tensor& loss_sum);

  torch::optim::Adam& adam_;
  std::vector<torch::Tensor> trained_;
  std::shared_ptr<Collective> group_;
  StepSettings settings_;
};

// Training over tensors already in memory (on any device): the paper's
// recipe without images on disk. `schedule.total_steps` is set from the data.
struct TensorTrainOptions {
  int epochs = 1;
  int batch_size = 32;  // of the whole run; each rank trains on its share
  OneCycle schedule;    // max_lr, pct_start, div factors, beta1 range
  double weight_decay = 0;
  LossOptions loss;
  StepSettings step;
  std::uint64_t seed = 1;  // the epoch's order and dropout
  // After every step that changed the weights: (epoch 0-based, step, batch loss).
  std::function<void(int, long, double)> on_step;
};

struct TensorTrainResult {
  std::vector<double> epoch_loss;  // mean batch loss per epoch, over every rank
  long steps = 0;
  bool finite = true;  // false: stopped at a NaN or infinite loss, weights as before that step
  bool stopped = false;
};

// Trains `model` (in training mode, SyncBatchNorm over `group` when it has
// several ranks) with Adam on images N x 3 x H x W and targets N x labels.
// Every rank passes the same tensors; rank r trains on positions r, r + size,
// ... of each batch of the epoch's seeded permutation, as the image loader
// does. `stop` is polled before every step; the ranks agree on it.
TensorTrainResult train_on_tensors(ClassifierImpl& model, const torch::Tensor& images, const torch::Tensor& targets,
                                   TensorTrainOptions options,
                                   std::shared_ptr<Collective> group = single_process_collective(),
                                   const std::function<bool()>& stop = {});

}  // namespace aia
