#pragma once
// Per-label thresholds straight from score and target tensors on any device
// (CPU or CUDA). The work that grows with the data (comparisons against the
// grid, the per-label sort and cumulative counts) runs on the tensors' device;
// the objective is then evaluated on the host from integer counts with the
// same arithmetic as aia::choose_thresholds, so both give identical doubles.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/metrics/thresholds.h"

#include <torch/types.h>

#include <vector>

namespace aia {

// scores: images x labels, finite; targets: the same shape, > 0.5 = true (as LabelMatrix).
// Throws ConfigError on mismatched shapes or a non-finite score.
std::vector<double> choose_thresholds(const torch::Tensor& scores, const torch::Tensor& targets,
                                      ThresholdMethod method);

}  // namespace aia
