// The guarded decode (image_decode.h) and the image formats
// (aia/data/image_reader.h): OpenCV and the format libraries, no LibTorch.

#include "data/image_decode.h"

#include "aia/data/image_reader.h"
#include "data/image_codecs.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string_view>
#include <vector>

namespace aia {

const std::vector<ImageFormat>& image_formats() {
  static const std::vector<ImageFormat> formats{
      {"JPEG", {".jpg", ".jpeg", ".jpe"}, "OpenCV (libjpeg)"},
      {"PNG", {".png"}, "OpenCV (libpng)"},
      {"WebP", {".webp"}, "OpenCV (libwebp); animations: libwebpdemux"},
      {"TIFF", {".tif", ".tiff"}, "OpenCV (libtiff)"},
      {"BMP", {".bmp"}, "OpenCV"},
      {"Netpbm", {".ppm", ".pgm", ".pbm", ".pnm"}, "OpenCV"},
      {"GIF", {".gif"}, "giflib"},
      {"HEIF", {".heic", ".heif", ".hif"}, "libheif"},
      {"AVIF", {".avif"}, "libheif"},
      {"JPEG XL", {".jxl"}, "libjxl"},
      {"camera RAW",
       {".dng", ".cr2", ".cr3", ".nef", ".nrw", ".arw", ".raf", ".orf", ".rw2", ".pef", ".srw"},
       "LibRaw"},
  };
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

namespace {

std::mutex sink_mutex;
ImageWarningSink warning_sink;

void warn(const std::string& path, const std::string& warning) {
  std::lock_guard lock(sink_mutex);
  if (warning_sink)
    warning_sink(path, warning);
  else
    std::fprintf(stderr, "warning: %s: %s\n", path.c_str(), warning.c_str());
}

bool fail(std::string* error, std::string why) {
  if (error) *error = std::move(why);
  return false;
}

// OpenCV's decoders (JPEG, PNG, WebP, TIFF, BMP, Netpbm), a JPEG at 1/2, 1/4 or 1/8 when `reduce_to` allows.
bool decode_opencv(const std::vector<unsigned char>& bytes, const ImageHeader& header, cv::Mat& image,
                   std::string* error, int reduce_to) {
  int flags = cv::IMREAD_COLOR;
  if (reduce_to > 0 && std::string_view(header.format) == "JPEG") {
    const std::uint64_t shorter = std::min(header.width, header.height);
    if (shorter >= 8u * static_cast<std::uint64_t>(reduce_to))
      flags = cv::IMREAD_REDUCED_COLOR_8;
    else if (shorter >= 4u * static_cast<std::uint64_t>(reduce_to))
      flags = cv::IMREAD_REDUCED_COLOR_4;
    else if (shorter >= 2u * static_cast<std::uint64_t>(reduce_to))
      flags = cv::IMREAD_REDUCED_COLOR_2;
  }
  try {
    image = cv::imdecode(bytes, flags);
  } catch (const cv::Exception& e) {
    return fail(error, std::string(header.format) + " decoder error: " + e.err);
  }
  if (image.empty()) return fail(error, std::string(header.format) + " not decodable (corrupt or truncated)");
  return true;
}

}  // namespace

void set_image_warning_sink(ImageWarningSink sink) {
  std::lock_guard lock(sink_mutex);
  warning_sink = std::move(sink);
}

namespace detail {

bool decode_image_bgr(const std::string& path, cv::Mat& image, std::string* error, std::uint64_t max_pixels,
                      int min_side, bool reduce) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(error, "cannot open");
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
  if (bytes.empty()) return fail(error, "empty file");
  const std::string_view view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  // The guard: a known format whose declared size is within the cap, before a decoder allocates anything.
  std::string why;
  auto header = read_image_header(view, &why);
  if (!header) return fail(error, why);
  if (header->size_declared)
    if (auto over = over_cap(header->format, header->width, header->height, max_pixels); !over.empty())
      return fail(error, over);
  const std::string_view format = header->format;
  bool ok = false;
  if (format == "RAW" || (format == "TIFF" && is_raw_file_name(path)))
    ok = decode_raw(view, image, error, max_pixels, min_side);
  else if (format == "HEIF" || format == "AVIF")
    ok = decode_heif(view, image, error, max_pixels);
  else if (format == "GIF")
    ok = decode_gif(view, image, error, max_pixels);
  else if (format == "JPEG XL")
    ok = decode_jxl(view, image, error, max_pixels);
  else if (format == "WebP" && is_animated_webp(view))
    ok = decode_webp_animation(view, image, error, max_pixels);
  else
    ok = decode_opencv(bytes, *header, image, error, reduce ? min_side : 0);
  if (!ok) return false;
  if (static_cast<std::uint64_t>(image.cols) * static_cast<std::uint64_t>(image.rows) > max_pixels)
    return fail(error, "too many pixels");
  if (!header->warning.empty()) warn(path, header->warning);
  return true;
}

}  // namespace detail

std::optional<RgbImage> read_image_rgb(const std::string& path, int fit_width, int fit_height, std::string* why,
                                       std::uint64_t max_pixels) {
  cv::Mat bgr;
  if (!detail::decode_image_bgr(path, bgr, why, max_pixels, std::min(fit_width, fit_height), true)) return std::nullopt;
  double scale = 1.0;
  if (fit_width > 0 && fit_height > 0)
    scale = std::min({1.0, double(fit_width) / bgr.cols, double(fit_height) / bgr.rows});
  cv::Mat rgb;
  if (scale < 1.0) {
    cv::Mat small;
    const cv::Size size(std::max(1, int(bgr.cols * scale + 0.5)), std::max(1, int(bgr.rows * scale + 0.5)));
    cv::resize(bgr, small, size, 0, 0, cv::INTER_AREA);
    cv::cvtColor(small, rgb, cv::COLOR_BGR2RGB);
  } else {
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  }
  RgbImage out{rgb.cols, rgb.rows, {}};
  out.pixels.assign(rgb.data, rgb.data + static_cast<std::size_t>(rgb.cols) * rgb.rows * 3);
  return out;
}

}  // namespace aia
