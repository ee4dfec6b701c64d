#include "aia/training/rank_agreement.h"

#include "aia/errors.h"
#include "aia/io/digest.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>

namespace aia {
namespace {

// 31 bits of FNV-1a 64: a sum of one per rank stays far inside int64.
std::int64_t hash31(const std::string& text) {
  const std::uint64_t h = fnv1a64(text);
  return static_cast<std::int64_t>((h ^ (h >> 31)) & 0x7fffffffull);
}

// Each leaf of the config's JSON as "a.b" -> its JSON text, in the document's order.
void flatten(const nlohmann::ordered_json& j, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) flatten(value, prefix.empty() ? key : prefix + "." + key, out);
    return;
  }
  out.emplace_back(prefix, j.dump());
}

// A file's size and FNV-1a 64 in words ("unreadable" when it cannot be read: the session reports that).
std::string file_digest_text(const std::string& path) {
  const auto d = file_digest(path);
  if (!d) return "unreadable";
  return std::to_string(d->size) + " bytes, FNV-1a " + hex64(d->hash);
}

std::string samples_text(const std::vector<Sample>& samples) {
  std::string text = std::to_string(samples.size());
  text.append(" images");
  for (const auto& s : samples) {
    text.push_back('\n');
    text.append(s.image);
    for (int l : s.labels) text.append(" ").append(std::to_string(l));
  }
  return text;
}

// What a field's value looks like in a message: short values as they are, long ones by their start and size.
std::string shown(const std::string& value) {
  if (value.size() <= 60) return value;
  std::string start = value.substr(0, 40);
  start.resize(std::min(start.size(), start.find('\n')));
  return start + "... (" + std::to_string(value.size()) + " characters)";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> run_fingerprint(const TrainConfig& config, const Dataset& data) {
  TrainConfig shared = config;
  // Each host's own: where it writes, where its copy of the data lies, how it decodes and caches.
  shared.run.out_dir.clear();
  shared.data.dataset.clear();
  shared.run.device.clear();
  shared.run.threads = 0;
  shared.data.workers = 0;
  shared.data.prefetch_batches = 0;
  shared.data.cache_mb = 0;
  shared.model.pretrained.clear();  // each host's path; the file's bytes are compared below
  std::vector<std::pair<std::string, std::string>> out;
  flatten(nlohmann::ordered_json::parse(to_json(shared)), "", out);
  out.emplace_back("model.pretrained (the file's content)",
                   config.model.pretrained.empty() ? std::string("none") : file_digest_text(config.model.pretrained));
  std::string vocabulary = std::to_string(data.vocabulary.size()) + " labels:";
  for (const auto& v : data.vocabulary) vocabulary += " " + v;
  out.emplace_back("dataset.vocabulary", vocabulary);
  out.emplace_back("dataset.train", samples_text(data.train));
  out.emplace_back("dataset.validation", samples_text(data.validation));
  out.emplace_back("dataset.test", samples_text(data.test));
  std::string norm;
  for (int c = 0; c < 3; ++c)
    norm += std::to_string(data.normalization.mean[std::size_t(c)]) + "/" +
            std::to_string(data.normalization.std[std::size_t(c)]) + " ";
  out.emplace_back("dataset.normalization", norm);
  return out;
}

void check_ranks_agree(Collective& group, const std::vector<std::pair<std::string, std::string>>& fingerprint,
                       const torch::Device& device) {
  const int world = group.size(), rank = group.rank();
  if (world < 2) return;
  const auto fields = static_cast<std::int64_t>(fingerprint.size());
  // One slot per (field, rank), plus each rank's field count first: an all-reduce of sums is an all-gather.
  auto table = torch::zeros({fields + 1, world}, torch::kLong);
  table[0][rank] = fields;
  for (std::int64_t f = 0; f < fields; ++f) table[f + 1][rank] = hash31(fingerprint[std::size_t(f)].second);
  std::vector<torch::Tensor> exchange{table.to(device)};
  group.all_reduce_sum(exchange);
  const auto all = exchange[0].to(torch::kCPU);
  for (int r = 0; r < world; ++r)
    if (all[0][r].item<std::int64_t>() != fields)
      throw ConfigError("the ranks run different versions of this program: rank " + std::to_string(r) + " checks " +
                        std::to_string(all[0][r].item<std::int64_t>()) + " fields, rank " + std::to_string(rank) + " " +
                        std::to_string(fields));
  for (std::int64_t f = 0; f < fields; ++f) {
    std::vector<std::string> ranks;
    for (int r = 1; r < world; ++r)
      if (all[f + 1][r].item<std::int64_t>() != all[f + 1][0].item<std::int64_t>()) ranks.push_back(std::to_string(r));
    if (ranks.empty()) continue;
    std::string differing = "rank " + ranks.front();
    for (std::size_t i = 1; i < ranks.size(); ++i) differing.append(", rank ").append(ranks[i]);
    const auto& [field, value] = fingerprint[std::size_t(f)];
    throw ConfigError("the ranks disagree on " + field + ": " + differing + " differ" + (ranks.size() == 1 ? "s" : "") +
                      " from rank 0 (this rank, " + std::to_string(rank) + ", has " + shown(value) +
                      "); every node must train the same configuration on the same dataset. Nothing was trained.");
  }
}

}  // namespace aia
