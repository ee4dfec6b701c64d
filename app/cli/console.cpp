// The console observer, Ctrl-C handling and the recipe options of the training commands.

#include "console.h"

#include "aia/catalogue/catalogue.h"
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
  cmd->add_option("--precision", a.precision, describe_choices(precisions()))
      ->check(CLI::IsMember(names_of(precisions())))
      ->capture_default_str();
  cmd->add_option("--memory-format", a.memory_format, describe_choices(memory_formats()))
      ->check(CLI::IsMember(names_of(memory_formats())))
      ->capture_default_str();
}

void add_recipe_options(CLI::App* cmd, RecipeArgs& a) {
  ConfigOverrides& o = a.given;
  cmd->add_option("--config", a.config_file,
                  "a config.json to start from (an option below changes only its own field)");
  cmd->add_option("--data", o.dataset,
                  join_names(names_of(datasets())) + " | a dataset folder (default: the config's, else demo)");
  cmd->add_option(
      "--backbone", o.backbone,
      join_names(names_of(backbones())) + " (default " + default_backbone() + "; tresnet_nano for the demos)");
  cmd->add_option("--head", o.head, describe_choices(heads()) + " (default gap)")
      ->check(CLI::IsMember(names_of(heads())));
  cmd->add_option("--pretrained", o.pretrained, "weights to start from: timm safetensors or a torch.save state_dict");
  cmd->add_option("--image-size", o.image_size, "pixels (default 448; 64 for the demos)");
  cmd->add_option("--epochs", o.epochs, "default 40 (30 for the demos)");
  cmd->add_option("--batch-size", o.batch_size, "default 32");
  cmd->add_option("--learning-rate", o.learning_rate, "one-cycle max lr (default 1e-4; 2e-3 for the demos)")
      ->check(finite_number());
  cmd->add_option("--device", o.device, join_names(names_of(devices())) + " | cuda:N (default auto)");
  cmd->add_option("--val-fraction", o.val_fraction, "carve a validation split from train for model selection")
      ->check(finite_number());
  cmd->add_option("--workers", o.workers, "image decoding threads (default 2)");
  cmd->add_option("--cache-mb", o.cache_mb, "decoded-image cache (0: off; default 1024)");
  cmd->add_flag_callback(
      "--ema", [&o] { o.ema = true; }, "evaluate and keep an exponential moving average of the weights");
  cmd->add_flag_callback(
      "--no-flips", [&o] { o.flips = false; }, "no random flips");
  cmd->add_flag_callback(
      "--mixup", [&o] { o.mixup = true; },
      "the follow-up's mixup: the first half of each batch averaged with the second, with the union of their tags");
  cmd->add_flag_callback(
      "--no-sync-bn", [&o] { o.sync_batch_norm = false; },
      "data-parallel runs: BatchNorm statistics per rank, not over all ranks (faster; no longer equal to one "
      "process)");
  cmd->add_flag_callback(
      "--amp", [&o] { o.amp = true; }, "the same as --precision bfloat16");
  add_compute_options(cmd, a.compute);
  cmd->get_option("--precision")->each([&o](const std::string& v) { o.precision = v; });
  cmd->get_option("--memory-format")->each([&o](const std::string& v) { o.memory_format = v; });
  cmd->add_option_function<std::string>(
         "--mode", [&o](const std::string& m) { o.mode = parse_train_mode(m); },
         describe_choices(train_modes()) + " (default finetune)")
      ->check(CLI::IsMember(names_of(train_modes())));
  cmd->add_option("--max-batches", o.max_batches_per_epoch, "cut every epoch after this many batches (smoke tests)");
  cmd->add_option("--check-loss-every", o.check_loss_every,
                  "the NaN guard reads the loss every N steps, undoing a window with a NaN (default 1 on a CPU, "
                  "20 on a GPU)")
      ->check(CLI::PositiveNumber);
}

TrainConfig recipe_config(const RecipeArgs& a) {
  TrainConfig c = a.config_file.empty() ? recipe_config_for(a.given.dataset.value_or("demo"))
                                        : train_config_from_json(read_file(a.config_file), a.config_file);
  apply_overrides(a.given, c);
  return c;
}

}  // namespace aia::cli
