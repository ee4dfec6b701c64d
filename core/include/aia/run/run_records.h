#pragma once
// What a run folder holds, as plain structs: the run's description
// (run.json), one epoch of metrics.jsonl, the evaluation after the last epoch
// (evaluation.json) and a split's scores with their targets. Plain std types.

#include "aia/data/dataset.h"
#include "aia/io/score_table.h"
#include "aia/metrics/metrics.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace aia {

struct RunInfo {
  std::string dataset;      // the dataset's name
  std::string dataset_dir;  // its folder when the run was trained
  std::string backbone;
  int image_size = 448;
  double head_dropout = 0.3;
  std::string head = "gap";  // gap | attention, with the attention head's sizes
  int attention_hidden = 1024, attention_heads = 8, attention_feedforward = 2048;
  std::vector<std::string> vocabulary;
  Normalization normalization;
  // Where the model came from when it was not trained here ("timm/tresnet_m.miil_in21k@<commit>"),
  // and whether its thresholds are uncalibrated: a published model trained
  // with softmax, not per-label sigmoid thresholds (thresholds_note says so).
  std::string source;
  bool thresholds_uncalibrated = false;

  std::string images_dir() const { return images_dir_of(dataset_dir); }
};

// What a front end says where the run opens, or "" for a run that chose its
// own thresholds: an imported model's 0.5 is a guess, and the Review page's
// certified auto-accept calibrates it on the user's photos.
std::string thresholds_note(const RunInfo& info);

struct EpochReport {
  int epoch = 0;
  double train_loss = 0;
  double val_loss = 0;       // on the selection split
  std::string split;         // the selection split: "test" (the paper) or "validation"
  Metrics metrics;           // on the selection split at threshold 0.5 (per_label empty)
  double learning_rate = 0;  // at the end of the epoch
  double images_per_second = 0;
  double seconds = 0;
  bool best = false;
  std::size_t skipped_images = 0;
};

// A certified strategy's row ("precision:0.9@0.1"): its thresholds certified
// on the calibration half of the test split, its metrics on the other half
// (aia::certify_held_out), and how many labels kept the promise there.
struct CertifiedSummary {
  std::string strategy;
  std::size_t calibration_images = 0, evaluation_images = 0;
  std::size_t labels = 0, labels_certified = 0;
  std::size_t labels_tagging = 0, labels_meeting_target = 0;
};

// The test split under each threshold strategy ("0.5", "mcc-grid", "mcc", "f1"),
// the thresholds chosen on `thresholds_chosen_on`; a certified strategy's
// metrics are on its evaluation half only (see `certified`).
struct Evaluation {
  std::string split = "test";
  std::size_t images = 0;
  std::string thresholds_chosen_on = "train";
  std::vector<std::pair<std::string, Metrics>> strategies;
  std::vector<CertifiedSummary> certified;
};

// Scores and 0/1 targets of the same images and labels, aligned.
struct ScoredSplit {
  ScoreTable scores;
  ScoreTable targets;
};

// `scores` (row-major samples x vocabulary, NaN rows for images that could not
// be decoded) of `samples` as a ScoredSplit: NaN rows dropped, targets from the
// samples' labels. `kept`, if given, receives the indices of the rows kept.
ScoredSplit make_scored_split(const std::vector<float>& scores, const std::vector<Sample>& samples,
                              const std::vector<std::string>& vocabulary, std::vector<std::size_t>* kept = nullptr);

}  // namespace aia
