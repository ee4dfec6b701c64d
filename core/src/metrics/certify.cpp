// Certified thresholds: exact binomial p-values, Holm over a fixed grid.

#include "aia/metrics/certify.h"

#include "aia/errors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numeric>

namespace aia {
namespace {

// The continued fraction of the incomplete beta function (modified Lentz),
// for x < (a + 1) / (a + b + 2), where it converges fast.
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::abs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    for (int odd = 0; odd < 2; ++odd) {
      const double coefficient = odd ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                                     : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 + coefficient * d;
      if (std::abs(d) < tiny) d = tiny;
      c = 1 + coefficient / c;
      if (std::abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
      if (odd && std::abs(d * c - 1) < 1e-15) return h;
    }
  }
  return h;
}

// The regularized incomplete beta function I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

// Holm's step-down: which of the hypotheses are rejected at family-wise level delta.
std::vector<bool> holm(const std::vector<double>& p_values, double delta) {
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
  std::vector<bool> rejected(p_values.size(), false);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (p_values[order[i]] > delta / static_cast<double>(order.size() - i)) break;
    rejected[order[i]] = true;
  }
  return rejected;
}

std::int64_t count_above(const std::vector<double>& sorted, double t) {
  return static_cast<std::int64_t>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), t));
}

void check(const CertifyOptions& o) {
  if (!(o.target > 0 && o.target < 1)) throw ConfigError("the certified target must be in (0, 1)");
  if (!(o.delta > 0 && o.delta < 1)) throw ConfigError("the certified risk delta must be in (0, 1)");
}

// The smallest number of calibration images on a side that could certify the
// target even if every one of them were right.
std::int64_t needed(const CertifyOptions& o) {
  const double level = o.delta / static_cast<double>(certify_grid().size());
  return static_cast<std::int64_t>(std::ceil(std::log(level) / std::log(o.target) - 1e-9));
}

// One side: for each grid threshold, `decided` images and `correct` among
// them; certify by Holm, pick by `lowest` (accept side) or highest (reject side).
Certified certify_side(const std::vector<std::int64_t>& decided, const std::vector<std::int64_t>& correct,
                       const CertifyOptions& o, bool lowest, std::int64_t available, const char* what) {
  check(o);
  const auto& grid = certify_grid();
  std::vector<double> p(grid.size());
  for (std::size_t g = 0; g < grid.size(); ++g) p[g] = binomial_upper_tail(decided[g], correct[g], o.target);
  const std::vector<bool> rejected = holm(p, o.delta);
  Certified out;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const std::size_t g = lowest ? i : grid.size() - 1 - i;
    if (!rejected[g]) continue;
    out.certified = true;
    out.threshold = grid[g];
    out.decided = decided[g];
    out.correct = correct[g];
    out.lower_bound = clopper_pearson_lower(decided[g], correct[g], o.delta / static_cast<double>(grid.size()));
    return out;
  }
  const std::int64_t need = needed(o);
  if (available < need) {
    out.reason = std::to_string(available) + " " + what + "; at least " + std::to_string(need) + " needed";
  } else {
    std::size_t best = 0;
    for (std::size_t g = 1; g < grid.size(); ++g)
      if (p[g] < p[best]) best = g;
    char text[160];
    std::snprintf(text, sizeof text, "not shown at any threshold (closest: %lld of %lld right at %.2f)",
                  static_cast<long long>(correct[best]), static_cast<long long>(decided[best]), grid[best]);
    out.reason = text;
  }
  return out;
}

}  // namespace

bool is_precision_spec(const std::string& text) { return text.rfind("precision:", 0) == 0; }

CertifyOptions parse_precision_spec(const std::string& text) {
  auto fail = [&] {
    return ConfigError(
        "thresholds: '" + text +
        "' is not precision:P or precision:P@DELTA with P and DELTA in (0, 1) (e.g. precision:0.95@0.1)");
  };
  if (!is_precision_spec(text)) throw fail();
  const std::string rest = text.substr(10);
  const auto at = rest.find('@');
  auto number = [&](const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || !end || *end != '\0' || !(v > 0 && v < 1)) throw fail();
    return v;
  };
  CertifyOptions o;
  o.target = number(rest.substr(0, at));
  if (at != std::string::npos) o.delta = number(rest.substr(at + 1));
  return o;
}

std::string to_string(const CertifyOptions& o) {
  char text[64];
  std::snprintf(text, sizeof text, "precision:%g@%g", o.target, o.delta);
  return text;
}

const std::vector<double>& certify_grid() {
  static const std::vector<double> grid = [] {
    std::vector<double> g;
    for (int i = 1; i <= 19; ++i) g.push_back(i / 20.0);
    return g;
  }();
  return grid;
}

double binomial_upper_tail(std::int64_t n, std::int64_t k, double p) {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incomplete_beta(static_cast<double>(k), static_cast<double>(n - k + 1), p);
}

double clopper_pearson_lower(std::int64_t n, std::int64_t k, double alpha) {
  if (n <= 0 || k <= 0) return 0;
  // The p at which P(Binomial(n, p) >= k) = alpha; the tail grows with p.
  double low = 0, high = 1;
  for (int i = 0; i < 100; ++i) {
    const double mid = (low + high) / 2;
    (binomial_upper_tail(n, k, mid) > alpha ? high : low) = mid;
  }
  return low;
}

Certified certify_precision(const SortedLabel& label, const CertifyOptions& options) {
  const auto& grid = certify_grid();
  std::vector<std::int64_t> decided(grid.size()), correct(grid.size());
  for (std::size_t g = 0; g < grid.size(); ++g) {
    correct[g] = count_above(label.positives, grid[g]);
    decided[g] = correct[g] + count_above(label.negatives, grid[g]);
  }
  return certify_side(decided, correct, options, true, static_cast<std::int64_t>(label.positives.size()), "positives");
}

Certified certify_absence(const SortedLabel& label, const CertifyOptions& options) {
  const auto& grid = certify_grid();
  const auto positives = static_cast<std::int64_t>(label.positives.size());
  const auto negatives = static_cast<std::int64_t>(label.negatives.size());
  std::vector<std::int64_t> decided(grid.size()), correct(grid.size());
  for (std::size_t g = 0; g < grid.size(); ++g) {
    correct[g] = negatives - count_above(label.negatives, grid[g]);
    decided[g] = correct[g] + positives - count_above(label.positives, grid[g]);
  }
  return certify_side(decided, correct, options, false, negatives, "negatives");
}

std::vector<double> certified_thresholds(const LabelMatrix& m, const CertifyOptions& options,
                                         std::vector<Certified>* details) {
  std::vector<double> thresholds;
  if (details) details->clear();
  for (std::size_t j = 0; j < m.labels(); ++j) {
    const Certified c = certify_precision(SortedLabel(m, j), options);
    thresholds.push_back(c.certified ? c.threshold : std::numeric_limits<double>::quiet_NaN());
    if (details) details->push_back(c);
  }
  return thresholds;
}

bool in_calibration_half(const std::string& image) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (const unsigned char c : image) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h % 2 == 0;
}

bool has_both_halves(const std::vector<std::string>& images) {
  std::size_t calibration = 0;
  for (const auto& image : images) calibration += in_calibration_half(image) ? 1 : 0;
  return calibration > 0 && calibration < images.size();
}

HeldOutCertification certify_held_out(const LabelMatrix& m, const std::vector<std::string>& images,
                                      const CertifyOptions& options) {
  if (images.size() != m.images())
    throw InputError("certify_held_out: " + std::to_string(images.size()) + " image names for " +
                     std::to_string(m.images()) + " images");
  HeldOutCertification h;
  h.options = options;
  for (std::size_t i = 0; i < images.size(); ++i)
    (in_calibration_half(images[i]) ? h.calibration : h.evaluation).push_back(i);
  if (h.calibration.empty() || h.evaluation.empty())
    throw InputError("certify_held_out: " + std::to_string(images.size()) +
                     " images do not make a calibration half and an evaluation half");
  h.thresholds = certified_thresholds(select_images(m, h.calibration), options, &h.details);
  const LabelMatrix evaluation = select_images(m, h.evaluation);
  for (std::size_t j = 0; j < m.labels(); ++j) {
    if (!h.details[j].certified) continue;
    ++h.labels_certified;
    const LabelCounts c = count_label(evaluation, j, h.thresholds[j]);
    if (c.tp + c.fp == 0) continue;
    ++h.labels_tagging;
    if (static_cast<double>(c.tp) >= options.target * static_cast<double>(c.tp + c.fp)) ++h.labels_meeting_target;
  }
  return h;
}

}  // namespace aia
