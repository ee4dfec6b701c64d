#pragma once
// What counts as an image: a regular file whose extension is one the image
// pipeline decodes (jpg, jpeg, png, bmp, tif, tiff, webp; any case). Folders
// are searched recursively. Plain std types.

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
  std::string reason;  // "no such file or folder", "not an image file"
};

struct ImageFiles {
  std::vector<std::string> images;  // absolute paths, sorted, no duplicates
  std::vector<RejectedPath> rejected;
};

// The image files of `inputs` (files, or folders searched recursively; the
// non-images inside folders are passed over silently, named ones are rejected).
ImageFiles collect_image_files(const std::vector<std::string>& inputs);

}  // namespace aia
