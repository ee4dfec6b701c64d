// Which files are images, and the images of files and folders.

#include "aia/annotate/image_files.h"

#include "aia/data/image_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace aia {

const std::vector<std::string>& image_extensions() {
  static const std::vector<std::string> extensions = [] {
    std::vector<std::string> all;
    for (const auto& format : image_formats()) all.insert(all.end(), format.extensions.begin(), format.extensions.end());
    return all;
  }();
  return extensions;
}

std::string image_file_patterns() {
  std::string patterns;
  for (const auto& e : image_extensions()) patterns += (patterns.empty() ? "*" : " *") + e;
  return patterns;
}

bool is_image_file(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& known = image_extensions();
  return std::find(known.begin(), known.end(), ext) != known.end();
}

ImageFiles collect_image_files(const std::vector<std::string>& inputs) {
  ImageFiles out;
  for (const auto& input : inputs) {
    std::error_code ec;
    const fs::path p(input);
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && is_image_file(it->path().string()))
          out.images.push_back(fs::absolute(it->path()).lexically_normal().string());
      if (ec) out.rejected.push_back({input, "cannot list the folder: " + ec.message()});
    } else if (fs::is_regular_file(p, ec)) {
      if (is_image_file(input))
        out.images.push_back(fs::absolute(p).lexically_normal().string());
      else
        out.rejected.push_back({input, "not an image file"});
    } else {
      out.rejected.push_back({input, "no such file or folder"});
    }
  }
  std::sort(out.images.begin(), out.images.end());
  out.images.erase(std::unique(out.images.begin(), out.images.end()), out.images.end());
  return out;
}

}  // namespace aia
