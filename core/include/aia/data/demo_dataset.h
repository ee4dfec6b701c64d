#pragma once
// The embedded demo dataset, built on first use from Debian's
// dataset-fashion-mnist (real photographs of clothing, 28 x 28 grey): each
// image is a 2 x 2 mosaic of one to three items, labelled with the item
// categories present. Written in the seed's JSON layout with PNG files into a
// cache folder; deterministic, so every machine builds the same dataset.

#include "aia/data/dataset.h"  // cache_dir()

#include <functional>
#include <string>

namespace aia {

struct DemoOptions {
  int train_images = 3000;
  int test_images = 600;
  unsigned seed = 7;
  std::string fashion_mnist_dir = "/usr/share/datasets/fashion-mnist";
};

// Returns the dataset folder (cache_dir/demo-v1), building it if needed.
// Throws DatasetError when fashion-mnist is not installed.
std::string ensure_demo_dataset(const std::string& cache_dir, const std::function<void(const std::string&)>& log,
                                const DemoOptions& options = {});

}  // namespace aia
