// The targets that need LibTorch (the unpickler, torch.save zips,
// safetensors); C++17 in the fuzz build (fuzz/CMakeLists.txt says why).

#include "fuzz_targets.h"

#include "aia/errors.h"
#include "aia/io/safetensors.h"
#include "aia/io/torch_pickle.h"

#include <torch/torch.h>

#include <map>

namespace aia::fuzz {

void initialize_torch() { torch::set_num_threads(1); }

std::vector<std::string> pickle(std::string_view bytes) {
  std::vector<std::string> refusals;
  // Storages as the zip reader gives them, without the zip: zeros of the
  // declared count, refused past 64 Ki elements (the real loader refuses any
  // count that differs from its record's size).
  auto storage = [](const std::string& key, c10::ScalarType dtype, std::int64_t numel) {
    if (numel > (1 << 16)) throw CheckpointError("data.pkl: storage '" + key + "' too large for the harness");
    return torch::zeros({numel}, torch::TensorOptions().dtype(dtype));
  };
  attempt(refusals, [&] { detail::unpickle_state_dict(bytes, "data.pkl", storage, 1 << 24); });
  return refusals;
}

std::vector<std::string> zip_checkpoint(std::string_view bytes) {
  std::vector<std::string> refusals;
  const auto path = put(fresh_folder("zip") / "checkpoint.pth", bytes);
  attempt(refusals, [&] { read_pytorch_state_dict(path); });
  return refusals;
}

std::vector<std::string> safetensors(std::string_view bytes) {
  std::vector<std::string> refusals;
  const auto path = put(fresh_folder("safetensors") / "model.safetensors", bytes);
  std::map<std::string, std::string> metadata;
  attempt(refusals, [&] { read_safetensors(path, &metadata); });
  return refusals;
}

}  // namespace aia::fuzz
