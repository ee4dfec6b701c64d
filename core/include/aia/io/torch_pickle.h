#pragma once
// PyTorch zip files written by torch.save(model.state_dict(), f), also nested
// as {"state_dict": ...} or {"model": ...}, read by our own restricted
// unpickler (it understands exactly what state_dicts contain and refuses
// anything that would run code when Python loaded it) and written by our own
// pickler.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/io/safetensors.h"  // NamedTensors

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace aia {

// Throws CheckpointError naming the file and what is wrong.
NamedTensors read_pytorch_state_dict(const std::string& path);
void write_pytorch_state_dict(const std::string& path, const NamedTensors& tensors);

namespace detail {
// The pickle alone (data.pkl), for read_pytorch_state_dict and the fuzzer:
// `load_storage(key, dtype, numel)` returns a storage's 1-D tensor or throws;
// the tensors rebuilt from storages may hold `tensor_budget` bytes in all.
using StorageLoader = std::function<torch::Tensor(const std::string& key, c10::ScalarType dtype, std::int64_t numel)>;
NamedTensors unpickle_state_dict(std::string_view pickle, const std::string& source, const StorageLoader& load_storage,
                                 std::uint64_t tensor_budget);
}  // namespace detail

}  // namespace aia
