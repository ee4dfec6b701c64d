#pragma once
// What every rank of a data-parallel run must share, checked before the first
// step: the training config (but for what is each host's own: the run folder,
// the dataset's path, device, threads, decoding workers, caches) and the
// dataset's content (vocabulary, every split's images and labels, the
// normalisation). Ranks that disagree would train different models under one
// name; they are refused together, naming the first field that differs.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/data/dataset.h"
#include "aia/distributed/collective.h"
#include "aia/run/train_config.h"

#include <string>
#include <utility>
#include <vector>

namespace aia {

// (field, value) in a fixed order: "data.image_size" -> "64", "dataset.vocabulary" -> the labels, ...
std::vector<std::pair<std::string, std::string>> run_fingerprint(const TrainConfig& config, const Dataset& data);

// Every rank's fingerprint hashes meet in one all-reduce over `group`. Throws
// ConfigError on every rank when they differ: "the ranks disagree on
// data.image_size: rank 1 differs from rank 0 (this rank, 0, has 32) ...".
void check_ranks_agree(Collective& group, const std::vector<std::pair<std::string, std::string>>& fingerprint,
                       const torch::Device& device);

}  // namespace aia
