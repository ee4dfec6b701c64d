#include "aia/inference/inference.h"

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/runtime/compute.h"

#include <torch/torch.h>

#include <filesystem>
#include <limits>

namespace aia {

Classifier load_run_model(const RunFolder& run, const RunInfo& info, Checkpoint which) {
  const std::string path = run.checkpoint_path(which);
  if (!std::filesystem::exists(path)) throw CheckpointError(path + ": no such checkpoint (has the run saved one yet?)");
  HeadOptions head;
  head.kind = info.head;
  head.dropout = info.head_dropout;
  head.hidden = info.attention_hidden, head.heads = info.attention_heads, head.feedforward = info.attention_feedforward;
  Classifier model = make_model(info.backbone, static_cast<std::int64_t>(info.vocabulary.size()), head);
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

ComputeFormat inference_format(const ScoreOptions& options) {
  return resolve_compute_format(options.precision, options.memory_format, options.device, Workload::Inference);
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
  const torch::Device device(options.device);
  lo.pin_memory = device.is_cuda();
  BatchLoader loader(images_dir, samples, vocabulary, lo);
  const ComputeFormat format = inference_format(options);
  c10::InferenceMode inference;  // no autograd bookkeeping at all (NoGradGuard still counts versions)
  model.eval();
  std::size_t done = 0;
  while (auto batch = loader.next()) {
    if (options.cancelled && options.cancelled()) break;
    if (!batch->samples.empty()) {
      auto logits = forward_logits(model, model_input(batch->images, device, format), format);
      auto probs = torch::sigmoid(logits).to(torch::kCPU).contiguous();
      const float* p = probs.data_ptr<float>();
      for (std::size_t i = 0; i < batch->samples.size(); ++i)
        std::copy(p + i * vocabulary, p + (i + 1) * vocabulary,
                  scores.begin() + static_cast<std::ptrdiff_t>(batch->samples[i] * vocabulary));
    }
    done += static_cast<std::size_t>(options.batch_size);
    if (options.progress) options.progress(std::min(done, samples.size()), samples.size());
  }
  if (skipped) *skipped = loader.skipped();
  return scores;
}

ScoredSplit score_run_split(const RunFolder& run, const std::string& split, const ScoreOptions& options,
                            ValidationReport* report, std::vector<SkippedImage>* skipped) {
  if (split != "train" && split != "test") throw ConfigError("split '" + split + "': expected train or test");
  const RunInfo info = run.read_info();
  ValidationReport local;
  ValidationReport& r = report ? *report : local;
  Dataset dataset = load_dataset(info.dataset_dir.empty() ? info.dataset : info.dataset_dir, &r);
  check_images_exist(dataset, r);
  if (dataset.vocabulary != info.vocabulary)
    throw DatasetError(dataset.root + ": its vocabulary differs from the run's (" + run.info_path() + ")");
  Classifier model = load_run_model(run, info, Checkpoint::Best);
  model->to(torch::Device(options.device));
  apply_memory_format(*model, inference_format(options).channels_last);
  model->fold_for_inference(inference_format(options).channels_last);
  const auto& samples = split == "train" ? dataset.train : dataset.test;
  const auto scores = score_samples(*model, dataset.images_dir, samples, info.vocabulary.size(), info.image_size,
                                    info.normalization, options, skipped);
  return make_scored_split(scores, samples, info.vocabulary);
}

}  // namespace aia
