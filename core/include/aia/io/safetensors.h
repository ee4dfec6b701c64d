#pragma once
// safetensors files (timm's published pretrained weights, and our checkpoints):
// an 8-byte header length, a JSON header of dtypes, shapes and offsets (and a
// "__metadata__" string map), then the raw little-endian bytes.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include <torch/types.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace aia {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Each throws CheckpointError naming the file and what is wrong. Writing goes
// through a temporary name and a rename.
NamedTensors read_safetensors(const std::string& path, std::map<std::string, std::string>* metadata = nullptr);
void write_safetensors(const std::string& path, const NamedTensors& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace aia
