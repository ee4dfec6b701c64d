#include "aia/inference.h"

#include "aia/atomic_file.h"
#include "aia/checkpoint.h"
#include "aia/errors.h"
#include "aia/model/registry.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <limits>

namespace aia {

void write_run_info(const std::string& run_dir, const RunInfo& info) {
  nlohmann::ordered_json j;
  j["dataset"] = info.dataset;
  j["dataset_dir"] = info.dataset_dir;
  j["backbone"] = info.backbone;
  j["image_size"] = info.image_size;
  j["head_dropout"] = info.head_dropout;
  j["normalization"] = {{"mean", info.normalization.mean},
                        {"std", info.normalization.std},
                        {"source", info.normalization.source}};
  j["vocabulary"] = info.vocabulary;
  write_file_atomically(run_dir + "/run.json", j.dump(2) + "\n");
}

RunInfo read_run_info(const std::string& run_dir) {
  const std::string path = run_dir + "/run.json";
  if (!std::filesystem::exists(path))
    throw ConfigError("'" + run_dir + "' is not a training run folder (no run.json)");
  try {
    auto j = nlohmann::json::parse(read_file(path));
    RunInfo info;
    info.dataset = j.value("dataset", "");
    info.dataset_dir = j.value("dataset_dir", "");
    info.backbone = j.at("backbone").get<std::string>();
    info.image_size = j.at("image_size").get<int>();
    info.head_dropout = j.value("head_dropout", 0.3);
    info.vocabulary = j.at("vocabulary").get<std::vector<std::string>>();
    info.normalization.mean = j.at("normalization").at("mean").get<std::array<float, 3>>();
    info.normalization.std = j.at("normalization").at("std").get<std::array<float, 3>>();
    info.normalization.source = j.at("normalization").value("source", "");
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(path + ": " + e.what());
  }
}

Classifier load_run_model(const std::string& run_dir, const RunInfo& info, const std::string& which) {
  const std::string path = run_dir + "/checkpoints/" + which + ".safetensors";
  if (!std::filesystem::exists(path)) throw CheckpointError(path + ": no such checkpoint (has the run saved one yet?)");
  Classifier model = make_model(info.backbone, static_cast<std::int64_t>(info.vocabulary.size()), info.head_dropout);
  NamedTensors state;
  for (auto& [k, v] : read_safetensors(path))
    if (k.rfind("optim.", 0) != 0 && k.rfind("ema.", 0) != 0) state.emplace_back(k, v);
  ImportOptions strict;
  strict.strict = true;
  strict.allow_head_reset = false;
  import_weights(*model, state, strict);
  model->eval();
  return model;
}

std::vector<float> score_samples(ClassifierImpl& model, const std::string& images_dir,
                                 const std::vector<Sample>& samples, std::size_t vocabulary, int image_size,
                                 const Normalization& normalization, const ScoreOptions& options,
                                 std::vector<SkippedImage>* skipped) {
  std::vector<float> scores(samples.size() * vocabulary, std::numeric_limits<float>::quiet_NaN());
  LoaderOptions lo;
  lo.image_size = image_size;
  lo.batch_size = options.batch_size;
  lo.workers = options.workers;
  lo.normalization = normalization;
  BatchLoader loader(images_dir, samples, vocabulary, lo);
  const torch::Device device(options.device);
  torch::NoGradGuard no_grad;
  model.eval();
  std::size_t done = 0;
  while (auto batch = loader.next()) {
    if (options.cancelled && options.cancelled()) break;
    if (!batch->samples.empty()) {
      auto probs = torch::sigmoid(model.forward(batch->images.to(device))).to(torch::kCPU).contiguous();
      const float* p = probs.data_ptr<float>();
      for (std::size_t i = 0; i < batch->samples.size(); ++i)
        std::copy(p + i * vocabulary, p + (i + 1) * vocabulary, scores.begin() + static_cast<std::ptrdiff_t>(batch->samples[i] * vocabulary));
    }
    done += static_cast<std::size_t>(options.batch_size);
    if (options.progress) options.progress(std::min(done, samples.size()), samples.size());
  }
  if (skipped) *skipped = loader.skipped();
  return scores;
}

}  // namespace aia
