#pragma once
// One rule for the order in which an epoch visits the training samples, used
// by the image loader, the frozen-backbone mode and the tensor trainer alike:
// a Mersenne Twister (mt19937_64) seeded with mix_bits(seed * kSeedStride +
// epoch) shuffles 0..n-1 with std::shuffle. The same seed, epoch and n give
// the same order on every rank and after a resume. Plain std types.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aia {

// Spreads runs with neighbouring seeds apart: seed * kSeedStride + counter (an
// epoch or a step) is distinct for every (seed, counter) with counter < stride.
inline constexpr std::uint64_t kSeedStride = 1000003;  // a prime

// SplitMix64's finaliser: every input bit affects every output bit.
std::uint64_t mix_bits(std::uint64_t x);

std::uint64_t epoch_seed(std::uint64_t seed, int epoch);

// The permutation of 0..n-1 that epoch `epoch` (0-based) of a run seeded `seed` follows.
std::vector<std::size_t> epoch_order(std::size_t n, std::uint64_t seed, int epoch);

// Version of this rule, stored with a run's training state: runs saved under
// another version cannot resume mid-epoch exactly where the order differs.
inline constexpr int kEpochOrderVersion = 2;

}  // namespace aia
