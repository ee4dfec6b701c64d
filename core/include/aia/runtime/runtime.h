#pragma once
// Process-wide settings that decide LibTorch's speed on a CPU: the thread
// count (LibTorch defaults to half the cores, and with one thread Debian's
// LibTorch falls back to slow kernels) and the allocator (glibc returns every
// large block to the kernel and pays page faults on reuse). Call
// configure_runtime() once at start-up, before the first tensor.

#include <string>

namespace aia {

struct RuntimeOptions {
  int threads = 0;                // intra-op threads; 0 = every core
  bool tune_glibc_malloc = true;  // when tcmalloc is not loaded: keep big blocks mapped
};

struct RuntimeInfo {
  int threads = 0;
  std::string allocator;  // "tcmalloc" or "glibc" (+ "tuned")
  bool cuda_available = false;
  int cuda_devices = 0;
};

RuntimeInfo configure_runtime(const RuntimeOptions& options = {});
RuntimeInfo runtime_info();
std::string describe(const RuntimeInfo& info);

// "auto" -> "cuda" when the linked LibTorch sees a GPU, else "cpu"; "cpu",
// "cuda", "cuda:N" are checked and returned. Throws ConfigError otherwise.
std::string resolve_device(const std::string& requested);

}  // namespace aia
