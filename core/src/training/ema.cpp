#include "aia/training/ema.h"

#include "aia/errors.h"

#include <torch/torch.h>

namespace aia {

Ema::Ema(ClassifierImpl& model, torch::Device device, double decay) : decay_(decay) {
  for (auto& [k, v] : model_state(model)) average_.emplace_back(k, v.to(device).clone());
}

void Ema::update(ClassifierImpl& model) {
  if (!enabled()) return;
  torch::NoGradGuard no_grad;
  auto params = model.named_parameters();
  auto buffers = model.named_buffers();
  for (auto& [k, v] : average_) {
    const torch::Tensor* now = params.find(k);
    if (!now) now = buffers.find(k);
    if (v.is_floating_point())
      v.mul_(decay_).add_(*now, 1.0 - decay_);
    else
      v.copy_(*now);
  }
}

void Ema::swap(ClassifierImpl& model) {
  if (!enabled()) return;
  torch::NoGradGuard no_grad;
  auto params = model.named_parameters();
  auto buffers = model.named_buffers();
  for (auto& [k, e] : average_) {
    torch::Tensor* now = params.find(k);
    if (!now) now = buffers.find(k);
    auto held = now->clone();
    now->copy_(e);
    e.copy_(held);
  }
}

std::vector<torch::Tensor> Ema::live_tensors() const {
  std::vector<torch::Tensor> out;
  for (const auto& [k, v] : average_) out.push_back(v);
  return out;
}

NamedTensors Ema::tensors() const {
  NamedTensors out;
  for (const auto& [k, v] : average_) out.emplace_back(k, v.cpu());
  return out;
}

void Ema::load(const std::map<std::string, torch::Tensor>& by_name) {
  for (auto& [k, v] : average_) {
    auto it = by_name.find(k);
    if (it != by_name.end()) v.copy_(it->second);
  }
}

}  // namespace aia
