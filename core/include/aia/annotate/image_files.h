#pragma once
// What counts as an image: a regular file whose extension is one of the
// formats core decodes (aia/data/image_reader.h: jpg, png, heic, gif, dng, ...;
// any case), or, whatever its name, whose first bytes carry one of their
// signatures. Folders are searched recursively, links to folders followed
// once (a loop ends). Nothing is passed over silently: every file under an
// input that is not an image is rejected with its reason, and a FIFO, socket
// or device named like an image is never opened. Plain std types.

#include <cstddef>
#include <string>
#include <vector>

namespace aia {

// The extensions, lower case, with their dot.
const std::vector<std::string>& image_extensions();
// "*.jpg *.jpeg ..." for file dialogs.
std::string image_file_patterns();

bool is_image_file(const std::string& path);

struct RejectedPath {
  std::string path;
  std::string reason;  // in words: "not a regular file (a FIFO)", "not an image format this application reads (.txt)"
  std::string kind;    // what the summary counts: one of skip_kinds()
};

// The kinds of skips, in the order a summary lists them: "unsupported format",
// "not decodable", "not a regular file", "link loop", "no such file or folder",
// "unreadable", "outside its folders".
const std::vector<std::string>& skip_kinds();

struct ImageFiles {
  std::vector<std::string> images;  // absolute paths, sorted, no duplicates
  std::vector<RejectedPath> rejected;
};

// The image files of `inputs` (files, or folders searched recursively).
ImageFiles collect_image_files(const std::vector<std::string>& inputs);

// "M skipped: k unsupported format, j not decodable" (the kinds with a
// count, in skip_kinds() order).
std::string skip_counts(const std::vector<RejectedPath>& skipped);
// "N tagged, M skipped: ..."; "N tagged" when nothing was skipped.
std::string skipped_summary(std::size_t tagged, const std::vector<RejectedPath>& skipped,
                            const std::string& verb = "tagged");

}  // namespace aia
