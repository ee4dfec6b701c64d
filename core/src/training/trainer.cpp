#include "aia/trainer.h"

#include "aia/atomic_file.h"
#include "aia/checkpoint.h"
#include "aia/errors.h"
#include "aia/image_pipeline.h"
#include "aia/inference.h"
#include "aia/loss.h"
#include "aia/model/registry.h"
#include "aia/onecycle.h"
#include "aia/runtime.h"
#include "aia/score_table.h"
#include "aia/thresholds.h"
#include "aia/demo_dataset.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <numeric>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace aia {

std::string default_run_dir(const TrainConfig& config) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::ostringstream o;
  o << "runs/" << fs::path(config.data.dataset).filename().string() << "-" << config.loss.name << "-"
    << std::put_time(&tm, "%Y%m%d-%H%M%S");
  return o.str();
}

namespace {

using Clock = std::chrono::steady_clock;

// Everything that changes while training and must survive a stop and resume.
struct TrainState {
  int epoch = 0;            // 0-based epoch in progress
  std::size_t batch = 0;    // next batch within it
  long step = 0;            // optimiser steps so far
  double epoch_loss_sum = 0;
  std::size_t epoch_batches = 0;
  double best_f1 = -1;
  int best_epoch = 0;
};

nlohmann::json to_json(const TrainState& s) {
  return {{"epoch", s.epoch}, {"batch", s.batch}, {"step", s.step}, {"epoch_loss_sum", s.epoch_loss_sum},
          {"epoch_batches", s.epoch_batches}, {"best_f1", s.best_f1}, {"best_epoch", s.best_epoch}};
}

TrainState state_from_json(const nlohmann::json& j) {
  TrainState s;
  s.epoch = j.at("epoch");
  s.batch = j.at("batch");
  s.step = j.at("step");
  s.epoch_loss_sum = j.at("epoch_loss_sum");
  s.epoch_batches = j.at("epoch_batches");
  s.best_f1 = j.at("best_f1");
  s.best_epoch = j.at("best_epoch");
  return s;
}

class Logger {
 public:
  Logger(TrainObserver& observer, const std::string& path) : observer_(observer), out_(path, std::ios::app) {}
  void operator()(const std::string& text) {
    observer_.on_message(text);
    out_ << text << '\n';
    out_.flush();
  }

 private:
  TrainObserver& observer_;
  std::ofstream out_;
};

class Session {
 public:
  Session(TrainConfig config, TrainObserver& observer, std::stop_token stop, std::string run_dir, bool resume)
      : config_(std::move(config)), observer_(observer), stop_(std::move(stop)), run_dir_(std::move(run_dir)),
        resume_(resume), log_(observer, (fs::create_directories(run_dir_ + "/checkpoints"), run_dir_ + "/log.txt")) {}

  RunResult run();

 private:
  void prepare_data();
  void build_model();
  void save_last();
  void load_last();
  void save_best();
  bool train_step(const std::function<torch::Tensor()>& forward_loss, std::size_t batch_images,
                  Clock::time_point epoch_start, std::size_t& epoch_images);
  double run_epoch_part();  // returns images per second
  double run_epoch_part_frozen();
  void prepare_features();
  torch::Tensor& features_for(const std::vector<Sample>& samples);
  void swap_ema();  // exchanges the model's weights and the EMA copy
  EpochReport evaluate_epoch(double images_per_second, double seconds);
  void append_metrics(const EpochReport& report);
  void finish();
  std::vector<float> scores_of(const std::vector<Sample>& samples);

  TrainConfig config_;
  TrainObserver& observer_;
  std::stop_token stop_;
  std::string run_dir_;
  bool resume_;
  Logger log_;

  Dataset data_;
  torch::Device device_{torch::kCPU};
  Classifier model_;
  std::unique_ptr<torch::optim::Adam> adam_;
  std::vector<std::pair<std::string, torch::Tensor>> ema_;  // name -> averaged copy
  std::unique_ptr<ImageCache> cache_;
  OneCycle schedule_;
  TrainState state_;
  std::size_t batches_per_epoch_ = 0;
  std::size_t skipped_images_ = 0;
  double smoothed_loss_ = 0;
  bool nan_stop_ = false;
  std::string nan_message_;
  bool frozen_ = false;
  std::map<const std::vector<Sample>*, torch::Tensor> features_;  // frozen mode: pooled features per split
};

void Session::prepare_data() {
  ValidationReport report;
  if (config_.data.dataset == "demo") {
    const std::string root = ensure_demo_dataset(demo_cache_dir(), [&](const std::string& m) { log_(m); });
    data_ = load_dataset(root, &report);
  } else {
    data_ = load_dataset(config_.data.dataset, &report);
  }
  carve_validation(data_, config_.data.val_fraction, config_.data.val_seed);
  check_images_exist(data_, report);
  observer_.on_dataset(data_, report);
  log_("dataset " + data_.name + ": " + std::to_string(data_.train.size()) + " train, " +
       std::to_string(data_.validation.size()) + " validation, " + std::to_string(data_.test.size()) + " test images, " +
       std::to_string(data_.vocabulary.size()) + " labels; " + report.summary());
  if (data_.train.empty()) throw DatasetError(data_.root + ": no training image found in " + data_.images_dir);
  if (data_.selection_split == "test")
    log_("model selection on the test split, as the paper does (set data.val_fraction for a validation split)");
  if (!data_.normalization_known) data_.normalization = compute_normalization(data_.images_dir, data_.train, config_.data.image_size);
  log_("normalisation: " + data_.normalization.source);
  if (config_.data.cache_mb > 0) cache_ = std::make_unique<ImageCache>(static_cast<std::size_t>(config_.data.cache_mb) << 20);
}

void Session::build_model() {
  torch::manual_seed(static_cast<std::uint64_t>(config_.run.seed));
  model_ = make_model(config_.model.backbone, static_cast<std::int64_t>(data_.vocabulary.size()), config_.model.head_dropout);
  if (!config_.model.pretrained.empty() && !resume_) {
    const auto report = import_weights_file(*model_, config_.model.pretrained);
    log_("pretrained " + config_.model.pretrained + ": " + report.summary());
  }
  model_->to(device_);
  frozen_ = config_.run.mode == "frozen";
  std::vector<torch::Tensor> trained;
  for (auto& p : model_->named_parameters()) {
    const bool head = p.key().rfind("head.", 0) == 0;
    p.value().set_requires_grad(!frozen_ || head);
    if (!frozen_ || head) trained.push_back(p.value());
  }
  adam_ = std::make_unique<torch::optim::Adam>(
      trained, torch::optim::AdamOptions(config_.optim.learning_rate)
                                .betas({config_.optim.beta1_max, config_.optim.beta2})
                                .weight_decay(config_.optim.weight_decay));
  if (config_.run.ema)
    for (auto& [k, v] : model_state(*model_)) ema_.emplace_back(k, v.to(device_).clone());

  RunInfo info;
  info.dataset = data_.name;
  info.dataset_dir = data_.root;
  info.backbone = config_.model.backbone;
  info.image_size = config_.data.image_size;
  info.head_dropout = config_.model.head_dropout;
  info.vocabulary = data_.vocabulary;
  info.normalization = data_.normalization;
  write_run_info(run_dir_, info);
}

// last.safetensors: model tensors, "optim.<i>.{exp_avg,exp_avg_sq,step}", "ema.<name>", and the state in metadata.
void Session::save_last() {
  NamedTensors tensors = model_state(*model_);
  auto params = model_->parameters();
  for (std::size_t i = 0; i < params.size(); ++i) {
    auto it = adam_->state().find(c10::guts::to_string(params[i].unsafeGetTensorImpl()));
    if (it == adam_->state().end()) continue;
    auto& s = static_cast<torch::optim::AdamParamState&>(*it->second);
    tensors.emplace_back("optim." + std::to_string(i) + ".exp_avg", s.exp_avg().cpu());
    tensors.emplace_back("optim." + std::to_string(i) + ".exp_avg_sq", s.exp_avg_sq().cpu());
    tensors.emplace_back("optim." + std::to_string(i) + ".step", torch::tensor(s.step(), torch::kLong));
  }
  for (auto& [k, v] : ema_) tensors.emplace_back("ema." + k, v.cpu());
  write_safetensors(run_dir_ + "/checkpoints/last.safetensors", tensors,
                    {{"aia_state", to_json(state_).dump()}, {"format", "pt"}});
}

void Session::load_last() {
  const std::string path = run_dir_ + "/checkpoints/last.safetensors";
  std::map<std::string, std::string> meta;
  NamedTensors tensors = read_safetensors(path, &meta);
  if (!meta.count("aia_state")) throw CheckpointError(path + ": no training state in its metadata");
  state_ = state_from_json(nlohmann::json::parse(meta.at("aia_state")));
  NamedTensors model_part;
  std::map<std::string, torch::Tensor> rest;
  for (auto& [k, v] : tensors) {
    if (k.rfind("optim.", 0) == 0 || k.rfind("ema.", 0) == 0) rest[k] = v;
    else model_part.emplace_back(k, v);
  }
  ImportOptions strict;
  strict.strict = true;
  strict.allow_head_reset = false;
  import_weights(*model_, model_part, strict);
  auto params = model_->parameters();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string p = "optim." + std::to_string(i) + ".";
    if (!rest.count(p + "exp_avg")) continue;
    auto s = std::make_unique<torch::optim::AdamParamState>();
    s->step(rest.at(p + "step").item<std::int64_t>());
    s->exp_avg(rest.at(p + "exp_avg").to(device_));
    s->exp_avg_sq(rest.at(p + "exp_avg_sq").to(device_));
    adam_->state()[c10::guts::to_string(params[i].unsafeGetTensorImpl())] = std::move(s);
  }
  for (auto& [k, v] : ema_) {
    auto it = rest.find("ema." + k);
    if (it != rest.end()) v.copy_(it->second);
  }
  log_("resumed at epoch " + std::to_string(state_.epoch + 1) + ", batch " + std::to_string(state_.batch) +
       " (step " + std::to_string(state_.step) + ")");
}

void Session::save_best() {
  NamedTensors tensors = model_state(*model_);
  if (!ema_.empty()) {
    tensors.clear();
    for (auto& [k, v] : ema_) tensors.emplace_back(k, v.cpu());
  }
  write_safetensors(run_dir_ + "/checkpoints/best.safetensors", tensors,
                    {{"format", "pt"}, {"epoch", std::to_string(state_.epoch + 1)}});
}

// One optimiser step: the one-cycle schedule sets Adam's lr and beta1, dropout
// is seeded by the step (a resumed run draws the same), a non-finite loss
// stops the run before the weights change; then EMA, bookkeeping, progress.
bool Session::train_step(const std::function<torch::Tensor()>& forward_loss, std::size_t batch_images,
                         Clock::time_point epoch_start, std::size_t& epoch_images) {
  const auto value = schedule_.at(std::min(state_.step, schedule_.total_steps - 1));
  for (auto& group : adam_->param_groups()) {
    auto& o = static_cast<torch::optim::AdamOptions&>(group.options());
    o.lr(value.lr);
    o.betas({value.beta1, config_.optim.beta2});
  }
  torch::manual_seed(static_cast<std::uint64_t>(config_.run.seed) * 1000003ULL + static_cast<std::uint64_t>(state_.step));
  adam_->zero_grad();
  torch::Tensor loss = forward_loss();
  const double loss_value = loss.item<double>();
  if (!std::isfinite(loss_value)) {
    nan_stop_ = true;
    nan_message_ = "the loss became " + std::string(std::isnan(loss_value) ? "NaN" : "infinite") + " at epoch " +
                   std::to_string(state_.epoch + 1) + ", batch " + std::to_string(state_.batch + 1) +
                   " (learning rate too high, or bad weights?); training stopped, the best checkpoint (epoch " +
                   std::to_string(state_.best_epoch) + ") and the last good state are kept";
    return false;
  }
  loss.backward();
  adam_->step();
  if (!ema_.empty()) {
    torch::NoGradGuard no_grad;
    auto params = model_->named_parameters();
    auto buffers = model_->named_buffers();
    for (auto& [k, v] : ema_) {
      const torch::Tensor* now = params.find(k);
      if (!now) now = buffers.find(k);
      if (v.is_floating_point()) v.mul_(config_.run.ema_decay).add_(*now, 1.0 - config_.run.ema_decay);
      else v.copy_(*now);
    }
  }
  ++state_.step;
  ++state_.batch;
  state_.epoch_loss_sum += loss_value;
  ++state_.epoch_batches;
  epoch_images += batch_images;
  smoothed_loss_ = state_.step == 1 ? loss_value : 0.9 * smoothed_loss_ + 0.1 * loss_value;

  BatchProgress p;
  p.epoch = state_.epoch + 1;
  p.epochs = config_.optim.epochs;
  p.batch = state_.batch;
  p.batches = batches_per_epoch_;
  p.loss = loss_value;
  p.smoothed_loss = smoothed_loss_;
  p.learning_rate = value.lr;
  const double seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
  p.images_per_second = seconds > 0 ? static_cast<double>(epoch_images) / seconds : 0;
  const double steps_left = static_cast<double>(schedule_.total_steps - state_.step);
  p.eta_seconds = p.images_per_second > 0 ? steps_left * config_.optim.batch_size / p.images_per_second : 0;
  observer_.on_batch(p);
  return true;
}

double Session::run_epoch_part() {
  LoaderOptions lo;
  lo.image_size = config_.data.image_size;
  lo.batch_size = config_.optim.batch_size;
  lo.shuffle = true;
  lo.flips = config_.data.flips;
  lo.seed = static_cast<std::uint64_t>(config_.run.seed);
  lo.epoch = state_.epoch;
  lo.workers = config_.data.workers;
  lo.prefetch_batches = config_.data.prefetch_batches;
  lo.normalization = data_.normalization;
  lo.first_batch = state_.batch;
  lo.max_batches = static_cast<std::size_t>(config_.run.max_batches_per_epoch);
  BatchLoader loader(data_.images_dir, data_.train, data_.vocabulary.size(), lo, cache_.get());

  model_->train();
  const auto start = Clock::now();
  std::size_t images = 0;
  while (auto batch = loader.next()) {
    if (batch->samples.empty()) {
      ++state_.batch;
      continue;
    }
    const bool ok = train_step(
        [&] { return multilabel_loss(model_->forward(batch->images.to(device_)), batch->targets.to(device_), config_.loss); },
        batch->samples.size(), start, images);
    if (!ok) return 0;
    if (stop_.stop_requested()) break;
  }
  for (const auto& s : loader.skipped()) {
    ++skipped_images_;
    log_("skipped " + s.image + ": " + s.reason);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return seconds > 0 ? static_cast<double>(images) / seconds : 0;
}

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

void Session::swap_ema() {
  if (ema_.empty()) return;
  torch::NoGradGuard no_grad;
  auto params = model_->named_parameters();
  auto buffers = model_->named_buffers();
  for (auto& [k, e] : ema_) {
    torch::Tensor* now = params.find(k);
    if (!now) now = buffers.find(k);
    auto held = now->clone();
    now->copy_(e);
    e.copy_(held);
  }
}

std::vector<float> Session::scores_of(const std::vector<Sample>& samples) {
  if (frozen_) {
    torch::NoGradGuard no_grad;
    model_->eval();
    auto probs = torch::sigmoid(model_->forward_head(features_for(samples))).to(torch::kCPU).contiguous();
    return std::vector<float>(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());  // NaN rows stay NaN
  }
  ScoreOptions so;
  so.batch_size = config_.optim.batch_size;
  so.workers = config_.data.workers;
  so.device = device_.str();
  so.cancelled = [this] { return stop_.stop_requested(); };
  std::vector<SkippedImage> skipped;
  auto scores = score_samples(*model_, data_.images_dir, samples, data_.vocabulary.size(), config_.data.image_size,
                              data_.normalization, so, &skipped);
  for (const auto& s : skipped) log_("skipped " + s.image + ": " + s.reason);
  return scores;
}

// Keeps only decoded rows: LabelMatrix over the samples that have scores.
LabelMatrix matrix_of(const std::vector<float>& scores, const std::vector<Sample>& samples, std::size_t vocabulary,
                      std::vector<std::size_t>* kept = nullptr) {
  std::vector<double> s, t;
  const auto targets = multi_hot(samples, vocabulary);
  std::size_t rows = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isnan(scores[i * vocabulary])) continue;
    s.insert(s.end(), scores.begin() + static_cast<std::ptrdiff_t>(i * vocabulary),
             scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * vocabulary));
    t.insert(t.end(), targets.begin() + static_cast<std::ptrdiff_t>(i * vocabulary),
             targets.begin() + static_cast<std::ptrdiff_t>((i + 1) * vocabulary));
    if (kept) kept->push_back(i);
    ++rows;
  }
  return LabelMatrix(rows, vocabulary, s, t);
}

EpochReport Session::evaluate_epoch(double images_per_second, double seconds) {
  const auto& split = data_.selection_split == "test" ? data_.test : data_.validation;
  const std::size_t v = data_.vocabulary.size();
  // Weights to evaluate: the EMA if enabled (swapped in, then back).
  swap_ema();
  auto scores = scores_of(split);
  swap_ema();
  std::vector<std::size_t> kept;
  LabelMatrix m = matrix_of(scores, split, v, &kept);
  EpochReport r;
  r.epoch = state_.epoch + 1;
  r.train_loss = state_.epoch_batches ? state_.epoch_loss_sum / static_cast<double>(state_.epoch_batches) : 0;
  {
    // Validation loss from the scores: logits = logit(p), clamped away from 0 and 1.
    std::vector<float> s, t;
    const auto targets = multi_hot(split, v);
    for (auto i : kept) {
      s.insert(s.end(), scores.begin() + static_cast<std::ptrdiff_t>(i * v), scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * v));
      t.insert(t.end(), targets.begin() + static_cast<std::ptrdiff_t>(i * v), targets.begin() + static_cast<std::ptrdiff_t>((i + 1) * v));
    }
    if (!kept.empty()) {
      auto p = torch::from_blob(s.data(), {static_cast<std::int64_t>(kept.size()), static_cast<std::int64_t>(v)}, torch::kFloat32)
                   .to(torch::kFloat64).clamp(1e-12, 1 - 1e-12);
      auto y = torch::from_blob(t.data(), p.sizes(), torch::kFloat32).to(torch::kFloat64);
      r.val_loss = multilabel_loss(torch::log(p) - torch::log1p(-p), y, config_.loss).item<double>();
    }
  }
  r.metrics = compute_metrics(m, std::vector<double>(v, 0.5));
  r.metrics.per_label.clear();
  r.learning_rate = schedule_.at(std::max(0L, std::min(state_.step, schedule_.total_steps) - 1)).lr;
  r.images_per_second = images_per_second;
  r.seconds = seconds;
  r.skipped_images = skipped_images_;
  return r;
}

void Session::append_metrics(const EpochReport& r) {
  const std::string path = run_dir_ + "/metrics.jsonl";
  std::string lines;
  if (fs::exists(path)) {
    // Keep the lines of earlier epochs only (a resumed epoch replaces its line).
    std::istringstream in(read_file(path));
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      try {
        if (nlohmann::json::parse(line).value("epoch", 0) < r.epoch) lines += line + "\n";
      } catch (const nlohmann::json::exception&) {
      }
    }
  }
  nlohmann::ordered_json j;
  j["epoch"] = r.epoch;
  j["train_loss"] = r.train_loss;
  j["val_loss"] = r.val_loss;
  j["split"] = data_.selection_split;
  j["per_class_precision"] = r.metrics.per_class_precision;
  j["per_class_recall"] = r.metrics.per_class_recall;
  j["per_class_f1"] = r.metrics.per_class_f1;
  j["per_image_precision"] = r.metrics.per_image_precision;
  j["per_image_recall"] = r.metrics.per_image_recall;
  j["per_image_f1"] = r.metrics.per_image_f1;
  j["n_plus"] = r.metrics.n_plus;
  j["map"] = r.metrics.map;
  j["lr"] = r.learning_rate;
  j["images_per_second"] = r.images_per_second;
  j["seconds"] = r.seconds;
  j["best"] = r.best;
  j["skipped_images"] = r.skipped_images;
  lines += j.dump() + "\n";
  write_file_atomically(path, lines);
}

void Session::finish() {
  // Thresholds from the best model's scores on the training split (no
  // augmentation), then the selection and test splits under each strategy.
  log_("choosing thresholds on the training split with the best checkpoint");
  model_ = load_run_model(run_dir_, read_run_info(run_dir_), "best");
  model_->to(device_);
  // (frozen mode: the best head on the same backbone, scored from the cached features)
  const std::size_t v = data_.vocabulary.size();
  const LabelMatrix train = matrix_of(scores_of(data_.train), data_.train, v);
  if (stop_.stop_requested()) return;
  const auto test_scores = scores_of(data_.test);
  std::vector<std::size_t> kept;
  const LabelMatrix test = matrix_of(test_scores, data_.test, v, &kept);

  nlohmann::ordered_json evaluation;
  evaluation["split"] = "test";
  evaluation["images"] = test.images();
  evaluation["thresholds_chosen_on"] = "train";
  auto add = [&](const std::string& name, const std::vector<double>& t) {
    const Metrics m = compute_metrics(test, t);
    evaluation["strategies"][name] = {{"per_class_precision", m.per_class_precision},
                                      {"per_class_recall", m.per_class_recall},
                                      {"per_class_f1", m.per_class_f1},
                                      {"per_image_precision", m.per_image_precision},
                                      {"per_image_recall", m.per_image_recall},
                                      {"per_image_f1", m.per_image_f1},
                                      {"n_plus", m.n_plus},
                                      {"map", m.map}};
    log_("test, " + name + ": per-class P " + std::to_string(m.per_class_precision) + " R " +
         std::to_string(m.per_class_recall) + " F1 " + std::to_string(m.per_class_f1) + ", N+ " +
         std::to_string(m.n_plus));
  };
  add("0.5", std::vector<double>(v, 0.5));
  const auto grid = choose_thresholds(train, ThresholdMethod::MccGrid);
  const auto exact_mcc = choose_thresholds(train, ThresholdMethod::Mcc);
  const auto exact_f1 = choose_thresholds(train, ThresholdMethod::F1);
  add("mcc-grid", grid);
  add("mcc", exact_mcc);
  add("f1", exact_f1);
  write_thresholds_json(run_dir_ + "/thresholds.json", data_.vocabulary, grid);
  write_thresholds_json(run_dir_ + "/thresholds_mcc.json", data_.vocabulary, exact_mcc);
  write_thresholds_json(run_dir_ + "/thresholds_f1.json", data_.vocabulary, exact_f1);
  write_file_atomically(run_dir_ + "/evaluation.json", evaluation.dump(2) + "\n");

  ScoreTable s, t;
  s.labels = t.labels = data_.vocabulary;
  const auto targets = multi_hot(data_.test, v);
  for (auto i : kept) {
    s.images.push_back(data_.test[i].image);
    for (std::size_t j = 0; j < v; ++j) {
      s.values.push_back(test_scores[i * v + j]);
      t.values.push_back(targets[i * v + j]);
    }
  }
  t.images = s.images;
  write_score_csv(run_dir_ + "/test_scores.csv", s);
  write_score_csv(run_dir_ + "/test_targets.csv", t);
}

RunResult Session::run() {
  RunResult result;
  result.run_dir = run_dir_;
  write_file_atomically(run_dir_ + "/config.json", to_json(config_));
  device_ = torch::Device(resolve_device(config_.run.device));
  log_("device " + device_.str() + "; " + describe(runtime_info()));
  prepare_data();
  build_model();
  const std::size_t b = static_cast<std::size_t>(config_.optim.batch_size);
  batches_per_epoch_ = (data_.train.size() + b - 1) / b;
  if (config_.run.max_batches_per_epoch > 0)
    batches_per_epoch_ = std::min(batches_per_epoch_, static_cast<std::size_t>(config_.run.max_batches_per_epoch));
  schedule_ = OneCycle{config_.optim.learning_rate, static_cast<long>(batches_per_epoch_) * config_.optim.epochs,
                       config_.optim.pct_start, config_.optim.div_factor, config_.optim.final_div_factor,
                       config_.optim.beta1_max, config_.optim.beta1_min};
  if (resume_) load_last();
  if (frozen_) {
    prepare_features();
    if (stop_.stop_requested()) {
      result.status = RunStatus::Cancelled;
      result.message = "stopped while extracting features";
      return result;
    }
  }

  while (state_.epoch < config_.optim.epochs) {
    const auto start = Clock::now();
    const double ips = frozen_ ? run_epoch_part_frozen() : run_epoch_part();
    if (nan_stop_) {
      result.status = RunStatus::Failed;
      result.message = nan_message_;
      log_(result.message);
      result.best_epoch = state_.best_epoch;
      result.best_f1 = state_.best_f1;
      return result;
    }
    auto cancelled = [&] {
      save_last();
      result.status = RunStatus::Cancelled;
      result.message = "stopped at epoch " + std::to_string(state_.epoch + 1) + ", batch " + std::to_string(state_.batch) +
                       "; resume with the run folder " + run_dir_;
      log_(result.message);
      result.best_epoch = state_.best_epoch;
      result.best_f1 = state_.best_f1;
      return result;
    };
    if (stop_.stop_requested()) return cancelled();
    EpochReport report = evaluate_epoch(ips, std::chrono::duration<double>(Clock::now() - start).count());
    // A stop during the evaluation: the epoch's batches are done and kept; it is evaluated again on resume.
    if (stop_.stop_requested()) return cancelled();
    if (report.metrics.per_class_f1 > state_.best_f1) {
      state_.best_f1 = report.metrics.per_class_f1;
      state_.best_epoch = report.epoch;
      report.best = true;
      save_best();
    }
    append_metrics(report);
    observer_.on_epoch(report);
    log_("epoch " + std::to_string(report.epoch) + ": train loss " + std::to_string(report.train_loss) + ", " +
         data_.selection_split + " loss " + std::to_string(report.val_loss) + ", per-class F1 " +
         std::to_string(report.metrics.per_class_f1) + ", per-image F1 " + std::to_string(report.metrics.per_image_f1) +
         ", N+ " + std::to_string(report.metrics.n_plus) + (report.best ? " (best)" : ""));
    ++state_.epoch;
    state_.batch = 0;
    state_.epoch_loss_sum = 0;
    state_.epoch_batches = 0;
    save_last();
  }
  finish();
  result.status = stop_.stop_requested() ? RunStatus::Cancelled : RunStatus::Succeeded;
  result.best_epoch = state_.best_epoch;
  result.best_f1 = state_.best_f1;
  result.message = "finished: best per-class F1 " + std::to_string(state_.best_f1) + " at epoch " +
                   std::to_string(state_.best_epoch) + "; run folder " + run_dir_;
  log_(result.message);
  return result;
}

}  // namespace

RunResult train(const TrainConfig& input, TrainObserver& observer, std::stop_token stop, const std::string& resume_dir) {
  RunResult result;
  try {
    TrainConfig config = input;
    const bool resume = !resume_dir.empty();
    if (resume) {
      config = train_config_from_json(read_file(resume_dir + "/config.json"), resume_dir + "/config.json");
      config.run.out_dir = resume_dir;
    }
    if (config.run.out_dir.empty()) config.run.out_dir = default_run_dir(config);
    const auto problems = validate(config);
    if (!problems.empty()) {
      std::string msg = "invalid configuration:";
      for (const auto& p : problems) msg += "\n  " + p;
      throw ConfigError(msg);
    }
    if (resume && !fs::exists(resume_dir + "/checkpoints/last.safetensors"))
      throw CheckpointError(resume_dir + ": nothing to resume (no checkpoints/last.safetensors)");
    if (config.run.threads > 0) at::set_num_threads(config.run.threads);
    Session session(config, observer, std::move(stop), config.run.out_dir, resume);
    return session.run();
  } catch (const c10::Error& e) {
    result.message = std::string("torch: ") + e.what_without_backtrace();
  } catch (const std::exception& e) {
    result.message = e.what();
  }
  result.status = RunStatus::Failed;
  observer.on_message(result.message);
  return result;
}

}  // namespace aia
