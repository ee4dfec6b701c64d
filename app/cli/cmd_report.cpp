// aia report: an experiment's table from its run folders alone (no model is
// loaded: the launcher runs it without LibTorch).

#include "commands.h"

#include "aia/catalogue/catalogue.h"
#include "aia/experiment/report.h"
#include "aia/io/atomic_file.h"

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>

namespace aia::cli {

Runner add_report_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", command_description("report"));
  struct Args {
    std::string dir, format = "md", out, baseline;
    int resamples = 2000;
    std::uint64_t seed = 12345;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("experiment", a->dir, "experiment folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--format", a->format, join_names(names_of(report_formats())))->capture_default_str();
  cmd->add_option("--out", a->out, "write the report here (default: print it)");
  cmd->add_option("--baseline", a->baseline, "the loss every other is compared with (default: " + default_loss() + ")");
  cmd->add_option("--resamples", a->resamples, "bootstrap resamples")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--bootstrap-seed", a->seed, "seed of the bootstrap's resampling")->capture_default_str();
  return [=] {
    const ReportFormat format = parse_report_format(a->format);  // bad input fails before the work
    ReportOptions options;
    options.baseline = a->baseline;
    options.bootstrap.resamples = a->resamples;
    options.bootstrap.seed = a->seed;
    const Report report = build_report(a->dir, options);
    const std::string text = render_report(report, format);
    if (a->out.empty()) {
      std::cout << text;
    } else {
      write_file_atomically(a->out, text);
      std::fprintf(stderr, "wrote %s\n", a->out.c_str());
    }
    for (const auto& n : report.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
    return 0;
  };
}

}  // namespace aia::cli
