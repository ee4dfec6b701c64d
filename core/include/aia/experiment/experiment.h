#pragma once
// An experiment: a grid of training runs that differ only in the loss, the
// seed, the dataset and optionally the backbone, head, image size or mode, under
// one shared recipe. It is a folder:
//   experiment.json     the format version, the recipe (a TrainConfig) and the grid
//   cells/<cell id>/    one run folder per cell (aia/run/run_folder.h)
//   failures/<cell id>.txt   the error of a cell's last attempt, removed when it succeeds
// A cell is finished when its run folder has its test scores; finished cells
// are never run again; a cell with checkpoints/last.safetensors resumes where
// it stopped (the trainer's exact resume); a failed cell is tried again on
// the next resume. Plain std types.

#include "aia/loss/loss_options.h"
#include "aia/run/train_config.h"
#include "aia/training/trainer.h"

#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace aia {

constexpr int kExperimentVersion = 1;

// One loss of the grid: a name (the cell id's part, unique in the grid) and
// its settings (a preset with optional hyper-parameter changes).
struct GridLoss {
  std::string name;
  LossOptions options;
};

struct ExperimentGrid {
  std::vector<GridLoss> losses;
  std::vector<int> seeds;
  std::vector<std::string> datasets;
  // Optional axes: empty means the recipe's value (and no part in the cell id).
  std::vector<std::string> backbones;
  std::vector<std::string> heads;  // gap, attention (catalogue heads())
  std::vector<int> image_sizes;
  std::vector<TrainMode> modes;
};

struct ExperimentSpec {
  int version = kExperimentVersion;
  TrainConfig recipe;  // its loss, seed, dataset and out_dir are the grid's to set
  ExperimentGrid grid;
};

// A loss of the grid from "NAME" (a preset: bce, focal, asymmetric, proposed
// or the seed's names) or "NAME:key=value:key=value" (a preset changed, e.g.
// "focal:gamma_pos=1", named by the whole text). Throws ConfigError naming
// the entry for an unknown loss or key.
GridLoss parse_grid_loss(const std::string& text);

// A comma-separated list as the CLI and the GUI take an axis ("1, 2,3"):
// items trimmed, empty ones dropped. The integers' version throws ConfigError
// "<field>: 'x' is not an integer".
std::vector<std::string> split_grid_list(const std::string& text);
std::vector<int> parse_grid_ints(const std::string& text, const std::string& field);

enum class CellState { Pending, Interrupted, Running, Finished, Failed };
std::string to_string(CellState state);

struct Cell {
  std::string id;     // "<dataset>[_<backbone>][_<head>][_<size>px][_<mode>]_<loss>_s<seed>"
  std::string group;  // the id without loss and seed: the cells a report compares
  std::string loss;
  int seed = 0;
  std::string dataset;
  std::string head;    // the cell's head (the recipe's when the grid has no heads axis)
  TrainConfig config;  // the recipe with the cell's values; run.out_dir is the cell's run folder
  CellState state = CellState::Pending;
  std::string error;  // the last attempt's, for a failed cell
};

// The grid's cells in run order (dataset, optional axes, seed, loss: all
// losses of a seed finish before the next seed starts, so that a stopped
// experiment already compares every loss). Throws ConfigError for an empty
// axis, an unknown loss, or two cells with one id.
std::vector<Cell> expand_grid(const ExperimentSpec& spec, const std::string& experiment_dir);

std::string to_json(const ExperimentSpec& spec);
// Throws ConfigError naming the file and field; an experiment from another
// format version is refused with both versions named.
ExperimentSpec experiment_spec_from_json(const std::string& text, const std::string& source);

class ExperimentFolder {
 public:
  explicit ExperimentFolder(std::string dir);
  const std::string& dir() const { return dir_; }
  std::string spec_path() const;
  std::string cell_dir(const std::string& cell_id) const;
  std::string failure_path(const std::string& cell_id) const;

  bool exists() const;  // experiment.json is there
  ExperimentSpec read_spec() const;
  // Creates the folder with `spec`; throws ConfigError if it holds another
  // experiment (a different experiment.json), so nothing is overwritten.
  void create(const ExperimentSpec& spec) const;

  // The cells with their states read from the disk.
  std::vector<Cell> cells() const;
  void record_failure(const std::string& cell_id, const std::string& error) const;
  void clear_failure(const std::string& cell_id) const;

 private:
  std::string dir_;
};

class ExperimentObserver : public TrainObserver {
 public:
  // `index` in the run order, of `count` cells.
  virtual void on_cell_started(const Cell& /*cell*/, std::size_t /*index*/, std::size_t /*count*/) {}
  virtual void on_cell_finished(const Cell& /*cell*/, const RunResult& /*result*/) {}
};

struct ExperimentResult {
  std::size_t finished = 0;  // cells finished, now or before
  std::size_t failed = 0;
  std::size_t remaining = 0;  // not run (a stop)
  bool cancelled = false;
};

// Runs every cell that is not finished, one after another (each with
// aia::train, on the launch's c10d ranks when there are several), resuming
// interrupted ones. A failed cell is recorded and the next one starts; a stop
// request ends the running cell resumably and starts no other.
ExperimentResult run_experiment(const std::string& experiment_dir, ExperimentObserver& observer,
                                std::stop_token stop = {});

}  // namespace aia
