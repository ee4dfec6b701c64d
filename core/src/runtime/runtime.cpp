#include "aia/runtime/runtime.h"

#include "aia/errors.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <dlfcn.h>
#include <malloc.h>

#include <cstdlib>
#include <mutex>
#include <thread>

namespace aia {
namespace {

bool tcmalloc_loaded() { return ::dlsym(RTLD_DEFAULT, "tc_malloc") != nullptr; }

std::string g_allocator = "glibc";

}  // namespace

RuntimeInfo configure_runtime(const RuntimeOptions& options) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  int threads = options.threads;
  if (threads <= 0) {
    if (const char* env = std::getenv("AIA_THREADS")) threads = std::atoi(env);
  }
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);

  if (tcmalloc_loaded()) {
    g_allocator = "tcmalloc";
  } else if (options.tune_glibc_malloc) {
    // Keep freed memory in the process: no mmap for big blocks, no trimming.
    ::mallopt(M_MMAP_THRESHOLD, 1 << 30);
    ::mallopt(M_TRIM_THRESHOLD, 1 << 30);
    ::mallopt(M_TOP_PAD, 64 << 20);
    g_allocator = "glibc (tuned)";
  } else {
    g_allocator = "glibc";
  }
  return runtime_info();
}

RuntimeInfo runtime_info() {
  RuntimeInfo info;
  info.threads = at::get_num_threads();
  info.allocator = tcmalloc_loaded() ? "tcmalloc" : g_allocator;
  info.cuda_available = torch::cuda::is_available();
  info.cuda_devices = info.cuda_available ? static_cast<int>(torch::cuda::device_count()) : 0;
  return info;
}

std::string describe(const RuntimeInfo& info) {
  return std::to_string(info.threads) + " threads, " + info.allocator + " allocator, " +
         (info.cuda_available ? "CUDA (" + std::to_string(info.cuda_devices) + " devices)" : "no CUDA");
}

std::string resolve_device(const std::string& requested) {
  const bool cuda = torch::cuda::is_available();
  if (requested == "auto" || requested.empty()) return cuda ? "cuda" : "cpu";
  if (requested == "cpu") return "cpu";
  if (requested.rfind("cuda", 0) == 0) {
    if (!cuda) throw ConfigError("device '" + requested + "' requested, but this LibTorch build sees no CUDA GPU");
    if (requested.size() > 5) {
      const int index = std::atoi(requested.c_str() + 5);
      if (requested[4] != ':' || index < 0 || index >= static_cast<int>(torch::cuda::device_count()))
        throw ConfigError("device '" + requested + "' does not exist (" + std::to_string(torch::cuda::device_count()) +
                          " CUDA devices)");
    }
    return requested;
  }
  throw ConfigError("unknown device '" + requested + "' (expected auto, cpu, cuda or cuda:N)");
}

}  // namespace aia
