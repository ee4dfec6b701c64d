// The console observer, Ctrl-C handling and the recipe options of the training commands.

#include "console.h"

#include "aia/io/atomic_file.h"
#include "aia/training/trainer.h"

#include <unistd.h>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace aia::cli {
namespace {

std::atomic<int> g_interrupts{0};
void on_sigint(int) {
  if (g_interrupts.fetch_add(1) >= 1) std::_Exit(130);  // second Ctrl-C: leave now
}

}  // namespace

std::string clock_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const long s = static_cast<long>(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

ConsoleObserver::ConsoleObserver(std::stop_source* stop, long stop_after)
    : tty_(::isatty(STDERR_FILENO)), stop_(stop), stop_after_(stop_after) {
  // In a data-parallel launch every line says which rank wrote it.
  const char* world = std::getenv("WORLD_SIZE");
  const char* rank = std::getenv("RANK");
  if (world && std::atoi(world) > 1) {
    prefix_ = std::string("[rank ") + (rank ? rank : "0") + "] ";
    quiet_progress_ = rank && std::atoi(rank) > 0;  // rank 0 speaks for the batch progress
  }
}

void ConsoleObserver::on_message(const std::string& text) {
  clear_bar();
  std::fprintf(stderr, "%s%s\n", prefix_.c_str(), text.c_str());
}

void ConsoleObserver::on_batch(const BatchProgress& p) {
  if (stop_ && stop_after_ > 0 && ++steps_ == stop_after_) {
    on_message("stopping after " + std::to_string(stop_after_) + " steps (--stop-after-steps)");
    stop_->request_stop();
  }
  if (quiet_progress_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(tty_ ? 200 : 15000) && p.batch != p.batches) return;
  last_ = now;
  const int width = 24;
  const int filled = p.batches ? static_cast<int>(width * p.batch / p.batches) : 0;
  char line[256];
  const std::string bar =
      std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
  if (p.phase == Phase::ExtractingFeatures)
    std::snprintf(line, sizeof line, "extracting features [%s] %zu/%zu", bar.c_str(), p.batch, p.batches);
  else
    std::snprintf(line, sizeof line, "epoch %d/%d [%s] %zu/%zu loss %.4f  %.1f img/s  ETA %s", p.epoch, p.epochs,
                  bar.c_str(), p.batch, p.batches, p.smoothed_loss, p.images_per_second,
                  clock_text(p.eta_seconds).c_str());
  if (tty_) {
    std::fprintf(stderr, "\r%s%s\033[K", prefix_.c_str(), line);
    bar_ = true;
  } else {
    std::fprintf(stderr, "%s%s\n", prefix_.c_str(), line);
  }
}

void ConsoleObserver::clear_bar() {
  if (bar_) std::fprintf(stderr, "\r\033[K");
  bar_ = false;
}

std::function<void(std::size_t, std::size_t)> progress_printer() {
  const bool tty = ::isatty(STDERR_FILENO);
  return [tty](std::size_t done, std::size_t total) {
    if (tty) std::fprintf(stderr, "\rscoring %zu/%zu\033[K%s", done, total, done == total ? "\n" : "");
  };
}

InterruptWatcher::InterruptWatcher() {
  g_interrupts = 0;
  std::signal(SIGINT, on_sigint);
  watcher_ = std::jthread([this](std::stop_token done) {
    while (!done.stop_requested()) {
      if (g_interrupts > 0) {
        std::fprintf(stderr, "\nstopping after this batch (Ctrl-C again to quit at once)\n");
        stop_.request_stop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  watcher_.request_stop();
  watcher_.join();
  std::signal(SIGINT, SIG_DFL);
}

CLI::Validator finite_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end == text.c_str()) return {};  // not a number at all: CLI11's conversion says so
        return std::isfinite(value) ? std::string() : "must be a finite number, not '" + text + "'";
      },
      "FINITE", "finite_number");
}

void add_compute_options(CLI::App* cmd, ComputeArgs& a) {
  cmd->add_option("--precision", a.precision,
                  "auto (for inference bfloat16 on CPUs with AVX512_BF16 or AMX; float32 for training and elsewhere), "
                  "float32 or bfloat16 (autocast)")
      ->check(CLI::IsMember({"auto", "float32", "bfloat16"}))
      ->capture_default_str();
  cmd->add_option("--memory-format", a.memory_format,
                  "auto (channels-last with bfloat16 or AVX-512, NCHW elsewhere), nchw or channels-last")
      ->check(CLI::IsMember({"auto", "nchw", "channels-last"}))
      ->capture_default_str();
}

void add_recipe_options(CLI::App* cmd, RecipeArgs& a) {
  cmd->add_option("--config", a.config_file, "a config.json to start from (options below override it)");
  cmd->add_option("--data", a.data.dataset,
                  "Corel-5k | ESP-Game | IAPR-TC-12 | demo | demo-longtail | a dataset folder")
      ->capture_default_str();
  cmd->add_option("--backbone", a.backbone, "tresnet_m (default) or tresnet_nano (default for the demos)");
  cmd->add_option("--pretrained", a.pretrained, "weights to start from: timm safetensors or a torch.save state_dict");
  cmd->add_option("--image-size", a.image_size, "pixels (default 448; 64 for the demos)");
  cmd->add_option("--epochs", a.epochs, "default 40 (30 for the demos)");
  cmd->add_option("--batch-size", a.batch_size, "default 32");
  cmd->add_option("--learning-rate", a.lr, "one-cycle max lr (default 1e-4; 2e-3 for the demos)")
      ->check(finite_number());
  cmd->add_option("--device", a.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  cmd->add_option("--val-fraction", a.data.val_fraction, "carve a validation split from train for model selection")
      ->check(finite_number());
  cmd->add_option("--workers", a.data.workers, "image decoding threads")->capture_default_str();
  cmd->add_option("--cache-mb", a.data.cache_mb, "decoded-image cache (0: off)")->capture_default_str();
  cmd->add_flag("--ema", a.ema, "evaluate and keep an exponential moving average of the weights");
  cmd->add_flag("--no-flips", a.no_flips, "no random flips");
  cmd->add_flag("--no-sync-bn", a.no_sync_bn,
                "data-parallel runs: BatchNorm statistics per rank, not over all ranks (faster; no longer equal to one "
                "process)");
  cmd->add_flag("--amp", a.amp, "the same as --precision bfloat16");
  add_compute_options(cmd, a.compute);
  cmd->add_option("--mode", a.mode,
                  "finetune (the whole network) or frozen (backbone features extracted once and cached, only the "
                  "head trained: seconds per epoch on a CPU)")
      ->check(CLI::IsMember({"finetune", "frozen"}))
      ->capture_default_str();
  cmd->add_option("--max-batches", a.max_batches, "cut every epoch after this many batches (smoke tests)");
}

TrainConfig recipe_config(const RecipeArgs& a) {
  const DataConfig& data = a.data;
  TrainConfig c;
  if (!a.config_file.empty()) c = train_config_from_json(read_file(a.config_file), a.config_file);
  c.data.dataset = data.dataset;
  apply_dataset_recipe(c);  // the demos': minutes on a CPU
  if (!a.backbone.empty()) c.model.backbone = a.backbone;
  if (!a.pretrained.empty()) c.model.pretrained = a.pretrained;
  if (a.image_size) c.data.image_size = a.image_size;
  if (a.epochs) c.optim.epochs = a.epochs;
  if (a.batch_size) c.optim.batch_size = a.batch_size;
  if (a.lr) c.optim.learning_rate = *a.lr;
  c.run.device = a.device;
  c.run.ema = a.ema;
  if (a.amp) c.run.amp = true;
  if (a.compute.precision != "auto") c.run.precision = a.compute.precision;
  if (a.compute.memory_format != "auto") c.run.memory_format = a.compute.memory_format;
  if (a.no_sync_bn) c.run.sync_batch_norm = false;
  c.run.mode = parse_train_mode(a.mode);
  c.run.max_batches_per_epoch = a.max_batches;
  c.data.val_fraction = data.val_fraction;
  c.data.workers = data.workers;
  c.data.cache_mb = data.cache_mb;
  c.data.flips = !a.no_flips;
  return c;
}

}  // namespace aia::cli
