#pragma once
// A ComputeFormat applied to LibTorch: the model's weights in the memory
// format, input batches moved and laid out to match, and the forward pass
// under bfloat16 autocast with float32 logits out (the losses, the sigmoid
// and the metrics never see bfloat16).
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/model/classifier.h"
#include "aia/runtime/compute_format.h"

#include <torch/types.h>

namespace aia {

// Every 4-D parameter and buffer of `model` to channels-last (or back to NCHW).
void apply_memory_format(torch::nn::Module& model, bool channels_last);

// A batch's tensor on `device` (images N x 3 x H x W channels-last when the
// format says so; targets as they are), copied without waiting from pinned
// host memory to a GPU.
torch::Tensor model_input(const torch::Tensor& images, const torch::Device& device, const ComputeFormat& format);

// The logits of `images` (already model_input), float32, under bfloat16
// autocast when the format says so. No gradient mode is decided here.
torch::Tensor forward_logits(ClassifierImpl& model, const torch::Tensor& images, const ComputeFormat& format);

}  // namespace aia
