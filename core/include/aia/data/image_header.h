#pragma once
// The image header guard: the format and the size an image file declares,
// read from its bytes before any decoder sees them. Only the formats users
// have pass: JPEG, PNG, BMP, TIFF, WebP, GIF, HEIF (HEIC) and AVIF, JPEG XL,
// camera RAW and Netpbm. For all but JPEG XL and RAW the size comes from the header itself
// (HEIF and AVIF: the largest `ispe` property of the container); for JPEG
// XL and RAW the format's own library reads the size from the metadata, and
// the decode checks it against the cap before it asks for a single pixel.
// A file whose header does not say its size, or says one over the pixel
// cap, is refused before a pixel is allocated. Every decode in core goes
// through it. Plain std types.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aia {

constexpr std::uint64_t kDefaultMaxImagePixels = 100'000'000;  // a decompression-bomb guard

struct ImageHeader {
  // "JPEG", "PNG", "BMP", "TIFF", "WebP", "GIF", "HEIF", "AVIF", "JPEG XL", "RAW", "PNM"
  const char* format = "";
  std::uint64_t width = 0, height = 0;
  bool size_declared = true;  // false: the decoder's metadata pass gives it (JPEG XL, RAW)
  std::string warning;        // damage the decoder tolerates, for the log ("3 bytes before a marker ...")
  // A JPEG's EXIF orientation (1: as stored; 2 to 8: mirrored and/or turned),
  // for a decoder that does not apply it itself (torchvision's).
  int orientation = 1;
  // A JPEG whose scans end without an end-of-image marker (a file cut short):
  // libjpeg through OpenCV decodes what is there with a warning; the
  // torchvision path refuses it (its decoder leaks the image on that error).
  bool cut_short = false;
};

// The format the first bytes' signature names ("JPEG", ..., "RAW"), or null:
// what a file is, whatever its name says. Needs at most the first 64 bytes
// (an ISO media file's brands: its ftyp box).
const char* sniff_image_format(std::string_view first_bytes);

// The header, or nullopt with `why` set (an unknown format, a header cut short, no size).
std::optional<ImageHeader> read_image_header(std::string_view bytes, std::string* why = nullptr);

}  // namespace aia
