// aia: the headless command line over aia_core.

#include "commands.h"

#include "aia/errors.h"
#include "aia/runtime/runtime.h"

#include <c10/util/Exception.h>

#include <iostream>
#include <map>

int main(int argc, char** argv) {
  CLI::App app{"AIA Studio command line: automatic image annotation (Salar & Ahmadi, 2023)", "aia"};
  app.set_version_flag("--version", std::string("aia ") + AIA_VERSION);
  app.require_subcommand(1);
  int threads = 0;
  app.add_option("--threads", threads, "CPU threads for LibTorch (default: every core, or $AIA_THREADS)");

  std::map<CLI::App*, aia::cli::Runner> runners;
  auto add = [&](aia::cli::Runner (*adder)(CLI::App&)) {
    const auto before = app.get_subcommands({}).size();
    auto runner = adder(app);
    runners[app.get_subcommands({})[before]] = std::move(runner);
  };
  add(aia::cli::add_train_command);
  add(aia::cli::add_experiment_command);
  add(aia::cli::add_report_command);
  add(aia::cli::add_evaluate_command);
  add(aia::cli::add_annotate_command);
  add(aia::cli::add_project_command);
  add(aia::cli::add_export_scores_command);
  add(aia::cli::add_metrics_command);
  add(aia::cli::add_thresholds_command);
  add(aia::cli::add_backbones_command);
  add(aia::cli::add_convert_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return aia::cli::kExitBadInput;
  }

  aia::RuntimeOptions runtime;
  runtime.threads = threads;
  aia::configure_runtime(runtime);

  try {
    for (auto* sub : app.get_subcommands())
      if (runners.count(sub)) return runners[sub]();
  } catch (const aia::InputError& e) {
    std::cerr << "aia: error: " << e.what() << '\n';
    return aia::cli::kExitBadInput;
  } catch (const aia::ConfigError& e) {
    std::cerr << "aia: error: " << e.what() << '\n';
    return aia::cli::kExitBadInput;
  } catch (const aia::Error& e) {
    std::cerr << "aia: error: " << e.what() << '\n';
    return aia::cli::kExitBadInput;
  } catch (const c10::Error& e) {
    std::cerr << "aia: torch error: " << e.what_without_backtrace() << '\n';
    return aia::cli::kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "aia: error: " << e.what() << '\n';
    return aia::cli::kExitFailure;
  }
  return aia::cli::kExitFailure;
}
