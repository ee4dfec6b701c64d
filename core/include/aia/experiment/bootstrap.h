#pragma once
// The paired bootstrap over test images (Koehn 2004; the p-value as
// sacreBLEU's paired bootstrap computes it). Per-class F1 and N+ do not split
// into per-image parts, so each image keeps its per-label outcomes (true
// positive, false positive, missed) and every resample re-adds them; the
// metrics of a resample are then aia::summarize's, the code `aia metrics`
// uses. Plain std types.

#include "aia/metrics/metrics.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace aia {

// A model's per-image, per-label outcomes at fixed thresholds, sparse: only
// true positives, false positives and misses are kept (true negatives follow).
class ImageOutcomes {
 public:
  ImageOutcomes() = default;
  ImageOutcomes(const LabelMatrix& m, const std::vector<double>& thresholds);
  std::size_t images() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  std::size_t labels() const { return labels_; }
  // Per-label counts with image i counted weights[i] times (empty: once each).
  std::vector<LabelCounts> totals(const std::vector<std::uint32_t>& weights = {}) const;

 private:
  std::size_t labels_ = 0;
  std::vector<std::uint32_t> offsets_;  // images + 1
  std::vector<std::uint32_t> entries_;  // label * 4 + kind (0 TP, 1 FP, 2 FN)
};

struct BootstrapOptions {
  int resamples = 2000;
  std::uint64_t seed = 12345;
  double confidence = 0.95;
};

// The three statistics compared: per-class F1, per-image F1, N+.
enum class BootstrapMetric { PerClassF1, PerImageF1, NPlus };
constexpr std::array<BootstrapMetric, 3> kBootstrapMetrics = {BootstrapMetric::PerClassF1, BootstrapMetric::PerImageF1,
                                                              BootstrapMetric::NPlus};
std::string to_string(BootstrapMetric metric);  // "per-class F1", "per-image F1", "N+"
double metric_value(const Metrics& m, BootstrapMetric metric);

struct BootstrapStat {
  double observed = 0;  // mean over pairs of (a - b) on the whole test set
  double low = 0;       // percentile interval of the resampled difference
  double high = 0;
  double p_value = 1;            // two-sided, from the same resamples as the interval, see below
  std::vector<double> per_pair;  // the observed difference of each pair (seed)
  double a_low = 0, a_high = 0;  // percentile intervals of a's and b's own (pair-averaged) value
  double b_low = 0, b_high = 0;
  bool distinguishable() const { return low > 0 || high < 0; }  // the interval excludes 0
};

// a[k] and b[k] are one pair (the two models of seed k) on the same images.
// Every resample draws the same images for every pair and both models; a
// resample's statistic is the pair-averaged difference a - b. The interval
// holds the central `confidence` of the resampled differences (sorted,
// indices floor(n (1 - confidence) / 2) and n - 1 - that, as sacreBLEU).
// p-value: the interval inverted, 2 min(#{d_r <= 0}, #{d_r >= 0}) / n over
// the resampled differences d_r (at least 1 / n): the smallest 1 - confidence
// at which the percentile interval would exclude 0. So p <= 1 - confidence
// exactly when this interval excludes 0, and the verdict and the p-value
// always agree (sacreBLEU's centred count could say p = 0.0005 of an interval
// that touches 0, as integer N+ often does). An observed difference of exactly
// 0 gets p = 1.
// Throws InputError when the pairs do not share their images and labels.
std::array<BootstrapStat, 3> paired_bootstrap(const std::vector<ImageOutcomes>& a, const std::vector<ImageOutcomes>& b,
                                              const BootstrapOptions& options);

}  // namespace aia
