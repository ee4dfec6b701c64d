// Containment of paths in their roots (contained_path.h).

#include "aia/io/contained_path.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace aia {
namespace {

bool under(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end()) break;  // a root written with a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

bool lexically_inside(const std::string& path, const std::vector<std::string>& roots) {
  if (path.empty() || path.find('\0') != std::string::npos) return false;
  const fs::path p = fs::path(path).lexically_normal();
  for (const auto& part : p)
    if (part == "..") return false;
  for (const auto& root : roots)
    if (!root.empty() && under(p, fs::path(root).lexically_normal())) return true;
  return false;
}

ResolvedRoots::ResolvedRoots(const std::vector<std::string>& roots) {
  for (const auto& root : roots) {
    std::error_code ec;
    if (root.empty()) continue;
    const fs::path base = fs::weakly_canonical(fs::absolute(root), ec);
    if (!ec) roots_.push_back(base);
  }
}

bool ResolvedRoots::contains(const std::string& path) const {
  if (path.empty() || path.find('\0') != std::string::npos) return false;
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(fs::absolute(path), ec);
  if (ec) return false;
  for (const auto& base : roots_)
    if (under(real, base)) return true;
  return false;
}

bool resolves_inside(const std::string& path, const std::vector<std::string>& roots) {
  return ResolvedRoots(roots).contains(path);
}

}  // namespace aia
