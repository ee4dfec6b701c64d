// Scores of a split's samples as tables.

#include "aia/run/run_records.h"

#include "aia/errors.h"

#include <cmath>

namespace aia {

std::string thresholds_note(const RunInfo& info) {
  if (!info.thresholds_uncalibrated) return {};
  return "thresholds uncalibrated: " + (info.source.empty() ? std::string("this imported model") : info.source) +
         " was not trained with per-label sigmoid thresholds, so every label starts at 0.5, a guess; to calibrate "
         "them on your own photos, open an annotation project with this run, review a few hundred images and use "
         "the Review page's certified auto-accept";
}

ScoredSplit make_scored_split(const std::vector<float>& scores, const std::vector<Sample>& samples,
                              const std::vector<std::string>& vocabulary, std::vector<std::size_t>* kept) {
  const std::size_t v = vocabulary.size();
  if (scores.size() != samples.size() * v)
    throw InputError(std::to_string(scores.size()) + " scores for " + std::to_string(samples.size()) + " images x " +
                     std::to_string(v) + " labels");
  const auto targets = multi_hot(samples, v);
  ScoredSplit out;
  out.scores.labels = out.targets.labels = vocabulary;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (v == 0 || std::isnan(scores[i * v])) continue;
    out.scores.images.push_back(samples[i].image);
    out.scores.values.insert(out.scores.values.end(), scores.begin() + static_cast<std::ptrdiff_t>(i * v),
                             scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * v));
    out.targets.values.insert(out.targets.values.end(), targets.begin() + static_cast<std::ptrdiff_t>(i * v),
                              targets.begin() + static_cast<std::ptrdiff_t>((i + 1) * v));
    if (kept) kept->push_back(i);
  }
  out.targets.images = out.scores.images;
  return out;
}

}  // namespace aia
