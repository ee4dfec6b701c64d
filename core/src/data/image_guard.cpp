#include "data/image_guard.h"

#include "aia/data/image_reader.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string_view>

namespace aia {
namespace {

std::mutex sink_mutex;
ImageWarningSink warning_sink;

}  // namespace

const std::vector<ImageFormat>& image_formats() {
  // A build without OpenCV (AIA_HEADLESS) knows the same files and decodes JPEG and PNG with torchvision.
  static const std::vector<ImageFormat> formats = [] {
    const bool full = detail::opencv_in_build();
    const std::string absent = "not in this build (AIA_HEADLESS)";
    auto by = [&](const char* decoder) { return full ? std::string(decoder) : absent; };
    return std::vector<ImageFormat>{
        {"JPEG", {".jpg", ".jpeg", ".jpe"}, full ? "OpenCV (libjpeg)" : "torchvision (libjpeg)"},
        {"PNG", {".png"}, full ? "OpenCV (libpng)" : "torchvision (libpng)"},
        {"WebP", {".webp"}, by("OpenCV (libwebp); animations: libwebpdemux")},
        {"TIFF", {".tif", ".tiff"}, by("OpenCV (libtiff)")},
        {"BMP", {".bmp"}, by("OpenCV")},
        {"Netpbm", {".ppm", ".pgm", ".pbm", ".pnm"}, by("OpenCV")},
        {"GIF", {".gif"}, by("giflib")},
        {"HEIF", {".heic", ".heif", ".hif"}, by("libheif")},
        {"AVIF", {".avif"}, by("libheif")},
        {"JPEG XL", {".jxl"}, by("libjxl")},
        {"camera RAW",
         {".dng", ".cr2", ".cr3", ".nef", ".nrw", ".arw", ".raf", ".orf", ".rw2", ".pef", ".srw"},
         by("LibRaw")},
    };
  }();
  return formats;
}

bool is_raw_file_name(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& format : image_formats())
    if (format.name == "camera RAW")
      return std::find(format.extensions.begin(), format.extensions.end(), ext) != format.extensions.end();
  return false;
}

void set_image_warning_sink(ImageWarningSink sink) {
  std::lock_guard lock(sink_mutex);
  warning_sink = std::move(sink);
}

namespace detail {

void warn_image(const std::string& path, const std::string& warning) {
  std::lock_guard lock(sink_mutex);
  if (warning_sink)
    warning_sink(path, warning);
  else
    std::fprintf(stderr, "warning: %s: %s\n", path.c_str(), warning.c_str());
}

std::string over_cap(const char* format, std::uint64_t w, std::uint64_t h, std::uint64_t max_pixels) {
  if (w > 0 && h > 0 && w <= max_pixels && h <= max_pixels / w) return {};
  return std::string(format) + " of " + std::to_string(w) + " x " + std::to_string(h) +
         " pixels: " + (w == 0 || h == 0 ? "an empty image" : "exceeds the limit of " + std::to_string(max_pixels));
}

std::optional<GuardedImage> read_guarded_image(const std::string& path, std::uint64_t max_pixels, std::string* error) {
  auto fail = [&](std::string why) -> std::optional<GuardedImage> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open");
  GuardedImage image;
  image.bytes.assign(std::istreambuf_iterator<char>(in), {});
  if (image.bytes.empty()) return fail("empty file");
  const std::string_view view(reinterpret_cast<const char*>(image.bytes.data()), image.bytes.size());
  std::string why;
  auto header = read_image_header(view, &why);
  if (!header) return fail(why);
  if (header->size_declared)
    if (auto over = over_cap(header->format, header->width, header->height, max_pixels); !over.empty())
      return fail(over);
  image.header = std::move(*header);
  return image;
}

}  // namespace detail
}  // namespace aia
