// aia::train(): checks the configuration and runs a Session, turning every failure into a result.

#include "aia/training/trainer.h"

#include "aia/errors.h"
#include "aia/run/run_folder.h"
#include "aia/training/session.h"

#include <torch/torch.h>

#include <ctime>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace fs = std::filesystem;

namespace aia {

std::string default_run_dir(const TrainConfig& config, const std::string& root) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::ostringstream o;
  o << fs::path(config.data.dataset).filename().string() << "-" << config.loss.name << "-"
    << std::put_time(&tm, "%Y%m%d-%H%M%S");
  return (fs::path(root) / o.str()).string();
}

RunResult train(const TrainConfig& config, TrainObserver& observer, std::stop_token stop,
                const std::string& resume_dir) {
  LaunchInfo launch;
  try {
    launch = launch_info_from_environment();
  } catch (const std::exception& e) {
    observer.on_message(e.what());
    return RunResult{RunStatus::Failed, e.what(), "", 0, 0};
  }
  return detail::train_in_launch(config, observer, std::move(stop), resume_dir, launch);
}

RunResult detail::train_in_launch(const TrainConfig& input, TrainObserver& observer, std::stop_token stop,
                                  const std::string& resume_dir, const LaunchInfo& launch) {
  RunResult result;
  try {
    TrainConfig config = input;
    const bool resume = !resume_dir.empty();
    if (resume) {
      config = RunFolder(resume_dir).read_config();
      config.run.out_dir = resume_dir;
    }
    if (config.run.out_dir.empty()) {
      // Each rank would stamp its own time: the ranks must be told one folder.
      if (launch.distributed())
        throw ConfigError("a data-parallel run (WORLD_SIZE=" + std::to_string(launch.world_size) +
                          ") needs its run folder named, the same for every rank (run.out_dir, aia train --out)");
      config.run.out_dir = default_run_dir(config);
    }
    const auto problems = validate(config);
    if (!problems.empty()) {
      std::string msg = "invalid configuration:";
      for (const auto& p : problems) msg += "\n  " + p;
      throw ConfigError(msg);
    }
    const RunFolder folder(config.run.out_dir);
    if (resume && !folder.has_checkpoint(Checkpoint::Last))
      throw CheckpointError(resume_dir + ": nothing to resume (no " + folder.checkpoint_path(Checkpoint::Last) + ")");
    if (config.run.threads > 0) at::set_num_threads(config.run.threads);
    detail::Session session(config, observer, std::move(stop), folder, resume, launch);
    return session.run();
  } catch (const c10::Error& e) {
    result.message = std::string("torch: ") + e.what_without_backtrace();
  } catch (const std::exception& e) {
    result.message = e.what();
  }
  result.status = RunStatus::Failed;
  observer.on_message(result.message);
  return result;
}

}  // namespace aia
