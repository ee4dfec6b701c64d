#include "aia/training/train_step.h"

#include "aia/data/epoch_order.h"
#include "aia/errors.h"
#include "aia/loss/loss.h"
#include "aia/runtime/autocast.h"

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

StepEngine::StepEngine(torch::optim::Adam& adam, std::vector<torch::Tensor> trained, std::shared_ptr<Collective> group,
                       StepSettings settings)
    : adam_(adam), trained_(std::move(trained)), group_(std::move(group)), settings_(settings) {}

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
    if (k + 1 == members.size()) loss_sum = buckets[k].narrow(0, offset, 1).to(torch::kFloat64).cpu();
  }
}

StepResult StepEngine::step(const OneCycle::Value& schedule, std::uint64_t seed, std::int64_t local_images,
                            bool stop_requested, const std::function<torch::Tensor()>& forward_loss) {
  StepResult r;
  const bool many = group_->size() > 1;
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
  torch::manual_seed(seed);
  adam_.zero_grad();
  torch::Tensor loss;
  {
    AutocastScope autocast(device.type(), settings_.amp);
    loss = forward_loss();
  }
  const double share = static_cast<double>(local_images) / images;
  torch::Tensor weighted = loss.to(torch::kFloat32) * share;
  if (!many) {
    // One process: refuse a non-finite loss before any backward pass.
    r.loss = weighted.item<double>();
    if (!std::isfinite(r.loss)) {
      r.finite = false;
      return r;
    }
    weighted.backward();
  } else {
    weighted.backward();
    torch::Tensor loss_sum = weighted.detach();
    all_reduce_gradients(loss_sum);
    r.loss = loss_sum.item<double>();
    if (!std::isfinite(r.loss)) {
      r.finite = false;
      return r;
    }
  }
  adam_.step();
  r.applied = true;
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
  if (size > 1) model.set_batch_norm_group(group);
  model.train();
  StepEngine engine(adam, trained, group, o.step);

  TensorTrainResult result;
  for (int epoch = 0; epoch < o.epochs && !result.stopped; ++epoch) {
    // The epoch's order: the one rule of aia/data/epoch_order.h.
    std::vector<std::int64_t> order;
    for (std::size_t i : epoch_order(n, o.seed, epoch)) order.push_back(static_cast<std::int64_t>(i));
    double loss_sum = 0;
    long applied = 0;
    for (std::size_t k = 0; k < batches; ++k) {
      std::vector<std::int64_t> mine;
      for (std::size_t i = k * b + rank; i < std::min(n, (k + 1) * b); i += size) mine.push_back(order[i]);
      const auto index = torch::tensor(mine, torch::kLong).to(images.device());
      const std::uint64_t seed = dropout_seed(o.seed, result.steps, static_cast<int>(rank));
      const StepResult r =
          engine.step(o.schedule.at(std::min(result.steps, o.schedule.total_steps - 1)), seed,
                      static_cast<std::int64_t>(mine.size()), stop && stop(), [&] {
                        return multilabel_loss(model.forward(images.index_select(0, index)),
                                               targets.index_select(0, index.to(targets.device())), o.loss);
                      });
      if (!r.finite) {
        result.finite = false;
        result.stopped = true;
        break;
      }
      if (r.applied) {
        ++result.steps;
        ++applied;
        loss_sum += r.loss;
        if (o.on_step) o.on_step(epoch, result.steps, r.loss);
      }
      if (r.stop) {
        result.stopped = true;
        break;
      }
    }
    if (applied) result.epoch_loss.push_back(loss_sum / static_cast<double>(applied));
  }
  if (size > 1) model.set_batch_norm_group(nullptr);
  return result;
}

}  // namespace aia
