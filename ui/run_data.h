#pragma once
// What the Browse and Thresholds pages show of a finished run: its test
// scores and targets (test_scores.csv, test_targets.csv), the thresholds it
// chose on the training split, and where its images are. No re-inference.

#include "aia/metrics.h"
#include "aia/score_table.h"

#include <QString>

#include <memory>

namespace aia::ui {

struct RunData {
  QString dir;
  QString imagesDir;
  aia::ScoreTable scores, targets;
  aia::LabelMatrix matrix;
  std::vector<double> grid, exactMcc, exactF1;  // chosen on the training split

  // Throws aia::Error naming the file that is missing or malformed.
  static std::shared_ptr<const RunData> load(const QString& dir);
};

}  // namespace aia::ui
