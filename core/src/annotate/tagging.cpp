// Scores and thresholds become tags.

#include "aia/annotate/tagging.h"

#include "aia/errors.h"

#include <algorithm>

namespace aia {
namespace {

void by_score(std::vector<Tag>& tags) {
  std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.score > b.score; });
}

template <class T>
std::vector<Tag> above(std::span<const T> scores, const std::vector<double>& thresholds) {
  if (scores.size() != thresholds.size())
    throw InputError(std::to_string(scores.size()) + " scores but " + std::to_string(thresholds.size()) +
                     " thresholds (the thresholds belong to another vocabulary)");
  std::vector<Tag> tags;
  for (std::size_t j = 0; j < scores.size(); ++j)
    if (is_tagged(scores[j], thresholds[j])) tags.push_back({j, static_cast<double>(scores[j])});
  by_score(tags);
  return tags;
}

}  // namespace

std::vector<Tag> tags_above(std::span<const float> scores, const std::vector<double>& thresholds) {
  return above(scores, thresholds);
}

std::vector<Tag> tags_above(std::span<const double> scores, const std::vector<double>& thresholds) {
  return above(scores, thresholds);
}

std::vector<Tag> top_scores(std::span<const float> scores, std::size_t count) {
  std::vector<Tag> tags;
  tags.reserve(scores.size());
  for (std::size_t j = 0; j < scores.size(); ++j) tags.push_back({j, static_cast<double>(scores[j])});
  by_score(tags);
  if (tags.size() > count) tags.resize(count);
  return tags;
}

std::vector<std::string> tag_names(const std::vector<Tag>& tags, const std::vector<std::string>& vocabulary) {
  std::vector<std::string> names;
  names.reserve(tags.size());
  for (const auto& t : tags) names.push_back(vocabulary.at(t.label));
  return names;
}

}  // namespace aia
