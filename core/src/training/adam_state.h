#pragma once
// Adam's per-parameter state, keyed the way the linked LibTorch keys it: the
// parameter's TensorImpl address written as text (LibTorch 1.x, Debian's) or
// the address itself (LibTorch 2.x, PyTorch's wheel). Private to core.
// Torch-facing.

#include <torch/optim/adam.h>
#include <torch/types.h>

#include <memory>
#include <sstream>
#include <string>
#include <type_traits>

namespace aia::detail {

template <class StateMap>
typename StateMap::key_type adam_state_key(const StateMap&, const torch::Tensor& param) {
  using Key = typename StateMap::key_type;
  if constexpr (std::is_same_v<Key, std::string>) {
    std::ostringstream text;  // c10::guts::to_string's spelling of a pointer
    text << static_cast<const void*>(param.unsafeGetTensorImpl());
    return text.str();
  } else {
    return static_cast<Key>(param.unsafeGetTensorImpl());
  }
}

// The state of `param`, or nullptr before its first step.
inline torch::optim::AdamParamState* adam_state(torch::optim::Adam& adam, const torch::Tensor& param) {
  auto it = adam.state().find(adam_state_key(adam.state(), param));
  return it == adam.state().end() ? nullptr : static_cast<torch::optim::AdamParamState*>(it->second.get());
}

inline void set_adam_state(torch::optim::Adam& adam, const torch::Tensor& param,
                           std::unique_ptr<torch::optim::AdamParamState> state) {
  adam.state()[adam_state_key(adam.state(), param)] = std::move(state);
}

inline void erase_adam_state(torch::optim::Adam& adam, const torch::Tensor& param) {
  adam.state().erase(adam_state_key(adam.state(), param));
}

}  // namespace aia::detail
