#pragma once
// bfloat16 autocast of a scope, on any LibTorch version (2.4 made its
// switches per device type): what the optimiser step and the inference
// forward pass (runtime/compute) share.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include <c10/core/DeviceType.h>
#include <c10/core/ScalarType.h>

namespace aia {

// Turns bfloat16 autocast on for one device type while alive (no-op when
// `enabled` is false). bfloat16 keeps float32's range, so no loss scaling.
class AutocastScope {
 public:
  AutocastScope(c10::DeviceType device, bool enabled);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  c10::DeviceType device_;
  bool enabled_, previous_ = false;
  c10::ScalarType previous_type_ = c10::kBFloat16;
};

}  // namespace aia
