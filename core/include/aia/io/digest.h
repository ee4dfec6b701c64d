#pragma once
// One digest of bytes for the places that must tell whether two things are
// the same without keeping both: FNV-1a, 64 bits (not a cryptographic hash:
// it tells changes apart, it does not resist a forger). The ranks of a
// data-parallel run compare their datasets with it, the frozen mode keys its
// feature cache with it, and the score cache keys files and models with it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aia {

inline constexpr std::uint64_t kFnv1aBasis = 0xcbf29ce484222325ULL;

// Folds `n` bytes into `h` (start from kFnv1aBasis); returns the new value.
std::uint64_t fnv1a64(const void* data, std::size_t n, std::uint64_t h = kFnv1aBasis);
inline std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = kFnv1aBasis) {
  return fnv1a64(s.data(), s.size(), h);
}

struct FileDigest {
  std::uint64_t size = 0;
  std::uint64_t hash = kFnv1aBasis;
};
// The digest of a file's bytes, read in 1 MiB pieces; nullopt when it cannot be read.
std::optional<FileDigest> file_digest(const std::string& path);

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace aia
