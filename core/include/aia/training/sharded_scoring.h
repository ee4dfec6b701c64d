#pragma once
// Scores of a split computed by every rank of a data-parallel run together:
// each rank scores every size-th image from its rank on, and a sum of the
// zero-padded score matrices gives every rank all the scores (an undecoded
// image's NaN row survives the sum). With one rank it is score_samples().
// Torch-facing.

#include "aia/distributed/collective.h"
#include "aia/inference/inference.h"

#include <vector>

namespace aia {

struct ShardedScoring {
  std::string images_dir;
  std::size_t vocabulary = 0;
  int image_size = 448;
  Normalization normalization;
  ScoreOptions options;  // `cancelled` is honoured with one rank only: all ranks must reach the sum
};

// Row-major samples x vocabulary sigmoid scores; `skipped` gets this rank's undecodable images.
std::vector<float> score_on_ranks(ClassifierImpl& model, Collective& group, torch::Device device,
                                  const std::vector<Sample>& samples, const ShardedScoring& how,
                                  std::vector<SkippedImage>* skipped);

}  // namespace aia
