#pragma once
// The frozen-backbone mode's features: the backbone's pooled features of each
// split, computed once (eval mode, no flips) and cached on disk under
// <cache_dir()>/features, keyed by an FNV-1a hash of the backbone's weights,
// the image size, the normalisation and the split's image list. Undecodable
// images get NaN rows. Torch-facing.

#include "aia/data/dataset.h"
#include "aia/data/image_pipeline.h"
#include "aia/model/classifier.h"

#include <functional>
#include <map>
#include <stop_token>
#include <string>

namespace aia {

std::string feature_cache_dir();

struct FeatureOptions {
  int image_size = 448;
  int batch_size = 32;
  int workers = 2;
  std::string backbone;  // part of the key
  std::function<void(const std::string&)> log;
  std::function<void(std::size_t batch, std::size_t batches)> progress;
};

class FeatureCache {
 public:
  // Loads or extracts every non-empty split of `data` onto `device`. Returns
  // false when `stop` was requested midway (nothing half-done is cached).
  bool prepare(ClassifierImpl& model, const Dataset& data, torch::Device device, const FeatureOptions& options,
               ImageCache* images, const std::stop_token& stop);
  // Throws std::out_of_range for a split that was empty or not prepared.
  const torch::Tensor& features(Split split) const { return features_.at(split); }

 private:
  std::map<Split, torch::Tensor> features_;
};

}  // namespace aia
