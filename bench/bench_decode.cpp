// Decoding speed per image format: every file of DIR/<format>/ through core's
// guarded decode and the resize to the model's input (load_image_rgb), on 2
// threads, repeated until a second has passed; prints "<format> <images/s>".
// bench/python/decode_pillow.py does the same with Pillow, the paper's loader.
//   bench_decode DIR SIZE [DECODER]       the speeds (DECODER: opencv, the default, or torchvision)
//   bench_decode --dng OUT.dng IN.png     a DNG of IN's pixels (Debian ships no DNG encoder)

#include "aia/data/image_pipeline.h"
#include "dng_writer.h"

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Images per second decoding `files` to size x size on `threads` threads; -1 when one fails.
double speed(const std::vector<std::string>& files, int size, int threads, aia::ImageDecoder decoder) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  std::size_t done = 0;
  bool failed = false;
  while (!failed && (done == 0 || clock::now() - start < std::chrono::seconds(1))) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> bad{false};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        std::vector<std::uint8_t> pixels;
        for (std::size_t i; (i = next++) < files.size();) {
          std::string why;
          if (!aia::load_image_rgb_with(decoder, files[i], size, pixels, &why)) {
            std::fprintf(stderr, "%s: %s\n", files[i].c_str(), why.c_str());
            bad = true;
          }
        }
      });
    for (auto& t : pool) t.join();
    failed = bad;
    done += files.size();
  }
  const double seconds = std::chrono::duration<double>(clock::now() - start).count();
  return failed ? -1.0 : double(done) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--dng") {
    const cv::Mat bgr = cv::imread(argv[3], cv::IMREAD_COLOR);
    if (bgr.empty()) return std::fprintf(stderr, "%s: not readable\n", argv[3]), 1;
    aia::test::write_dng(argv[2], bgr(cv::Rect(0, 0, bgr.cols & ~1, bgr.rows & ~1)), 1);
    return 0;
  }
  const std::string which = argc == 4 ? argv[3] : "opencv";
  if ((argc != 3 && argc != 4) || (which != "opencv" && which != "torchvision"))
    return std::fprintf(stderr, "usage: bench_decode DIR SIZE [opencv|torchvision] | --dng OUT.dng IN.png\n"), 2;
  const auto decoder = which == "opencv" ? aia::ImageDecoder::OpenCV : aia::ImageDecoder::Torchvision;
  std::vector<fs::path> formats;
  for (const auto& e : fs::directory_iterator(argv[1]))
    if (e.is_directory()) formats.push_back(e.path());
  std::sort(formats.begin(), formats.end());
  for (const auto& folder : formats) {
    std::vector<std::string> files;
    for (const auto& f : fs::directory_iterator(folder)) files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    const double s = speed(files, std::stoi(argv[2]), 2, decoder);
    if (s < 0)
      std::printf("%s failed\n", folder.filename().c_str());
    else
      std::printf("%s %.1f\n", folder.filename().c_str(), s);
  }
  return 0;
}
