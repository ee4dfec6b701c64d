#include "aia/training/feature_cache.h"

#include "aia/io/checkpoint.h"
#include "aia/io/digest.h"

#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <limits>

namespace fs = std::filesystem;

namespace aia {
namespace {

void fnv1a(std::uint64_t& h, const void* data, std::size_t n) { h = fnv1a64(data, n, h); }

std::uint64_t backbone_key(ClassifierImpl& model, const Normalization& normalization, const FeatureOptions& options) {
  std::uint64_t h = kFnv1aBasis;
  for (auto& [k, v] : model_state(model)) {
    if (k.rfind("head.", 0) == 0) continue;
    fnv1a(h, k.data(), k.size());
    auto c = v.contiguous();
    fnv1a(h, c.data_ptr(), static_cast<std::size_t>(c.numel()) * c.element_size());
  }
  std::string settings = options.backbone + "|" + std::to_string(options.image_size) + "|" +
                         (model.has_attention_head() ? "map|" : "pooled|");
  for (int c = 0; c < 3; ++c)
    settings += std::to_string(normalization.mean[static_cast<std::size_t>(c)]) +
                std::to_string(normalization.std[static_cast<std::size_t>(c)]);
  fnv1a(h, settings.data(), settings.size());
  return h;
}

}  // namespace

std::string feature_cache_dir() { return (fs::path(cache_dir()) / "features").string(); }

bool FeatureCache::prepare(ClassifierImpl& model, const Dataset& data, torch::Device device,
                           const FeatureOptions& options, ImageCache* images, const std::stop_token& stop) {
  const std::uint64_t base = backbone_key(model, data.normalization, options);
  const fs::path dir = feature_cache_dir();
  fs::create_directories(dir);
  model.eval();
  for (Split split : {Split::Train, Split::Validation, Split::Test}) {
    const auto& samples = data.split(split);
    if (samples.empty()) continue;
    std::uint64_t key = base;
    for (const auto& sample : samples) {
      fnv1a(key, sample.image.data(), sample.image.size());
      const unsigned char separator = 0xff;
      fnv1a(key, &separator, 1);
    }
    char name[40];
    std::snprintf(name, sizeof name, "%016llx.safetensors", static_cast<unsigned long long>(key));
    const fs::path file = dir / name;
    if (fs::exists(file)) {
      features_[split] = read_safetensors(file.string()).at(0).second.to(device);
      if (options.log)
        options.log("features of " + std::to_string(samples.size()) + " images from the cache " + file.string());
      continue;
    }
    // The attention head reads the whole map: feature_dim x (size / 32)^2 floats per image, not feature_dim.
    const std::int64_t cells =
        model.has_attention_head() ? std::int64_t(options.image_size / 32) * (options.image_size / 32) : 1;
    const double megabytes = double(samples.size()) * double(model.feature_dim() * cells) * 4.0 / (1 << 20);
    if (options.log) {
      char size[96];
      std::snprintf(size, sizeof size, "%.1f MiB in memory and on disk (%lld floats per image)", megabytes,
                    static_cast<long long>(model.feature_dim() * cells));
      options.log("extracting backbone features of " + std::to_string(samples.size()) + " images (once; cached in " +
                  dir.string() + "): " + size);
    }
    torch::Tensor features;  // allocated at the first batch, in the shape the model gives
    LoaderOptions lo;
    lo.image_size = options.image_size;
    lo.batch_size = options.batch_size;
    lo.workers = options.workers;
    lo.normalization = data.normalization;
    BatchLoader loader(data.images_dir, samples, data.vocabulary.size(), lo, images);
    torch::NoGradGuard no_grad;
    while (auto batch = loader.next()) {
      if (stop.stop_requested()) return false;
      if (!batch->samples.empty()) {
        auto f = model.frozen_features(batch->images.to(device)).to(torch::kCPU, torch::kFloat);
        if (!features.defined()) {
          auto shape = f.sizes().vec();
          shape[0] = static_cast<std::int64_t>(samples.size());
          features = torch::full(shape, std::numeric_limits<float>::quiet_NaN());
        }
        for (std::size_t i = 0; i < batch->samples.size(); ++i)
          features[static_cast<std::int64_t>(batch->samples[i])].copy_(f[static_cast<std::int64_t>(i)]);
      }
      if (options.progress) options.progress(batch->index + 1, loader.batches());
    }
    if (options.log)
      for (const auto& sk : loader.skipped()) options.log("skipped " + sk.image + ": " + sk.reason);
    if (!features.defined())  // not one image decoded: every row NaN
      features = torch::full({static_cast<std::int64_t>(samples.size()), model.feature_dim()},
                             std::numeric_limits<float>::quiet_NaN());
    write_safetensors(file.string(), {{"features", features}}, {{"images", std::to_string(samples.size())}});
    features_[split] = features.to(device);
  }
  return true;
}

}  // namespace aia
