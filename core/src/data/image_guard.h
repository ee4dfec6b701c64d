#pragma once
// The first half of every decode in core, whichever decoder does the rest:
// the file read whole, then the header guard (a known format whose declared
// size is within the pixel cap) before a decoder allocates anything.
// Private to core; std types only.

#include "aia/data/image_header.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aia::detail {

struct GuardedImage {
  std::vector<unsigned char> bytes;
  ImageHeader header;
};

// The file's bytes and header, or nullopt with `error` saying why in words.
std::optional<GuardedImage> read_guarded_image(const std::string& path, std::uint64_t max_pixels, std::string* error);

// A decode that went through despite damage: to the sink of
// set_image_warning_sink (aia/data/image_reader.h), else standard error.
void warn_image(const std::string& path, const std::string& warning);

// Empty when w x h pixels are within `max_pixels`, else the refusal in words.
std::string over_cap(const char* format, std::uint64_t w, std::uint64_t h, std::uint64_t max_pixels);

// load_image_rgb's two paths (aia/data/image_pipeline.h), RGB bytes row by
// row at size x size. OpenCV (image_decode.cpp; refused in a build without
// it): decode_image_bgr, then INTER_AREA when shrinking, INTER_LINEAR when
// enlarging. torchvision (torchvision_image.cpp): JPEG and PNG, the EXIF
// orientation from the header, then resize_rgb.
bool load_rgb_opencv(const std::string& path, int size, std::vector<std::uint8_t>& out, std::string* error,
                     std::uint64_t max_pixels);
bool load_rgb_torchvision(const std::string& path, int size, std::vector<std::uint8_t>& out, std::string* error,
                          std::uint64_t max_pixels);
// True in a build with OpenCV (the full build).
bool opencv_in_build();

}  // namespace aia::detail
