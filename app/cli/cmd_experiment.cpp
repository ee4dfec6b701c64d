// aia experiment: a grid of runs that compares losses (its report: cmd_report.cpp).

#include "commands.h"
#include "console.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/experiment/experiment.h"
#include "aia/io/atomic_file.h"

#include <cstdio>
#include <iostream>
#include <optional>

namespace aia::cli {
namespace {

class ExperimentConsole : public ConsoleObserver {
 public:
  using ConsoleObserver::ConsoleObserver;
  void on_cell_finished(const Cell& cell, const RunResult& result) override {
    if (result.status == RunStatus::Succeeded) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "best per-class F1 %.4f at epoch %d", result.best_f1, result.best_epoch);
      on_message("cell " + cell.id + " finished: " + buf);
    } else if (result.status == RunStatus::Failed) {
      on_message("cell " + cell.id + " failed (the next cell starts): " + result.message);
    }
  }
};

}  // namespace

Runner add_experiment_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("experiment", command_description("experiment"));
  struct Args {
    RecipeArgs recipe;
    std::optional<std::string> losses, seeds, datasets, backbones, heads, image_sizes, modes;
    std::string out, resume, spec;
  };
  auto a = std::make_shared<Args>();
  add_recipe_options(cmd, a->recipe);
  cmd->add_option("--losses", a->losses,
                  "comma-separated losses: " + join_names(loss_names(), ", ") +
                      ", each optionally changed as NAME:key=value:key=value (e.g. focal:gamma_pos=1); default all");
  cmd->add_option("--seeds", a->seeds, "comma-separated seeds (default 1)");
  cmd->add_option("--datasets", a->datasets, "comma-separated datasets (default: the recipe's dataset)");
  cmd->add_option("--backbones", a->backbones, "optional axis: comma-separated backbones");
  cmd->add_option("--heads", a->heads, "optional axis: comma-separated heads (" + join_names(names_of(heads())) + ")");
  cmd->add_option("--image-sizes", a->image_sizes, "optional axis: comma-separated image sizes");
  cmd->add_option("--modes", a->modes, "optional axis: finetune,frozen");
  cmd->add_option("--spec", a->spec,
                  "an experiment.json to start from (its recipe and grid; each option given changes only its own "
                  "field or axis; --out still needed)");
  cmd->add_option("--out", a->out, "the experiment folder to create");
  cmd->add_option("--resume", a->resume, "continue the experiment in this folder (finished cells are kept)");
  return [=] {
    std::string dir = a->resume;
    if (dir.empty()) {
      if (a->out.empty()) throw ConfigError("aia experiment needs --out EXP (a new experiment) or --resume EXP");
      ExperimentSpec spec;
      if (!a->spec.empty()) {
        if (!a->recipe.config_file.empty()) throw ConfigError("give --spec or --config, not both");
        spec = experiment_spec_from_json(read_file(a->spec), a->spec);
        apply_overrides(a->recipe.given, spec.recipe);
      } else {
        spec.recipe = recipe_config(a->recipe);
        for (const auto& l : loss_names()) spec.grid.losses.push_back(parse_grid_loss(l));
        spec.grid.seeds = {1};
        spec.grid.datasets = {spec.recipe.data.dataset};
      }
      if (a->losses) {
        spec.grid.losses.clear();
        for (const auto& l : split_grid_list(*a->losses)) spec.grid.losses.push_back(parse_grid_loss(l));
      }
      if (a->seeds) spec.grid.seeds = parse_grid_ints(*a->seeds, "--seeds");
      if (a->datasets) spec.grid.datasets = split_grid_list(*a->datasets);
      if (a->backbones) spec.grid.backbones = split_grid_list(*a->backbones);
      if (a->heads) spec.grid.heads = split_grid_list(*a->heads);
      if (a->image_sizes) spec.grid.image_sizes = parse_grid_ints(*a->image_sizes, "--image-sizes");
      if (a->modes) {
        spec.grid.modes.clear();
        for (const auto& m : split_grid_list(*a->modes)) spec.grid.modes.push_back(parse_train_mode(m));
      }
      ExperimentFolder(a->out).create(spec);
      dir = a->out;
    } else if (!a->out.empty()) {
      throw ConfigError("give --out (a new experiment) or --resume (an existing one), not both");
    }
    const ExperimentFolder folder(dir);
    const auto cells = folder.cells();
    std::size_t done = 0;
    for (const auto& c : cells) done += c.state == CellState::Finished ? 1 : 0;
    std::fprintf(stderr, "experiment %s: %zu cells, %zu finished\n", dir.c_str(), cells.size(), done);

    InterruptWatcher interrupts;
    ExperimentConsole observer(&interrupts.source());
    const ExperimentResult r = run_experiment(dir, observer, interrupts.token());
    std::fprintf(stderr, "experiment %s: %zu finished, %zu failed, %zu not run%s\n", dir.c_str(), r.finished, r.failed,
                 r.remaining,
                 r.cancelled ? " (stopped: aia experiment --resume continues it)"
                             : (r.failed ? " (aia experiment --resume tries the failed cells again)" : ""));
    if (r.finished > 0) std::fprintf(stderr, "the table: aia report %s\n", dir.c_str());
    if (r.cancelled) return 130;
    return r.failed == 0 ? 0 : kExitFailure;
  };
}

}  // namespace aia::cli
