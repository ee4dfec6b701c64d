// A tag's map drawn over its image (heatmap.h), with OpenCV: the build
// without OpenCV (AIA_HEADLESS) refuses it (core/src/headless/).

#include "aia/annotate/heatmap.h"

#include "aia/errors.h"
#include "data/image_decode.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace aia {

RgbImage heatmap_overlay(const std::string& image_path, const Annotator::Heatmaps& maps, std::size_t label,
                         double opacity, int max_side) {
  if (!maps.ok || maps.width <= 0 || maps.height <= 0)
    throw InputError(image_path + ": no heatmap (" + (maps.error.empty() ? "not computed" : maps.error) + ")");
  if (label >= maps.maps.size() / (static_cast<std::size_t>(maps.width) * static_cast<std::size_t>(maps.height)))
    throw InputError(image_path + ": no heatmap for label " + std::to_string(label));
  if (!std::filesystem::is_regular_file(image_path)) throw InputError(image_path + ": no such image file");
  cv::Mat bgr;
  std::string why;
  if (!detail::decode_image_bgr(image_path, bgr, &why, kDefaultMaxImagePixels, max_side))
    throw InputError(image_path + ": cannot decode the image (" + why + ")");
  if (max_side > 0 && std::max(bgr.cols, bgr.rows) != max_side) {
    const double f = static_cast<double>(max_side) / std::max(bgr.cols, bgr.rows);
    cv::resize(bgr, bgr,
               cv::Size(std::max(1, static_cast<int>(std::lround(bgr.cols * f))),
                        std::max(1, static_cast<int>(std::lround(bgr.rows * f)))),
               0, 0, f < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  }
  // The model saw the image resized to a square: its grid maps onto the whole image.
  cv::Mat probability(maps.height, maps.width, CV_32F);
  const float* m = maps.map(label);
  const float cells = static_cast<float>(maps.width * maps.height);
  for (int y = 0; y < maps.height; ++y)
    for (int x = 0; x < maps.width; ++x)
      probability.at<float>(y, x) = heatmap_level(maps.method, m[y * maps.width + x], cells);
  cv::resize(probability, probability, bgr.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat levels;
  probability.convertTo(levels, CV_8U, 255.0);
  cv::Mat colours;
  cv::applyColorMap(levels, colours, cv::COLORMAP_INFERNO);
  RgbImage out;
  out.width = bgr.cols;
  out.height = bgr.rows;
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
  const float a = static_cast<float>(std::clamp(opacity, 0.0, 1.0));
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x) {
      const float w = a * probability.at<float>(y, x);
      const auto& p = bgr.at<cv::Vec3b>(y, x);
      const auto& c = colours.at<cv::Vec3b>(y, x);
      std::uint8_t* o = &out.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) +
                                     static_cast<std::size_t>(x)) *
                                    3];
      for (int k = 0; k < 3; ++k)  // BGR in, RGB out
        o[k] = static_cast<std::uint8_t>(std::lround((1 - w) * p[2 - k] + w * c[2 - k]));
    }
  return out;
}

}  // namespace aia
