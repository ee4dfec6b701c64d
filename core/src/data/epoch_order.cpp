#include "aia/data/epoch_order.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace aia {

std::uint64_t mix_bits(std::uint64_t x) {
  constexpr std::uint64_t kGamma = 0x9e3779b97f4a7c15ULL, kMul1 = 0xbf58476d1ce4e5b9ULL, kMul2 = 0x94d049bb133111ebULL;
  x += kGamma;
  x = (x ^ (x >> 30)) * kMul1;
  x = (x ^ (x >> 27)) * kMul2;
  return x ^ (x >> 31);
}

std::uint64_t epoch_seed(std::uint64_t seed, int epoch) {
  return mix_bits(seed * kSeedStride + static_cast<std::uint64_t>(epoch));
}

std::vector<std::size_t> epoch_order(std::size_t n, std::uint64_t seed, int epoch) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(epoch_seed(seed, epoch));
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

}  // namespace aia
