#pragma once
// A label's class activation map drawn over its image, on one shared scale:
// every position's local logit goes through the sigmoid (the probability the
// label would have if the whole image looked like that spot), coloured by one
// fixed colour map (OpenCV's inferno) and blended with opacity x that
// probability. The same numbers mean the same colours for every tag and every
// image, unlike the per-image rescaling most Grad-CAM tools do. The GUI's
// Browse page and `aia annotate --heatmaps` both draw with this. Plain std types.

#include "aia/annotate/annotator.h"
#include "aia/data/image_reader.h"  // RgbImage

#include <cstdint>
#include <string>
#include <vector>

namespace aia {

// The image at `image_path`, its longer side scaled to `max_side` (0: as it
// is), with `label`'s map of `maps` over it. Throws InputError naming the file
// when it cannot be decoded.
RgbImage heatmap_overlay(const std::string& image_path, const Annotator::Heatmaps& maps, std::size_t label,
                         double opacity = 0.6, int max_side = 0);

// Where `aia annotate --heatmaps DIR` puts a tag's map of an image:
// DIR/<image file name>.<tag>.png, the tag's characters other than letters,
// digits, '-' and '_' written as '_'.
std::string heatmap_file(const std::string& dir, const std::string& image_path, const std::string& tag);

// Writes `image` as PNG (temporary name, then renamed); throws InputError naming the file.
void write_png(const std::string& path, const RgbImage& image);

}  // namespace aia
