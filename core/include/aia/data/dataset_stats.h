#pragma once
// What the Dataset page draws of a split, computed once here: label
// frequencies, the labels-per-image histogram, the co-occurrence of the most
// frequent labels, and a seeded sample of images for a gallery. Plain std types.

#include "aia/data/dataset.h"

#include <cstdint>
#include <vector>

namespace aia {

struct LabelStatistics {
  std::vector<std::int64_t> frequency;         // per label: images that carry it
  std::vector<std::int64_t> labels_per_image;  // [k]: images with exactly k labels
};
LabelStatistics label_statistics(const std::vector<Sample>& samples, std::size_t vocabulary);

// The `top` most frequent labels (ties: lower index first) and how many
// images carry both of each pair; the diagonal is each label's frequency.
struct CoOccurrence {
  std::vector<std::size_t> labels;   // vocabulary indices, most frequent first
  std::vector<std::int64_t> counts;  // labels.size() squared, row-major, symmetric
  std::int64_t at(std::size_t row, std::size_t column) const { return counts[row * labels.size() + column]; }
};
CoOccurrence co_occurrence(const std::vector<Sample>& samples, std::size_t vocabulary, std::size_t top);

// `want` distinct indices below `count` (all of them if fewer), drawn by `seed`.
std::vector<std::size_t> gallery_sample(std::size_t count, std::size_t want, std::uint64_t seed);

}  // namespace aia
