#pragma once
// The decoders behind the guarded decode (image_decode.cpp) for the formats
// OpenCV does not read: HEIF and AVIF (libheif), GIF (giflib), camera RAW
// (LibRaw), JPEG XL (libjxl) and animated WebP (libwebpdemux). Each takes the whole file in memory, checks
// the size the format's metadata gives against `max_pixels` before it asks
// for pixels, applies the orientation the container records, and returns
// 8-bit BGR (OpenCV's order) or false with `error` saying in words what is
// wrong. Private to core (OpenCV types).

#include "data/image_guard.h"  // over_cap

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace aia::detail {

// The primary image, with the container's rotation and mirroring (irot, imir).
bool decode_heif(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels);
// The first frame over the background colour, at the logical screen's size.
bool decode_gif(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels);
// The embedded JPEG preview when its shorter side is at least `min_side`, else
// the demosaiced sensor data (camera white balance, sRGB); the camera's
// orientation applied either way.
bool decode_raw(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels, int min_side);
// An animated WebP's first frame (libwebpdemux; OpenCV reads only still WebP).
bool decode_webp_animation(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels);
// True for a WebP whose VP8X header sets the animation flag.
bool is_animated_webp(std::string_view bytes);
// The first frame, with the codestream's orientation.
bool decode_jxl(std::string_view bytes, cv::Mat& bgr, std::string* error, std::uint64_t max_pixels);

}  // namespace aia::detail
