#pragma once
// The one way core decodes an image file: read it, pass the header guard
// (aia/data/image_header.h: known format, declared size within the cap), then
// OpenCV's decoder. Private to core (OpenCV types).

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>

namespace aia::detail {

// BGR pixels, or false with `error` saying why.
bool decode_image_bgr(const std::string& path, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels);

}  // namespace aia::detail
