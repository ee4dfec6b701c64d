#pragma once
// What the commands that train share: the console observer (a progress bar on
// a terminal, plain lines otherwise), Ctrl-C as a stop request, and the
// recipe options of `aia train` and `aia experiment`.

#include "aia/experiment/experiment.h"
#include "aia/run/train_config.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

namespace aia::cli {

std::string clock_text(double seconds);

class ConsoleObserver : public ExperimentObserver {
 public:
  // `stop_after` > 0: ask `stop` to stop after that many optimiser steps.
  explicit ConsoleObserver(std::stop_source* stop = nullptr, long stop_after = 0);
  void on_message(const std::string& text) override;
  void on_batch(const BatchProgress& p) override;

 private:
  void clear_bar();
  bool tty_;
  bool bar_ = false;
  std::string prefix_;
  bool quiet_progress_ = false;
  std::stop_source* stop_;
  long stop_after_;
  long steps_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

// "scoring done/total" on a terminal.
std::function<void(std::size_t, std::size_t)> progress_printer();

// While it lives, the first Ctrl-C requests a stop (after the current batch)
// and a second one quits at once.
class InterruptWatcher {
 public:
  InterruptWatcher();
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;
  std::stop_source& source() { return stop_; }
  std::stop_token token() const { return stop_.get_token(); }

 private:
  std::stop_source stop_;
  std::jthread watcher_;
};

// Every floating-point option checks with this: CLI11 reads "nan" and "inf"
// as numbers, and its PositiveNumber and Range let NaN through.
CLI::Validator finite_number();

// The recipe options `aia train` and `aia experiment` share.
// --precision and --memory-format of the commands that run a model.
struct ComputeArgs {
  std::string precision = "auto", memory_format = "auto";
};
void add_compute_options(CLI::App* cmd, ComputeArgs& args);

// The recipe options of `aia train` and `aia experiment`: each option given
// changes exactly its field of the starting config (core's ConfigOverrides),
// every other field keeps the --config file's value (or, without one, the
// defaults with the dataset's recipe).
struct RecipeArgs {
  std::string config_file;
  ConfigOverrides given;
  ComputeArgs compute;  // the defaults ("auto") for the scoring commands; here only what was given counts
};
void add_recipe_options(CLI::App* cmd, RecipeArgs& args);
// The config from --config (or the defaults with the recipe of --data), then
// the options given.
TrainConfig recipe_config(const RecipeArgs& args);

}  // namespace aia::cli
