#pragma once
// A training run is a folder anyone can read. This is the one place that
// knows its layout; everything else asks a RunFolder for paths and contents:
//   config.json       the TrainConfig
//   run.json          what inference needs: backbone, image size, vocabulary, normalisation
//   metrics.jsonl     a line per epoch
//   log.txt           what the observer was told
//   checkpoints/best.safetensors   model weights with the best per-class F1 on the selection split
//   checkpoints/last.safetensors   full state (model, Adam, schedule position, epoch, batch, best)
//   thresholds.json (the paper's MCC grid on train), thresholds_mcc.json, thresholds_f1.json
//   evaluation.json   the test split under 0.5 and each threshold strategy
//   test_scores.csv, test_targets.csv   the test split's scores and ground truth, for `aia metrics`
//   train_scores.csv, train_targets.csv the training split's, where the thresholds were chosen
//                                       (runs before this version lack them)
// Plain std types.

#include "aia/io/score_table.h"
#include "aia/metrics/metrics.h"
#include "aia/metrics/thresholds.h"
#include "aia/run/run_records.h"
#include "aia/run/train_config.h"

#include <string>
#include <vector>

namespace aia {

enum class Checkpoint { Best, Last };

class RunFolder {
 public:
  explicit RunFolder(std::string dir);
  const std::string& dir() const { return dir_; }

  std::string config_path() const;
  std::string info_path() const;
  std::string metrics_log_path() const;
  std::string log_path() const;
  std::string evaluation_path() const;
  std::string checkpoints_dir() const;
  std::string checkpoint_path(Checkpoint which) const;
  std::string thresholds_path(ThresholdMethod method) const;
  std::string test_scores_path() const;
  std::string test_targets_path() const;
  std::string train_scores_path() const;
  std::string train_targets_path() const;

  bool has_checkpoint(Checkpoint which) const;
  bool has_thresholds(ThresholdMethod method) const;
  bool finished() const;  // the test scores of the last step are there
  void create() const;    // the folder and checkpoints/

  // Throws ConfigError naming the folder when run.json is missing, and the
  // file and field when it is malformed.
  RunInfo read_info() const;
  void write_info(const RunInfo& info) const;

  TrainConfig read_config() const;
  void write_config(const TrainConfig& config) const;

  // Every epoch recorded so far, in order; lines that do not parse are
  // skipped (a line cut by a crash), other problems throw InputError.
  std::vector<EpochReport> read_metrics_log() const;
  // Replaces the epoch's line if it is there (a resumed epoch), drops later ones.
  void record_epoch(const EpochReport& report) const;

  // The strategy's thresholds; throws InputError if the file is missing or bad.
  std::vector<double> read_thresholds(ThresholdMethod method, const std::vector<std::string>& labels) const;
  // The same, or 0.5 for every label where the run has not chosen them (yet).
  std::vector<double> thresholds_or_half(ThresholdMethod method, const std::vector<std::string>& labels) const;
  void write_thresholds(ThresholdMethod method, const std::vector<std::string>& labels,
                        const std::vector<double>& thresholds) const;

  Evaluation read_evaluation() const;
  void write_evaluation(const Evaluation& evaluation) const;

  // The test split's scores and targets, aligned (same images and labels in the same order).
  ScoredSplit read_test_scores() const;
  void write_test_scores(const ScoredSplit& split) const;

  // The training split's scores and targets (where strategies chose the thresholds).
  bool has_train_scores() const;
  // A run that can tag but was never evaluated here (aia import-model): a best
  // checkpoint and run.json, no test scores. Annotate and projects use it;
  // Browse and the Thresholds page need test scores.
  bool is_tagger_only() const;
  ScoredSplit read_train_scores() const;
  void write_train_scores(const ScoredSplit& split) const;

 private:
  std::string file(const char* name) const;
  std::string dir_;
};

}  // namespace aia
