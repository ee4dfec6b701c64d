#pragma once
// PyTorch zip files written by torch.save(model.state_dict(), f), also nested
// as {"state_dict": ...} or {"model": ...}, read by our own restricted
// unpickler (it understands exactly what state_dicts contain and refuses
// anything that would run code when Python loaded it) and written by our own
// pickler.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/io/safetensors.h"  // NamedTensors

#include <string>

namespace aia {

// Throws CheckpointError naming the file and what is wrong.
NamedTensors read_pytorch_state_dict(const std::string& path);
void write_pytorch_state_dict(const std::string& path, const NamedTensors& tensors);

}  // namespace aia
