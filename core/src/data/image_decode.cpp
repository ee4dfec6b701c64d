// The guarded decode (image_decode.h) and the image formats
// (aia/data/image_reader.h): OpenCV and the format libraries, no LibTorch.

#include "data/image_decode.h"

#include "aia/data/image_reader.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "data/image_codecs.h"
#include "data/image_guard.h"

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

namespace {

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

namespace detail {

bool decode_image_bgr(const std::string& path, cv::Mat& image, std::string* error, std::uint64_t max_pixels,
                      int min_side, bool reduce) {
  auto guarded = read_guarded_image(path, max_pixels, error);
  if (!guarded) return false;
  const auto& bytes = guarded->bytes;
  const auto* header = &guarded->header;
  const std::string_view view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
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
  if (!header->warning.empty()) warn_image(path, header->warning);
  return true;
}

bool opencv_in_build() { return true; }

bool load_rgb_opencv(const std::string& path, int size, std::vector<std::uint8_t>& out, std::string* error,
                     std::uint64_t max_pixels) {
  cv::Mat image;
  if (!decode_image_bgr(path, image, error, max_pixels, size)) return false;
  cv::Mat rgb, resized;
  cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB);
  const bool shrinking = image.cols > size || image.rows > size;
  cv::resize(rgb, resized, cv::Size(size, size), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
  out.assign(resized.data, resized.data + static_cast<std::size_t>(size) * size * 3);
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

void write_png(const std::string& path, const RgbImage& image) {
  cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data()));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  std::vector<std::uint8_t> bytes;
  if (!cv::imencode(".png", bgr, bytes)) throw InputError(path + ": cannot encode PNG");
  write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace aia
