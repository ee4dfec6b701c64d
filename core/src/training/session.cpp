// One training run: data, model, the epoch loop, checkpoints, and the outputs after the last epoch.

#include "aia/training/session.h"

#include "aia/data/demo_dataset.h"
#include "aia/data/epoch_order.h"
#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/loss/loss.h"
#include "aia/model/registry.h"
#include "aia/runtime/compute.h"
#include "aia/runtime/runtime.h"
#include "aia/training/rank_agreement.h"
#include "aia/training/run_outputs.h"
#include "aia/training/sharded_scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace aia::detail {

Session::Session(TrainConfig config, TrainObserver& observer, std::stop_token stop, RunFolder folder, bool resume,
                 LaunchInfo launch)
    : config_(std::move(config)),
      observer_(observer),
      stop_(std::move(stop)),
      folder_(std::move(folder)),
      resume_(resume),
      launch_(std::move(launch)) {
  if (writes()) folder_.create();
  log_ = std::make_unique<Logger>(observer_, writes() ? folder_.log_path() : std::string());
}

RunResult Session::result(RunStatus status, std::string message) {
  (*log_)(message);
  RunResult r;
  r.status = status;
  r.message = std::move(message);
  r.run_dir = folder_.dir();
  r.best_epoch = state_.best_epoch;
  r.best_f1 = state_.best_f1;
  return r;
}

// Data-parallel launch: meet the other ranks (torchrun's variables), pick the
// backend (NCCL for CUDA where the build has it, else Gloo), and use this
// process's GPU (LOCAL_RANK).
void Session::join_group() {
  if (!launch_.distributed()) {
    group_ = single_process_collective();
    return;
  }
  if (config_.run.mode == TrainMode::Frozen)
    throw ConfigError("run.mode frozen trains in one process; launch it without WORLD_SIZE");
  if (device_.is_cuda()) device_ = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(launch_.local_rank));
  const auto backends = collective_backends();
  const bool nccl = device_.is_cuda() && std::find(backends.begin(), backends.end(), Backend::Nccl) != backends.end();
  const Backend backend = nccl ? Backend::Nccl : Backend::Gloo;
  (*log_)("rank " + std::to_string(launch_.rank) + " of " + std::to_string(launch_.world_size) + ": joining at " +
          launch_.master_addr + ":" + std::to_string(launch_.master_port) + " over " + to_string(backend) +
          " (timeout " + std::to_string(launch_.timeout.count()) + " s)");
  timed_ = std::make_shared<TimedCollective>(make_collective(launch_, backend));
  group_ = timed_;
  (*log_)("all " + std::to_string(launch_.world_size) + " ranks joined; each trains on its share of every batch of " +
          std::to_string(config_.optim.batch_size) + " images, BatchNorm statistics " +
          (config_.run.sync_batch_norm ? "over all ranks" : "per rank (run.sync_batch_norm off)"));
}

void Session::barrier() {
  if (group_->backend() == Backend::None) return;
  std::vector<torch::Tensor> token{torch::zeros({1}, torch::TensorOptions(device_))};
  group_->all_reduce_sum(token);
}

void Session::prepare_data() {
  ValidationReport report;
  auto log = [this](const std::string& m) { (*log_)(m); };
  if (is_demo_dataset(config_.data.dataset)) {
    // Rank 0 generates the demo images once; the others wait, then find them.
    if (!writes()) barrier();
    const std::string root = dataset_location(config_.data.dataset, log);
    if (writes()) barrier();
    data_ = load_dataset(root, &report);
  } else {
    data_ = load_dataset(config_.data.dataset, &report);
  }
  carve_validation(data_, config_.data.val_fraction, config_.data.val_seed);
  check_images_exist(data_, report);
  observer_.on_dataset(data_, report);
  log("dataset " + data_.name + ": " + std::to_string(data_.train.size()) + " train, " +
      std::to_string(data_.validation.size()) + " validation, " + std::to_string(data_.test.size()) + " test images, " +
      std::to_string(data_.vocabulary.size()) + " labels; " + report.summary());
  if (data_.train.empty()) throw DatasetError(data_.root + ": no training image found in " + data_.images_dir);
  if (data_.selection_split == Split::Test)
    log("model selection on the test split, as the paper does (set data.val_fraction for a validation split)");
  if (!data_.normalization_known)
    data_.normalization = compute_normalization(data_.images_dir, data_.train, config_.data.image_size);
  log("normalisation: " + data_.normalization.source);
  if (config_.data.cache_mb > 0)
    cache_ = std::make_unique<ImageCache>(static_cast<std::size_t>(config_.data.cache_mb) << 20);
  if (group_->backend() != Backend::None) {
    check_ranks_agree(*group_, run_fingerprint(config_, data_), device_);  // before any step, on every rank
    log("all " + std::to_string(group_->size()) + " ranks train the same configuration on the same dataset");
  }
}

void Session::build_model() {
  torch::manual_seed(static_cast<std::uint64_t>(config_.run.seed));
  HeadOptions head;
  head.kind = config_.model.head;
  head.dropout = config_.model.head == "attention" ? config_.model.attention_dropout : config_.model.head_dropout;
  head.hidden = config_.model.attention_hidden, head.heads = config_.model.attention_heads;
  head.feedforward = config_.model.attention_feedforward;
  model_ = make_model(config_.model.backbone, static_cast<std::int64_t>(data_.vocabulary.size()), head);
  if (!config_.model.pretrained.empty() && !resume_) {
    ImportOptions options;
    options.file_labels = config_.model.pretrained_labels;
    if (!options.file_labels.empty()) options.model_labels = data_.vocabulary;
    const auto report = import_weights_file(*model_, config_.model.pretrained, options);
    (*log_)("pretrained " + config_.model.pretrained + ": " + report.summary());
  }
  model_->to(device_);
  apply_memory_format(*model_, format_.channels_last);
  if (group_->backend() != Backend::None && config_.run.sync_batch_norm) model_->set_batch_norm_group(group_);
  const bool frozen = config_.run.mode == TrainMode::Frozen;
  std::vector<torch::Tensor> trained;
  for (auto& p : model_->named_parameters()) {
    if (!p.value().requires_grad()) continue;  // fixed by the model itself: the attention head's label queries
    const bool head = p.key().rfind("head.", 0) == 0;
    p.value().set_requires_grad(!frozen || head);
    if (!frozen || head) trained.push_back(p.value());
  }
  adam_ = std::make_unique<torch::optim::Adam>(trained, torch::optim::AdamOptions(config_.optim.learning_rate)
                                                            .betas({config_.optim.beta1_max, config_.optim.beta2})
                                                            .weight_decay(config_.optim.weight_decay));
  StepSettings settings;
  settings.beta2 = config_.optim.beta2;
  settings.amp = format_.bf16;
  settings.check_every = check_loss_every(config_, device_.str());
  engine_ = std::make_unique<StepEngine>(*adam_, trained, group_, settings);
  if (config_.run.ema) {
    ema_ = Ema(*model_, device_, ema_decay_of(config_));
    char decay[32];
    std::snprintf(decay, sizeof decay, "%g", ema_decay_of(config_));
    (*log_)(std::string("EMA of the weights, decay ") + decay +
            (config_.run.ema_decay > 0 ? "" : " (the " + config_.model.head + " head's recipe)"));
  }
  // What a step changes besides the trained weights and Adam's state, for the NaN guard's rollback.
  engine_->guard_also(model_->buffers(), ema_.live_tensors());
  if (settings.check_every > 1)
    (*log_)("the loss is checked every " + std::to_string(settings.check_every) +
            " steps, without a host synchronisation in between; a window with a NaN or infinite loss is undone");
  if (config_.data.mixup) (*log_)("mixup: the first half of every batch averaged with the second, tags united");

  RunInfo info;
  info.dataset = data_.name;
  info.dataset_dir = data_.root;
  info.backbone = config_.model.backbone;
  info.image_size = config_.data.image_size;
  info.head_dropout = config_.model.head_dropout;
  info.head = config_.model.head;
  info.attention_hidden = config_.model.attention_hidden, info.attention_heads = config_.model.attention_heads;
  info.attention_feedforward = config_.model.attention_feedforward;
  info.vocabulary = data_.vocabulary;
  info.normalization = data_.normalization;
  if (writes()) folder_.write_info(info);
}

void Session::save_last() {
  if (!writes()) return;
  state_.epoch_order_version = kEpochOrderVersion;
  save_training_state(folder_.checkpoint_path(Checkpoint::Last), *model_, *adam_, ema_, state_);
}

void Session::load_last() {
  const std::string path = folder_.checkpoint_path(Checkpoint::Last);
  state_ = load_training_state(path, *model_, *adam_, ema_, device_);
  // The frozen mode's epoch order changed with version 2 (it now follows the
  // image loader's rule); a run saved before cannot go on exactly.
  if (state_.epoch_order_version < kEpochOrderVersion && config_.run.mode == TrainMode::Frozen)
    throw CheckpointError(path +
                          ": this frozen-backbone run was saved by an AIA Studio whose epoch order differs from "
                          "today's; resuming would not repeat the run exactly. Train it again (frozen runs take "
                          "seconds per epoch) or finish it with the version that started it");
  (*log_)("resumed at epoch " + std::to_string(state_.epoch + 1) + ", batch " + std::to_string(state_.batch) +
          " (step " + std::to_string(state_.step) + ")");
}

void Session::save_best() {
  if (!writes()) return;
  const NamedTensors tensors = ema_.enabled() ? ema_.tensors() : model_state(*model_);
  write_safetensors(folder_.checkpoint_path(Checkpoint::Best), tensors,
                    {{"format", "pt"}, {"epoch", std::to_string(state_.epoch + 1)}});
}

// One optimiser step (StepEngine: the one-cycle values, the loss of this
// rank's share, gradients summed over the ranks, the NaN guard); dropout is
// seeded by the step and the rank (a resumed run draws the same); then EMA,
// bookkeeping, and the progress of the steps whose losses are now checked.
Progress Session::train_step(const std::function<torch::Tensor()>& forward_loss, std::size_t batch_images,
                             Clock::time_point epoch_start, std::size_t& epoch_images) {
  const auto value = schedule_.at(std::min(state_.step, schedule_.total_steps - 1));
  const std::uint64_t seed = dropout_seed(static_cast<std::uint64_t>(config_.run.seed), state_.step, launch_.rank);
  const StepResult r =
      engine_->step(value, seed, static_cast<std::int64_t>(batch_images), stop_.stop_requested(), forward_loss);
  stop_agreed_ = r.stop;
  if (r.applied) {
    ema_.update(*model_);
    unchecked_.push_back({state_.epoch + 1, state_.batch + 1, value.lr});
    ++state_.step;
    epoch_images += static_cast<std::size_t>(r.images);
  } else if (r.finite) {  // no image decoded (on some rank): the batch is passed over everywhere
    ++state_.batch;
    return stopping() ? Progress::Stopped : Progress::Continue;
  } else {  // refused before it changed anything
    unchecked_.push_back({state_.epoch + 1, state_.batch + 1, value.lr});
  }
  ++state_.batch;
  const Progress progress = take_checked(r, epoch_start, epoch_images);
  if (progress != Progress::Continue) return progress;
  return stopping() ? Progress::Stopped : Progress::Continue;
}

Progress Session::take_checked(const StepResult& r, Clock::time_point epoch_start, std::size_t& epoch_images) {
  if (!r.finite) {
    const auto bad = static_cast<std::size_t>(
        std::find_if(r.checked.begin(), r.checked.end(), [](double v) { return !std::isfinite(v); }) -
        r.checked.begin());
    const Unchecked at = unchecked_.at(bad);
    state_.step -= r.undone;
    non_finite_ = "the loss became " + std::string(std::isnan(r.checked.at(bad)) ? "NaN" : "infinite") + " at epoch " +
                  std::to_string(at.epoch) + ", batch " + std::to_string(at.batch) +
                  " (learning rate too high, or bad weights?); training stopped";
    if (r.undone > 0)
      non_finite_ += ", the weights back as before batch " + std::to_string(unchecked_.front().batch) + " (" +
                     std::to_string(r.undone) + " steps since the last check undone)";
    non_finite_ +=
        "; the best checkpoint (epoch " + std::to_string(state_.best_epoch) + ") and the last good state are kept";
    unchecked_.clear();
    return Progress::NonFinite;
  }
  for (const double loss : r.checked) {
    const Unchecked step = unchecked_.front();
    unchecked_.pop_front();
    state_.epoch_loss_sum += loss;
    ++state_.epoch_batches;
    smoothed_loss_ = smoothing_ ? 0.9 * smoothed_loss_ + 0.1 * loss : loss;
    smoothing_ = true;

    BatchProgress p;
    p.phase = Phase::Training;
    p.epoch = step.epoch;
    p.epochs = config_.optim.epochs;
    p.batch = step.batch;
    p.batches = batches_per_epoch_;
    p.loss = loss;
    p.smoothed_loss = smoothed_loss_;
    p.learning_rate = step.learning_rate;
    const double seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
    p.images_per_second = seconds > 0 ? static_cast<double>(epoch_images) / seconds : 0;
    const double steps_left = static_cast<double>(schedule_.total_steps - state_.step);
    p.eta_seconds = p.images_per_second > 0 ? steps_left * config_.optim.batch_size / p.images_per_second : 0;
    observer_.on_batch(p);
  }
  return Progress::Continue;
}

// The rest of the epoch from state_.batch, on decoded and augmented images.
Progress Session::train_images(double& images_per_second) {
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
  lo.pin_memory = device_.is_cuda();
  BatchLoader loader(data_.images_dir, data_.train, data_.vocabulary.size(), lo, cache_.get());

  model_->train();
  const auto start = Clock::now();
  const double reduced_before = timed_ ? timed_->seconds() : 0;
  std::size_t images = 0;
  Progress progress = Progress::Continue;
  while (progress == Progress::Continue) {
    auto batch = loader.next();
    if (!batch) break;
    progress = train_step(
        [&] {
          auto images = model_input(batch->images, device_, format_);
          auto targets = model_input(batch->targets, device_, ComputeFormat{});
          if (config_.data.mixup) std::tie(images, targets) = mixup_half(images, targets);
          return multilabel_loss(model_->forward(images), targets, config_.loss);
        },
        batch->samples.size(), start, images);
  }
  if (progress != Progress::NonFinite && take_checked(engine_->flush(), start, images) == Progress::NonFinite)
    progress = Progress::NonFinite;
  for (const auto& s : loader.skipped()) {
    ++skipped_images_;
    (*log_)("skipped " + s.image + ": " + s.reason);
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  images_per_second = seconds > 0 ? static_cast<double>(images) / seconds : 0;
  if (timed_ && seconds > 0) {
    char share[160];
    std::snprintf(share, sizeof share, "all-reduces took %.1f s of the epoch's %.1f s of training steps (%.0f%%)",
                  timed_->seconds() - reduced_before, seconds, 100.0 * (timed_->seconds() - reduced_before) / seconds);
    (*log_)(share);
  }
  return progress;
}

// The rest of the epoch from state_.batch, on the cached backbone features
// (the same epoch order as the image loader).
Progress Session::train_features(double& images_per_second) {
  const torch::Tensor& features = features_->features(Split::Train);
  const auto rows_total = static_cast<std::int64_t>(data_.train.size());
  const auto labels = static_cast<std::int64_t>(data_.vocabulary.size());
  auto hot = multi_hot(data_.train, data_.vocabulary.size());
  const auto targets_all = torch::from_blob(hot.data(), {rows_total, labels}, torch::kFloat32).clone().to(device_);
  const auto decoded_rows = torch::logical_not(torch::isnan(features.flatten(1).select(1, 0))).cpu().contiguous();
  const std::vector<bool> decoded(decoded_rows.data_ptr<bool>(), decoded_rows.data_ptr<bool>() + decoded_rows.numel());
  const auto order = epoch_order(data_.train.size(), static_cast<std::uint64_t>(config_.run.seed), state_.epoch);
  const auto b = static_cast<std::size_t>(config_.optim.batch_size);
  const auto start = Clock::now();
  std::size_t images = 0;
  model_->train();
  Progress progress = Progress::Continue;
  while (progress == Progress::Continue && state_.batch < batches_per_epoch_) {
    const std::size_t begin = state_.batch * b, end = std::min(order.size(), begin + b);
    std::vector<std::int64_t> rows;
    for (std::size_t i = begin; i < end; ++i)
      if (decoded[order[i]]) rows.push_back(static_cast<std::int64_t>(order[i]));
    if (rows.empty()) {
      ++state_.batch;
      continue;
    }
    auto index = torch::tensor(rows, torch::kLong).to(device_);
    progress = train_step(
        [&] {
          return multilabel_loss(model_->forward_frozen(features.index_select(0, index)),
                                 targets_all.index_select(0, index), config_.loss);
        },
        rows.size(), start, images);
  }
  if (progress != Progress::NonFinite && take_checked(engine_->flush(), start, images) == Progress::NonFinite)
    progress = Progress::NonFinite;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  images_per_second = seconds > 0 ? static_cast<double>(images) / seconds : 0;
  return progress;
}

std::vector<float> Session::scores_of(Split split) {
  const auto& samples = data_.split(split);
  if (features_) {
    torch::NoGradGuard no_grad;
    model_->eval();
    // In batches: the attention head's intermediate tensors grow with the labels and the map's positions.
    const torch::Tensor& features = features_->features(split);
    std::vector<torch::Tensor> parts;
    for (std::int64_t at = 0; at < features.size(0); at += config_.optim.batch_size)
      parts.push_back(
          torch::sigmoid(model_->forward_frozen(features.narrow(
                             0, at, std::min<std::int64_t>(config_.optim.batch_size, features.size(0) - at))))
              .to(torch::kCPU, torch::kFloat));
    auto probs = torch::cat(parts).contiguous();
    return std::vector<float>(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());  // NaN rows stay NaN
  }
  ShardedScoring how;
  how.images_dir = data_.images_dir;
  how.vocabulary = data_.vocabulary.size();
  how.image_size = config_.data.image_size;
  how.normalization = data_.normalization;
  how.options.batch_size = config_.optim.batch_size;
  how.options.workers = config_.data.workers;
  how.options.device = device_.str();
  how.options.precision = precision_;
  how.options.memory_format = memory_format_;
  how.options.cancelled = [this] { return stop_.stop_requested(); };
  std::vector<SkippedImage> skipped;
  auto scores = score_on_ranks(*model_, *group_, device_, samples, how, &skipped);
  for (const auto& s : skipped) (*log_)("skipped " + s.image + ": " + s.reason);
  return scores;
}

EpochReport Session::evaluate_epoch(double images_per_second, double seconds) {
  const Split split = data_.selection_split;
  std::vector<float> scores;
  {
    const Ema::Swapped averaged(ema_, *model_);  // evaluate the EMA if enabled
    scores = scores_of(split);
  }
  const ScoredSplit scored = make_scored_split(scores, data_.split(split), data_.vocabulary);
  EpochReport r;
  r.epoch = state_.epoch + 1;
  r.split = to_string(split);
  r.train_loss = state_.epoch_batches ? state_.epoch_loss_sum / static_cast<double>(state_.epoch_batches) : 0;
  if (scored.scores.rows() > 0) {
    // Validation loss from the scores: logits = logit(p), clamped away from 0 and 1.
    const auto shape = std::vector<std::int64_t>{static_cast<std::int64_t>(scored.scores.rows()),
                                                 static_cast<std::int64_t>(scored.scores.cols())};
    auto p = torch::tensor(scored.scores.values, torch::kFloat64).reshape(shape).clamp(1e-12, 1 - 1e-12);
    auto y = torch::tensor(scored.targets.values, torch::kFloat64).reshape(shape);
    r.val_loss = multilabel_loss(torch::log(p) - torch::log1p(-p), y, config_.loss).item<double>();
  }
  r.metrics =
      compute_metrics(LabelMatrix(scored.scores, scored.targets), std::vector<double>(data_.vocabulary.size(), 0.5));
  r.metrics.per_label.clear();
  r.learning_rate = schedule_.at(std::max(0L, std::min(state_.step, schedule_.total_steps) - 1)).lr;
  r.images_per_second = images_per_second;
  r.seconds = seconds;
  r.skipped_images = skipped_images_;
  return r;
}

// Thresholds from the best model's scores on the training split (no
// augmentation), then the test split under each strategy.
void Session::finish() {
  (*log_)("choosing thresholds on the training split with the best checkpoint");
  // Rank 0 reads the best checkpoint it wrote; the others, whose disks may be other hosts', get its weights
  // through the group (each tensor summed with zeros from every other rank).
  if (writes()) model_ = load_run_model(folder_, folder_.read_info(), Checkpoint::Best);
  model_->to(device_);
  if (group_->backend() != Backend::None) {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> state;
    for (auto& p : model_->parameters()) state.push_back(p.detach());
    for (auto& b : model_->buffers()) state.push_back(b.detach());
    if (!writes())
      for (auto& t : state) t.zero_();
    group_->all_reduce_sum(state);
  }
  apply_memory_format(*model_, format_.channels_last);
  // (frozen mode: the best head on the same backbone, scored from the cached features)
  const ScoredSplit train = make_scored_split(scores_of(Split::Train), data_.train, data_.vocabulary);
  if (stopping()) return;
  const ScoredSplit test = make_scored_split(scores_of(Split::Test), data_.test, data_.vocabulary);
  const RunOutputs outputs = choose_and_evaluate(train, test);
  for (const auto& [name, m] : outputs.evaluation.strategies)
    (*log_)("test, " + name + ": per-class P " + std::to_string(m.per_class_precision) + " R " +
            std::to_string(m.per_class_recall) + " F1 " + std::to_string(m.per_class_f1) + ", N+ " +
            std::to_string(m.n_plus));
  for (const auto& c : outputs.evaluation.certified)
    (*log_)("test, " + c.strategy + ": certified on " + std::to_string(c.calibration_images) +
            " images, measured on the other " + std::to_string(c.evaluation_images) + ": " +
            std::to_string(c.labels_certified) + " of " + std::to_string(c.labels) + " labels certified, " +
            std::to_string(c.labels_meeting_target) + " of the " + std::to_string(c.labels_tagging) +
            " that tagged kept the target");
  if (writes()) write_run_outputs(folder_, outputs, train, test);
}

// The device's settings and the run's precision and memory format, said in the log.
void Session::choose_compute() {
  (*log_)("device " + device_.str() + "; " + describe(runtime_info()));
  if (device_.is_cuda()) {
    // Fixed-size batches: cuDNN times its algorithms once per shape and keeps the fastest.
    at::globalContext().setBenchmarkCuDNN(true);
    (*log_)("cuDNN benchmark mode on");
  }
  precision_ = config_.run.amp ? Precision::BFloat16 : parse_precision(config_.run.precision, "run.precision");
  memory_format_ = parse_memory_format(config_.run.memory_format, "run.memory_format");
  format_ = resolve_compute_format(precision_, memory_format_, device_.str(), Workload::Training);
  if (device_.is_cpu()) (*log_)("CPU: " + describe(cpu_features()));
  (*log_)(format_.reason);
}

RunResult Session::run() {
  device_ = torch::Device(resolve_device(config_.run.device));
  join_group();  // first: a rank that never meets the others leaves no run folder behind
  if (writes()) folder_.write_config(config_);
  choose_compute();
  prepare_data();
  build_model();
  const std::size_t b = static_cast<std::size_t>(config_.optim.batch_size);
  batches_per_epoch_ = (data_.train.size() + b - 1) / b;
  if (config_.run.max_batches_per_epoch > 0)
    batches_per_epoch_ = std::min(batches_per_epoch_, static_cast<std::size_t>(config_.run.max_batches_per_epoch));
  schedule_ = OneCycle{config_.optim.learning_rate,    static_cast<long>(batches_per_epoch_) * config_.optim.epochs,
                       config_.optim.pct_start,        config_.optim.div_factor,
                       config_.optim.final_div_factor, config_.optim.beta1_max,
                       config_.optim.beta1_min};
  if (resume_) load_last();
  if (config_.run.mode == TrainMode::Frozen) {
    FeatureOptions fo;
    fo.image_size = config_.data.image_size;
    fo.batch_size = config_.optim.batch_size;
    fo.workers = config_.data.workers;
    fo.backbone = config_.model.backbone;
    fo.log = [this](const std::string& m) { (*log_)(m); };
    fo.progress = [this](std::size_t batch, std::size_t batches) {
      BatchProgress p;
      p.phase = Phase::ExtractingFeatures;
      p.batch = batch;
      p.batches = batches;
      observer_.on_batch(p);
    };
    features_ = std::make_unique<FeatureCache>();
    if (!features_->prepare(*model_, data_, device_, fo, cache_.get(), stop_))
      return result(RunStatus::Cancelled, "stopped while extracting features");
  }

  auto stopped = [&] {
    save_last();
    return result(RunStatus::Cancelled, "stopped at epoch " + std::to_string(state_.epoch + 1) + ", batch " +
                                            std::to_string(state_.batch) + "; resume with the run folder " +
                                            folder_.dir());
  };
  while (state_.epoch < config_.optim.epochs) {
    const auto start = Clock::now();
    double images_per_second = 0;
    const Progress progress = features_ ? train_features(images_per_second) : train_images(images_per_second);
    if (progress == Progress::NonFinite) return result(RunStatus::Failed, non_finite_);
    if (progress == Progress::Stopped || stopping()) return stopped();
    EpochReport report = evaluate_epoch(images_per_second, std::chrono::duration<double>(Clock::now() - start).count());
    // A stop during the evaluation: the epoch's batches are done and kept; it is evaluated again on resume.
    if (stopping()) return stopped();
    if (report.metrics.per_class_f1 > state_.best_f1) {
      state_.best_f1 = report.metrics.per_class_f1;
      state_.best_epoch = report.epoch;
      report.best = true;
      save_best();
    }
    if (writes()) folder_.record_epoch(report);
    observer_.on_epoch(report);
    (*log_)("epoch " + std::to_string(report.epoch) + ": train loss " + std::to_string(report.train_loss) + ", " +
            report.split + " loss " + std::to_string(report.val_loss) + ", per-class F1 " +
            std::to_string(report.metrics.per_class_f1) + ", per-image F1 " +
            std::to_string(report.metrics.per_image_f1) + ", N+ " + std::to_string(report.metrics.n_plus) +
            (report.best ? " (best)" : ""));
    ++state_.epoch;
    state_.batch = 0;
    state_.epoch_loss_sum = 0;
    state_.epoch_batches = 0;
    save_last();
  }
  finish();
  if (stopping()) return result(RunStatus::Cancelled, "stopped while choosing thresholds; the epochs are done");
  return result(RunStatus::Succeeded, "finished: best per-class F1 " + std::to_string(state_.best_f1) + " at epoch " +
                                          std::to_string(state_.best_epoch) + "; run folder " + folder_.dir());
}

}  // namespace aia::detail
