#include "aia/model/sync_batch_norm.h"

#include "aia/distributed/collective.h"

#include <torch/torch.h>

#include <cstdint>

namespace aia {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

torch::Tensor per_channel(const torch::Tensor& v) { return v.view({1, -1, 1, 1}); }

class SyncBatchNormFunction : public torch::autograd::Function<SyncBatchNormFunction> {
 public:
  static torch::Tensor forward(AutogradContext* ctx, torch::Tensor x, torch::Tensor weight, torch::Tensor bias,
                               torch::nn::BatchNorm2dImpl* bn, Collective* group) {
    const auto input_type = x.scalar_type();
    const torch::Tensor xf = x.to(torch::kFloat32);
    const std::int64_t channels = xf.size(1);
    // Sums in float64: the count can reach millions of elements per channel.
    torch::Tensor stats =
        torch::cat({xf.sum({0, 2, 3}, false, torch::kFloat64), xf.square().sum({0, 2, 3}, false, torch::kFloat64),
                    torch::full({1}, static_cast<double>(xf.numel() / channels), xf.options().dtype(torch::kFloat64))});
    std::vector<torch::Tensor> reduce{stats};
    group->all_reduce_sum(reduce);
    stats = reduce[0];
    const torch::Tensor count = stats.narrow(0, 2 * channels, 1);
    const torch::Tensor mean = stats.narrow(0, 0, channels) / count;
    const torch::Tensor var = (stats.narrow(0, channels, channels) / count - mean.square()).clamp_min(0);
    const double eps = bn->options.eps();
    const torch::Tensor invstd = (var + eps).rsqrt();
    {
      torch::NoGradGuard no_grad;
      // Tensor arithmetic throughout: no host synchronisation per layer on a GPU.
      const double m = bn->options.momentum().value_or(0.1);
      const torch::Tensor unbiased = var * (count / (count - 1).clamp_min(1));
      bn->running_mean.mul_(1 - m).add_(mean.to(torch::kFloat32), m);
      bn->running_var.mul_(1 - m).add_(unbiased.to(torch::kFloat32), m);
      bn->num_batches_tracked.add_(1);
    }
    const torch::Tensor mean_f = mean.to(torch::kFloat32), invstd_f = invstd.to(torch::kFloat32);
    const torch::Tensor xhat = (xf - per_channel(mean_f)) * per_channel(invstd_f);
    ctx->save_for_backward({xhat, weight, invstd_f, count});
    ctx->saved_data["group"] = static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(group));
    ctx->saved_data["input_type"] = static_cast<std::int64_t>(input_type);
    return (xhat * per_channel(weight) + per_channel(bias)).to(input_type);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor& xhat = saved[0];
    const torch::Tensor& weight = saved[1];
    const torch::Tensor& invstd = saved[2];
    const torch::Tensor& count = saved[3];
    auto* group = reinterpret_cast<Collective*>(static_cast<std::intptr_t>(ctx->saved_data["group"].toInt()));
    const auto input_type = static_cast<c10::ScalarType>(ctx->saved_data["input_type"].toInt());
    const torch::Tensor dy = grad_outputs[0].to(torch::kFloat32);
    const std::int64_t channels = dy.size(1);
    // This rank's share of the parameter gradients; the gradient all-reduce sums them.
    const torch::Tensor grad_bias = dy.sum({0, 2, 3});
    const torch::Tensor grad_weight = (dy * xhat).sum({0, 2, 3});
    // The input gradient needs both sums over every rank.
    std::vector<torch::Tensor> reduce{torch::cat({grad_bias, grad_weight}).to(torch::kFloat64)};
    group->all_reduce_sum(reduce);
    const torch::Tensor mean_dy = (reduce[0].narrow(0, 0, channels) / count).to(torch::kFloat32);
    const torch::Tensor mean_dy_xhat = (reduce[0].narrow(0, channels, channels) / count).to(torch::kFloat32);
    const torch::Tensor dx =
        (dy - per_channel(mean_dy) - xhat * per_channel(mean_dy_xhat)) * per_channel(invstd * weight);
    return {dx.to(input_type), grad_weight, grad_bias, torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor sync_batch_norm(const torch::Tensor& x, torch::nn::BatchNorm2dImpl& bn, Collective& group) {
  return SyncBatchNormFunction::apply(x, bn.weight, bn.bias, &bn, &group);
}

}  // namespace aia
