#include "aia/annotate/annotator.h"

#include "aia/annotate/score_cache.h"

#include "aia/data/image_pipeline.h"
#include "aia/inference/inference.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/compute.h"
#include "aia/runtime/runtime.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace aia {

struct Annotator::Impl {
  RunFolder run;
  std::string device;
  Precision precision;
  MemoryFormat memory_format;
  ComputeFormat format;
  RunInfo info;
  Classifier model;
  std::string identity;  // model_identity, once asked for
  std::once_flag identified;
  std::string cache_warning;
  std::mutex mutex;  // one forward pass at a time, whichever thread asks
  Impl(RunFolder r, std::string d, Precision p, MemoryFormat f)
      : run(std::move(r)),
        device(std::move(d)),
        precision(p),
        memory_format(f),
        format(resolve_compute_format(p, f, device, Workload::Inference)) {}
};

Annotator::Annotator(const std::string& run_dir, const std::string& device, Precision precision,
                     MemoryFormat memory_format)
    : impl_(std::make_unique<Impl>(RunFolder(run_dir), resolve_device(device), precision, memory_format)) {
  impl_->info = impl_->run.read_info();
  impl_->model = load_run_model(impl_->run, impl_->info, Checkpoint::Best);
  impl_->model->to(torch::Device(impl_->device));
  apply_memory_format(*impl_->model, impl_->format.channels_last);
  impl_->model->fold_for_inference(impl_->format.channels_last);  // the inference form: batch norm folded
}

const ComputeFormat& Annotator::compute_format() const { return impl_->format; }

Annotator::Options Annotator::cached_options() {
  Options o;
  o.cache_dir = default_score_cache_dir();
  return o;
}

std::string Annotator::reuse_summary(const std::vector<Result>& results) {
  std::size_t cached = 0, scored = 0;
  for (const auto& r : results) (r.cached ? cached : scored) += r.ok ? 1 : 0;
  if (cached + scored == 0) return {};
  return std::to_string(cached) + " of " + std::to_string(cached + scored) +
         " images' scores reused from the score cache; " + std::to_string(scored) + " scored";
}

std::string Annotator::cache_warning() const {
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->cache_warning;
}

Annotator::~Annotator() = default;

const std::vector<std::string>& Annotator::vocabulary() const { return impl_->info.vocabulary; }

std::vector<double> Annotator::default_thresholds() const {
  return impl_->run.thresholds_or_half(ThresholdMethod::MccGrid, impl_->info.vocabulary);
}

const std::string& Annotator::identity() {
  std::call_once(impl_->identified, [this] {
    const RunInfo& info = impl_->info;
    std::string d = "aia-score-cache 1|" + info.backbone + "|" + info.head + "|" + std::to_string(info.head_dropout) +
                    "|" + std::to_string(info.attention_hidden) + "x" + std::to_string(info.attention_heads) + "x" +
                    std::to_string(info.attention_feedforward) + "|" + std::to_string(info.image_size) + "|";
    for (int c = 0; c < 3; ++c)
      d += std::to_string(info.normalization.mean[std::size_t(c)]) + "," +
           std::to_string(info.normalization.std[std::size_t(c)]) + ";";
    for (const auto& label : info.vocabulary) d += label + '\x1f';
    d += std::string("|") + (impl_->format.bf16 ? "bf16" : "fp32") + (impl_->format.channels_last ? "|cl|" : "|nchw|");
    d += torch::Device(impl_->device).is_cuda() ? "cuda" : "cpu";
    impl_->identity = model_identity(impl_->run.checkpoint_path(Checkpoint::Best), d);
  });
  return impl_->identity;
}

namespace {

// The model's scores of `paths` in their order (NaN rows for images that could not be scored).
std::vector<float> score_paths(Classifier& model, const RunInfo& info, const std::vector<std::string>& paths,
                               const ScoreOptions& so, std::vector<SkippedImage>* skipped) {
  std::vector<Sample> samples;
  samples.reserve(paths.size());
  for (const auto& p : paths) samples.push_back({p, {}});
  return score_samples(*model, "", samples, info.vocabulary.size(), info.image_size, info.normalization, so, skipped);
}

}  // namespace

std::vector<Annotator::Result> Annotator::annotate(const std::vector<std::string>& paths, const Options& options) {
  const std::size_t v = impl_->info.vocabulary.size();
  std::vector<Result> out(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) out[i].path = paths[i];
  std::optional<ScoreCache> cache;
  std::vector<FileStamp> stamps(paths.size());
  std::vector<std::size_t> todo;  // the positions scored now
  if (!options.cache_dir.empty()) cache.emplace(options.cache_dir, identity(), v);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto hit = cache ? cache->find(paths[i], &stamps[i]) : std::nullopt;
    if (!hit) {
      todo.push_back(i);
      continue;
    }
    out[i].ok = out[i].cached = true;
    out[i].scores = std::move(*hit);
  }
  ScoreOptions so;
  so.device = impl_->device;
  so.precision = impl_->precision;
  so.memory_format = impl_->memory_format;
  so.batch_size = options.batch_size;
  so.workers = options.workers;
  const std::size_t reused = paths.size() - todo.size();
  if (options.progress) {
    options.progress(reused, paths.size());
    so.progress = [&](std::size_t done, std::size_t) { options.progress(reused + done, paths.size()); };
  }
  so.cancelled = options.cancelled;
  std::vector<std::string> to_score;
  for (std::size_t i : todo) to_score.push_back(paths[i]);
  std::vector<SkippedImage> skipped;
  std::vector<float> scores;
  if (!to_score.empty()) {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    scores = score_paths(impl_->model, impl_->info, to_score, so, &skipped);
  }
  for (std::size_t k = 0; k < todo.size(); ++k) {
    Result& r = out[todo[k]];
    r.ok = !std::isnan(scores[k * v]);
    if (!r.ok) continue;
    r.scores.assign(scores.begin() + static_cast<std::ptrdiff_t>(k * v),
                    scores.begin() + static_cast<std::ptrdiff_t>((k + 1) * v));
    if (cache) cache->store(r.path, stamps[todo[k]], r.scores);
  }
  std::string warning;
  try {
    if (cache) cache->save();
  } catch (const std::exception& e) {  // the tags stand; only the next run scores these files again
    warning = std::string("scores not cached: ") + e.what();
  }
  {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->cache_warning = warning;
  }
  for (const auto& s : skipped)
    for (auto& r : out)
      if (r.path == s.image) r.error = s.reason;
  for (auto& r : out)
    if (!r.ok && r.error.empty()) r.error = options.cancelled && options.cancelled() ? "cancelled" : "not decodable";
  return out;
}

Annotator::Method Annotator::own_method() const {
  return impl_->model->has_attention_head() ? Method::Attention : Method::Cam;
}

std::vector<Annotator::Method> Annotator::methods() const {
  if (impl_->model->has_attention_head()) return {Method::Attention};
  return {Method::Cam, Method::GradCam};
}

namespace {

// CAM: the head's weights at every position; Grad-CAM: by autograd, on the CAM's scale (1, L, h, w).
torch::Tensor gap_head_maps(Classifier& model, const torch::Tensor& images, const torch::Tensor& bias,
                            Annotator::Method method) {
  if (method == Annotator::Method::Cam) return model->class_activation_maps(images);
  torch::AutoGradMode enable(true);
  const auto fmap = model->forward_feature_map(images).detach().requires_grad_(true);
  const auto logits = model->forward_head(fmap.mean({2, 3}));
  const double cells = static_cast<double>(fmap.size(2) * fmap.size(3));
  std::vector<torch::Tensor> per_label;
  for (std::int64_t l = 0; l < logits.size(1); ++l) {
    const auto grad = torch::autograd::grad({logits[0][l]}, {fmap}, {}, /*retain_graph=*/true)[0];
    const auto alpha = grad.mean({2, 3}, /*keepdim=*/true);  // 1, C, 1, 1
    const auto map = torch::relu((alpha * fmap).sum(1));     // 1, h, w
    per_label.push_back(map.detach() * cells + bias[0][l]);  // on the CAM's scale
  }
  return torch::stack(per_label, 1);  // 1, L, h, w
}

}  // namespace

Annotator::Heatmaps Annotator::heatmaps(const std::string& path, Method method) {
  Heatmaps h;
  h.path = path;
  h.method = method;
  const auto allowed = methods();
  if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) {
    h.error = impl_->model->has_attention_head()
                  ? "this run's head is the attention head: its maps are its attention, not CAM or Grad-CAM"
                  : "this run's head is the gap head: it has no attention, its maps are CAM or Grad-CAM";
    return h;
  }
  const std::vector<Sample> samples{{path, {}}};
  LoaderOptions lo;
  lo.image_size = impl_->info.image_size;
  lo.batch_size = 1;
  lo.workers = 1;
  lo.normalization = impl_->info.normalization;
  BatchLoader loader("", samples, impl_->info.vocabulary.size(), lo);
  auto batch = loader.next();
  if (!batch || batch->samples.empty()) {
    const auto skipped = loader.skipped();
    h.error = skipped.empty() ? "not decodable" : skipped.front().reason;
    return h;
  }
  const std::lock_guard<std::mutex> lock(impl_->mutex);
  torch::NoGradGuard no_grad;
  impl_->model->eval();
  const torch::Device device(impl_->device);
  const auto images = batch->images.to(device);
  torch::Tensor maps, logits;
  if (method == Method::Attention) {
    auto [scores, attention] = impl_->model->attention_maps(images);
    maps = attention * static_cast<double>(attention.size(2) * attention.size(3));  // 1 = an even spread
    logits = scores;
  } else {
    // The head's bias: its output for a zero feature vector (eval mode, no dropout).
    const auto bias = impl_->model->forward_head(torch::zeros({1, impl_->model->feature_dim()}, images.options()));
    maps = gap_head_maps(impl_->model, images, bias, method);
    logits = impl_->model->forward(images);
    const auto b = bias.to(torch::kCPU).contiguous();
    h.biases.assign(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
  }
  maps = maps.to(torch::kCPU, torch::kFloat).contiguous();
  logits = logits.to(torch::kCPU, torch::kFloat).contiguous();
  h.height = static_cast<int>(maps.size(2));
  h.width = static_cast<int>(maps.size(3));
  h.maps.assign(maps.data_ptr<float>(), maps.data_ptr<float>() + maps.numel());
  h.logits.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
  h.ok = true;
  return h;
}

}  // namespace aia
