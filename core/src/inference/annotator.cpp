#include "aia/annotator.h"

#include "aia/inference.h"
#include "aia/runtime.h"
#include "aia/thresholds.h"

#include <torch/torch.h>

#include <cmath>
#include <filesystem>

namespace aia {

struct Annotator::Impl {
  std::string run_dir;
  std::string device;
  RunInfo info;
  Classifier model;
};

Annotator::Annotator(const std::string& run_dir, const std::string& device) : impl_(std::make_unique<Impl>()) {
  impl_->run_dir = run_dir;
  impl_->device = resolve_device(device);
  impl_->info = read_run_info(run_dir);
  impl_->model = load_run_model(run_dir, impl_->info, "best");
  impl_->model->to(torch::Device(impl_->device));
}

Annotator::~Annotator() = default;

const std::vector<std::string>& Annotator::vocabulary() const { return impl_->info.vocabulary; }

std::vector<double> Annotator::default_thresholds() const {
  const std::string path = impl_->run_dir + "/thresholds.json";
  if (std::filesystem::exists(path)) return read_thresholds_json(path, impl_->info.vocabulary);
  return std::vector<double>(impl_->info.vocabulary.size(), 0.5);
}

std::vector<Annotator::Result> Annotator::annotate(const std::vector<std::string>& paths) {
  std::vector<Sample> samples;
  for (const auto& p : paths) samples.push_back({p, {}});
  ScoreOptions options;
  options.device = impl_->device;
  std::vector<SkippedImage> skipped;
  const std::size_t v = impl_->info.vocabulary.size();
  const auto scores = score_samples(*impl_->model, "", samples, v, impl_->info.image_size, impl_->info.normalization,
                                    options, &skipped);
  std::vector<Result> out(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    out[i].path = paths[i];
    out[i].ok = !std::isnan(scores[i * v]);
    if (out[i].ok) out[i].scores.assign(scores.begin() + static_cast<std::ptrdiff_t>(i * v), scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * v));
  }
  for (const auto& s : skipped)
    for (auto& r : out)
      if (r.path == s.image) r.error = s.reason;
  return out;
}

}  // namespace aia
