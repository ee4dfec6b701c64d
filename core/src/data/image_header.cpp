// Each reader checks the bytes it needs are there before reading them.
// References: JPEG (ITU T.81, B.1.1: markers and frame headers), PNG (IHDR,
// the first chunk), BMP (BITMAPCOREHEADER and BITMAPINFOHEADER and later),
// TIFF 6.0 (the first IFD's ImageWidth and ImageLength; DNGVersion marks a
// DNG), WebP (the RIFF container's VP8, VP8L and VP8X chunks), GIF89a (the
// logical screen), ISO/IEC 14496-12 and 23008-12 (the box tree: ftyp's
// brands, meta > iprp > ipco > ispe), JPEG XL (ISO/IEC 18181-2: the bare
// codestream's and the container's signatures), Netpbm (the text header of
// P1-P6), and the signatures of the
// RAW formats that are not plain TIFF (RAF, ORF, RW2; CR2's "CR" at byte 8).

#include "aia/data/image_header.h"

#include <cctype>

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

ImageHeader sized(const char* format, std::uint64_t width, std::uint64_t height) {
  ImageHeader h;
  h.format = format, h.width = width, h.height = height;
  return h;
}
ImageHeader undeclared(const char* format) {
  ImageHeader h;
  h.format = format, h.size_declared = false;
  return h;
}

// The orientation tag (0x0112) of IFD0 of an APP1 "Exif" segment's payload
// (TIFF 6.0: byte order, IFD offset, 12-byte entries); 1 when absent or odd.
int exif_orientation(std::string_view exif) {
  if (exif.size() < 14 || exif.substr(0, 6) != std::string_view("Exif\0\0", 6)) return 1;
  const std::string_view t = exif.substr(6);
  const bool little = t.substr(0, 2) == "II";
  if (!little && t.substr(0, 2) != "MM") return 1;
  auto get = [&](std::size_t at, int n) { return little ? le(t, at, n) : be(t, at, n); };
  const std::uint64_t ifd = get(4, 4);
  if (ifd + 2 > t.size()) return 1;
  const std::uint64_t entries = get(ifd, 2);
  for (std::uint64_t e = 0; e < entries; ++e) {
    const std::uint64_t at = ifd + 2 + 12 * e;
    if (at + 12 > t.size()) break;
    if (get(at, 2) != 0x0112) continue;
    const std::uint64_t value = get(at + 2, 2) == 3 ? get(at + 8, 2) : 0;  // type SHORT
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

// Whether the JPEG's markers from `i` on reach a start of scan with an end
// of image after it. Scan data cannot hold 0xFF 0xD9 (a 0xFF there is
// followed by 0x00 or a restart marker), so finding one means the file was
// not cut short in its scans.
bool reaches_end(std::string_view b, std::size_t i) {
  while (i + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) return false;
    const auto marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xFF) {
      ++i;
      continue;
    }
    if (marker == 0xDA) return b.find("\xFF\xD9", i + 2) != std::string_view::npos;
    if (marker == 0xD9) return true;
    i += 2 + be(b, i + 2, 2);
  }
  return false;
}

std::optional<ImageHeader> jpeg(std::string_view b, std::string* why) {
  std::size_t i = 2;
  std::string warning;
  int orientation = 1;
  while (i + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) {
      // libjpeg skips to the next 0xFF with a warning ("extraneous bytes before marker"); so do we.
      const std::size_t next = b.find('\xFF', i);
      if (next == std::string_view::npos) break;
      if (warning.empty())
        warning = "JPEG: " + std::to_string(next - i) + " extraneous bytes before a marker at byte " +
                  std::to_string(i) + " (skipped, as libjpeg does)";
      i = next;
      continue;
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
      ImageHeader h = sized("JPEG", be(b, i + 7, 2), be(b, i + 5, 2));
      h.warning = warning;
      h.orientation = orientation;
      h.cut_short = !reaches_end(b, i + 2 + length);
      return h;
    }
    if (marker == 0xE1 && orientation == 1 && i + 2 + length <= b.size())
      orientation = exif_orientation(b.substr(i + 4, length - 2));
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
  ImageHeader h = sized("TIFF", 0, 0);
  bool dng = false;
  for (std::uint64_t e = 0; e < count; ++e) {
    const std::uint64_t at = ifd + 2 + 12 * e;
    if (at + 12 > b.size()) break;
    const auto tag = num(at, 2), type = num(at + 2, 2);
    if (tag == 50706) dng = true;  // DNGVersion
    if (tag != 256 && tag != 257) continue;
    const std::uint64_t value = type == 3 ? num(at + 8, 2) : type == 4 ? num(at + 8, 4) : 0;
    (tag == 256 ? h.width : h.height) = value;
  }
  if (dng) return undeclared("RAW");  // IFD0 holds the preview; LibRaw reads the sensor's size
  if (!h.width || !h.height) {
    if (why) *why = "TIFF without ImageWidth and ImageLength in its first directory";
    return std::nullopt;
  }
  return h;
}

std::optional<ImageHeader> bmp(std::string_view b, std::string* why) {
  const std::uint64_t dib = le(b, 14, 4);
  if (dib == 12) return sized("BMP", le(b, 18, 2), le(b, 20, 2));
  if (dib >= 40) {
    auto magnitude = [&](std::size_t at) {
      const auto v = static_cast<std::int64_t>(static_cast<std::int32_t>(le(b, at, 4)));
      return static_cast<std::uint64_t>(v < 0 ? -v : v);
    };
    return sized("BMP", magnitude(18), magnitude(22));
  }
  if (why) *why = "BMP with an unknown header size " + std::to_string(dib);
  return std::nullopt;
}

// Netpbm (P1-P6): the magic, then width and height as decimal text between whitespace and # comments.
std::optional<ImageHeader> netpbm(std::string_view b, std::string* why) {
  std::size_t i = 2;
  std::uint64_t size[2] = {0, 0};
  for (auto& value : size) {
    while (i < b.size() && (std::isspace(static_cast<unsigned char>(b[i])) || b[i] == '#'))
      if (b[i] == '#')
        while (i < b.size() && b[i] != '\n') ++i;
      else
        ++i;
    const std::size_t start = i;
    while (i < b.size() && i - start < 10 && std::isdigit(static_cast<unsigned char>(b[i])))
      value = value * 10 + static_cast<std::uint64_t>(b[i++] - '0');
    if (i == start) {
      if (why) *why = "Netpbm header without its width and height";
      return std::nullopt;
    }
  }
  return sized("PNM", size[0], size[1]);
}

std::optional<ImageHeader> webp(std::string_view b, std::string* why) {
  const std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 " && b.size() >= 30) return sized("WebP", le(b, 26, 2) & 0x3fff, le(b, 28, 2) & 0x3fff);
  if (chunk == "VP8L" && b.size() >= 25) {
    const std::uint64_t bits = le(b, 21, 4);
    return sized("WebP", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk == "VP8X" && b.size() >= 30) return sized("WebP", le(b, 24, 3) + 1, le(b, 27, 3) + 1);
  if (why) *why = "WebP without a VP8, VP8L or VP8X header";
  return std::nullopt;
}

// ISO base media boxes (HEIF, AVIF, CR3): [size u32][type] or [1][type][size u64]; size 0 runs to the end.
struct Box {
  std::string_view type, body;
};

std::optional<Box> box_at(std::string_view b, std::size_t at) {
  if (at + 8 > b.size()) return std::nullopt;
  std::uint64_t size = be(b, at, 4);
  std::size_t head = 8;
  if (size == 1) {
    if (at + 16 > b.size()) return std::nullopt;
    size = be(b, at + 8, 8);
    head = 16;
  } else if (size == 0) {
    size = b.size() - at;
  }
  if (size < head || size > b.size() - at) return std::nullopt;
  return Box{b.substr(at + 4, 4), b.substr(at + head, size - head)};
}

std::optional<std::string_view> child(std::string_view body, std::string_view type) {
  for (std::size_t at = 0; auto box = box_at(body, at);) {
    if (box->type == type) return box->body;
    at = static_cast<std::size_t>(box->body.data() - body.data()) + box->body.size();
  }
  return std::nullopt;
}

// The format an ISO media file's brands name (major, then compatible): HEIF, AVIF, RAW (CR3) or none.
const char* iso_format(std::string_view b) {
  const auto ftyp = box_at(b, 0);
  const std::string_view brands = ftyp ? ftyp->body : std::string_view();
  auto has_brand = [&](std::string_view brand) {
    for (std::size_t at = 0; at + 4 <= brands.size(); at += 4)
      if (at != 4 && brands.substr(at, 4) == brand) return true;  // skipping the minor version
    return false;
  };
  if (has_brand("crx ")) return "RAW";  // Canon CR3
  if (has_brand("avif") || has_brand("avis")) return "AVIF";
  for (const char* brand : {"heic", "heix", "mif1", "msf1", "heim", "heis"})
    if (has_brand(brand)) return "HEIF";
  return nullptr;
}

std::optional<ImageHeader> iso_media(std::string_view b, const char* format, std::string* why) {
  ImageHeader h = sized(format, 0, 0);
  const auto meta = child(b, "meta");
  const auto iprp = meta && meta->size() > 4 ? child(meta->substr(4), "iprp") : std::nullopt;  // meta is a full box
  const auto ipco = iprp ? child(*iprp, "ipco") : std::nullopt;
  for (std::size_t at = 0; ipco;) {
    const auto box = box_at(*ipco, at);
    if (!box) break;
    if (box->type == "ispe" && box->body.size() >= 12 && be(box->body, 4, 4) * be(box->body, 8, 4) > h.width * h.height)
      h.width = be(box->body, 4, 4), h.height = be(box->body, 8, 4);
    at = static_cast<std::size_t>(box->body.data() - ipco->data()) + box->body.size();
  }
  if (!h.width || !h.height) {
    if (why) *why = std::string(format) + " without an image size (no ispe property in meta/iprp/ipco)";
    return std::nullopt;
  }
  return h;
}

}  // namespace

const char* sniff_image_format(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("\xFF\xD8\xFF")) return "JPEG";
  if (starts("\x89PNG\r\n\x1a\n")) return "PNG";
  if (starts("BM") && b.size() >= 26) return "BMP";
  if (starts("FUJIFILMCCD-RAW") || starts("IIRO") || starts("IIRS") || starts("MMOR") ||
      starts(std::string_view("IIU\0", 4)))
    return "RAW";  // RAF, ORF, RW2
  if ((starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4)) ||
       starts(std::string_view("II+\0", 4)) || starts(std::string_view("MM\0+", 4))) &&
      b.size() >= 8)
    return b.size() >= 10 && b.substr(8, 2) == "CR" ? "RAW" : "TIFF";  // Canon CR2 says "CR" at byte 8
  if (starts("RIFF") && b.size() >= 16 && b.substr(8, 4) == "WEBP") return "WebP";
  if ((starts("GIF87a") || starts("GIF89a")) && b.size() >= 10) return "GIF";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") return iso_format(b);
  if (starts("\xFF\x0A") || starts(std::string_view("\0\0\0\x0CJXL \r\n\x87\n", 12))) return "JPEG XL";
  if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && std::isspace(static_cast<unsigned char>(b[2])))
    return "PNM";
  return nullptr;
}

std::optional<ImageHeader> read_image_header(std::string_view b, std::string* why) {
  // OpenCV picks its decoder by signature, not by what we read here: every
  // signature it knows is at the start of the file, where ours exclude the
  // others, except DICOM's "DICM" at byte 128. A file that fails its own
  // decoder's stricter check would reach GDCM's parser (found by fuzz_image:
  // a 165-byte "WebP" made GDCM allocate 4 GB).
  if (b.size() >= 132 && b.substr(128, 4) == "DICM") {
    if (why) *why = "DICOM data at byte 128 (not an image format this application reads)";
    return std::nullopt;
  }
  const std::string_view format = sniff_image_format(b) ? sniff_image_format(b) : "";
  if (format == "JPEG") return jpeg(b, why);
  if (format == "PNG") {
    if (b.size() < 24 || b.substr(12, 4) != "IHDR") {
      if (why) *why = "PNG without an IHDR chunk";
      return std::nullopt;
    }
    return sized("PNG", be(b, 16, 4), be(b, 20, 4));
  }
  if (format == "BMP") return bmp(b, why);
  if (format == "TIFF") return tiff(b, why);
  if (format == "RAW") return undeclared("RAW");
  if (format == "WebP") return webp(b, why);
  if (format == "GIF") return sized("GIF", le(b, 6, 2), le(b, 8, 2));
  if (format == "HEIF" || format == "AVIF") return iso_media(b, sniff_image_format(b), why);
  if (format == "JPEG XL") return undeclared("JPEG XL");
  if (format == "PNM") return netpbm(b, why);
  if (why)
    *why = b.size() >= 12 && b.substr(4, 4) == "ftyp"
               ? "an ISO media file that is not HEIF, AVIF or CR3 (brand '" + std::string(b.substr(8, 4)) + "')"
               : "not an image format this application reads (JPEG, PNG, BMP, TIFF, WebP, GIF, HEIC, AVIF, JPEG XL, "
                 "Netpbm, "
                 "RAW)";
  return std::nullopt;
}

}  // namespace aia
