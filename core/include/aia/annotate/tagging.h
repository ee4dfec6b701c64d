#pragma once
// The tagging rule, once: a label is a tag of an image when its score is
// strictly above the label's threshold (0.6 is not > 0.6), and tags are
// listed by score, highest first (ties: vocabulary order). The metrics use
// the same rule (aia/metrics/metrics.h). Plain std types.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace aia {

inline bool is_tagged(double score, double threshold) { return score > threshold; }

struct Tag {
  std::size_t label = 0;  // index into the vocabulary
  double score = 0;
};

// The labels whose score is above their threshold, highest score first.
// Throws InputError when the sizes differ.
std::vector<Tag> tags_above(std::span<const float> scores, const std::vector<double>& thresholds);
std::vector<Tag> tags_above(std::span<const double> scores, const std::vector<double>& thresholds);

// The `count` highest scores, whatever the thresholds (what the model considered).
std::vector<Tag> top_scores(std::span<const float> scores, std::size_t count);

// The names of `tags` in their order.
std::vector<std::string> tag_names(const std::vector<Tag>& tags, const std::vector<std::string>& vocabulary);

}  // namespace aia
