#pragma once
// The paper's evaluation (docs/method.md, "Metrics"): predictions are
// score > threshold per label; per-class and per-image (pooled) precision,
// recall and F1 with eps = 1e-7 in each denominator, N+, mAP, and a per-label
// table. Plain std types: no torch, no Qt.

#include "aia/io/score_table.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aia {

// Scores and 0/1 targets of the same images x labels, stored label-major
// (column after column) because every computation here walks one label at a time.
class LabelMatrix {
 public:
  LabelMatrix() = default;
  // `scores` and `targets` are row-major images x labels. Scores are kept in
  // double so that values read from text compare with thresholds exactly as
  // written (0.6 is not > 0.6); model outputs in float convert exactly.
  LabelMatrix(std::size_t images, std::size_t labels, const std::vector<double>& scores,
              const std::vector<double>& targets);
  // From two aligned tables (see aia::align_to).
  LabelMatrix(const ScoreTable& scores, const ScoreTable& targets);

  std::size_t images() const { return images_; }
  std::size_t labels() const { return labels_; }
  const double* scores(std::size_t label) const { return scores_.data() + label * images_; }
  const std::uint8_t* targets(std::size_t label) const { return targets_.data() + label * images_; }
  double score(std::size_t image, std::size_t label) const { return scores_[label * images_ + image]; }
  bool target(std::size_t image, std::size_t label) const { return targets_[label * images_ + image] != 0; }

 private:
  std::size_t images_ = 0;
  std::size_t labels_ = 0;
  std::vector<double> scores_;
  std::vector<std::uint8_t> targets_;
};

// The rows `images` (indices into m) of m, in that order.
LabelMatrix select_images(const LabelMatrix& m, const std::vector<std::size_t>& images);

// One label's scores split by target and sorted ascending: the form every
// threshold search and the ranking metrics work on.
struct SortedLabel {
  SortedLabel(const LabelMatrix& m, std::size_t label);
  std::vector<double> positives;
  std::vector<double> negatives;
};

struct LabelCounts {
  std::int64_t tp = 0;  // predicted and true
  std::int64_t fp = 0;  // predicted, not true
  std::int64_t fn = 0;  // true, not predicted
  std::int64_t tn = 0;
  std::int64_t support() const { return tp + fn; }
};

// Matthews correlation; 0 when any marginal is empty (a constant prediction).
double mcc(const LabelCounts& c);

struct LabelRow {
  std::int64_t tp = 0, fp = 0, fn = 0, support = 0;
  double threshold = 0.5;
  double precision = 0, recall = 0, f1 = 0, mcc = 0;  // 0 where undefined
};

// One label's row of the per-label table: counts at `threshold` and the
// precision, recall, F1 and MCC they give (0 where undefined).
LabelRow label_row(const LabelCounts& counts, double threshold);

struct Metrics {
  double per_class_precision = 0;
  double per_class_recall = 0;
  double per_class_f1 = 0;
  double per_image_precision = 0;
  double per_image_recall = 0;
  double per_image_f1 = 0;
  int n_plus = 0;  // labels with at least one true positive
  double map = 0;  // mean average precision over labels with a positive
  std::vector<LabelRow> per_label;
};

constexpr double kMetricEps = 1e-7;  // the reference's denominator guard

// Counts of one label at `threshold` (prediction: score > threshold).
LabelCounts count_label(const LabelMatrix& m, std::size_t label, double threshold);
// The same from the label's sorted scores: two binary searches (what curves over thresholds use).
LabelCounts count_sorted(const SortedLabel& label, double threshold);

// A label's row at each of `thresholds` (precision-recall and F1/MCC curves).
std::vector<LabelRow> label_curve(const SortedLabel& label, const std::vector<double>& thresholds);

// The aggregates with one `threshold` for every label, at each of `thresholds`
// (per_label left empty; map 0): what a global threshold would give.
std::vector<Metrics> global_curve(const std::vector<SortedLabel>& labels, const std::vector<double>& thresholds);

// Aggregates from per-label counts (no pass over the scores); map left at 0.
Metrics summarize(const std::vector<LabelCounts>& counts, const std::vector<double>& thresholds);

// Average precision of one label: sum over distinct scores s, descending, of
// (recall(s) - recall(previous s)) * precision(s), with predictions score >= s
// (tied scores enter together, as in scikit-learn); NaN without a positive.
double average_precision(const LabelMatrix& m, std::size_t label);
double average_precision(const SortedLabel& sorted);
double mean_average_precision(const LabelMatrix& m);

// Everything, from scratch: one pass over the scores plus mAP.
Metrics compute_metrics(const LabelMatrix& m, const std::vector<double>& thresholds);

// Keeps each label's scores sorted, so that moving one label's threshold
// updates the metrics in O(log images + 1): what a threshold slider needs.
class IncrementalMetrics {
 public:
  IncrementalMetrics(const LabelMatrix& m, std::vector<double> thresholds);

  void set_threshold(std::size_t label, double threshold);
  double threshold(std::size_t label) const { return thresholds_[label]; }
  const std::vector<double>& thresholds() const { return thresholds_; }
  const LabelCounts& counts(std::size_t label) const { return counts_[label]; }
  LabelRow row(std::size_t label) const { return label_row(counts_[label], thresholds_[label]); }
  // Aggregates as compute_metrics gives them, with per_label filled and map
  // fixed at construction (it does not depend on thresholds).
  Metrics metrics() const;
  // The aggregates only (per_label left empty), in O(labels) additions.
  Metrics summary() const;

 private:
  LabelCounts count(std::size_t label, double threshold) const;

  std::vector<SortedLabel> sorted_;
  std::vector<double> thresholds_;
  std::vector<LabelCounts> counts_;
  double map_ = 0;
};

}  // namespace aia
