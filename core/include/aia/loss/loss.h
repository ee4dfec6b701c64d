#pragma once
// The loss family of docs/method.md on torch tensors (any float dtype, any
// device). Gradients flow through q, p and p- as autograd gives them.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/loss/loss_options.h"

#include <torch/types.h>

namespace aia {

// Mean over all (sample, label) cells. `targets` holds 0/1 of the logits' shape.
torch::Tensor multilabel_loss(const torch::Tensor& logits, const torch::Tensor& targets, const LossOptions& options);

}  // namespace aia
