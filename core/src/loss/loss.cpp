#include "aia/loss/loss.h"

#include "aia/errors.h"

#include <torch/torch.h>

namespace aia {
namespace {

torch::Tensor safe_log(const torch::Tensor& v, double eps) { return torch::log(torch::clamp_min(v, eps)); }

// v^gamma, skipping the power (and its 0 * inf gradient risk) for gamma = 0.
torch::Tensor focus(const torch::Tensor& v, double gamma) {
  return gamma == 0 ? torch::ones_like(v) : torch::pow(v, gamma);
}

}  // namespace

torch::Tensor multilabel_loss(const torch::Tensor& model_logits, const torch::Tensor& targets, const LossOptions& o) {
  // Under autocast the logits come out bfloat16: the loss is computed in float32 (double stays double).
  const bool low = model_logits.scalar_type() == torch::kBFloat16 || model_logits.scalar_type() == torch::kHalf;
  const torch::Tensor logits = low ? model_logits.to(torch::kFloat32) : model_logits;
  if (logits.sizes() != targets.sizes())
    throw ConfigError("loss: logits " + c10::str(logits.sizes()) + " and targets " + c10::str(targets.sizes()) +
                      " differ in shape");
  const torch::Tensor y = targets.to(logits.scalar_type());
  if (o.plain_bce) return torch::binary_cross_entropy_with_logits(logits, y);

  const torch::Tensor p = torch::sigmoid(logits);

  // Negative part: probability margin, then focusing.
  const torch::Tensor p_neg = o.margin_neg > 0 ? torch::clamp_min(p - o.margin_neg, 0.0) : p;
  const torch::Tensor loss_neg = (1 - y) * safe_log(1 - p_neg, o.eps) * focus(p_neg, o.gamma_neg);

  torch::Tensor loss_pos;
  if (o.margin_pos > 0) {
    // Logit margin; BCE-like where q >= t, focal below it.
    const torch::Tensor q = torch::sigmoid(logits - o.margin_pos);
    const torch::Tensor weight = torch::where(q < o.switch_threshold, focus(1 - q, o.gamma_pos), torch::ones_like(q));
    loss_pos = y * safe_log(q, o.eps) * weight;
  } else {
    loss_pos = y * safe_log(p, o.eps) * focus(1 - p, o.gamma_pos);
  }
  return -(loss_pos + loss_neg).mean();
}

}  // namespace aia
