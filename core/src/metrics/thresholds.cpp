#include "aia/thresholds.h"

#include "aia/atomic_file.h"
#include "aia/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace aia {

ThresholdMethod parse_threshold_method(const std::string& name) {
  if (name == "mcc-grid") return ThresholdMethod::MccGrid;
  if (name == "mcc") return ThresholdMethod::Mcc;
  if (name == "f1") return ThresholdMethod::F1;
  throw ConfigError("unknown threshold method '" + name + "' (expected mcc-grid, mcc or f1)");
}

std::string to_string(ThresholdMethod method) {
  switch (method) {
    case ThresholdMethod::MccGrid: return "mcc-grid";
    case ThresholdMethod::Mcc: return "mcc";
    case ThresholdMethod::F1: return "f1";
  }
  return "?";
}

std::vector<double> mcc_grid() {
  std::vector<double> grid;
  for (int k = 1; k <= 14; ++k) grid.push_back(k / 20.0);
  return grid;
}

double mcc_grid_threshold(const LabelMatrix& m, std::size_t label) {
  std::vector<double> positives, negatives;
  const double* s = m.scores(label);
  const std::uint8_t* t = m.targets(label);
  for (std::size_t i = 0; i < m.images(); ++i) (t[i] ? positives : negatives).push_back(s[i]);
  std::sort(positives.begin(), positives.end());
  std::sort(negatives.begin(), negatives.end());
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
  const std::size_t n = m.images();
  if (n == 0) return 0.5;
  const double* s = m.scores(label);
  const std::uint8_t* t = m.targets(label);
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [s](std::uint32_t a, std::uint32_t b) { return s[a] < s[b]; });

  std::int64_t positives = 0;
  for (std::size_t i = 0; i < n; ++i) positives += t[i];
  const std::int64_t negatives = static_cast<std::int64_t>(n) - positives;

  auto score_of = [&](const LabelCounts& c) {
    if (objective == ThresholdMethod::F1) {
      const std::int64_t denominator = 2 * c.tp + c.fp + c.fn;
      return denominator ? 2.0 * static_cast<double>(c.tp) / static_cast<double>(denominator) : 0.0;
    }
    return mcc(c);
  };

  // Walk thresholds from the smallest up. Before group g (ascending distinct
  // scores), every image with score >= group value is predicted positive.
  LabelCounts c;
  c.tp = positives;
  c.fp = negatives;
  const double lowest = s[order[0]];
  double best_threshold = std::nextafter(lowest, -std::numeric_limits<double>::infinity());
  double best_value = score_of(c);
  std::size_t i = 0;
  while (i < n) {
    const double value = s[order[i]];
    // Remove this group of equal scores from the positive predictions.
    while (i < n && s[order[i]] == value) {
      if (t[order[i]]) {
        --c.tp;
        ++c.fn;
      } else {
        --c.fp;
        ++c.tn;
      }
      ++i;
    }
    // Now the predicted set is every score above `value`.
    // Halfway to the next higher score; adjacent doubles can round the
    // midpoint up onto it, then `value` itself is the right cut for score > t.
    double threshold = value;
    if (i < n) {
      threshold = 0.5 * (value + s[order[i]]);
      if (threshold >= s[order[i]]) threshold = value;
    }
    const double candidate = score_of(c);
    if (candidate > best_value) {
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

std::vector<double> read_thresholds_json(const std::string& path, const std::vector<std::string>& labels) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!doc.is_object()) throw InputError(path + ": expected a JSON object {\"label\": threshold, ...}");
  std::unordered_set<std::string> known(labels.begin(), labels.end());
  for (const auto& item : doc.items())
    if (!known.count(item.key())) throw InputError(path + ": key '" + item.key() + "' is not a label of the scores");
  std::vector<double> thresholds;
  thresholds.reserve(labels.size());
  for (const auto& label : labels) {
    auto it = doc.find(label);
    if (it == doc.end()) throw InputError(path + ": no threshold for label '" + label + "'");
    if (!it->is_number()) throw InputError(path + ": threshold of '" + label + "' is not a number");
    const double value = it->get<double>();
    if (!std::isfinite(value)) throw InputError(path + ": threshold of '" + label + "' is not finite");
    thresholds.push_back(value);
  }
  return thresholds;
}

void write_thresholds_json(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<double>& thresholds) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (std::size_t j = 0; j < labels.size(); ++j) doc[labels[j]] = thresholds.at(j);
  write_file_atomically(path, doc.dump(2) + "\n");
}

}  // namespace aia
