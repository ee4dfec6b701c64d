#pragma once
// The image header guard: the format and the size an image file declares,
// read from its first bytes before any decoder sees it. Only the formats
// users have (JPEG, PNG, BMP, TIFF, WebP) pass; a file whose header does not
// say its size, or says a size over the pixel cap, is refused before a single
// pixel is allocated. Every decode in core goes through it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aia {

constexpr std::uint64_t kDefaultMaxImagePixels = 100'000'000;  // a decompression-bomb guard

struct ImageHeader {
  const char* format = "";  // "JPEG", "PNG", "BMP", "TIFF", "WebP"
  std::uint64_t width = 0, height = 0;
};

// The header, or nullopt with `why` set (an unknown format, a header cut short, no size).
std::optional<ImageHeader> read_image_header(std::string_view bytes, std::string* why = nullptr);

}  // namespace aia
