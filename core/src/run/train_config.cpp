#include "aia/run/train_config.h"

#include "aia/catalogue/catalogue.h"
#include "aia/data/demo_dataset.h"
#include "aia/errors.h"
#include "aia/io/json_errors.h"
#include "aia/io/known_keys.h"
#include "aia/runtime/compute_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

namespace aia {

std::string to_string(TrainMode mode) { return mode == TrainMode::Frozen ? "frozen" : "finetune"; }

TrainMode parse_train_mode(const std::string& name) {
  if (name == "finetune") return TrainMode::FineTune;
  if (name == "frozen") return TrainMode::Frozen;
  throw ConfigError("run.mode must be " + names_or(names_of(train_modes())) + ", got '" + name + "'");
}

void to_json(nlohmann::json& j, TrainMode mode) { j = to_string(mode); }
void from_json(const nlohmann::json& j, TrainMode& mode) { mode = parse_train_mode(j.get<std::string>()); }

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LossOptions, name, plain_bce, gamma_neg, gamma_pos, margin_pos,
                                                margin_neg, switch_threshold, eps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DataConfig, dataset, image_size, val_fraction, val_seed, workers,
                                                prefetch_batches, cache_mb, flips, mixup)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ModelConfig, backbone, pretrained, pretrained_labels, head_dropout,
                                                head, attention_hidden, attention_heads, attention_feedforward,
                                                attention_dropout)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OptimConfig, epochs, batch_size, learning_rate, pct_start, div_factor,
                                                final_div_factor, beta1_max, beta1_min, beta2, weight_decay)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunConfig, out_dir, device, seed, threads, ema, ema_decay, amp,
                                                precision, memory_format, mode, max_batches_per_epoch, sync_batch_norm,
                                                check_loss_every)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TrainConfig, data, model, optim, loss, run)

void apply_dataset_recipe(TrainConfig& config) {
  if (!is_demo_dataset(config.data.dataset)) return;
  config.model.backbone = "tresnet_nano";
  config.data.image_size = 64;
  config.optim.epochs = 30;
  config.optim.learning_rate = 2e-3;
  config.model.head_dropout = 0.1;
  config.model.attention_hidden = 128, config.model.attention_heads = 4, config.model.attention_feedforward = 256;
}

std::vector<std::string> validate(const TrainConfig& c) {
  std::vector<std::string> p;
  auto check = [&](bool ok, const std::string& what) {
    if (!ok) p.push_back(what);
  };
  check(!c.data.dataset.empty(), "data.dataset is empty");
  check(c.data.image_size >= 32 && c.data.image_size % 4 == 0 && c.data.image_size <= 2048,
        "data.image_size must be a multiple of 4 in [32, 2048], got " + std::to_string(c.data.image_size));
  check(c.data.val_fraction >= 0 && c.data.val_fraction < 0.9, "data.val_fraction must be in [0, 0.9)");
  check(c.data.workers >= 1 && c.data.workers <= 64, "data.workers must be in [1, 64]");
  check(c.data.prefetch_batches >= 1, "data.prefetch_batches must be >= 1");
  check(c.data.cache_mb >= 0, "data.cache_mb must be >= 0");
  check(c.model.head_dropout >= 0 && c.model.head_dropout < 1, "model.head_dropout must be in [0, 1)");
  check(c.model.attention_dropout >= 0 && c.model.attention_dropout < 1, "model.attention_dropout must be in [0, 1)");
  const auto head_names = names_of(heads());
  check(std::find(head_names.begin(), head_names.end(), c.model.head) != head_names.end(),
        "model.head must be " + names_or(names_of(heads())) + ", got '" + c.model.head + "'");
  check(c.model.attention_heads >= 1 && c.model.attention_hidden >= c.model.attention_heads &&
            c.model.attention_hidden % c.model.attention_heads == 0 && c.model.attention_feedforward >= 1,
        "model.attention_hidden must be a positive multiple of model.attention_heads");
  check(c.optim.epochs >= 1, "optim.epochs must be >= 1, got " + std::to_string(c.optim.epochs));
  check(c.optim.batch_size >= 1, "optim.batch_size must be >= 1, got " + std::to_string(c.optim.batch_size));
  check(c.optim.learning_rate > 0 && std::isfinite(c.optim.learning_rate), "optim.learning_rate must be > 0");
  check(c.optim.pct_start > 0 && c.optim.pct_start < 1, "optim.pct_start must be in (0, 1)");
  check(c.optim.div_factor > 0 && c.optim.final_div_factor > 0, "optim.div_factor and final_div_factor must be > 0");
  check(c.optim.beta1_min > 0 && c.optim.beta1_max < 1 && c.optim.beta1_min <= c.optim.beta1_max,
        "optim.beta1_min <= optim.beta1_max must lie in (0, 1)");
  check(c.optim.beta2 > 0 && c.optim.beta2 < 1, "optim.beta2 must be in (0, 1)");
  check(c.optim.weight_decay >= 0, "optim.weight_decay must be >= 0");
  for (auto& problem : validate(c.loss)) p.push_back(problem);
  check(c.run.ema_decay >= 0 && c.run.ema_decay < 1, "run.ema_decay must be in (0, 1), or 0 for the head's recipe");
  check(!c.data.mixup || c.run.mode != TrainMode::Frozen,
        "data.mixup mixes images, and frozen mode trains on cached features: use fine-tune");
  check(c.run.threads >= 0, "run.threads must be >= 0");
  check(c.run.max_batches_per_epoch >= 0, "run.max_batches_per_epoch must be >= 0");
  check(c.run.check_loss_every >= 0, "run.check_loss_every must be >= 0 (0: 1 on a CPU, 20 on a GPU)");
  try {
    parse_precision(c.run.precision, "run.precision");
  } catch (const ConfigError& e) {
    p.emplace_back(e.what());
  }
  try {
    parse_memory_format(c.run.memory_format, "run.memory_format");
  } catch (const ConfigError& e) {
    p.emplace_back(e.what());
  }
  return p;
}

TrainConfig recipe_config_for(const std::string& dataset) {
  TrainConfig c;
  c.data.dataset = dataset;
  apply_dataset_recipe(c);
  return c;
}

int check_loss_every(const TrainConfig& config, const std::string& device) {
  if (config.run.check_loss_every > 0) return config.run.check_loss_every;
  return default_loss_check_every(device);
}

double ema_decay_of(const TrainConfig& config) {
  if (config.run.ema_decay > 0) return config.run.ema_decay;
  return config.model.head == "attention" ? 0.99 : 0.9997;
}

void apply_overrides(const ConfigOverrides& o, TrainConfig& c) {
  auto set = [](const auto& value, auto& field) {
    if (value) field = *value;
  };
  set(o.dataset, c.data.dataset);
  set(o.image_size, c.data.image_size);
  set(o.val_fraction, c.data.val_fraction);
  set(o.workers, c.data.workers);
  set(o.cache_mb, c.data.cache_mb);
  set(o.flips, c.data.flips);
  set(o.mixup, c.data.mixup);
  set(o.backbone, c.model.backbone);
  set(o.head, c.model.head);
  set(o.pretrained, c.model.pretrained);
  set(o.epochs, c.optim.epochs);
  set(o.batch_size, c.optim.batch_size);
  set(o.learning_rate, c.optim.learning_rate);
  if (o.loss) c.loss = loss_preset(*o.loss);
  set(o.out_dir, c.run.out_dir);
  set(o.device, c.run.device);
  set(o.seed, c.run.seed);
  set(o.ema, c.run.ema);
  set(o.amp, c.run.amp);
  set(o.precision, c.run.precision);
  set(o.memory_format, c.run.memory_format);
  set(o.sync_batch_norm, c.run.sync_batch_norm);
  set(o.mode, c.run.mode);
  set(o.max_batches_per_epoch, c.run.max_batches_per_epoch);
  set(o.check_loss_every, c.run.check_loss_every);
}

ConfigOverrides changed_fields(const ConfigOverrides& now, const ConfigOverrides& before) {
  ConfigOverrides out = now;
  ConfigOverrides::for_each_field([&](auto field) {
    if (now.*field == before.*field) (out.*field).reset();
  });
  return out;
}

std::string to_json(const TrainConfig& config) { return nlohmann::json(config).dump(2) + "\n"; }

namespace {

// Each value of a config file against the same key of the defaults: the same
// JSON type, an integer within int's range where the default is an integer,
// a finite number where it is a float (nlohmann reads 1e999 as infinity, and
// converting an out-of-range float to an int is undefined). Keys the config
// does not know were refused before (refuse_unknown_keys).
void check_value_types(const nlohmann::json& given, const nlohmann::json& defaults, const std::string& path) {
  auto fail = [&](const std::string& where, const std::string& what) { throw ConfigError(where + " " + what); };
  if (!given.is_object()) fail(path.empty() ? "the config" : path, "must be an object");
  for (const auto& [key, value] : given.items()) {
    const auto d = defaults.find(key);
    if (d == defaults.end()) continue;
    const std::string where = path.empty() ? key : path + "." + key;
    if (d->is_object()) {
      check_value_types(value, *d, where);
    } else if (d->is_boolean()) {
      if (!value.is_boolean()) fail(where, "must be true or false");
    } else if (d->is_string()) {
      if (!value.is_string()) fail(where, "must be a string");
    } else if (d->is_array()) {
      if (!value.is_array()) fail(where, "must be an array of strings");
      for (const auto& item : value)
        if (!item.is_string()) fail(where, "must be an array of strings");
    } else if (d->is_number_integer()) {
      if (!value.is_number_integer()) fail(where, "must be an integer");
      const bool fits = value.is_number_unsigned()
                            ? value.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT_MAX)
                            : value.get<std::int64_t>() >= INT_MIN && value.get<std::int64_t>() <= INT_MAX;
      if (!fits) fail(where, "is out of range for an integer");
    } else if (d->is_number()) {
      if (!value.is_number()) fail(where, "must be a number");
      if (!std::isfinite(value.get<double>())) fail(where, "must be a finite number");
    }
  }
}

// Every unknown key at once, each with the nearest known one. The known keys
// are the defaults written out: the NLOHMANN_DEFINE_TYPE list that reads them.
void refuse_unknown_keys(const nlohmann::json& given) {
  const auto problems = unknown_keys(given, nlohmann::json(TrainConfig{}));
  if (!problems.empty()) throw ConfigError(join_names(problems, "; "));
}

}  // namespace

TrainConfig train_config_from_json(const std::string& text, const std::string& source) {
  try {
    const nlohmann::json doc = nlohmann::json::parse(text);
    check_value_types(doc, nlohmann::json(TrainConfig{}), "");
    refuse_unknown_keys(doc);
    TrainConfig c = doc.get<TrainConfig>();
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(source + ": " + json_error_in_words(e));
  } catch (const ConfigError& e) {
    throw ConfigError(source + ": " + e.what());
  }
}

}  // namespace aia
