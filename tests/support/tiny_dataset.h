#pragma once
// A tiny generated dataset for fast tests: 48 x 48 images of coloured squares
// in the quadrants of a dark canvas; the labels are the colours present.

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace aia::test {

inline const std::vector<std::string>& tiny_vocabulary() {
  static const std::vector<std::string> v = {"red", "green", "blue", "yellow"};
  return v;
}

// Writes root/train.json, root/test.json and root/images/*.png.
inline void make_tiny_dataset(const std::string& root, int train = 64, int test = 24, unsigned seed = 3) {
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(root) / "images");
  const cv::Scalar colours[] = {{40, 40, 220}, {40, 200, 40}, {220, 60, 40}, {30, 220, 230}};  // BGR
  std::mt19937 rng(seed);
  auto split = [&](const std::string& name, int count) {
    nlohmann::json samples = nlohmann::json::array();
    for (int n = 0; n < count; ++n) {
      cv::Mat img(48, 48, CV_8UC3, cv::Scalar(20, 20, 20));
      std::vector<std::string> labels;
      for (int q = 0; q < 4; ++q) {
        if (rng() % 2) continue;
        const int c = static_cast<int>(rng() % 4);
        const int x = (q % 2) * 24 + 3, y = (q / 2) * 24 + 3;
        cv::rectangle(img, cv::Rect(x, y, 18, 18), colours[c], cv::FILLED);
        labels.push_back(tiny_vocabulary()[static_cast<std::size_t>(c)]);
      }
      if (labels.empty()) {
        cv::rectangle(img, cv::Rect(3, 3, 18, 18), colours[0], cv::FILLED);
        labels.push_back("red");
      }
      std::sort(labels.begin(), labels.end());
      labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
      const std::string file = name + std::to_string(n) + ".png";
      cv::imwrite((fs::path(root) / "images" / file).string(), img);
      samples.push_back({{"image_name", file}, {"image_labels", labels}});
    }
    std::ofstream(fs::path(root) / (name + ".json"))
        << nlohmann::json{{"labels", tiny_vocabulary()}, {"samples", samples}}.dump();
  };
  split("train", train);
  split("test", test);
}

}  // namespace aia::test
