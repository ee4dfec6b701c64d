// What the training build (AIA_HEADLESS: no Qt, OpenCV, exiv2, ONNX or the
// extra image codecs, for GPU machines that have LibTorch and torchvision
// alone) does in their place: JPEG and PNG read and written through
// torchvision's image library, and for the rest a refusal that names what
// this build leaves out. Compiled in that build only, instead of
// image_decode.cpp, image_codecs.cpp, heatmap_draw.cpp, xmp_sidecar.cpp and
// onnx_writer.cpp, and of the Hub's downloads (net_sources: hub.cpp,
// published_model.cpp), which need libcurl.

#include "aia/annotate/heatmap.h"
#include "aia/annotate/published_model.h"
#include "aia/data/image_reader.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/onnx_writer.h"
#include "aia/io/xmp_sidecar.h"
#include "data/image_guard.h"
#include "data/torchvision_image.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace aia {
namespace {

[[noreturn]] void not_in_this_build(const std::string& what, const char* library) {
  throw ConfigError(what + " needs " + library +
                    ", which this build leaves out (AIA_HEADLESS, the training build): use the full build");
}

}  // namespace

namespace detail {

bool opencv_in_build() { return false; }

bool load_rgb_opencv(const std::string&, int, std::vector<std::uint8_t>&, std::string* error, std::uint64_t) {
  if (error) *error = "OpenCV is not in this build (AIA_HEADLESS)";
  return false;
}

}  // namespace detail

std::optional<RgbImage> read_image_rgb(const std::string& path, int fit_width, int fit_height, std::string* why,
                                       std::uint64_t max_pixels) {
  auto rgb = detail::read_rgb_torchvision(path, max_pixels, why);
  if (!rgb.defined()) return std::nullopt;
  const auto h = rgb.size(1), w = rgb.size(2);
  if (fit_width > 0 && fit_height > 0) {
    const double scale = std::min({1.0, double(fit_width) / double(w), double(fit_height) / double(h)});
    if (scale < 1.0)
      rgb = detail::resize_rgb(rgb, std::max<std::int64_t>(1, std::llround(double(h) * scale)),
                               std::max<std::int64_t>(1, std::llround(double(w) * scale)));
  }
  const auto hwc = rgb.permute({1, 2, 0}).contiguous();
  RgbImage out{static_cast<int>(hwc.size(1)), static_cast<int>(hwc.size(0)), {}};
  out.pixels.assign(hwc.data_ptr<std::uint8_t>(), hwc.data_ptr<std::uint8_t>() + hwc.numel());
  return out;
}

void write_png(const std::string& path, const RgbImage& image) {
  const auto chw =
      torch::from_blob(const_cast<std::uint8_t*>(image.pixels.data()), {image.height, image.width, 3}, torch::kUInt8)
          .permute({2, 0, 1});
  std::vector<unsigned char> bytes;
  try {
    bytes = detail::torchvision_encode_png(chw);
  } catch (const InputError& e) {
    throw InputError(path + ": cannot encode PNG (" + e.what() + ")");
  }
  write_file_atomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

RgbImage heatmap_overlay(const std::string&, const Annotator::Heatmaps&, std::size_t, double, int) {
  not_in_this_build("drawing a heatmap", "OpenCV");
}

std::string xmp_sidecar_path(const std::string& image) { return image + ".xmp"; }

void write_xmp_tags(const std::string& image, const std::vector<std::string>&, const std::vector<std::string>&) {
  not_in_this_build(image + ": writing XMP tags", "exiv2");
}

std::vector<std::string> read_image_keywords(const std::string& image, std::vector<std::string>*) {
  not_in_this_build(image + ": reading XMP and IPTC keywords", "exiv2");
}

std::vector<std::string> read_xmp_tags(const std::string& image) {
  not_in_this_build(image + ": reading XMP tags", "exiv2");
}

void write_onnx(ClassifierImpl&, const std::string& path, const OnnxExport&) {
  not_in_this_build(path + ": writing ONNX", "Debian's ONNX library");
}

GetModelSummary get_published_model(const GetModelRequest&, const HubProgressFn&) {
  not_in_this_build("Getting a model from the Hugging Face Hub", "libcurl");
}

}  // namespace aia
