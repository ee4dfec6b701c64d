#include "aia/runtime/autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/types.h>
#include <torch/version.h>

// LibTorch 2.4 made autocast's switches per device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define AIA_AUTOCAST_PER_DEVICE 1
#else
#define AIA_AUTOCAST_PER_DEVICE 0
#endif

namespace aia {
namespace {

bool autocast_enabled(torch::DeviceType d) {
#if AIA_AUTOCAST_PER_DEVICE
  return at::autocast::is_autocast_enabled(d);
#else
  return d == torch::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

void set_autocast(torch::DeviceType d, bool on, at::ScalarType type) {
#if AIA_AUTOCAST_PER_DEVICE
  at::autocast::set_autocast_dtype(d, type);
  at::autocast::set_autocast_enabled(d, on);
#else
  if (d == torch::kCUDA) {
    at::autocast::set_autocast_gpu_dtype(type);
    at::autocast::set_enabled(on);
  } else {
    at::autocast::set_autocast_cpu_dtype(type);
    at::autocast::set_cpu_enabled(on);
  }
#endif
}

at::ScalarType autocast_type(torch::DeviceType d) {
#if AIA_AUTOCAST_PER_DEVICE
  return at::autocast::get_autocast_dtype(d);
#else
  return d == torch::kCUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
#endif
}

}  // namespace

AutocastScope::AutocastScope(torch::DeviceType device, bool enabled) : device_(device), enabled_(enabled) {
  if (!enabled_) return;
  previous_ = autocast_enabled(device_);
  previous_type_ = autocast_type(device_);
  set_autocast(device_, true, at::kBFloat16);
  at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
  if (!enabled_) return;
  // Leaving the outermost scope drops the cached bfloat16 copies of the weights.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  set_autocast(device_, previous_, previous_type_);
}

}  // namespace aia
