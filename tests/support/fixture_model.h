#pragma once
// The parity fixture's weights and input as tensors (README sections 2 and 3).

#include "fixture_hash.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace aia::test {

// Fills every parameter and buffer by the fixture's hash rule (README section 2).
inline void fill_fixture_weights(torch::nn::Module& model) {
  torch::NoGradGuard no_grad;
  auto fill = [](const std::string& key, torch::Tensor target) {
    // Seeds come from canonical timm names: the paper head's head.fc.1.* uses head.fc.*
    std::string seed_key = key;
    if (seed_key.rfind("head.fc.1.", 0) == 0) seed_key = "head.fc." + seed_key.substr(10);
    const std::string leaf = key.substr(key.rfind('.') + 1);
    if (leaf == "num_batches_tracked") {
      target.zero_();
      return;
    }
    const std::uint64_t seed = fnv1a64(seed_key);
    const auto n = target.numel();
    std::vector<float> values(static_cast<std::size_t>(n));
    double fan_in = 1;
    for (int d = 1; d < target.dim(); ++d) fan_in *= static_cast<double>(target.size(d));
    for (std::int64_t i = 0; i < n; ++i) {
      const double u = fixture_u(seed, static_cast<std::uint64_t>(i));
      double v = 0;
      if (leaf == "weight" && target.dim() >= 2)
        v = u * std::sqrt(6.0 / fan_in);
      else if (leaf == "weight")
        v = 1.0 + 0.1 * u;
      else if (leaf == "bias" || leaf == "running_mean")
        v = 0.1 * u;
      else if (leaf == "running_var")
        v = 1.0 + 0.5 * std::abs(u);
      else
        throw std::runtime_error("no fixture rule for " + key);
      values[static_cast<std::size_t>(i)] = static_cast<float>(v);
    }
    target.copy_(torch::from_blob(values.data(), target.sizes(), torch::kFloat32));
  };
  for (const auto& p : model.named_parameters(true)) fill(p.key(), p.value());
  for (const auto& b : model.named_buffers(true)) fill(b.key(), b.value());
}

inline torch::Tensor fixture_input(std::int64_t size) {
  const std::uint64_t seed = fnv1a64("input");
  const std::int64_t n = 2 * 3 * size * size;
  std::vector<float> values(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    values[static_cast<std::size_t>(i)] = static_cast<float>(fixture_u(seed, static_cast<std::uint64_t>(i)));
  return torch::from_blob(values.data(), {2, 3, size, size}, torch::kFloat32).clone();
}

}  // namespace aia::test
