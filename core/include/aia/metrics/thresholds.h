#pragma once
// Per-label decision thresholds (docs/method.md, "Per-label thresholds by
// Matthews correlation coefficient"); their files in thresholds_json.h.

#include "aia/metrics/metrics.h"

#include <string>
#include <vector>

namespace aia {

enum class ThresholdMethod {
  MccGrid,  // the paper: grid 0.05..0.70 step 0.05, prediction score >= t, ties to the smallest t
  Mcc,      // exact MCC optimum over every distinct score of the label
  F1,       // exact F1 optimum over every distinct score of the label
};

// "mcc-grid", "mcc", "f1"; throws ConfigError for anything else.
ThresholdMethod parse_threshold_method(const std::string& name);
std::string to_string(ThresholdMethod method);

// The paper's grid: 0.05, 0.10, ..., 0.70 (14 values).
std::vector<double> mcc_grid();

// What the exact search maximises: MCC, or F1 for ThresholdMethod::F1.
double threshold_objective(const LabelCounts& counts, ThresholdMethod objective);

// Threshold of one label by the paper's MCC grid search.
double mcc_grid_threshold(const LabelMatrix& m, std::size_t label);

// Exact search for one label: sorts its scores once (O(n log n)) and walks
// every distinct score s, predicting "score > s" (and, first, everything).
// The returned threshold lies halfway between s and the next higher distinct
// score, so that score > t and score >= t predict the same images. Ties go to
// the smallest threshold, as in the paper's grid.
double exact_threshold(const LabelMatrix& m, std::size_t label, ThresholdMethod objective);

// One threshold per label by `method`.
std::vector<double> choose_thresholds(const LabelMatrix& m, ThresholdMethod method);

}  // namespace aia
