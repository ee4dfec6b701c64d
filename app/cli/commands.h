#pragma once
// Each command registers its subcommand and returns the function that runs it.
// Two binaries share them: `aia` (launcher.cpp) runs the commands that load
// no model itself, without LibTorch or OpenCV, and hands every other one to
// `aia-full` (main.cpp), which has them all.

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

namespace aia::cli {

using Runner = std::function<int()>;

Runner add_metrics_command(CLI::App& app);
Runner add_thresholds_command(CLI::App& app);
Runner add_backbones_command(CLI::App& app);
Runner add_convert_command(CLI::App& app);
Runner add_export_model_command(CLI::App& app);
Runner add_import_model_command(CLI::App& app);
Runner add_get_model_command(CLI::App& app);
Runner add_train_command(CLI::App& app);
Runner add_evaluate_command(CLI::App& app);
Runner add_export_scores_command(CLI::App& app);
Runner add_annotate_command(CLI::App& app);
Runner add_experiment_command(CLI::App& app);
Runner add_report_command(CLI::App& app);
Runner add_project_command(CLI::App& app);

// The commands in the order `aia --help` lists them, each with its one line.
struct CommandInfo {
  const char* name;
  const char* description;
  bool loads_model;  // false: `aia` runs it itself, without LibTorch
};
const std::vector<CommandInfo>& command_list();
std::string command_description(const std::string& name);

// The top level both binaries share: description, --version, --threads.
void configure_app(CLI::App& app, int& threads);

// Parses the command line; an exit code when that ended the program (--help,
// --version, a usage error, printed), nothing when a command is to run.
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv);

// Runs `body`, turning aia's errors into a message on stderr and an exit code.
int run_guarded(const std::function<int()>& body);

// Exit codes: 0 success, 1 failure while running, 2 bad input or usage.
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

}  // namespace aia::cli
