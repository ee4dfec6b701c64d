#pragma once
// Paths stay inside their roots. Every image path read from a file someone
// else may have written (a project, a dataset, an annotations CSV, an
// experiment) must lie inside the folders it belongs to: checked lexically
// when the file is read (".." folded, no file system access), and resolved,
// symlinks included, before a file is read or copied from it. Plain std types.

#include <filesystem>
#include <string>
#include <vector>

namespace aia {

// `path` with "." and ".." folded lies under one of `roots` (also folded); both absolute or both relative.
bool lexically_inside(const std::string& path, const std::vector<std::string>& roots);
// `path` resolved (symlinks followed; a missing tail folded lexically) lies under one of `roots`, resolved.
bool resolves_inside(const std::string& path, const std::vector<std::string>& roots);

// The same test for many paths: the roots are resolved once (a scan checks every image of a project).
class ResolvedRoots {
 public:
  explicit ResolvedRoots(const std::vector<std::string>& roots);
  bool contains(const std::string& path) const;

 private:
  std::vector<std::filesystem::path> roots_;
};

}  // namespace aia
