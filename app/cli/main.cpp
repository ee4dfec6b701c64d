// aia-full: every command of the command line, LibTorch and OpenCV loaded.
// `aia` (launcher.cpp) starts it for the commands that run a model.

#include "commands.h"

#include "aia/runtime/runtime.h"

#include <c10/util/Exception.h>

#include <iostream>
#include <map>

int main(int argc, char** argv) {
  CLI::App app;
  int threads = 0;
  aia::cli::configure_app(app, threads);

  using Adder = aia::cli::Runner (*)(CLI::App&);
  const std::map<std::string, Adder> adders{
      {"train", aia::cli::add_train_command},
      {"experiment", aia::cli::add_experiment_command},
      {"report", aia::cli::add_report_command},
      {"evaluate", aia::cli::add_evaluate_command},
      {"annotate", aia::cli::add_annotate_command},
      {"project", aia::cli::add_project_command},
      {"export-scores", aia::cli::add_export_scores_command},
      {"metrics", aia::cli::add_metrics_command},
      {"thresholds", aia::cli::add_thresholds_command},
      {"backbones", aia::cli::add_backbones_command},
      {"convert", aia::cli::add_convert_command},
      {"export-model", aia::cli::add_export_model_command},
      {"import-model", aia::cli::add_import_model_command},
      {"get-model", aia::cli::add_get_model_command},
  };
  std::map<CLI::App*, aia::cli::Runner> runners;
  for (const auto& command : aia::cli::command_list()) {
    const auto before = app.get_subcommands({}).size();
    auto runner = adders.at(command.name)(app);
    runners[app.get_subcommands({})[before]] = std::move(runner);
  }

  if (const auto done = aia::cli::parse_command_line(app, argc, argv)) return *done;

  aia::RuntimeOptions runtime;
  runtime.threads = threads;
  aia::configure_runtime(runtime);

  return aia::cli::run_guarded([&] {
    try {
      for (auto* sub : app.get_subcommands())
        if (runners.count(sub)) return runners[sub]();
    } catch (const c10::Error& e) {
      std::cerr << "aia: torch error: " << e.what_without_backtrace() << '\n';
      return aia::cli::kExitFailure;
    }
    return aia::cli::kExitFailure;
  });
}
