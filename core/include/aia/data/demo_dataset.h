#pragma once
// The embedded demo datasets, built on first use from Debian's
// dataset-fashion-mnist (real photographs of clothing, 28 x 28 grey): each
// image is a 2 x 2 mosaic of one to three items, labelled with the item
// categories present. Written in the seed's JSON layout with PNG files into a
// cache folder; deterministic, so every machine builds the same dataset.
//
// Two variants: "demo", whose ten labels are nearly balanced (460-540
// training images each), and "demo-longtail", whose items are drawn with
// Zipf-like weights (category k of 10 with weight 1 / k^1.5), so that a few
// labels are frequent and most are rare, as in Corel-5k: the case the
// paper's loss is meant for.

#include "aia/data/dataset.h"  // cache_dir()

#include "aia/catalogue/catalogue.h"  // is_demo_dataset

#include <functional>
#include <string>

namespace aia {

struct DemoOptions {
  int train_images = 3000;
  int test_images = 600;
  unsigned seed = 7;
  bool long_tailed = false;
  std::string fashion_mnist_dir = "/usr/share/datasets/fashion-mnist";
};

// The options that build the named variant (`name` must be a demo name).
DemoOptions demo_options(const std::string& name);

// Returns the dataset folder (cache_dir/demo-v1 or demo-longtail-v1), building
// it if needed. Throws DatasetError when fashion-mnist is not installed.
std::string ensure_demo_dataset(const std::string& cache_dir, const std::function<void(const std::string&)>& log,
                                const DemoOptions& options = {});

// The folder of a dataset name or path: a demo name is built (as above),
// anything else is returned unchanged for load_dataset.
std::string dataset_location(const std::string& name_or_path, const std::function<void(const std::string&)>& log);

}  // namespace aia
