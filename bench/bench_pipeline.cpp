// The image pipeline over a folder of JPEG files at 448 (decode, resize, flips,
// normalise, batches of 32 from 2 decoding threads), as bench/run_pipeline_bench.sh
// compares it with the paper's Python pipeline.
//   bench_pipeline --make FOLDER N     write N JPEGs (384 x 256, from the demo dataset's photographs)
//   bench_pipeline FOLDER [SIZE]       images/s: first epoch, and an epoch served from the cache

#include "aia/data/demo_dataset.h"
#include "aia/data/image_pipeline.h"
#include "aia/runtime/runtime.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

double epoch(const std::string& folder, const std::vector<aia::Sample>& samples, int size, aia::ImageCache* cache) {
  aia::LoaderOptions o;
  o.image_size = size;
  o.batch_size = 32;
  o.shuffle = true;
  o.flips = true;
  o.workers = 2;
  aia::BatchLoader loader(folder, samples, 10, o, cache);
  const auto start = std::chrono::steady_clock::now();
  std::size_t n = 0;
  while (auto b = loader.next()) n += b->samples.size();
  return static_cast<double>(n) / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::string(argv[1]) == "--make") {
    const std::string demo = aia::ensure_demo_dataset(aia::cache_dir(), nullptr);
    fs::create_directories(argv[2]);
    const int n = std::atoi(argv[3]);
    for (int i = 0; i < n; ++i) {
      char in[64], out[64];
      std::snprintf(in, sizeof in, "train%05d.png", i);
      std::snprintf(out, sizeof out, "img%05d.jpg", i);
      cv::Mat img = cv::imread(demo + "/images/" + in, cv::IMREAD_COLOR), big;
      cv::resize(img, big, cv::Size(384, 256), 0, 0, cv::INTER_CUBIC);
      cv::imwrite((fs::path(argv[2]) / out).string(), big, {cv::IMWRITE_JPEG_QUALITY, 90});
    }
    return 0;
  }
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_pipeline FOLDER [SIZE] | --make FOLDER N\n");
    return 2;
  }
  aia::configure_runtime();
  const std::string folder = argv[1];
  const int size = argc > 2 ? std::atoi(argv[2]) : 448;
  std::vector<aia::Sample> samples;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".jpg") samples.push_back({e.path().filename().string(), {0}});
  std::sort(samples.begin(), samples.end(), [](const auto& a, const auto& b) { return a.image < b.image; });
  const double cold = epoch(folder, samples, size, nullptr);
  aia::ImageCache cache(std::size_t(4) << 30);
  epoch(folder, samples, size, &cache);  // fills the cache
  const double cached = epoch(folder, samples, size, &cache);
  std::printf("%.1f %.1f\n", cold, cached);
  return 0;
}
