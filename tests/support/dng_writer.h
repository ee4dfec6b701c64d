#pragma once
// A DNG written after the specification (Debian ships no DNG encoder): TIFF
// 6.0 with the DNG 1.4 tags, 16-bit RGGB sensor data, optionally an embedded
// JPEG preview. For the tests and bench_decode. OpenCV and std only.

#include <opencv2/core.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace aia::test {

// A minimal DNG after the DNG 1.4 specification: one chained IFD of 16-bit
// RGGB sensor data (the mosaic of `bgr`), the Orientation tag, and when
// `preview_jpeg` is given, a second IFD holding it as a JPEG-compressed
// preview of preview_width x preview_height.
inline void write_dng(const std::string& path, const cv::Mat& bgr, int orientation,
                      const std::vector<unsigned char>& preview_jpeg = {}, int preview_width = 0,
                      int preview_height = 0) {
  struct Entry {
    std::uint16_t tag, type;
    std::uint32_t count;
    std::vector<unsigned char> value;
  };
  std::vector<unsigned char> out{'I', 'I', 42, 0, 0, 0, 0, 0};
  auto put16 = [](std::vector<unsigned char>& v, std::uint32_t x) {
    v.push_back(x & 0xff), v.push_back((x >> 8) & 0xff);
  };
  auto put32 = [&](std::vector<unsigned char>& v, std::uint32_t x) { put16(v, x & 0xffff), put16(v, x >> 16); };
  auto shorts = [&](std::uint16_t tag, std::vector<std::uint32_t> xs) {
    Entry e{tag, 3, static_cast<std::uint32_t>(xs.size()), {}};
    for (auto x : xs) put16(e.value, x);
    return e;
  };
  auto longs = [&](std::uint16_t tag, std::vector<std::uint32_t> xs) {
    Entry e{tag, 4, static_cast<std::uint32_t>(xs.size()), {}};
    for (auto x : xs) put32(e.value, x);
    return e;
  };
  auto bytes = [](std::uint16_t tag, std::vector<unsigned char> xs) {
    return Entry{tag, 1, std::uint32_t(xs.size()), xs};
  };
  auto ascii = [](std::uint16_t tag, std::string s) {
    return Entry{tag, 2, std::uint32_t(s.size() + 1), std::vector<unsigned char>(s.c_str(), s.c_str() + s.size() + 1)};
  };
  auto rationals = [&](std::uint16_t tag, std::uint16_t type, std::vector<std::uint32_t> pairs) {
    Entry e{tag, type, static_cast<std::uint32_t>(pairs.size() / 2), {}};
    for (auto x : pairs) put32(e.value, x);
    return e;
  };
  // The sensor: an RGGB mosaic of bgr, 16 bits per sample.
  const std::uint32_t strip = static_cast<std::uint32_t>(out.size());
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const int channel = (y % 2 == 0) ? (x % 2 == 0 ? 2 : 1) : (x % 2 == 0 ? 1 : 0);  // BGR index of R, G, G, B
      put16(out, bgr.at<cv::Vec3b>(y, x)[channel] * 257u);
    }
  const std::uint32_t preview = static_cast<std::uint32_t>(out.size());
  out.insert(out.end(), preview_jpeg.begin(), preview_jpeg.end());
  auto write_ifd = [&](std::vector<Entry> entries, std::uint32_t next) {
    for (auto& e : entries)  // values over 4 bytes go before the directory
      if (e.value.size() > 4) {
        if (out.size() % 2) out.push_back(0);
        const auto at = static_cast<std::uint32_t>(out.size());
        out.insert(out.end(), e.value.begin(), e.value.end());
        e.value.clear();
        put32(e.value, at);
      }
    if (out.size() % 2) out.push_back(0);
    const auto at = static_cast<std::uint32_t>(out.size());
    put16(out, static_cast<std::uint32_t>(entries.size()));
    for (const auto& e : entries) {
      put16(out, e.tag), put16(out, e.type), put32(out, e.count);
      std::vector<unsigned char> v = e.value;
      v.resize(4, 0);
      out.insert(out.end(), v.begin(), v.end());
    }
    put32(out, next);
    return at;
  };
  std::uint32_t next = 0;
  if (!preview_jpeg.empty())
    next = write_ifd(
        {longs(254, {1}), longs(256, {std::uint32_t(preview_width)}), longs(257, {std::uint32_t(preview_height)}),
         shorts(258, {8, 8, 8}), shorts(259, {7}), shorts(262, {6}), longs(273, {preview}), shorts(277, {3}),
         longs(278, {std::uint32_t(preview_height)}), longs(279, {std::uint32_t(preview_jpeg.size())})},
        0);
  const std::uint32_t w = static_cast<std::uint32_t>(bgr.cols), h = static_cast<std::uint32_t>(bgr.rows);
  const std::uint32_t first = write_ifd({longs(254, {0}),
                                         longs(256, {w}),
                                         longs(257, {h}),
                                         shorts(258, {16}),
                                         shorts(259, {1}),
                                         shorts(262, {32803}),
                                         ascii(271, "AIA Studio"),
                                         ascii(272, "Test sensor"),
                                         longs(273, {strip}),
                                         shorts(274, {std::uint32_t(orientation)}),
                                         shorts(277, {1}),
                                         longs(278, {h}),
                                         longs(279, {w * h * 2}),
                                         shorts(284, {1}),
                                         shorts(33421, {2, 2}),
                                         bytes(33422, {0, 1, 1, 2}),
                                         bytes(50706, {1, 4, 0, 0}),
                                         ascii(50708, "AIA Studio Test sensor"),
                                         longs(50717, {65535}),
                                         rationals(50721, 10, {1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1}),
                                         rationals(50728, 5, {1, 1, 1, 1, 1, 1}),
                                         shorts(50778, {21})},
                                        next);
  out[4] = first & 0xff, out[5] = (first >> 8) & 0xff, out[6] = (first >> 16) & 0xff, out[7] = first >> 24;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(out.data()), std::streamsize(out.size()));
}

}  // namespace aia::test
