#pragma once
// A label's map drawn over its image, on one shared scale. For CAM and
// Grad-CAM every position's local logit goes through the sigmoid (the
// probability the label would have if the whole image looked like that spot);
// for the attention head's maps the level is log(share against an even
// spread) / log(h * w): 0 where the label attends no more than evenly, 1 where
// all its attention is on one position. The level is coloured by one fixed
// colour map (OpenCV's inferno) and blended with opacity x level. The same
// numbers mean the same colours for every tag and every image, unlike the
// per-image rescaling most Grad-CAM tools do. The GUI's Browse and Annotate
// pages and `aia annotate --heatmaps` all draw with this. Plain std types.

#include "aia/annotate/annotator.h"
#include "aia/data/image_reader.h"  // RgbImage

#include <cstdint>
#include <string>
#include <vector>

namespace aia {

// A heatmap method by its catalogue name (heatmap_methods()): "auto" is the
// run's own (Annotator::own_method()). Throws ConfigError for another name, or
// for a method the run's head cannot draw, naming what it can.
Annotator::Method heatmap_method(const std::string& name, const Annotator& annotator);
// The catalogue name of `method`, and how the GUI titles it ("CAM", "Grad-CAM", "Attention").
std::string heatmap_method_name(Annotator::Method method);
std::string heatmap_method_title(Annotator::Method method);

// A map value's level in [0, 1] by the rule above (`cells`: h * w).
float heatmap_level(Annotator::Method method, float value, float cells);

// The image at `image_path`, its longer side scaled to `max_side` (0: as it
// is), with `label`'s map of `maps` over it. Throws InputError naming the file
// when it cannot be decoded (or, in a build without OpenCV, saying so).
RgbImage heatmap_overlay(const std::string& image_path, const Annotator::Heatmaps& maps, std::size_t label,
                         double opacity = 0.6, int max_side = 0);

// Where `aia annotate --heatmaps DIR` puts a tag's map of an image:
// DIR/<image file name>.<tag>.png, the tag's characters other than letters,
// digits, '-' and '_' written as '_'.
std::string heatmap_file(const std::string& dir, const std::string& image_path, const std::string& tag);

}  // namespace aia
