#include "aia/training/train_step.h"

#include "aia/data/epoch_order.h"
#include "aia/errors.h"
#include "aia/loss/loss.h"
#include "aia/runtime/autocast.h"
#include "training/adam_state.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace aia {

std::uint64_t dropout_seed(std::uint64_t run_seed, long step, int rank) {
  constexpr std::uint64_t kRankSpread = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio
  return run_seed * kSeedStride + static_cast<std::uint64_t>(step) + static_cast<std::uint64_t>(rank) * kRankSpread;
}

std::pair<torch::Tensor, torch::Tensor> mixup_half(const torch::Tensor& images, const torch::Tensor& targets) {
  const std::int64_t b = images.size(0);
  if (b < 2 || b % 2 != 0) return {images, targets};
  const std::int64_t h = b / 2;
  auto x = images.clone();
  auto y = targets.clone();
  x.narrow(0, 0, h).add_(images.narrow(0, h, h)).mul_(0.5);
  y.narrow(0, 0, h).copy_(torch::maximum(targets.narrow(0, 0, h), targets.narrow(0, h, h)));
  return {x, y};
}

// The state a window of unchecked steps may change, as it was before them.
struct StepEngine::Kept {
  struct Moments {
    bool present = false;  // Adam had state for the parameter (not before its first step)
    std::int64_t step = 0;
    torch::Tensor exp_avg, exp_avg_sq, max_exp_avg_sq;
  };
  std::vector<torch::Tensor> trained, buffers, after_step;
  std::vector<Moments> moments;
};

namespace {

// `to` holds a copy of `from`: copied into when it has the shape, else cloned.
void keep_copy(torch::Tensor& to, const torch::Tensor& from) {
  if (!from.defined()) {
    to = torch::Tensor();
  } else if (to.defined() && to.sizes() == from.sizes() && to.dtype() == from.dtype() && to.device() == from.device()) {
    to.copy_(from);
  } else {
    to = from.detach().clone();
  }
}

}  // namespace

StepEngine::StepEngine(torch::optim::Adam& adam, std::vector<torch::Tensor> trained, std::shared_ptr<Collective> group,
                       StepSettings settings)
    : adam_(adam), trained_(std::move(trained)), group_(std::move(group)), settings_(settings) {
  if (settings_.check_every < 1) throw ConfigError("StepSettings.check_every must be >= 1");
}

void StepEngine::keep_state(bool all) {
  torch::NoGradGuard no_grad;
  if (!kept_) kept_ = std::make_shared<Kept>();
  auto& k = *kept_;
  k.buffers.resize(buffers_.size());
  for (std::size_t i = 0; i < buffers_.size(); ++i) keep_copy(k.buffers[i], buffers_[i]);
  if (!all) return;
  k.after_step.resize(after_step_.size());
  for (std::size_t i = 0; i < after_step_.size(); ++i) keep_copy(k.after_step[i], after_step_[i]);
  k.trained.resize(trained_.size());
  k.moments.resize(trained_.size());
  for (std::size_t i = 0; i < trained_.size(); ++i) {
    keep_copy(k.trained[i], trained_[i]);
    auto& m = k.moments[i];
    const auto* s = detail::adam_state(adam_, trained_[i]);
    m.present = s != nullptr;
    if (!s) continue;
    m.step = s->step();
    keep_copy(m.exp_avg, s->exp_avg());
    keep_copy(m.exp_avg_sq, s->exp_avg_sq());
    keep_copy(m.max_exp_avg_sq, s->max_exp_avg_sq());
  }
}

void StepEngine::restore_state(bool all) {
  torch::NoGradGuard no_grad;
  const auto& k = *kept_;
  for (std::size_t i = 0; i < buffers_.size(); ++i) buffers_[i].copy_(k.buffers[i]);
  if (!all) return;
  for (std::size_t i = 0; i < after_step_.size(); ++i) after_step_[i].copy_(k.after_step[i]);
  for (std::size_t i = 0; i < trained_.size(); ++i) {
    trained_[i].copy_(k.trained[i]);
    const auto& m = k.moments[i];
    if (!m.present) {
      detail::erase_adam_state(adam_, trained_[i]);
      continue;
    }
    auto s = std::make_unique<torch::optim::AdamParamState>();
    s->step(m.step);
    s->exp_avg(m.exp_avg.clone());
    s->exp_avg_sq(m.exp_avg_sq.clone());
    if (m.max_exp_avg_sq.defined()) s->max_exp_avg_sq(m.max_exp_avg_sq.clone());
    detail::set_adam_state(adam_, trained_[i], std::move(s));
  }
}

StepResult StepEngine::flush() {
  StepResult r;
  if (pending_.empty()) return r;
  // The one host synchronisation of the window.
  const auto losses = torch::stack(pending_).to(torch::kFloat64).cpu().contiguous();
  pending_.clear();
  r.checked.assign(losses.data_ptr<double>(), losses.data_ptr<double>() + losses.numel());
  r.finite = std::all_of(r.checked.begin(), r.checked.end(), [](double v) { return std::isfinite(v); });
  if (!r.finite) {
    restore_state(true);
    r.undone = static_cast<long>(r.checked.size());
  }
  return r;
}

void StepEngine::all_reduce_gradients(torch::Tensor& loss_sum) {
  // Flatten the gradients into buckets of about bucket_bytes, the loss riding
  // in the last one, reduce all buckets at once, then copy back.
  std::vector<std::vector<std::size_t>> members(1);
  std::int64_t bytes = 0;
  for (std::size_t i = 0; i < trained_.size(); ++i) {
    const std::int64_t b = trained_[i].numel() * static_cast<std::int64_t>(trained_[i].element_size());
    if (bytes > 0 && bytes + b > settings_.bucket_bytes) {
      members.emplace_back();
      bytes = 0;
    }
    members.back().push_back(i);
    bytes += b;
  }
  std::vector<torch::Tensor> buckets;
  for (std::size_t k = 0; k < members.size(); ++k) {
    std::vector<torch::Tensor> parts;
    for (auto i : members[k]) {
      auto& p = trained_[i];
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      parts.push_back(p.grad().reshape({-1}).to(torch::kFloat32));
    }
    if (k + 1 == members.size())
      parts.push_back(loss_sum.reshape({1}).to(parts.empty() ? loss_sum.device() : parts.front().device()));
    buckets.push_back(torch::cat(parts));
  }
  group_->all_reduce_sum(buckets);
  for (std::size_t k = 0; k < members.size(); ++k) {
    std::int64_t offset = 0;
    for (auto i : members[k]) {
      auto& g = trained_[i].mutable_grad();
      g.copy_(buckets[k].narrow(0, offset, g.numel()).view_as(g));
      offset += g.numel();
    }
    if (k + 1 == members.size()) loss_sum = buckets[k].narrow(0, offset, 1).to(torch::kFloat64);  // stays on the device
  }
}

StepResult StepEngine::step(const OneCycle::Value& schedule, std::uint64_t seed, std::int64_t local_images,
                            bool stop_requested, const std::function<torch::Tensor()>& forward_loss) {
  StepResult r;
  const bool many = group_->backend() != Backend::None;  // a process group, even of one rank
  const torch::Device device = trained_.empty() ? torch::Device(torch::kCPU) : trained_.front().device();
  // Agree on the batch size, the ranks with nothing to train on, and a stop.
  double images = static_cast<double>(local_images), empty_ranks = local_images > 0 ? 0 : 1,
         stops = stop_requested ? 1 : 0;
  if (many) {
    std::vector<torch::Tensor> control{
        torch::tensor({images, empty_ranks, stops}, torch::TensorOptions(torch::kFloat64)).to(device)};
    group_->all_reduce_sum(control);
    const auto c = control[0].cpu();
    images = c[0].item<double>();
    empty_ranks = c[1].item<double>();
    stops = c[2].item<double>();
  }
  r.images = static_cast<std::int64_t>(images);
  r.stop = stops > 0;
  if (empty_ranks > 0) return r;  // forward passes with SyncBatchNorm need every rank

  for (auto& group : adam_.param_groups()) {
    auto& o = static_cast<torch::optim::AdamOptions&>(group.options());
    o.lr(schedule.lr);
    o.betas({schedule.beta1, settings_.beta2});
  }
  const bool deferred = settings_.check_every > 1;
  // What a rollback returns to: before a window's first step everything, before a step checked at once the buffers.
  if (!deferred || pending_.empty()) keep_state(deferred);
  torch::manual_seed(seed);
  adam_.zero_grad();
  torch::Tensor loss;
  {
    AutocastScope autocast(device.type(), settings_.amp);
    loss = forward_loss();
  }
  const double share = static_cast<double>(local_images) / images;
  torch::Tensor weighted = loss.to(torch::kFloat32) * share;
  torch::Tensor loss_sum = weighted.detach();
  if (!many && !deferred) {
    // One process, checked at once: refuse a non-finite loss before any backward pass.
    r.checked = {weighted.item<double>()};
    if (!std::isfinite(r.checked[0])) {
      restore_state(false);
      r.finite = false;
      return r;
    }
    weighted.backward();
  } else {
    weighted.backward();
    if (many) all_reduce_gradients(loss_sum);
    if (!deferred) {
      r.checked = {loss_sum.item<double>()};
      if (!std::isfinite(r.checked[0])) {
        restore_state(false);
        r.finite = false;
        return r;
      }
    }
  }
  adam_.step();
  r.applied = true;
  if (deferred) {
    pending_.push_back(loss_sum.reshape({}).to(torch::kFloat64));
    if (pending_.size() >= static_cast<std::size_t>(settings_.check_every)) {
      StepResult checked = flush();
      r.finite = checked.finite;
      r.undone = checked.undone;
      r.checked = std::move(checked.checked);
    }
  }
  return r;
}

TensorTrainResult train_on_tensors(ClassifierImpl& model, const torch::Tensor& images, const torch::Tensor& targets,
                                   TensorTrainOptions o, std::shared_ptr<Collective> group,
                                   const std::function<bool()>& stop) {
  if (images.dim() != 4 || targets.dim() != 2 || images.size(0) != targets.size(0))
    throw ConfigError("train_on_tensors: images N x 3 x H x W and targets N x labels, got " + c10::str(images.sizes()) +
                      " and " + c10::str(targets.sizes()));
  if (o.epochs < 1 || o.batch_size < 1) throw ConfigError("train_on_tensors: epochs and batch_size must be >= 1");
  const auto n = static_cast<std::size_t>(images.size(0));
  const auto b = static_cast<std::size_t>(o.batch_size);
  const std::size_t batches = (n + b - 1) / b;
  o.schedule.total_steps = std::max<long>(1, static_cast<long>(batches) * o.epochs);
  const auto rank = static_cast<std::size_t>(group->rank()), size = static_cast<std::size_t>(group->size());

  std::vector<torch::Tensor> trained;
  for (auto& p : model.parameters())
    if (p.requires_grad()) trained.push_back(p);
  torch::optim::Adam adam(trained, torch::optim::AdamOptions(o.schedule.max_lr)
                                       .betas({o.schedule.beta1_max, o.step.beta2})
                                       .weight_decay(o.weight_decay));
  const bool grouped = group->backend() != Backend::None;
  if (grouped) model.set_batch_norm_group(group);
  model.train();
  StepEngine engine(adam, trained, group, o.step);

  TensorTrainResult result;
  for (int epoch = 0; epoch < o.epochs && !result.stopped; ++epoch) {
    // The epoch's order: the one rule of aia/data/epoch_order.h.
    std::vector<std::int64_t> order;
    for (std::size_t i : epoch_order(n, o.seed, epoch)) order.push_back(static_cast<std::int64_t>(i));
    const auto on_device = torch::tensor(order, torch::kLong).to(images.device());
    double loss_sum = 0;
    long kept = 0;  // this epoch's steps checked finite
    // The losses a step or the epoch's end checked: the steps counted, or all undone and the run stopped.
    auto take_checked = [&](const StepResult& r) {
      if (!r.finite) {
        result.steps -= r.undone;
        result.finite = false;
        result.stopped = true;
        return false;
      }
      const long first = result.steps - static_cast<long>(r.checked.size()) + 1;
      for (std::size_t i = 0; i < r.checked.size(); ++i) {
        ++kept;
        loss_sum += r.checked[i];
        if (o.on_step) o.on_step(epoch, first + static_cast<long>(i), r.checked[i]);
      }
      return true;
    };
    for (std::size_t k = 0; k < batches && !result.stopped; ++k) {
      // This rank's positions of the batch, sliced from the order already on the device (no copy a step).
      const auto begin = static_cast<std::int64_t>(k * b), end = static_cast<std::int64_t>(std::min(n, (k + 1) * b));
      const auto index =
          on_device.slice(0, begin + static_cast<std::int64_t>(rank), end, static_cast<std::int64_t>(size));
      const std::int64_t mine = index.size(0);
      const std::uint64_t seed = dropout_seed(o.seed, result.steps, static_cast<int>(rank));
      const StepResult r = engine.step(
          o.schedule.at(std::min(result.steps, o.schedule.total_steps - 1)), seed, mine, stop && stop(), [&] {
            auto batch = images.index_select(0, index);
            if (o.channels_last) batch = batch.contiguous(at::MemoryFormat::ChannelsLast);
            return multilabel_loss(model.forward(batch), targets.index_select(0, index.to(targets.device())), o.loss);
          });
      if (r.applied) ++result.steps;
      if (!take_checked(r)) break;
      if (r.stop) result.stopped = true;
    }
    if (result.finite) take_checked(engine.flush());
    if (kept) result.epoch_loss.push_back(loss_sum / static_cast<double>(kept));
  }
  if (grouped) model.set_batch_norm_group(nullptr);
  return result;
}

}  // namespace aia
