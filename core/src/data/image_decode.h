#pragma once
// The one way core decodes an image file: read it, pass the header guard
// (aia/data/image_header.h: known format, declared size within the cap), then
// the format's decoder: OpenCV for JPEG, PNG, WebP, TIFF and BMP, the
// decoders of image_codecs.h for GIF, HEIF, AVIF, JPEG XL and camera RAW.
// Private to core (OpenCV types).

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>

namespace aia::detail {

// BGR pixels, or false with `error` saying why. `min_side`: the shorter side
// the caller needs (a RAW file's preview is used when at least that large;
// 0: the full image); `reduce`: a JPEG may be decoded at 1/2, 1/4 or 1/8 when
// its shorter side stays at least `min_side` (for display, not for the model).
bool decode_image_bgr(const std::string& path, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels,
                      int min_side = 0, bool reduce = false);

}  // namespace aia::detail
