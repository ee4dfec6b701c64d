#pragma once
// Everything a training run is made of, as one plain struct of structs with
// the paper's recipe as defaults (docs/method.md). Round-trips to JSON; old
// files load (missing fields keep their defaults). Plain std types.

#include "aia/catalogue/catalogue.h"

#include <optional>
#include <string>
#include <vector>

namespace aia {

struct DataConfig {
  std::string dataset = "demo";  // Corel-5k | ESP-Game | IAPR-TC-12 | demo | a folder path
  int image_size = 448;          // pixels, square (plain resize, aspect ratio not kept)
  double val_fraction = 0.0;     // > 0: carve a validation split from train for model selection
  int val_seed = 1;              // shuffles the train split before carving the validation split
  int workers = 2;               // image decoding threads
  int prefetch_batches = 4;      // bounded queue of ready batches
  int cache_mb = 1024;           // in-memory cache of decoded, resized 8-bit images (0: off)
  bool flips = true;             // the paper's random horizontal and vertical flips (train only)
  bool mixup = false;            // the follow-up's mixup: half of each batch averaged with the other half (train only)
};

struct ModelConfig {
  std::string backbone = "tresnet_m";  // a name from `aia backbones`
  std::string pretrained;              // weight file to start from (safetensors or .pth); empty: random init
  // The labels of the pretrained file's head, in its order. When given, the
  // head is mapped by label name: a label the file knows keeps its weights, a
  // new one starts fresh (an annotation project's vocabulary grows this way).
  std::vector<std::string> pretrained_labels;
  double head_dropout = 0.3;  // the paper's Dropout before the Linear head
  std::string head = "gap";   // gap | attention (catalogue heads())
  // The attention head's sizes (the follow-up paper's 1024 / 8 / 2048; smaller in the demos' recipe).
  int attention_hidden = 1024, attention_heads = 8, attention_feedforward = 2048;
  double attention_dropout = 0.1;  // the attention head's (attention weights, residual branches, feed-forward)
};

struct OptimConfig {
  int epochs = 40;
  int batch_size = 32;
  double learning_rate = 1e-4;    // one-cycle max_lr
  double pct_start = 0.2;         // fraction of steps spent warming up
  double div_factor = 25.0;       // initial lr = max_lr / div_factor
  double final_div_factor = 1e4;  // final lr = initial lr / final_div_factor
  double beta1_max = 0.95;        // Adam beta1 is cycled between these (momentum cycling)
  double beta1_min = 0.85;
  double beta2 = 0.999;
  double weight_decay = 0.0;
};

// fine-tune: the whole network; frozen: the backbone's features are extracted
// once and cached, only the head is trained.
enum class TrainMode { FineTune, Frozen };
std::string to_string(TrainMode mode);                // "finetune", "frozen" (the spelling in config.json)
TrainMode parse_train_mode(const std::string& name);  // throws ConfigError naming run.mode

struct RunConfig {
  std::string out_dir;          // the run folder; empty: runs/<dataset>-<loss>-<time>
  std::string device = "auto";  // auto | cpu | cuda | cuda:N
  int seed = 1;
  int threads = 0;       // LibTorch threads (0: every core)
  bool ema = false;      // evaluate an exponential moving average of the weights
  double ema_decay = 0;  // 0: the head's recipe (ema_decay_of)
  bool amp = false;      // true: precision "bfloat16" (the --amp flag of earlier versions)
  // auto | float32 | bfloat16 (autocast of the forward pass); auto: bfloat16
  // on CPUs with AVX512_BF16 or AMX, float32 elsewhere (resolve_compute_format)
  std::string precision = "auto";
  std::string memory_format = "auto";  // auto | nchw | channels-last
  TrainMode mode = TrainMode::FineTune;
  bool sync_batch_norm = true;    // data-parallel: BatchNorm statistics over every rank (false: per rank)
  int max_batches_per_epoch = 0;  // > 0: cut epochs short (smoke tests)
  // The NaN guard: read and check the loss every N steps (1: before every
  // step changes the weights); 0: check_loss_every's choice for the device.
  int check_loss_every = 0;
};

struct TrainConfig {
  DataConfig data;
  ModelConfig model;
  OptimConfig optim;
  LossOptions loss;
  RunConfig run;
};

// The recipe for config.data.dataset: the paper's (the defaults, untouched)
// or, for the demo datasets, one that trains in minutes on a CPU
// (tresnet_nano, 64 px, 30 epochs, lr 2e-3, head dropout 0.1).
void apply_dataset_recipe(TrainConfig& config);

// The starting point of a run without a config file: the defaults with
// `dataset` and its recipe (apply_dataset_recipe).
TrainConfig recipe_config_for(const std::string& dataset);

// What a front end changes on a starting config (a config file, an
// experiment's recipe, the GUI's loaded configuration): each field that holds
// a value replaces exactly its field of the config, and nothing else; an
// empty one leaves the config's value alone. `aia train` and `aia experiment`
// fill it from the options given, the Train page from the form's edits.
struct ConfigOverrides {
  std::optional<std::string> dataset, backbone, head, pretrained, device, precision, memory_format, out_dir;
  std::optional<std::string> loss;  // a preset name (loss_preset): replaces the whole loss
  std::optional<int> image_size, epochs, batch_size, workers, cache_mb, max_batches_per_epoch, seed, check_loss_every;
  std::optional<double> learning_rate, val_fraction;
  std::optional<bool> ema, flips, mixup, amp, sync_batch_norm;
  std::optional<TrainMode> mode;

  // Calls f(&ConfigOverrides::field) for every field.
  template <class F>
  static void for_each_field(F&& f) {
    f(&ConfigOverrides::dataset), f(&ConfigOverrides::backbone), f(&ConfigOverrides::pretrained);
    f(&ConfigOverrides::head);
    f(&ConfigOverrides::device), f(&ConfigOverrides::precision), f(&ConfigOverrides::memory_format);
    f(&ConfigOverrides::out_dir), f(&ConfigOverrides::loss), f(&ConfigOverrides::image_size);
    f(&ConfigOverrides::epochs), f(&ConfigOverrides::batch_size), f(&ConfigOverrides::workers);
    f(&ConfigOverrides::cache_mb), f(&ConfigOverrides::max_batches_per_epoch), f(&ConfigOverrides::seed);
    f(&ConfigOverrides::learning_rate), f(&ConfigOverrides::val_fraction), f(&ConfigOverrides::ema);
    f(&ConfigOverrides::flips), f(&ConfigOverrides::mixup), f(&ConfigOverrides::amp),
        f(&ConfigOverrides::sync_batch_norm);
    f(&ConfigOverrides::mode), f(&ConfigOverrides::check_loss_every);
  }
};
// The EMA decay a run uses: run.ema_decay when set, otherwise its head's
// recipe: 0.9997 for the gap head (timm's ModelEma), 0.99 for the attention
// head (the follow-up's code; 0.999 on VG-500).
double ema_decay_of(const TrainConfig& config);

// How many steps the NaN guard lets pass between two checks of the loss:
// run.check_loss_every when set, otherwise default_loss_check_every(device)
// (aia/runtime/compute_format.h). `device`: the resolved device, "cpu" or "cuda:N".
int check_loss_every(const TrainConfig& config, const std::string& device);

// Throws ConfigError for an unknown loss preset.
void apply_overrides(const ConfigOverrides& overrides, TrainConfig& config);
// The fields of `now` whose value differs from `before` (a form read before
// and after the user's edits); the others empty.
ConfigOverrides changed_fields(const ConfigOverrides& now, const ConfigOverrides& before);

// Every problem at once, each naming its field ("optim.epochs must be >= 1").
std::vector<std::string> validate(const TrainConfig& config);

std::string to_json(const TrainConfig& config);
// Throws ConfigError naming the file and field on malformed input.
TrainConfig train_config_from_json(const std::string& text, const std::string& source);

}  // namespace aia
