#include "aia/metrics/thresholds.h"

#include "aia/errors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aia {

ThresholdMethod parse_threshold_method(const std::string& name) {
  if (name == "mcc-grid") return ThresholdMethod::MccGrid;
  if (name == "mcc") return ThresholdMethod::Mcc;
  if (name == "f1") return ThresholdMethod::F1;
  throw ConfigError("unknown threshold method '" + name + "' (expected mcc-grid, mcc or f1)");
}

std::string to_string(ThresholdMethod method) {
  switch (method) {
    case ThresholdMethod::MccGrid:
      return "mcc-grid";
    case ThresholdMethod::Mcc:
      return "mcc";
    case ThresholdMethod::F1:
      return "f1";
  }
  return "?";
}

std::vector<double> mcc_grid() {
  std::vector<double> grid;
  for (int k = 1; k <= 14; ++k) grid.push_back(k / 20.0);
  return grid;
}

double threshold_objective(const LabelCounts& c, ThresholdMethod objective) {
  if (objective == ThresholdMethod::F1) {
    const std::int64_t denominator = 2 * c.tp + c.fp + c.fn;
    return denominator ? 2.0 * static_cast<double>(c.tp) / static_cast<double>(denominator) : 0.0;
  }
  return mcc(c);
}

double mcc_grid_threshold(const LabelMatrix& m, std::size_t label) {
  const SortedLabel sorted(m, label);
  const auto& positives = sorted.positives;
  const auto& negatives = sorted.negatives;
  auto at_or_above = [](const std::vector<double>& v, double threshold) {
    auto it = std::lower_bound(v.begin(), v.end(), threshold);
    return static_cast<std::int64_t>(v.end() - it);
  };
  double best_threshold = 0, best_mcc = -2;
  for (double threshold : mcc_grid()) {
    LabelCounts c;
    c.tp = at_or_above(positives, threshold);
    c.fp = at_or_above(negatives, threshold);
    c.fn = static_cast<std::int64_t>(positives.size()) - c.tp;
    c.tn = static_cast<std::int64_t>(negatives.size()) - c.fp;
    const double value = mcc(c);
    if (value > best_mcc) {  // strict: ties keep the smaller threshold
      best_mcc = value;
      best_threshold = threshold;
    }
  }
  return best_threshold;
}

double exact_threshold(const LabelMatrix& m, std::size_t label, ThresholdMethod objective) {
  if (m.images() == 0) return 0.5;
  const SortedLabel sorted(m, label);
  const auto& pos = sorted.positives;
  const auto& neg = sorted.negatives;

  // Walk the distinct scores upwards, merging the two sorted lists. Before a
  // step everything >= the current value is predicted; the step removes the
  // images scoring exactly that value.
  LabelCounts c;
  c.tp = static_cast<std::int64_t>(pos.size());
  c.fp = static_cast<std::int64_t>(neg.size());
  const double inf = std::numeric_limits<double>::infinity();
  const double lowest = std::min(pos.empty() ? inf : pos.front(), neg.empty() ? inf : neg.front());
  double best_threshold = std::nextafter(lowest, -inf);
  double best_value = threshold_objective(c, objective);
  std::size_t p = 0, q = 0;
  while (p < pos.size() || q < neg.size()) {
    const double value = std::min(p < pos.size() ? pos[p] : inf, q < neg.size() ? neg[q] : inf);
    for (; p < pos.size() && pos[p] == value; ++p) --c.tp, ++c.fn;
    for (; q < neg.size() && neg[q] == value; ++q) --c.fp, ++c.tn;
    const double next = std::min(p < pos.size() ? pos[p] : inf, q < neg.size() ? neg[q] : inf);
    // Halfway to the next higher score; adjacent doubles can round the
    // midpoint up onto it, then `value` itself is the right cut for score > t.
    double threshold = value;
    if (next != inf) {
      threshold = 0.5 * (value + next);
      if (threshold >= next) threshold = value;
    }
    const double candidate = threshold_objective(c, objective);
    if (candidate > best_value) {  // strict: ties keep the smaller threshold
      best_value = candidate;
      best_threshold = threshold;
    }
  }
  return best_threshold;
}

std::vector<double> choose_thresholds(const LabelMatrix& m, ThresholdMethod method) {
  std::vector<double> thresholds(m.labels());
  for (std::size_t j = 0; j < m.labels(); ++j)
    thresholds[j] = method == ThresholdMethod::MccGrid ? mcc_grid_threshold(m, j) : exact_threshold(m, j, method);
  return thresholds;
}

}  // namespace aia
