#include "data/torchvision_image.h"

#include "aia/errors.h"
#include "data/image_guard.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/stack.h>
#include <torch/torch.h>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#ifndef AIA_TORCHVISION_IMAGE_LIB
#define AIA_TORCHVISION_IMAGE_LIB ""
#endif

namespace aia::detail {
namespace {

struct Library {
  bool loaded = false;
  std::string path, why;
};

const Library& library() {
  static const Library lib = [] {
    Library l;
    const char* env = std::getenv("AIA_TORCHVISION_IMAGE");
    l.path = env && *env ? env : AIA_TORCHVISION_IMAGE_LIB;
    if (l.path.empty()) {
      l.why =
          "torchvision's image library was not found when this build was configured: set AIA_TORCHVISION_IMAGE "
          "to torchvision's image*.so";
      return l;
    }
    // Its static initialisers register the image:: operators with the LibTorch already loaded.
    if (!dlopen(l.path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      const char* e = dlerror();
      l.why = l.path + ": " + (e ? e : "cannot be loaded");
      return l;
    }
    if (!c10::Dispatcher::singleton().findSchema({"image::decode_image", ""})) {
      l.why = l.path + ": loaded, but it registers no image::decode_image operator";
      return l;
    }
    l.loaded = true;
    return l;
  }();
  return lib;
}

// torchvision's operator `name` on the `given` first arguments, the others
// at their defaults (a newer torchvision's apply_exif_orientation: false).
torch::Tensor call(const char* name, std::vector<c10::IValue> given) {
  std::string why;
  if (!torchvision_image_available(&why)) throw InputError(why);
  const auto op = c10::Dispatcher::singleton().findSchemaOrThrow(name, "");
  const auto& arguments = op.schema().arguments();
  torch::jit::Stack stack(given.begin(), given.end());
  for (std::size_t i = given.size(); i < arguments.size(); ++i) {
    if (!arguments[i].default_value())
      throw InputError(std::string(name) + " in " + library().path + " wants an argument '" + arguments[i].name() +
                       "' this build does not know: " + op.schema().name());
    stack.push_back(*arguments[i].default_value());
  }
  try {
    op.callBoxed(&stack);
  } catch (const c10::Error& e) {
    std::string message = e.what_without_backtrace();
    message = message.substr(0, message.find('\n'));
    throw InputError(std::string(name) + ": " + message);
  }
  return stack.at(0).toTensor();
}

std::vector<unsigned char> bytes_of(const torch::Tensor& encoded) {
  const auto t = encoded.contiguous();
  const auto* p = t.data_ptr<std::uint8_t>();
  return std::vector<unsigned char>(p, p + t.numel());
}

}  // namespace

bool torchvision_image_available(std::string* why) {
  const Library& l = library();
  if (!l.loaded && why) *why = l.why;
  return l.loaded;
}

std::string torchvision_image_library() { return library().path; }

torch::Tensor torchvision_decode_rgb(std::string_view bytes) {
  const auto data =
      torch::from_blob(const_cast<char*>(bytes.data()), {static_cast<std::int64_t>(bytes.size())}, torch::kUInt8);
  constexpr std::int64_t kRgb = 3;  // torchvision's ImageReadMode.RGB
  return call("image::decode_image", {data, kRgb});
}

std::vector<unsigned char> torchvision_encode_png(const torch::Tensor& rgb) {
  constexpr std::int64_t kCompression = 6;  // libpng's default
  return bytes_of(call("image::encode_png", {rgb.contiguous(), kCompression}));
}

std::vector<unsigned char> torchvision_encode_jpeg(const torch::Tensor& rgb, int quality) {
  return bytes_of(call("image::encode_jpeg", {rgb.contiguous(), static_cast<std::int64_t>(quality)}));
}

torch::Tensor apply_orientation(const torch::Tensor& rgb, int orientation) {
  // EXIF 2: mirrored; 3: turned 180; 4: flipped; 5: transposed; 6: turned 90 clockwise;
  // 7: transversed; 8: turned 90 anticlockwise. Dimensions: 1 rows, 2 columns.
  switch (orientation) {
    case 2:
      return rgb.flip({2});
    case 3:
      return rgb.flip({1, 2});
    case 4:
      return rgb.flip({1});
    case 5:
      return rgb.transpose(1, 2);
    case 6:
      return rgb.transpose(1, 2).flip({2});
    case 7:
      return rgb.transpose(1, 2).flip({1, 2});
    case 8:
      return rgb.transpose(1, 2).flip({1});
    default:
      return rgb;
  }
}

namespace {

// How OpenCV weighs the source pixels of one axis (cv::resize): by their
// share of an output pixel's footprint (INTER_AREA, every side shrinking or
// kept), the two nearest at half-pixel centres (INTER_LINEAR), or, for
// INTER_AREA when another side grows, two pixels weighed by the footprint's
// overlap with the next one.
enum class Weighing { Area, Linear, AreaTwoTap };

// A one-dimensional resize as taps: for each output pixel the source pixels
// it weighs (`index`, out x taps) and their weights (`weight`, the same
// shape; unused taps weigh 0).
struct Taps {
  torch::Tensor index, weight;
};

Taps resize_taps(std::int64_t in, std::int64_t out, Weighing weighing) {
  std::vector<std::vector<std::pair<std::int64_t, double>>> rows(static_cast<std::size_t>(out));
  const double scale = static_cast<double>(in) / static_cast<double>(out);
  for (std::int64_t i = 0; i < out; ++i) {
    auto& row = rows[static_cast<std::size_t>(i)];
    const auto d = static_cast<double>(i);
    if (weighing == Weighing::Area) {
      const double from = d * scale, to = from + scale;
      for (auto j = static_cast<std::int64_t>(std::floor(from)); j < std::min<std::int64_t>(in, std::ceil(to)); ++j)
        row.emplace_back(j,
                         (std::min(to, static_cast<double>(j + 1)) - std::max(from, static_cast<double>(j))) / scale);
      continue;
    }
    double at = (d + 0.5) * scale - 0.5, f = 0;
    if (weighing == Weighing::AreaTwoTap) {
      at = std::floor(d * scale);
      f = (d + 1) - (at + 1) / scale;
      f = f <= 0 ? 0 : f - std::floor(f);
    }
    auto j = static_cast<std::int64_t>(std::floor(at));
    if (weighing == Weighing::Linear) f = at - static_cast<double>(j);
    if (j < 0) j = 0, f = 0;
    if (j >= in - 1) j = in - 1, f = 0;
    row.emplace_back(j, 1 - f);
    if (f > 0) row.emplace_back(j + 1, f);
  }
  std::size_t taps = 1;
  for (const auto& row : rows) taps = std::max(taps, row.size());
  auto index = torch::zeros({out, static_cast<std::int64_t>(taps)}, torch::kLong);
  auto weight = torch::zeros({out, static_cast<std::int64_t>(taps)}, torch::kFloat32);
  auto ix = index.accessor<std::int64_t, 2>();
  auto w = weight.accessor<float, 2>();
  for (std::int64_t i = 0; i < out; ++i)
    for (std::size_t k = 0; k < rows[static_cast<std::size_t>(i)].size(); ++k) {
      ix[i][static_cast<std::int64_t>(k)] = rows[static_cast<std::size_t>(i)][k].first;
      w[i][static_cast<std::int64_t>(k)] = static_cast<float>(rows[static_cast<std::size_t>(i)][k].second);
    }
  return {index, weight};
}

// `x` (rows x columns x channels) resized along its rows by `taps`: whole
// rows gathered and weighed, which memory serves fast.
torch::Tensor resize_rows(const torch::Tensor& x, const Taps& taps) {
  torch::Tensor out;
  for (std::int64_t k = 0; k < taps.index.size(1); ++k) {
    const auto term =
        x.index_select(0, taps.index.select(1, k)).to(torch::kFloat32) * taps.weight.select(1, k).view({-1, 1, 1});
    out = out.defined() ? out.add_(term) : term;
  }
  return out;
}

}  // namespace

torch::Tensor resize_hwc(const torch::Tensor& hwc, std::int64_t height, std::int64_t width) {
  // load_image_rgb's rule: INTER_AREA when a side shrinks, else INTER_LINEAR;
  // separable: rows, then columns (as rows of the transposed image).
  const std::int64_t h = hwc.size(0), w = hwc.size(1);
  const bool shrinking = h > height || w > width, growing = h < height || w < width;
  const Weighing weighing = !shrinking ? Weighing::Linear : growing ? Weighing::AreaTwoTap : Weighing::Area;
  const auto rows = resize_rows(hwc, resize_taps(h, height, weighing)).transpose(0, 1).contiguous();
  const auto both = resize_rows(rows, resize_taps(w, width, weighing)).transpose(0, 1);
  return both.round().clamp(0, 255).to(torch::kUInt8).contiguous();
}

torch::Tensor resize_rgb(const torch::Tensor& rgb, std::int64_t height, std::int64_t width) {
  return resize_hwc(rgb.permute({1, 2, 0}), height, width).permute({2, 0, 1});
}

torch::Tensor read_rgb_torchvision(const std::string& path, std::uint64_t max_pixels, std::string* error) {
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return torch::Tensor();
  };
  if (std::string why; !torchvision_image_available(&why)) return fail("no image decoder: " + why);
  auto guarded = read_guarded_image(path, max_pixels, error);
  if (!guarded) return {};
  const std::string format = guarded->header.format;
  if (format != "JPEG" && format != "PNG")
    return fail(format + ": torchvision's image library decodes JPEG and PNG only (the full build reads every format)");
  if (guarded->header.cut_short)
    return fail(
        "JPEG cut short (its scans end without an end-of-image marker): refused by the torchvision decoder "
        "(the full build decodes what is there)");
  torch::Tensor rgb;
  try {
    rgb = torchvision_decode_rgb(
        std::string_view(reinterpret_cast<const char*>(guarded->bytes.data()), guarded->bytes.size()));
  } catch (const InputError& e) {
    return fail(format + " not decodable: " + e.what());
  }
  if (rgb.dim() != 3 || rgb.size(0) != 3) return fail(format + " decoded to an unexpected shape");
  if (static_cast<std::uint64_t>(rgb.size(1)) * static_cast<std::uint64_t>(rgb.size(2)) > max_pixels)
    return fail("too many pixels");
  if (!guarded->header.warning.empty()) warn_image(path, guarded->header.warning);
  return apply_orientation(rgb, guarded->header.orientation);
}

bool load_rgb_torchvision(const std::string& path, int size, std::vector<std::uint8_t>& out, std::string* error,
                          std::uint64_t max_pixels) {
  const auto rgb = read_rgb_torchvision(path, max_pixels, error);
  if (!rgb.defined()) return false;
  const auto resized = resize_hwc(rgb.permute({1, 2, 0}), size, size);
  out.assign(resized.data_ptr<std::uint8_t>(), resized.data_ptr<std::uint8_t>() + resized.numel());
  return true;
}

}  // namespace aia::detail
