#include "aia/metrics/metrics.h"

#include "aia/errors.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

LabelMatrix select_images(const LabelMatrix& m, const std::vector<std::size_t>& images) {
  std::vector<double> scores, targets;
  scores.reserve(images.size() * m.labels());
  targets.reserve(images.size() * m.labels());
  for (const std::size_t i : images) {
    if (i >= m.images()) throw InputError("select_images: image " + std::to_string(i) + " is out of range");
    for (std::size_t j = 0; j < m.labels(); ++j) {
      scores.push_back(m.score(i, j));
      targets.push_back(m.target(i, j) ? 1.0 : 0.0);
    }
  }
  return LabelMatrix(images.size(), m.labels(), scores, targets);
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

LabelRow label_row(const LabelCounts& c, double threshold) {
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

namespace {

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
  m.per_class_f1 =
      2 * m.per_class_precision * m.per_class_recall / (m.per_class_precision + m.per_class_recall + kMetricEps);
  m.per_image_precision = static_cast<double>(tp) / (static_cast<double>(predicted) + kMetricEps);
  m.per_image_recall = static_cast<double>(tp) / (static_cast<double>(truth) + kMetricEps);
  m.per_image_f1 =
      2 * m.per_image_precision * m.per_image_recall / (m.per_image_precision + m.per_image_recall + kMetricEps);
  return m;
}

}  // namespace

Metrics summarize(const std::vector<LabelCounts>& counts, const std::vector<double>& thresholds) {
  Metrics m = aggregate(counts);
  m.per_label.reserve(counts.size());
  for (std::size_t j = 0; j < counts.size(); ++j) m.per_label.push_back(label_row(counts[j], thresholds[j]));
  return m;
}

namespace {

// Sorts non-negative doubles by their bit patterns (which order like the
// values for x >= 0): LSD radix sort, 8 bits a pass, skipping the passes where
// every key has the same byte (most of them for scores in [0, 1]). About 5x
// faster than std::sort at a few thousand scores; falls back to std::sort for
// anything negative or NaN.
void sort_scores(std::vector<double>& v) {
  const std::size_t n = v.size();
  if (n < 64) {
    std::sort(v.begin(), v.end());
    return;
  }
  std::vector<std::uint64_t> keys(n), tmp(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!(v[i] >= 0.0)) {
      std::sort(v.begin(), v.end());
      return;
    }
    std::memcpy(&keys[i], &v[i], sizeof(double));
  }
  for (int shift = 0; shift < 64; shift += 8) {
    std::size_t count[257] = {};
    for (auto k : keys) ++count[((k >> shift) & 0xff) + 1];
    if (count[((keys[0] >> shift) & 0xff) + 1] == n) continue;  // constant byte
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (auto k : keys) tmp[count[(k >> shift) & 0xff]++] = k;
    keys.swap(tmp);
  }
  for (std::size_t i = 0; i < n; ++i) std::memcpy(&v[i], &keys[i], sizeof(double));
}

}  // namespace

SortedLabel::SortedLabel(const LabelMatrix& m, std::size_t label) {
  const double* s = m.scores(label);
  const std::uint8_t* t = m.targets(label);
  std::size_t n_pos = 0;
  for (std::size_t i = 0; i < m.images(); ++i) n_pos += t[i];
  positives.reserve(n_pos);
  negatives.reserve(m.images() - n_pos);
  for (std::size_t i = 0; i < m.images(); ++i) (t[i] ? positives : negatives).push_back(s[i]);
  sort_scores(positives);
  sort_scores(negatives);
}

double average_precision(const LabelMatrix& m, std::size_t label) { return average_precision(SortedLabel(m, label)); }

double average_precision(const SortedLabel& sorted) {
  const auto& pos = sorted.positives;
  const auto& neg = sorted.negatives;
  if (pos.empty()) return std::numeric_limits<double>::quiet_NaN();
  // Walk distinct scores downwards.
  std::size_t p = pos.size(), q = neg.size();  // items not yet predicted: [0, p) and [0, q)
  double ap = 0;
  const double total = static_cast<double>(pos.size());
  const double ninf = -std::numeric_limits<double>::infinity();
  while (p > 0) {
    const double value = std::max(pos[p - 1], q > 0 ? neg[q - 1] : ninf);
    std::size_t hits = 0;
    for (; p > 0 && pos[p - 1] == value; --p) ++hits;
    for (; q > 0 && neg[q - 1] == value; --q) {
    }
    if (hits) {
      const double tp = static_cast<double>(pos.size() - p);
      const double predicted = tp + static_cast<double>(neg.size() - q);
      ap += (static_cast<double>(hits) / total) * (tp / predicted);
    }
  }
  return ap;
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
    : thresholds_(std::move(thresholds)), counts_(m.labels()) {
  if (thresholds_.size() != m.labels())
    throw InputError("expected " + std::to_string(m.labels()) + " thresholds, got " +
                     std::to_string(thresholds_.size()));
  sorted_.reserve(m.labels());
  double ap_sum = 0;
  std::size_t ap_labels = 0;
  for (std::size_t j = 0; j < m.labels(); ++j) {
    sorted_.emplace_back(m, j);
    counts_[j] = count(j, thresholds_[j]);
    const double ap = average_precision(sorted_.back());
    if (!std::isnan(ap)) {
      ap_sum += ap;
      ++ap_labels;
    }
  }
  map_ = ap_labels ? ap_sum / static_cast<double>(ap_labels) : 0.0;
}

LabelCounts IncrementalMetrics::count(std::size_t label, double threshold) const {
  return count_sorted(sorted_[label], threshold);
}

LabelCounts count_sorted(const SortedLabel& s, double threshold) {
  // Number of sorted values strictly above the threshold.
  auto above = [threshold](const std::vector<double>& v) {
    auto it = std::upper_bound(v.begin(), v.end(), threshold);
    return static_cast<std::int64_t>(v.end() - it);
  };
  LabelCounts c;
  c.tp = above(s.positives);
  c.fp = above(s.negatives);
  c.fn = static_cast<std::int64_t>(s.positives.size()) - c.tp;
  c.tn = static_cast<std::int64_t>(s.negatives.size()) - c.fp;
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

std::vector<LabelRow> label_curve(const SortedLabel& label, const std::vector<double>& thresholds) {
  std::vector<LabelRow> rows;
  rows.reserve(thresholds.size());
  for (double t : thresholds) rows.push_back(label_row(count_sorted(label, t), t));
  return rows;
}

std::vector<Metrics> global_curve(const std::vector<SortedLabel>& labels, const std::vector<double>& thresholds) {
  std::vector<Metrics> out;
  out.reserve(thresholds.size());
  std::vector<LabelCounts> counts(labels.size());
  for (double t : thresholds) {
    for (std::size_t j = 0; j < labels.size(); ++j) counts[j] = count_sorted(labels[j], t);
    Metrics m = summarize(counts, std::vector<double>(labels.size(), t));
    m.per_label.clear();
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace aia
