#include "aia/trainer.h"

#include "aia/atomic_file.h"
#include "aia/checkpoint.h"
#include "aia/errors.h"
#include "aia/image_pipeline.h"
#include "aia/inference.h"
#include "aia/loss.h"
#include "aia/metrics_json.h"
#include "aia/model/registry.h"
#include "aia/onecycle.h"
#include "aia/runtime.h"
#include "aia/score_table.h"
#include "aia/thresholds.h"
#include "aia/demo_dataset.h"
#include "training/session.h"

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

namespace detail {


// Data-parallel launch: meet the other ranks (torchrun's variables), pick the
// backend (NCCL for CUDA where the build has it, else Gloo), and use this
// process's GPU (LOCAL_RANK).
void Session::join_group() {
  if (!launch_.distributed()) {
    group_ = single_process_collective();
    return;
  }
  if (config_.run.mode == "frozen")
    throw ConfigError("run.mode frozen trains in one process; launch it without WORLD_SIZE");
  if (device_.is_cuda()) device_ = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(launch_.local_rank));
  const auto backends = collective_backends();
  const bool nccl = device_.is_cuda() && std::find(backends.begin(), backends.end(), "nccl") != backends.end();
  const std::string backend = nccl ? "nccl" : "gloo";
  log_("rank " + std::to_string(launch_.rank) + " of " + std::to_string(launch_.world_size) + ": joining at " +
       launch_.master_addr + ":" + std::to_string(launch_.master_port) + " over " + backend + " (timeout " +
       std::to_string(launch_.timeout.count()) + " s)");
  group_ = make_collective(launch_, backend);
  log_("all " + std::to_string(launch_.world_size) + " ranks joined; each trains on its share of every batch of " +
       std::to_string(config_.optim.batch_size) + " images, BatchNorm statistics " +
       (config_.run.sync_batch_norm ? "over all ranks" : "per rank (run.sync_batch_norm off)"));
}

void Session::barrier() {
  if (group_->size() < 2) return;
  std::vector<torch::Tensor> token{torch::zeros({1}, torch::TensorOptions(device_))};
  group_->all_reduce_sum(token);
}

void Session::prepare_data() {
  ValidationReport report;
  if (config_.data.dataset == "demo") {
    // Rank 0 generates the demo images once; the others wait, then find them.
    if (!writes()) barrier();
    const std::string root = ensure_demo_dataset(demo_cache_dir(), [&](const std::string& m) { log_(m); });
    if (writes()) barrier();
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
  if (group_->size() > 1 && config_.run.sync_batch_norm) model_->set_batch_norm_group(group_);
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
  StepSettings settings;
  settings.beta2 = config_.optim.beta2;
  settings.amp = config_.run.amp;
  engine_ = std::make_unique<StepEngine>(*adam_, trained, group_, settings);
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
  if (writes()) write_run_info(run_dir_, info);
}

// last.safetensors: model tensors, "optim.<i>.{exp_avg,exp_avg_sq,step}", "ema.<name>", and the state in metadata.
void Session::save_last() {
  if (!writes()) return;
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
  if (!writes()) return;
  NamedTensors tensors = model_state(*model_);
  if (!ema_.empty()) {
    tensors.clear();
    for (auto& [k, v] : ema_) tensors.emplace_back(k, v.cpu());
  }
  write_safetensors(run_dir_ + "/checkpoints/best.safetensors", tensors,
                    {{"format", "pt"}, {"epoch", std::to_string(state_.epoch + 1)}});
}

// One optimiser step (StepEngine: the one-cycle values, the loss of this
// rank's share, gradients summed over the ranks, a non-finite loss refused
// before the weights change); dropout is seeded by the step and the rank (a
// resumed run draws the same); then EMA, bookkeeping, progress.
bool Session::train_step(const std::function<torch::Tensor()>& forward_loss, std::size_t batch_images,
                         Clock::time_point epoch_start, std::size_t& epoch_images) {
  const auto value = schedule_.at(std::min(state_.step, schedule_.total_steps - 1));
  const std::uint64_t seed = dropout_seed(static_cast<std::uint64_t>(config_.run.seed), state_.step, launch_.rank);
  const StepResult r = engine_->step(value, seed, static_cast<std::int64_t>(batch_images), stop_.stop_requested(),
                                     forward_loss);
  stop_agreed_ = r.stop;
  if (!r.finite) {
    nan_stop_ = true;
    nan_message_ = "the loss became " + std::string(std::isnan(r.loss) ? "NaN" : "infinite") + " at epoch " +
                   std::to_string(state_.epoch + 1) + ", batch " + std::to_string(state_.batch + 1) +
                   " (learning rate too high, or bad weights?); training stopped, the best checkpoint (epoch " +
                   std::to_string(state_.best_epoch) + ") and the last good state are kept";
    return false;
  }
  if (!r.applied) {  // no image decoded (on some rank): the batch is passed over everywhere
    ++state_.batch;
    return true;
  }
  const double loss_value = r.loss;
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
  epoch_images += static_cast<std::size_t>(r.images);
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
  lo.shard_rank = static_cast<std::size_t>(launch_.rank);
  lo.shard_count = static_cast<std::size_t>(launch_.world_size);
  BatchLoader loader(data_.images_dir, data_.train, data_.vocabulary.size(), lo, cache_.get());

  model_->train();
  const auto start = Clock::now();
  std::size_t images = 0;
  while (auto batch = loader.next()) {
    const bool ok = train_step(
        [&] { return multilabel_loss(model_->forward(batch->images.to(device_)), batch->targets.to(device_), config_.loss); },
        batch->samples.size(), start, images);
    if (!ok) return 0;
    if (stopping()) break;
  }
  for (const auto& s : loader.skipped()) {
    ++skipped_images_;
    log_("skipped " + s.image + ": " + s.reason);
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
  std::vector<SkippedImage> skipped;
  const std::size_t v = data_.vocabulary.size();
  if (group_->size() < 2) {
    so.cancelled = [this] { return stop_.stop_requested(); };
    auto scores = score_samples(*model_, data_.images_dir, samples, v, config_.data.image_size, data_.normalization,
                                so, &skipped);
    for (const auto& s : skipped) log_("skipped " + s.image + ": " + s.reason);
    return scores;
  }
  // Data-parallel: each rank scores every size-th image from its rank on, then
  // a sum of the zero-padded score matrices gives every rank all the scores
  // (an undecoded image's NaN row survives the sum). No cancelling midway:
  // the ranks must all arrive at the sum.
  std::vector<Sample> mine;
  for (std::size_t i = static_cast<std::size_t>(group_->rank()); i < samples.size(); i += static_cast<std::size_t>(group_->size()))
    mine.push_back(samples[i]);
  const auto part = score_samples(*model_, data_.images_dir, mine, v, config_.data.image_size, data_.normalization, so,
                                  &skipped);
  for (const auto& s : skipped) log_("skipped " + s.image + ": " + s.reason);
  torch::Tensor all = torch::zeros({static_cast<std::int64_t>(samples.size()), static_cast<std::int64_t>(v)}, torch::kFloat32);
  for (std::size_t k = 0; k < mine.size(); ++k) {
    const std::size_t row = static_cast<std::size_t>(group_->rank()) + k * static_cast<std::size_t>(group_->size());
    std::copy(part.begin() + static_cast<std::ptrdiff_t>(k * v), part.begin() + static_cast<std::ptrdiff_t>((k + 1) * v),
              all.data_ptr<float>() + row * v);
  }
  std::vector<torch::Tensor> reduce{group_->backend() == "nccl" ? all.to(device_) : all};
  group_->all_reduce_sum(reduce);
  all = reduce[0].cpu().contiguous();
  return std::vector<float>(all.data_ptr<float>(), all.data_ptr<float>() + all.numel());
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
  if (!writes()) return;
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
  add_metrics_json(j, r.metrics);
  j["lr"] = r.learning_rate;
  j["images_per_second"] = r.images_per_second;
  j["seconds"] = r.seconds;
  j["best"] = r.best;
  j["skipped_images"] = r.skipped_images;
  lines += j.dump() + "\n";
  write_file_atomically(path, lines);
}

RunResult Session::run() {
  RunResult result;
  result.run_dir = run_dir_;
  if (writes()) write_file_atomically(run_dir_ + "/config.json", to_json(config_));
  device_ = torch::Device(resolve_device(config_.run.device));
  join_group();
  log_("device " + device_.str() + "; " + describe(runtime_info()));
  if (config_.run.amp)
    log_(device_.is_cuda() ? "mixed precision: bfloat16 autocast of the forward pass"
                           : "mixed precision on a CPU: bfloat16 autocast is much slower than float32 on most CPUs");
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
    if (stopping()) return cancelled();
    EpochReport report = evaluate_epoch(ips, std::chrono::duration<double>(Clock::now() - start).count());
    // A stop during the evaluation: the epoch's batches are done and kept; it is evaluated again on resume.
    if (stopping()) return cancelled();
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
  result.status = stopping() ? RunStatus::Cancelled : RunStatus::Succeeded;
  result.best_epoch = state_.best_epoch;
  result.best_f1 = state_.best_f1;
  result.message = "finished: best per-class F1 " + std::to_string(state_.best_f1) + " at epoch " +
                   std::to_string(state_.best_epoch) + "; run folder " + run_dir_;
  log_(result.message);
  return result;
}

}  // namespace detail

RunResult train(const TrainConfig& input, TrainObserver& observer, std::stop_token stop, const std::string& resume_dir) {
  RunResult result;
  try {
    TrainConfig config = input;
    const bool resume = !resume_dir.empty();
    if (resume) {
      config = train_config_from_json(read_file(resume_dir + "/config.json"), resume_dir + "/config.json");
      config.run.out_dir = resume_dir;
    }
    const LaunchInfo launch = launch_info_from_environment();
    if (config.run.out_dir.empty()) {
      // Each rank would stamp its own time: the ranks must be told one folder.
      if (launch.distributed())
        throw ConfigError("a data-parallel run (WORLD_SIZE=" + std::to_string(launch.world_size) +
                          ") needs its run folder named, the same for every rank (run.out_dir, aia train --out)");
      config.run.out_dir = default_run_dir(config);
    }
    const auto problems = validate(config);
    if (!problems.empty()) {
      std::string msg = "invalid configuration:";
      for (const auto& p : problems) msg += "\n  " + p;
      throw ConfigError(msg);
    }
    if (resume && !fs::exists(resume_dir + "/checkpoints/last.safetensors"))
      throw CheckpointError(resume_dir + ": nothing to resume (no checkpoints/last.safetensors)");
    if (config.run.threads > 0) at::set_num_threads(config.run.threads);
    detail::Session session(config, observer, std::move(stop), config.run.out_dir, resume, launch);
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
