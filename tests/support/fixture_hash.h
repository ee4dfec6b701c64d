#pragma once
// The TResNet-M parity fixture's hash rule (shared/fixtures/tresnet_m/README.md,
// sections 1 to 3), plain C++: shared by the tests and aia-check.

#include <cstdint>
#include <string>

namespace aia::test {

// shared/fixtures/tresnet_m/README.md, section 1: FNV-1a 64 of the key, then
// splitmix64 of seed + (i + 1) * golden, top 24 bits -> u in [-1, 1).
inline std::uint64_t fnv1a64(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

inline double fixture_u(std::uint64_t seed, std::uint64_t i) {
  std::uint64_t z = seed + (i + 1) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 40) * (1.0 / 8388608.0) - 1.0;
}

}  // namespace aia::test
