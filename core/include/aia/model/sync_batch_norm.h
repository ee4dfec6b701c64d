#pragma once
// Batch normalisation whose batch statistics span every rank of a
// data-parallel run (PyTorch's SyncBatchNorm semantics): the per-channel sum,
// sum of squares and count are all-reduced in the forward pass, and the two
// gradient sums in the backward pass, so N ranks with B/N images each train
// like one process with B images. Running statistics and the affine
// parameters' gradients follow from the global statistics as in one process.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include <torch/nn/modules/batchnorm.h>

#include <memory>

namespace aia {

class Collective;

// Training-mode forward of `bn` over x (N x C x H x W), synchronised by `group`.
// Updates bn's running statistics; computes in float32 whatever x's dtype.
torch::Tensor sync_batch_norm(const torch::Tensor& x, torch::nn::BatchNorm2dImpl& bn, Collective& group);

}  // namespace aia
