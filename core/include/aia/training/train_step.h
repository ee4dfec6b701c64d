#pragma once
// One optimiser step over in-memory tensors, the part of training that needs
// only LibTorch: the one-cycle values set on Adam, optional bfloat16 autocast,
// the loss of this rank's share of the batch, gradients all-reduced in buckets
// across the ranks of a data-parallel run, and the guard against a NaN or
// infinite loss: every step's weights are kept only once its loss is known to
// be finite, either checked before the step (one host synchronisation a step)
// or every N steps against a copy of the state taken before them (no host
// synchronisation in between; a bad window is rolled back whole). The trainer
// (images, checkpoints, metrics) and the GPU check program both drive it.
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
  // 1: the loss is read on the host and checked before each step changes the
  // weights. N > 1: the losses stay on the device and are read and checked
  // every N steps (and at flush); a window holding a NaN or infinite loss is
  // undone whole, back to a copy of the state taken before its first step.
  int check_every = 1;
};

struct StepResult {
  bool applied = false;  // the weights changed (checked or still to be checked)
  // false: a checked loss was NaN or infinite; the weights, Adam's state and
  // the guarded tensors are as they were before the first step of `checked`.
  bool finite = true;
  // The losses (each the batch's mean over every rank) that this call checked,
  // oldest first: this step's alone when check_every is 1, else the window's
  // steps when this step closed it, else none (still on the device). When
  // `finite` is false the first non-finite one is among them.
  std::vector<double> checked;
  long undone = 0;          // steps whose changes the rollback undid (0: the bad step was refused before it)
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

  // Checks the steps not yet checked (check_every > 1): call before the
  // weights are evaluated, saved or handed on. `applied`, `images` and `stop`
  // are unset; `finite` and `checked` as for step.
  StepResult flush();
  // Steps taken whose loss is not yet checked.
  std::size_t unchecked() const { return pending_.size(); }

  // Other tensors that a refused or undone step must leave as they were,
  // updated in place by their owner: those the forward pass changes (the
  // model's BatchNorm statistics) and those the caller changes after a step
  // (an EMA of the weights).
  void guard_also(std::vector<torch::Tensor> by_forward, std::vector<torch::Tensor> after_step = {}) {
    buffers_ = std::move(by_forward);
    after_step_ = std::move(after_step);
  }

 private:
  void all_reduce_gradients(torch::Tensor& loss_sum);
  // The copy a window rolls back to, taken before its first step (`all`
  // false: the buffers alone, what a refused step checked at once restores).
  void keep_state(bool all);
  void restore_state(bool all);

  torch::optim::Adam& adam_;
  std::vector<torch::Tensor> trained_;
  std::shared_ptr<Collective> group_;
  StepSettings settings_;

  std::vector<torch::Tensor> pending_;  // the unchecked steps' losses, on the device
  std::vector<torch::Tensor> buffers_, after_step_;
  struct Kept;
  std::shared_ptr<Kept> kept_;
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
  std::uint64_t seed = 1;      // the epoch's order and dropout
  bool channels_last = false;  // batches in channels-last memory (the model's too: apply_memory_format)
  // After every step that changed the weights: (epoch 0-based, step, batch loss).
  std::function<void(int, long, double)> on_step;
};

struct TensorTrainResult {
  std::vector<double> epoch_loss;  // mean batch loss per epoch, over every rank
  long steps = 0;
  // false: stopped at a NaN or infinite loss; the weights as they were before
  // that step (check_every 1) or before the first step of its window.
  bool finite = true;
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
