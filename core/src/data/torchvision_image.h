#pragma once
// torchvision's image library (the image*.so beside torchvision's Python
// files, from Debian's python3-torchvision or PyTorch's wheel), loaded at
// run time and called through LibTorch's operator registry: JPEG and PNG
// decoded and encoded with the libjpeg and libpng it links. What decodes
// images in a build without OpenCV, and the second decoder the tests compare
// with OpenCV's. The library is found at $AIA_TORCHVISION_IMAGE, else where
// CMake found it (AIA_TORCHVISION_IMAGE_LIB). Private to core.
// Torch-facing.

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aia::detail {

// True when the library is loaded (once, on first use); else `why` says
// which path failed and how.
bool torchvision_image_available(std::string* why = nullptr);
// The path loaded or tried.
std::string torchvision_image_library();

// A JPEG's or PNG's pixels as 3 x H x W uint8 RGB; throws InputError with
// torchvision's message when the decoder refuses the bytes. The EXIF
// orientation is not applied here (the caller applies the header's).
torch::Tensor torchvision_decode_rgb(std::string_view bytes);
// 3 x H x W uint8 RGB as PNG bytes.
std::vector<unsigned char> torchvision_encode_png(const torch::Tensor& rgb);
// 3 x H x W uint8 RGB as JPEG bytes at `quality` (1 to 100).
std::vector<unsigned char> torchvision_encode_jpeg(const torch::Tensor& rgb, int quality);

// An EXIF orientation (2 to 8) applied to 3 x H x W pixels.
torch::Tensor apply_orientation(const torch::Tensor& rgb, int orientation);
// 3 x H x W uint8 resized to height x width with the weights OpenCV's resize
// gives load_image_rgb's choice (INTER_AREA when a side shrinks, else
// INTER_LINEAR), in floating point; rounded to the nearest level.
torch::Tensor resize_rgb(const torch::Tensor& rgb, std::int64_t height, std::int64_t width);
// The same for H x W x 3 pixels (what torchvision's decoder holds underneath), giving H x W x 3, contiguous.
torch::Tensor resize_hwc(const torch::Tensor& hwc, std::int64_t height, std::int64_t width);

// A JPEG or PNG file through the guarded read and torchvision's decoder,
// its EXIF orientation applied: 3 x H x W uint8 RGB, or an undefined tensor
// with `error` saying why.
torch::Tensor read_rgb_torchvision(const std::string& path, std::uint64_t max_pixels, std::string* error);

}  // namespace aia::detail
