// One libFuzzer harness, built once per target with AIA_FUZZ_TARGET naming it
// (fuzz_pickle, fuzz_zip_checkpoint, ...): the bytes go to that target's readers.

#include "fuzz_targets.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  aia::fuzz::initialize();
  if (!aia::fuzz::find_target(AIA_FUZZ_TARGET)) {
    std::fprintf(stderr, "no fuzz target named %s\n", AIA_FUZZ_TARGET);
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const aia::fuzz::Target* target = aia::fuzz::find_target(AIA_FUZZ_TARGET);
  target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
