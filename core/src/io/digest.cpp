#include "aia/io/digest.h"

#include <cstdio>
#include <fstream>
#include <vector>

namespace aia {

std::uint64_t fnv1a64(const void* data, std::size_t n, std::uint64_t h) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  const auto* b = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * kPrime;
  return h;
}

std::optional<FileDigest> file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  FileDigest d;
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    d.hash = fnv1a64(buffer.data(), n, d.hash);
    d.size += n;
  }
  if (in.bad()) return std::nullopt;
  return d;
}

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace aia
