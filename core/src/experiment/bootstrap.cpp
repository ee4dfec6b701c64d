#include "aia/experiment/bootstrap.h"

#include "aia/errors.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

namespace aia {

ImageOutcomes::ImageOutcomes(const LabelMatrix& m, const std::vector<double>& thresholds) : labels_(m.labels()) {
  offsets_.reserve(m.images() + 1);
  offsets_.push_back(0);
  for (std::size_t i = 0; i < m.images(); ++i) {
    for (std::size_t j = 0; j < m.labels(); ++j) {
      const bool predicted = m.score(i, j) > thresholds[j];
      const bool truth = m.target(i, j);
      if (predicted && truth) entries_.push_back(static_cast<std::uint32_t>(j * 4 + 0));
      if (predicted && !truth) entries_.push_back(static_cast<std::uint32_t>(j * 4 + 1));
      if (!predicted && truth) entries_.push_back(static_cast<std::uint32_t>(j * 4 + 2));
    }
    offsets_.push_back(static_cast<std::uint32_t>(entries_.size()));
  }
}

std::vector<LabelCounts> ImageOutcomes::totals(const std::vector<std::uint32_t>& weights) const {
  std::vector<LabelCounts> counts(labels_);
  std::int64_t drawn = 0;
  for (std::size_t i = 0; i < images(); ++i) {
    const std::int64_t w = weights.empty() ? 1 : weights[i];
    drawn += w;
    if (w == 0) continue;
    for (std::uint32_t e = offsets_[i]; e < offsets_[i + 1]; ++e) {
      LabelCounts& c = counts[entries_[e] / 4];
      switch (entries_[e] % 4) {
        case 0:
          c.tp += w;
          break;
        case 1:
          c.fp += w;
          break;
        default:
          c.fn += w;
      }
    }
  }
  for (auto& c : counts) c.tn = drawn - c.tp - c.fp - c.fn;
  return counts;
}

std::string to_string(BootstrapMetric metric) {
  switch (metric) {
    case BootstrapMetric::PerClassF1:
      return "per-class F1";
    case BootstrapMetric::PerImageF1:
      return "per-image F1";
    case BootstrapMetric::NPlus:
      return "N+";
  }
  return "";
}

double metric_value(const Metrics& m, BootstrapMetric metric) {
  switch (metric) {
    case BootstrapMetric::PerClassF1:
      return m.per_class_f1;
    case BootstrapMetric::PerImageF1:
      return m.per_image_f1;
    case BootstrapMetric::NPlus:
      return m.n_plus;
  }
  return 0;
}

namespace {

std::array<double, 3> values(const ImageOutcomes& o, const std::vector<std::uint32_t>& weights) {
  const auto counts = o.totals(weights);
  const Metrics m = summarize(counts, std::vector<double>(counts.size(), 0.5));
  std::array<double, 3> v{};
  for (std::size_t k = 0; k < 3; ++k) v[k] = metric_value(m, kBootstrapMetrics[k]);
  return v;
}

std::pair<double, double> interval(std::vector<double> samples, double confidence) {
  std::sort(samples.begin(), samples.end());
  const auto n = samples.size();
  const auto lower = static_cast<std::size_t>(std::floor(static_cast<double>(n) * (1 - confidence) / 2));
  return {samples[lower], samples[n - 1 - lower]};
}

}  // namespace

std::array<BootstrapStat, 3> paired_bootstrap(const std::vector<ImageOutcomes>& a, const std::vector<ImageOutcomes>& b,
                                              const BootstrapOptions& options) {
  if (a.empty() || a.size() != b.size()) throw InputError("paired bootstrap: the two sides need the same pairs");
  const std::size_t images = a[0].images();
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].images() != images || b[k].images() != images || a[k].labels() != a[0].labels() ||
        b[k].labels() != a[0].labels())
      throw InputError("paired bootstrap: pair " + std::to_string(k + 1) + " has other images or labels");
  if (images == 0) throw InputError("paired bootstrap: no test image");
  if (options.resamples < 1) throw ConfigError("paired bootstrap: resamples must be >= 1");
  if (!(options.confidence > 0 && options.confidence < 1)) throw ConfigError("paired bootstrap: confidence in (0, 1)");

  const double pairs = static_cast<double>(a.size());
  std::array<BootstrapStat, 3> stats;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const auto va = values(a[k], {}), vb = values(b[k], {});
    for (std::size_t m = 0; m < 3; ++m) {
      stats[m].per_pair.push_back(va[m] - vb[m]);
      stats[m].observed += (va[m] - vb[m]) / pairs;
    }
  }

  const auto n = static_cast<std::size_t>(options.resamples);
  std::array<std::vector<double>, 3> diffs, sa, sb;
  std::mt19937_64 rng(options.seed);
  std::vector<std::uint32_t> weights(images);
  for (std::size_t r = 0; r < n; ++r) {
    std::fill(weights.begin(), weights.end(), 0);
    // rng() % images: the modulo bias is below images / 2^64.
    for (std::size_t i = 0; i < images; ++i) ++weights[rng() % images];
    std::array<double, 3> da{}, db{};
    for (std::size_t k = 0; k < a.size(); ++k) {
      const auto va = values(a[k], weights), vb = values(b[k], weights);
      for (std::size_t m = 0; m < 3; ++m) {
        da[m] += va[m] / pairs;
        db[m] += vb[m] / pairs;
      }
    }
    for (std::size_t m = 0; m < 3; ++m) {
      diffs[m].push_back(da[m] - db[m]);
      sa[m].push_back(da[m]);
      sb[m].push_back(db[m]);
    }
  }
  for (std::size_t m = 0; m < 3; ++m) {
    BootstrapStat& s = stats[m];
    std::tie(s.low, s.high) = interval(diffs[m], options.confidence);
    std::tie(s.a_low, s.a_high) = interval(sa[m], options.confidence);
    std::tie(s.b_low, s.b_high) = interval(sb[m], options.confidence);
    // The percentile interval inverted: twice the share of resampled
    // differences on the far side of 0 (ties with 0 count on both sides), at
    // least one resample's worth. It is <= 1 - confidence exactly when the
    // interval excludes 0, so the verdict and the p-value never disagree.
    std::size_t at_most_zero = 0, at_least_zero = 0;
    for (double d : diffs[m]) {
      at_most_zero += d <= 0 ? 1 : 0;
      at_least_zero += d >= 0 ? 1 : 0;
    }
    const double far = static_cast<double>(std::max<std::size_t>(1, 2 * std::min(at_most_zero, at_least_zero)));
    // No observed difference is nothing to attribute to chance: p = 1.
    s.p_value = s.observed == 0 ? 1.0 : std::min(1.0, far / static_cast<double>(n));
  }
  return stats;
}

}  // namespace aia
