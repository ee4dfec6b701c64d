// Each reader checks the bytes it needs are there before reading them.
// References: JPEG (ITU T.81, B.1.1: markers and frame headers), PNG (IHDR,
// the first chunk), BMP (BITMAPCOREHEADER and BITMAPINFOHEADER and later),
// TIFF 6.0 (the first IFD's ImageWidth and ImageLength), WebP (the RIFF
// container's VP8, VP8L and VP8X chunks).

#include "aia/data/image_header.h"

namespace aia {
namespace {

std::uint64_t be(std::string_view b, std::size_t at, int n) {
  std::uint64_t u = 0;
  for (int i = 0; i < n; ++i) u = (u << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return u;
}
std::uint64_t le(std::string_view b, std::size_t at, int n) {
  std::uint64_t u = 0;
  for (int i = n - 1; i >= 0; --i) u = (u << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return u;
}

std::optional<ImageHeader> jpeg(std::string_view b, std::string* why) {
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) {
      if (why) *why = "JPEG: a marker was expected at byte " + std::to_string(i);
      return std::nullopt;
    }
    const auto marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {  // markers without a length
      i += 2;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) break;  // scan data or the end before any frame header
    const std::size_t length = be(b, i + 2, 2);
    if (length < 2) break;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (i + 9 > b.size() || length < 7) break;
      return ImageHeader{"JPEG", be(b, i + 7, 2), be(b, i + 5, 2)};
    }
    i += 2 + length;
  }
  if (why) *why = "JPEG without a frame header (no image size)";
  return std::nullopt;
}

std::optional<ImageHeader> tiff(std::string_view b, std::string* why) {
  const bool little = b[0] == 'I';
  auto num = [&](std::size_t at, int n) { return little ? le(b, at, n) : be(b, at, n); };
  if (num(2, 2) != 42) {
    if (why) *why = "TIFF: only classic TIFF is supported (not BigTIFF)";
    return std::nullopt;
  }
  const std::uint64_t ifd = num(4, 4);
  if (ifd > b.size() || b.size() - ifd < 2) {
    if (why) *why = "TIFF: the first directory lies outside the file";
    return std::nullopt;
  }
  const std::uint64_t count = num(ifd, 2);
  ImageHeader h{"TIFF", 0, 0};
  for (std::uint64_t e = 0; e < count; ++e) {
    const std::uint64_t at = ifd + 2 + 12 * e;
    if (at + 12 > b.size()) break;
    const auto tag = num(at, 2), type = num(at + 2, 2);
    if (tag != 256 && tag != 257) continue;
    const std::uint64_t value = type == 3 ? num(at + 8, 2) : type == 4 ? num(at + 8, 4) : 0;
    (tag == 256 ? h.width : h.height) = value;
  }
  if (!h.width || !h.height) {
    if (why) *why = "TIFF without ImageWidth and ImageLength in its first directory";
    return std::nullopt;
  }
  return h;
}

std::optional<ImageHeader> webp(std::string_view b, std::string* why) {
  const std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 " && b.size() >= 30) return ImageHeader{"WebP", le(b, 26, 2) & 0x3fff, le(b, 28, 2) & 0x3fff};
  if (chunk == "VP8L" && b.size() >= 25) {
    const std::uint64_t bits = le(b, 21, 4);
    return ImageHeader{"WebP", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1};
  }
  if (chunk == "VP8X" && b.size() >= 30) return ImageHeader{"WebP", le(b, 24, 3) + 1, le(b, 27, 3) + 1};
  if (why) *why = "WebP without a VP8, VP8L or VP8X header";
  return std::nullopt;
}

}  // namespace

std::optional<ImageHeader> read_image_header(std::string_view b, std::string* why) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  // OpenCV picks its decoder by signature, not by what we read here: every
  // signature it knows is at the start of the file, where ours exclude the
  // others, except DICOM's "DICM" at byte 128. A file that fails its own
  // decoder's stricter check would reach GDCM's parser (found by fuzz_image:
  // a 165-byte "WebP" made GDCM allocate 4 GB).
  if (b.size() >= 132 && b.substr(128, 4) == "DICM") {
    if (why) *why = "DICOM data at byte 128 (not an image format this application reads)";
    return std::nullopt;
  }
  if (starts("\xFF\xD8\xFF")) return jpeg(b, why);
  if (starts("\x89PNG\r\n\x1a\n")) {
    if (b.size() < 24 || b.substr(12, 4) != "IHDR") {
      if (why) *why = "PNG without an IHDR chunk";
      return std::nullopt;
    }
    return ImageHeader{"PNG", be(b, 16, 4), be(b, 20, 4)};
  }
  if (starts("BM") && b.size() >= 26) {
    const std::uint64_t dib = le(b, 14, 4);
    if (dib == 12) return ImageHeader{"BMP", le(b, 18, 2), le(b, 20, 2)};
    if (dib >= 40) {
      auto magnitude = [&](std::size_t at) {
        const auto v = static_cast<std::int64_t>(static_cast<std::int32_t>(le(b, at, 4)));
        return static_cast<std::uint64_t>(v < 0 ? -v : v);
      };
      return ImageHeader{"BMP", magnitude(18), magnitude(22)};
    }
    if (why) *why = "BMP with an unknown header size " + std::to_string(dib);
    return std::nullopt;
  }
  if ((starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4)) ||
       starts(std::string_view("II+\0", 4)) || starts(std::string_view("MM\0+", 4))) &&
      b.size() >= 8)
    return tiff(b, why);
  if (starts("RIFF") && b.size() >= 16 && b.substr(8, 4) == "WEBP") return webp(b, why);
  if (why) *why = "not a JPEG, PNG, BMP, TIFF or WebP file";
  return std::nullopt;
}

}  // namespace aia
