#include "aia/metrics.h"

#include "aia/errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace aia {

LabelMatrix::LabelMatrix(std::size_t images, std::size_t labels, const std::vector<double>& scores,
                         const std::vector<double>& targets)
    : images_(images), labels_(labels), scores_(images * labels), targets_(images * labels) {
  if (scores.size() != images * labels || targets.size() != images * labels)
    throw InputError("LabelMatrix: expected " + std::to_string(images * labels) + " scores and targets, got " +
                     std::to_string(scores.size()) + " and " + std::to_string(targets.size()));
  for (std::size_t i = 0; i < images; ++i)
    for (std::size_t j = 0; j < labels; ++j) {
      scores_[j * images + i] = scores[i * labels + j];
      targets_[j * images + i] = targets[i * labels + j] > 0.5 ? 1 : 0;
    }
}

LabelMatrix::LabelMatrix(const ScoreTable& scores, const ScoreTable& targets)
    : LabelMatrix(scores.rows(), scores.cols(), scores.values, targets.values) {
  if (scores.labels != targets.labels || scores.images != targets.images)
    throw InputError("scores and targets are not aligned (same images and labels in the same order)");
}

double mcc(const LabelCounts& c) {
  const double tp = static_cast<double>(c.tp), fp = static_cast<double>(c.fp);
  const double fn = static_cast<double>(c.fn), tn = static_cast<double>(c.tn);
  const double denominator = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
  if (denominator <= 0) return 0.0;
  return (tp * tn - fp * fn) / std::sqrt(denominator);
}

LabelCounts count_label(const LabelMatrix& m, std::size_t label, double threshold) {
  const double* s = m.scores(label);
  const std::uint8_t* t = m.targets(label);
  std::int64_t tp = 0, predicted = 0, truth = 0;
  for (std::size_t i = 0; i < m.images(); ++i) {
    const bool p = s[i] > threshold;
    predicted += p;
    truth += t[i];
    tp += p & (t[i] != 0);
  }
  LabelCounts c;
  c.tp = tp;
  c.fp = predicted - tp;
  c.fn = truth - tp;
  c.tn = static_cast<std::int64_t>(m.images()) - predicted - c.fn;
  return c;
}

namespace {

LabelRow make_row(const LabelCounts& c, double threshold) {
  LabelRow row;
  row.tp = c.tp;
  row.fp = c.fp;
  row.fn = c.fn;
  row.support = c.support();
  row.threshold = threshold;
  row.precision = c.tp + c.fp > 0 ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fp) : 0.0;
  row.recall = c.tp + c.fn > 0 ? static_cast<double>(c.tp) / static_cast<double>(c.tp + c.fn) : 0.0;
  row.f1 = row.precision + row.recall > 0 ? 2 * row.precision * row.recall / (row.precision + row.recall) : 0.0;
  row.mcc = mcc(c);
  return row;
}

Metrics aggregate(const std::vector<LabelCounts>& counts) {
  Metrics m;
  double sum_p = 0, sum_r = 0;
  std::int64_t tp = 0, predicted = 0, truth = 0;
  for (const auto& c : counts) {
    sum_p += static_cast<double>(c.tp) / (static_cast<double>(c.tp + c.fp) + kMetricEps);
    sum_r += static_cast<double>(c.tp) / (static_cast<double>(c.tp + c.fn) + kMetricEps);
    tp += c.tp;
    predicted += c.tp + c.fp;
    truth += c.tp + c.fn;
    m.n_plus += c.tp > 0;
  }
  const double labels = counts.empty() ? 1.0 : static_cast<double>(counts.size());
  m.per_class_precision = sum_p / labels;
  m.per_class_recall = sum_r / labels;
  m.per_class_f1 = 2 * m.per_class_precision * m.per_class_recall /
                   (m.per_class_precision + m.per_class_recall + kMetricEps);
  m.per_image_precision = static_cast<double>(tp) / (static_cast<double>(predicted) + kMetricEps);
  m.per_image_recall = static_cast<double>(tp) / (static_cast<double>(truth) + kMetricEps);
  m.per_image_f1 = 2 * m.per_image_precision * m.per_image_recall /
                   (m.per_image_precision + m.per_image_recall + kMetricEps);
  return m;
}

}  // namespace

Metrics summarize(const std::vector<LabelCounts>& counts, const std::vector<double>& thresholds) {
  Metrics m = aggregate(counts);
  m.per_label.reserve(counts.size());
  for (std::size_t j = 0; j < counts.size(); ++j) m.per_label.push_back(make_row(counts[j], thresholds[j]));
  return m;
}

double average_precision(const LabelMatrix& m, std::size_t label) {
  const double* s = m.scores(label);
  const std::uint8_t* t = m.targets(label);
  std::vector<std::uint32_t> order(m.images());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [s](std::uint32_t a, std::uint32_t b) { return s[a] > s[b]; });
  double sum = 0;
  std::int64_t hits = 0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    if (t[order[rank]]) {
      ++hits;
      sum += static_cast<double>(hits) / static_cast<double>(rank + 1);
    }
  }
  return hits ? sum / static_cast<double>(hits) : std::numeric_limits<double>::quiet_NaN();
}

double mean_average_precision(const LabelMatrix& m) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t j = 0; j < m.labels(); ++j) {
    double ap = average_precision(m, j);
    if (!std::isnan(ap)) {
      sum += ap;
      ++n;
    }
  }
  return n ? sum / static_cast<double>(n) : 0.0;
}

Metrics compute_metrics(const LabelMatrix& m, const std::vector<double>& thresholds) {
  if (thresholds.size() != m.labels())
    throw InputError("expected " + std::to_string(m.labels()) + " thresholds, got " +
                     std::to_string(thresholds.size()));
  std::vector<LabelCounts> counts(m.labels());
  for (std::size_t j = 0; j < m.labels(); ++j) counts[j] = count_label(m, j, thresholds[j]);
  Metrics metrics = summarize(counts, thresholds);
  metrics.map = mean_average_precision(m);
  return metrics;
}

IncrementalMetrics::IncrementalMetrics(const LabelMatrix& m, std::vector<double> thresholds)
    : images_(m.images()), positives_(m.labels()), negatives_(m.labels()), thresholds_(std::move(thresholds)),
      counts_(m.labels()) {
  if (thresholds_.size() != m.labels())
    throw InputError("expected " + std::to_string(m.labels()) + " thresholds, got " +
                     std::to_string(thresholds_.size()));
  for (std::size_t j = 0; j < m.labels(); ++j) {
    const double* s = m.scores(j);
    const std::uint8_t* t = m.targets(j);
    for (std::size_t i = 0; i < m.images(); ++i) (t[i] ? positives_[j] : negatives_[j]).push_back(s[i]);
    std::sort(positives_[j].begin(), positives_[j].end());
    std::sort(negatives_[j].begin(), negatives_[j].end());
    counts_[j] = count(j, thresholds_[j]);
  }
  map_ = mean_average_precision(m);
}

LabelCounts IncrementalMetrics::count(std::size_t label, double threshold) const {
  // Number of sorted values strictly above the threshold.
  auto above = [threshold](const std::vector<double>& v) {
    auto it = std::upper_bound(v.begin(), v.end(), threshold);
    return static_cast<std::int64_t>(v.end() - it);
  };
  LabelCounts c;
  c.tp = above(positives_[label]);
  c.fp = above(negatives_[label]);
  c.fn = static_cast<std::int64_t>(positives_[label].size()) - c.tp;
  c.tn = static_cast<std::int64_t>(negatives_[label].size()) - c.fp;
  return c;
}

void IncrementalMetrics::set_threshold(std::size_t label, double threshold) {
  thresholds_.at(label) = threshold;
  counts_[label] = count(label, threshold);
}

Metrics IncrementalMetrics::summary() const {
  Metrics m = aggregate(counts_);
  m.map = map_;
  return m;
}

Metrics IncrementalMetrics::metrics() const {
  Metrics m = summarize(counts_, thresholds_);
  m.map = map_;
  return m;
}

}  // namespace aia
