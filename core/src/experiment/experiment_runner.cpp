// run_experiment: the cells of an experiment one after another through aia::train.

#include "aia/distributed/collective.h"
#include "aia/errors.h"
#include "aia/experiment/experiment.h"
#include "aia/run/run_folder.h"
#include "aia/training/session.h"

namespace aia {

ExperimentResult run_experiment(const std::string& experiment_dir, ExperimentObserver& observer, std::stop_token stop) {
  const ExperimentFolder folder(experiment_dir);
  // Every rank of a data-parallel launch runs the same cells in the same order; rank 0 keeps the books.
  LaunchInfo launch = launch_info_from_environment();
  const bool writes = launch.rank == 0;
  std::vector<Cell> cells = folder.cells();
  ExperimentResult result;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    Cell& cell = cells[i];
    if (cell.state == CellState::Finished) {
      ++result.finished;
      continue;
    }
    if (stop.stop_requested()) {
      result.cancelled = true;
      ++result.remaining;
      continue;
    }
    const RunFolder run(cell.config.run.out_dir);
    const bool resume = run.has_checkpoint(Checkpoint::Last);
    observer.on_message("cell " + std::to_string(i + 1) + "/" + std::to_string(cells.size()) + " " + cell.id + ": " +
                        (resume ? "resuming" : "starting"));
    cell.state = CellState::Running;
    observer.on_cell_started(cell, i, cells.size());
    RunResult r = detail::train_in_launch(cell.config, observer, stop, resume ? run.dir() : std::string(), launch);
    ++launch.group;  // the next cell meets in a group of its own
    if (r.status == RunStatus::Succeeded) {
      if (writes) folder.clear_failure(cell.id);
      cell.state = CellState::Finished;
      cell.error.clear();
      ++result.finished;
    } else if (r.status == RunStatus::Cancelled) {
      cell.state = run.has_checkpoint(Checkpoint::Last) ? CellState::Interrupted : CellState::Pending;
      result.cancelled = true;
      ++result.remaining;
    } else {
      r.message = "cell " + cell.id + ": " + r.message;
      cell.state = CellState::Failed;
      cell.error = r.message;
      ++result.failed;
      if (writes) {
        try {
          folder.record_failure(cell.id, r.message);
        } catch (const std::exception& e) {  // a full disk: say so, go on
          observer.on_message("cell " + cell.id + ": cannot record its failure: " + e.what());
        }
      }
    }
    observer.on_cell_finished(cell, r);
  }
  return result;
}

}  // namespace aia
