#pragma once
// What the Browse and Thresholds pages show of a finished run: its test
// scores and targets, the thresholds it chose on the training split, and where
// its images are (all read through aia::RunFolder). No re-inference.

#include "aia/io/score_table.h"
#include "aia/metrics/metrics.h"

#include <QString>

#include <memory>

namespace aia::ui {

struct RunData {
  QString dir;
  QString imagesDir;
  bool attentionHead = false;  // the follow-up's head: its heatmaps are its attention, not CAM
  aia::ScoreTable scores, targets;
  aia::LabelMatrix matrix;
  std::vector<double> grid, exactMcc, exactF1;  // chosen on the training split (0.5 where missing)
  // Each label's scores sorted by target, on the test split and (when the run
  // kept them) the training split: what the Thresholds page's curves read.
  std::vector<aia::SortedLabel> testSorted, trainSorted;

  // Throws aia::Error naming the file that is missing or malformed.
  static std::shared_ptr<const RunData> load(const QString& dir);
};

}  // namespace aia::ui
