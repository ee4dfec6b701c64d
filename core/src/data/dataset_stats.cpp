#include "aia/data/dataset_stats.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace aia {

LabelStatistics label_statistics(const std::vector<Sample>& samples, std::size_t vocabulary) {
  LabelStatistics s;
  s.frequency.assign(vocabulary, 0);
  for (const auto& sample : samples) {
    const std::size_t k = sample.labels.size();
    if (s.labels_per_image.size() <= k) s.labels_per_image.resize(k + 1, 0);
    ++s.labels_per_image[k];
    for (int l : sample.labels)
      if (l >= 0 && static_cast<std::size_t>(l) < vocabulary) ++s.frequency[static_cast<std::size_t>(l)];
  }
  return s;
}

CoOccurrence co_occurrence(const std::vector<Sample>& samples, std::size_t vocabulary, std::size_t top) {
  const auto frequency = label_statistics(samples, vocabulary).frequency;
  std::vector<std::size_t> order(vocabulary);
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return frequency[a] > frequency[b]; });
  order.resize(std::min(top, vocabulary));
  CoOccurrence c;
  c.labels = order;
  const std::size_t k = order.size();
  c.counts.assign(k * k, 0);
  std::vector<std::ptrdiff_t> position(vocabulary, -1);
  for (std::size_t i = 0; i < k; ++i) position[order[i]] = static_cast<std::ptrdiff_t>(i);
  std::vector<std::size_t> present;
  for (const auto& sample : samples) {
    present.clear();
    for (int l : sample.labels)
      if (l >= 0 && static_cast<std::size_t>(l) < vocabulary && position[static_cast<std::size_t>(l)] >= 0)
        present.push_back(static_cast<std::size_t>(position[static_cast<std::size_t>(l)]));
    for (std::size_t a : present)
      for (std::size_t b : present) ++c.counts[a * k + b];
  }
  return c;
}

std::vector<std::size_t> gallery_sample(std::size_t count, std::size_t want, std::uint64_t seed) {
  std::vector<std::size_t> all(count);
  std::iota(all.begin(), all.end(), std::size_t(0));
  std::mt19937_64 rng(seed);
  const std::size_t n = std::min(want, count);
  for (std::size_t i = 0; i < n; ++i) std::swap(all[i], all[i + rng() % (count - i)]);  // partial Fisher-Yates
  all.resize(n);
  return all;
}

}  // namespace aia
