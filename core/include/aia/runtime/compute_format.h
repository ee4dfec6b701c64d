#pragma once
// How the model computes: the precision (float32, or bfloat16 autocast) and
// the memory format of its 4-D tensors (NCHW, or channels-last, which
// oneDNN's fast CPU kernels want). "auto" is decided here, once, from what
// the CPU can do (cpu_features()) and where the work runs; the CLI, the GUI,
// the trainer and the scorers all ask this file.

#include <string>

namespace aia {

// What this CPU can do, read with CPUID (and XGETBV: the OS must save the
// AVX-512 and AMX registers for them to count).
struct CpuFeatures {
  bool avx2 = false;
  bool avx512f = false;
  bool avx512_bf16 = false;
  bool amx_bf16 = false;
  std::string name;  // the brand string, e.g. "AMD EPYC 7B13"

  bool native_bf16() const { return avx512_bf16 || amx_bf16; }
};

// This machine's CPU, read once. AIA_CPU_FEATURES overrides it for tests and
// for trying the other path ("none", or a comma list of avx2, avx512f,
// avx512_bf16, amx_bf16).
const CpuFeatures& cpu_features();
CpuFeatures read_cpu_features();
std::string describe(const CpuFeatures& cpu);  // "AMD EPYC (AVX2; no bfloat16 instructions)"

enum class Precision { Auto, Float32, BFloat16 };
enum class MemoryFormat { Auto, Nchw, ChannelsLast };
enum class Workload { Inference, Training };

std::string to_string(Precision p);     // "auto", "float32", "bfloat16"
std::string to_string(MemoryFormat f);  // "auto", "nchw", "channels-last"
// Throws ConfigError naming `field` (e.g. "--precision") for anything else.
Precision parse_precision(const std::string& name, const std::string& field = "precision");
MemoryFormat parse_memory_format(const std::string& name, const std::string& field = "memory format");

struct ComputeFormat {
  bool bf16 = false;           // bfloat16 autocast of the forward pass; losses and metrics see float32
  bool channels_last = false;  // the model's weights and the input batches channels-last
  std::string reason;          // one line for the log and the GUI
};

// The rules (measured, see BENCHMARKS.md):
// - bfloat16: "auto" picks it for inference on a CPU with AVX512_BF16 or AMX.
//   Training stays float32 under "auto" until the demo's per-class F1 with
//   bfloat16 is shown within 0.01 of float32's (measured with emulated
//   bfloat16, one seed: 0.0111 lower at threshold 0.5, BENCHMARKS.md);
//   --precision bfloat16 asks for it. Without those
//   instructions oneDNN emulates bfloat16, 10-40x slower than float32: "auto"
//   stays float32 there, and an explicit request is honoured with a warning
//   in `reason`. On CUDA "auto" stays float32.
// - channels-last: "auto" picks it with bfloat16 (oneDNN's bf16 kernels need
//   it) and on AVX-512 CPUs; on AVX2-only CPUs TResNet-M measured slower with
//   it, and on CUDA NCHW is kept.
ComputeFormat resolve_compute_format(Precision precision, MemoryFormat format, const std::string& device,
                                     Workload workload, const CpuFeatures& cpu = cpu_features());
std::string describe(const ComputeFormat& f);  // "bfloat16, channels-last"

// How many training steps the NaN guard lets pass between two reads of the
// loss on `device` ("cpu", "cuda:N"): 1 on a CPU (a host read costs nothing
// there), 20 on a CUDA device (one synchronisation per 20 steps keeps the
// GPU's queue full). The trainer's default (run.check_loss_every 0) and aia-check's.
int default_loss_check_every(const std::string& device);

}  // namespace aia
