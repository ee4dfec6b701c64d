// The guarded decode (image_decode.h): OpenCV alone, no LibTorch.

#include "data/image_decode.h"

#include "aia/data/image_header.h"

#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

namespace aia {

namespace detail {

bool decode_image_bgr(const std::string& path, cv::Mat& image, std::string* error, std::uint64_t max_pixels) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "cannot open";
    return false;
  }
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
  if (bytes.empty()) {
    if (error) *error = "empty file";
    return false;
  }
  // The guard: a known format whose header declares a size within the cap, before a decoder allocates anything.
  std::string why;
  const auto header =
      read_image_header(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), &why);
  if (!header) {
    if (error) *error = why;
    return false;
  }
  if (header->width == 0 || header->height == 0 || header->width > max_pixels ||
      header->height > max_pixels / header->width) {
    if (error)
      *error = std::string(header->format) + " of " + std::to_string(header->width) + " x " +
               std::to_string(header->height) + " pixels exceeds the limit of " + std::to_string(max_pixels);
    return false;
  }
  try {
    image = cv::imdecode(bytes, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    if (error) *error = std::string("decoder error: ") + e.what();
    return false;
  }
  if (image.empty()) {
    if (error) *error = "not a decodable image (corrupt, truncated or unsupported)";
    return false;
  }
  if (static_cast<std::uint64_t>(image.cols) * static_cast<std::uint64_t>(image.rows) > max_pixels) {
    if (error) *error = "too many pixels";
    return false;
  }
  return true;
}

}  // namespace detail

}  // namespace aia
