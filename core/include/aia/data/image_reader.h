#pragma once
// The image formats this application reads, an image file written as PNG,
// and an image file read for display: the one guarded decode of core (the header guard, the pixel cap,
// the format's decoder, the orientation its file records), scaled to fit a
// box. What the GUI's thumbnails and previews show. Plain std types.

#include "aia/data/image_header.h"  // kDefaultMaxImagePixels

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aia {

struct ImageFormat {
  std::string name;                     // "JPEG", "HEIF", "camera RAW", ...
  std::vector<std::string> extensions;  // lower case, with their dot
  std::string decoder;                  // the library that decodes it
};

// Every format, in the order a file dialog lists them.
const std::vector<ImageFormat>& image_formats();
// True when the extension (any case) is a camera RAW one: a TIFF-shaped file
// so named goes to LibRaw, not the TIFF decoder.
bool is_raw_file_name(const std::string& path);

struct RgbImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // RGB, row-major, width * height * 3
};

// `path` decoded and scaled, aspect kept, to fit fit_width x fit_height (0 x 0:
// as it is); nullopt with `why` saying in words what is wrong (the caller
// names the file). JPEGs are decoded at 1/2, 1/4 or 1/8 when that still fills
// the box, RAW files give their embedded preview when it is large enough.
std::optional<RgbImage> read_image_rgb(const std::string& path, int fit_width, int fit_height, std::string* why,
                                       std::uint64_t max_pixels = kDefaultMaxImagePixels);

// Writes `image` as PNG (temporary name, then renamed); throws InputError naming the file.
void write_png(const std::string& path, const RgbImage& image);

// Where the warnings of a decode that went through despite damage go (a
// JPEG with bytes before a marker, as libjpeg tolerates): to standard error
// unless a front end sets its own log. Called from decoding threads.
using ImageWarningSink = std::function<void(const std::string& path, const std::string& warning)>;
void set_image_warning_sink(ImageWarningSink sink);

}  // namespace aia
