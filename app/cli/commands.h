#pragma once
// Each command registers its subcommand and returns the function that runs it.

#include <CLI/CLI.hpp>

#include <functional>

namespace aia::cli {

using Runner = std::function<int()>;

Runner add_metrics_command(CLI::App& app);
Runner add_thresholds_command(CLI::App& app);
Runner add_backbones_command(CLI::App& app);
Runner add_convert_command(CLI::App& app);
Runner add_train_command(CLI::App& app);
Runner add_evaluate_command(CLI::App& app);
Runner add_export_scores_command(CLI::App& app);
Runner add_annotate_command(CLI::App& app);
Runner add_experiment_command(CLI::App& app);
Runner add_report_command(CLI::App& app);
Runner add_project_command(CLI::App& app);

// Exit codes: 0 success, 1 failure while running, 2 bad input or usage.
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

}  // namespace aia::cli
