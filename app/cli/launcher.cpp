// aia: the command line's front door. The commands that load no model
// (metrics, thresholds, report) and --help and --version run here, in a
// binary without LibTorch or OpenCV, so they start in milliseconds; every
// other command is handed, with its arguments untouched, to aia-full.

#include "commands.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The first word that is not an option (or --threads' value): the subcommand.
std::string subcommand_of(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--threads") {
      ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    return a;
  }
  return {};
}

bool loads_model(const std::string& name) {
  for (const auto& c : aia::cli::command_list())
    if (name == c.name) return c.loads_model;
  return false;  // unknown: the parser below says so
}

// aia-full beside this binary (the build tree), else in ../lib/aia-studio (installed).
[[noreturn]] void hand_over(char** argv) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path dir = ec ? fs::path(argv[0]).parent_path() : self.parent_path();
  const std::vector<fs::path> candidates{dir / "aia-full", dir / ".." / "lib" / "aia-studio" / "aia-full"};
  for (const auto& path : candidates) {
    if (::access(path.c_str(), X_OK) != 0) continue;
    ::execv(path.c_str(), argv);
    std::cerr << "aia: error: cannot start " << path.string() << ": " << std::strerror(errno) << '\n';
    std::exit(aia::cli::kExitFailure);
  }
  std::cerr << "aia: error: " << (dir / "aia-full").string() << " is missing (this command runs a model)\n";
  std::exit(aia::cli::kExitFailure);
}

}  // namespace

int main(int argc, char** argv) {
  if (loads_model(subcommand_of(argc, argv))) hand_over(argv);

  CLI::App app;
  int threads = 0;
  aia::cli::configure_app(app, threads);
  std::map<CLI::App*, aia::cli::Runner> runners;
  for (const auto& command : aia::cli::command_list()) {
    const std::string name = command.name;
    aia::cli::Runner runner;
    if (name == "metrics") runner = aia::cli::add_metrics_command(app);
    if (name == "thresholds") runner = aia::cli::add_thresholds_command(app);
    if (name == "report") runner = aia::cli::add_report_command(app);
    if (!runner) {  // listed in --help; its options are aia-full's
      app.add_subcommand(name, command.description)->allow_extras()->prefix_command();
      continue;
    }
    runners[app.get_subcommands({}).back()] = std::move(runner);
  }

  if (const auto done = aia::cli::parse_command_line(app, argc, argv)) return *done;
  for (auto* sub : app.get_subcommands())
    if (!runners.count(sub)) hand_over(argv);  // a model command the word scan missed
  return aia::cli::run_guarded([&] {
    for (auto* sub : app.get_subcommands())
      if (runners.count(sub)) return runners[sub]();
    return aia::cli::kExitFailure;
  });
}
