#include "aia/runtime/compute_format.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"

#include <cpuid.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace aia {
namespace {

bool bit(unsigned value, int n) { return (value >> n) & 1u; }

std::uint64_t xgetbv0() {
  std::uint32_t lo = 0, hi = 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (static_cast<std::uint64_t>(hi) << 32) | lo;
}

std::string brand() {
  unsigned r[12] = {};
  // GCC's cpuid.h returns unsigned, clang's int.
  if (static_cast<unsigned>(__get_cpuid_max(0x80000000u, nullptr)) < 0x80000004u) return "unknown CPU";
  for (unsigned i = 0; i < 3; ++i) __get_cpuid(0x80000002u + i, &r[i * 4], &r[i * 4 + 1], &r[i * 4 + 2], &r[i * 4 + 3]);
  char text[49] = {};
  std::memcpy(text, r, 48);
  std::string s(text);
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(' ');
  return first == std::string::npos ? "unknown CPU" : s.substr(first, last - first + 1);
}

CpuFeatures from_list(const std::string& list) {
  CpuFeatures f;
  f.name = "AIA_CPU_FEATURES=" + list;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item == "avx2") f.avx2 = true;
    if (item == "avx512f") f.avx512f = true;
    if (item == "avx512_bf16") f.avx512_bf16 = true;
    if (item == "amx_bf16") f.amx_bf16 = true;
  }
  return f;
}

}  // namespace

CpuFeatures read_cpu_features() {
  if (const char* env = std::getenv("AIA_CPU_FEATURES")) return from_list(env);
  CpuFeatures f;
  f.name = brand();
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  const bool osxsave = bit(c, 27) && bit(c, 28);  // OSXSAVE, AVX
  if (!osxsave) return f;
  const std::uint64_t xcr0 = xgetbv0();
  const bool os_avx = (xcr0 & 0x6) == 0x6;                 // SSE and AVX state
  const bool os_avx512 = os_avx && (xcr0 & 0xe0) == 0xe0;  // opmask, ZMM_Hi256, Hi16_ZMM
  const bool os_amx = (xcr0 & 0x60000) == 0x60000;         // XTILECFG, XTILEDATA
  if (__get_cpuid_max(0, nullptr) < 7) return f;
  __cpuid_count(7, 0, a, b, c, d);
  f.avx2 = os_avx && bit(b, 5);
  f.avx512f = os_avx512 && bit(b, 16);
  f.amx_bf16 = os_amx && bit(d, 22);
  __cpuid_count(7, 1, a, b, c, d);
  f.avx512_bf16 = f.avx512f && bit(a, 5);
  return f;
}

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = read_cpu_features();
  return features;
}

std::string describe(const CpuFeatures& cpu) {
  std::string isa = cpu.avx512f ? "AVX-512" : cpu.avx2 ? "AVX2" : "no AVX2";
  if (cpu.avx512_bf16) isa += ", AVX512_BF16";
  if (cpu.amx_bf16) isa += ", AMX-BF16";
  if (!cpu.native_bf16()) isa += "; no bfloat16 instructions";
  return cpu.name + " (" + isa + ")";
}

std::string to_string(Precision p) {
  switch (p) {
    case Precision::Auto:
      return "auto";
    case Precision::Float32:
      return "float32";
    case Precision::BFloat16:
      return "bfloat16";
  }
  return "auto";
}

std::string to_string(MemoryFormat f) {
  switch (f) {
    case MemoryFormat::Auto:
      return "auto";
    case MemoryFormat::Nchw:
      return "nchw";
    case MemoryFormat::ChannelsLast:
      return "channels-last";
  }
  return "auto";
}

Precision parse_precision(const std::string& name, const std::string& field) {
  if (name == "auto" || name.empty()) return Precision::Auto;
  if (name == "float32" || name == "fp32") return Precision::Float32;
  if (name == "bfloat16" || name == "bf16") return Precision::BFloat16;
  throw ConfigError(field + ": '" + name + "' is not a precision (expected " + names_or(names_of(precisions())) + ")");
}

MemoryFormat parse_memory_format(const std::string& name, const std::string& field) {
  if (name == "auto" || name.empty()) return MemoryFormat::Auto;
  if (name == "nchw") return MemoryFormat::Nchw;
  if (name == "channels-last" || name == "channels_last") return MemoryFormat::ChannelsLast;
  throw ConfigError(field + ": '" + name + "' is not a memory format (expected " +
                    names_or(names_of(memory_formats())) + ")");
}

ComputeFormat resolve_compute_format(Precision precision, MemoryFormat format, const std::string& device,
                                     Workload workload, const CpuFeatures& cpu) {
  ComputeFormat f;
  const bool cpu_device = device.rfind("cuda", 0) != 0;
  const char* work = workload == Workload::Training ? "training" : "inference";
  std::string why;
  if (precision == Precision::Auto) {
    const bool training = workload == Workload::Training;
    f.bf16 = cpu_device && cpu.native_bf16() && !training;
    if (f.bf16)
      why = std::string("bfloat16: this CPU has ") + (cpu.amx_bf16 ? "AMX-BF16" : "AVX512_BF16");
    else if (!cpu_device)
      why = "float32 (--precision bfloat16 for autocast on the GPU)";
    else if (!cpu.native_bf16())
      why = "float32: this CPU has no bfloat16 instructions (AVX512_BF16 or AMX)";
    else
      why =
          "float32: training defaults to bfloat16 once the demo's per-class F1 with it is shown within 0.01 of "
          "float32's on such a CPU (--precision bfloat16 to use it now)";
  } else {
    f.bf16 = precision == Precision::BFloat16;
    why = f.bf16 ? "bfloat16 as asked" : "float32 as asked";
    if (f.bf16 && cpu_device && !cpu.native_bf16())
      why += " (warning: this CPU has no bfloat16 instructions; oneDNN emulates them, many times slower than float32)";
  }
  if (format == MemoryFormat::Auto) {
    f.channels_last = cpu_device && (f.bf16 || cpu.avx512f);
  } else {
    f.channels_last = format == MemoryFormat::ChannelsLast;
  }
  f.reason = std::string(work) + " in " + describe(f) + "; " + why;
  return f;
}

int default_loss_check_every(const std::string& device) { return device.rfind("cuda", 0) == 0 ? 20 : 1; }

std::string describe(const ComputeFormat& f) {
  return std::string(f.bf16 ? "bfloat16 autocast" : "float32") + ", " + (f.channels_last ? "channels-last" : "NCHW");
}

}  // namespace aia
