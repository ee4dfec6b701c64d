// The frozen-backbone mode: features extracted once and cached, the head trained on them.

#include "training/session.h"

#include "aia/errors.h"
#include "aia/inference.h"
#include "aia/loss.h"
#include "aia/demo_dataset.h"
#include "aia/score_table.h"
#include "aia/thresholds.h"
#include "aia/atomic_file.h"

#include <filesystem>
#include <numeric>
#include <random>

namespace fs = std::filesystem;

namespace aia::detail {

// Frozen mode: the backbone's pooled features of every split, computed once
// (eval mode, no flips) and cached on disk, keyed by the backbone's weights,
// the image size, the normalisation and the image list.
void Session::prepare_features() {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix_bytes = [&h](const void* data, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ULL;
  };
  for (auto& [k, v] : model_state(*model_)) {
    if (k.rfind("head.", 0) == 0) continue;
    mix_bytes(k.data(), k.size());
    auto c = v.contiguous();
    mix_bytes(c.data_ptr(), static_cast<std::size_t>(c.numel()) * c.element_size());
  }
  const std::string settings = config_.model.backbone + "|" + std::to_string(config_.data.image_size) + "|" +
                               std::to_string(data_.normalization.mean[0]) + std::to_string(data_.normalization.std[0]) +
                               std::to_string(data_.normalization.mean[1]) + std::to_string(data_.normalization.std[1]) +
                               std::to_string(data_.normalization.mean[2]) + std::to_string(data_.normalization.std[2]);
  mix_bytes(settings.data(), settings.size());
  const fs::path dir = fs::path(demo_cache_dir()) / "features";
  fs::create_directories(dir);
  model_->eval();
  for (const auto* split : {&data_.train, &data_.validation, &data_.test}) {
    if (split->empty()) continue;
    std::uint64_t key = h;
    for (const auto& sample : *split) {
      for (char c : sample.image) key = (key ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
      key = (key ^ 0xff) * 0x100000001b3ULL;
    }
    char name[40];
    std::snprintf(name, sizeof name, "%016llx.safetensors", static_cast<unsigned long long>(key));
    const fs::path file = dir / name;
    if (fs::exists(file)) {
      features_[split] = read_safetensors(file.string()).at(0).second.to(device_);
      log_("features of " + std::to_string(split->size()) + " images from the cache " + file.string());
      continue;
    }
    log_("extracting backbone features of " + std::to_string(split->size()) + " images (once; cached in " + dir.string() + ")");
    torch::Tensor features = torch::full({static_cast<std::int64_t>(split->size()), model_->feature_dim()},
                                         std::numeric_limits<float>::quiet_NaN());
    LoaderOptions lo;
    lo.image_size = config_.data.image_size;
    lo.batch_size = config_.optim.batch_size;
    lo.workers = config_.data.workers;
    lo.normalization = data_.normalization;
    BatchLoader loader(data_.images_dir, *split, data_.vocabulary.size(), lo, cache_.get());
    torch::NoGradGuard no_grad;
    std::size_t done = 0;
    while (auto batch = loader.next()) {
      if (stop_.stop_requested()) return;
      if (!batch->samples.empty()) {
        auto f = model_->forward_features(batch->images.to(device_)).to(torch::kCPU);
        for (std::size_t i = 0; i < batch->samples.size(); ++i)
          features[static_cast<std::int64_t>(batch->samples[i])].copy_(f[static_cast<std::int64_t>(i)]);
      }
      done += batch->samples.size();
      BatchProgress p;
      p.batch = batch->index + 1;
      p.batches = loader.batches();
      observer_.on_batch(p);
    }
    for (const auto& sk : loader.skipped()) log_("skipped " + sk.image + ": " + sk.reason);
    write_safetensors(file.string(), {{"features", features}}, {{"images", std::to_string(split->size())}});
    features_[split] = features.to(device_);
  }
}

torch::Tensor& Session::features_for(const std::vector<Sample>& samples) { return features_.at(&samples); }

double Session::run_epoch_part_frozen() {
  const torch::Tensor& features = features_for(data_.train);
  const auto targets_all = torch::from_blob(multi_hot(data_.train, data_.vocabulary.size()).data(),
                                            {static_cast<std::int64_t>(data_.train.size()),
                                             static_cast<std::int64_t>(data_.vocabulary.size())},
                                            torch::kFloat32).clone().to(device_);
  // The epoch's order: the same permutation rule as the image loader.
  std::vector<std::int64_t> order(data_.train.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(static_cast<std::uint64_t>(config_.run.seed) * 1000003ULL + static_cast<std::uint64_t>(state_.epoch));
  std::shuffle(order.begin(), order.end(), rng);
  const auto b = static_cast<std::size_t>(config_.optim.batch_size);
  const auto start = Clock::now();
  std::size_t images = 0;
  model_->train();
  while (state_.batch < batches_per_epoch_) {
    const std::size_t begin = state_.batch * b, end = std::min(order.size(), begin + b);
    std::vector<std::int64_t> rows;
    for (std::size_t i = begin; i < end; ++i)
      if (!std::isnan(features[order[i]][0].item<float>())) rows.push_back(order[i]);
    if (rows.empty()) {
      ++state_.batch;
      continue;
    }
    auto index = torch::tensor(rows, torch::kLong).to(device_);
    const bool ok = train_step(
        [&] {
          return multilabel_loss(model_->forward_head(features.index_select(0, index)),
                                 targets_all.index_select(0, index), config_.loss);
        },
        rows.size(), start, images);
    if (!ok) return 0;
    if (stop_.stop_requested()) break;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return seconds > 0 ? static_cast<double>(images) / seconds : 0;
}

}  // namespace aia::detail
