// A run folder from a published weight file and its class names (model_import.h).

#include "aia/annotate/model_import.h"

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/io/name_list.h"
#include "aia/io/safetensors.h"
#include "aia/model/registry.h"
#include "aia/run/run_folder.h"

#include <torch/torch.h>

#include <filesystem>

namespace aia {

ModelImportSummary import_pretrained_run(const std::string& weights, const std::string& labels_path,
                                         const std::string& out_dir, const ModelImportOptions& options) {
  return import_pretrained_run(weights, read_name_list(labels_path), labels_path, out_dir, options);
}

ModelImportSummary import_pretrained_run(const std::string& weights, const std::vector<std::string>& labels,
                                         const std::string& labels_path, const std::string& out_dir,
                                         const ModelImportOptions& options) {
  if (labels.empty()) throw InputError(labels_path + ": no labels");
  const RunFolder run(out_dir);
  if (std::filesystem::exists(run.info_path())) throw InputError(out_dir + ": holds a run already");
  const NamedTensors file = read_weights(weights);
  const std::int64_t rows = classifier_rows(file);
  if (rows == 0) throw InputError(weights + ": no classifier (head.fc.weight) in the file: nothing to tag with");
  if (rows != static_cast<std::int64_t>(labels.size()))
    throw InputError(weights + " has a classifier of " + std::to_string(rows) + " classes, but " + labels_path +
                     " lists " + std::to_string(labels.size()) + " labels");
  Classifier model = make_model(options.backbone, rows, 0.0);
  ImportOptions strict;
  strict.strict = true;
  strict.allow_head_reset = false;
  const ImportReport report = import_weights(*model, file, strict);
  run.create();
  RunInfo info;
  info.dataset = "pretrained: " + std::filesystem::path(weights).filename().string();
  info.backbone = options.backbone;
  info.image_size = options.image_size;
  info.head_dropout = 0.0;
  info.vocabulary = labels;
  info.source = options.source.empty() ? std::filesystem::path(weights).filename().string() : options.source;
  info.thresholds_uncalibrated = true;
  for (int c = 0; c < 3; ++c)
    info.normalization.mean[c] = options.mean.at(c), info.normalization.std[c] = options.std.at(c);
  info.normalization.source = "the published model's preprocessing";
  TrainConfig config;
  config.model.backbone = options.backbone;
  config.model.pretrained = weights;
  config.model.head_dropout = 0.0;
  config.data.image_size = options.image_size;
  config.optim.epochs = 0;
  config.run.out_dir = out_dir;
  run.write_config(config);
  write_safetensors(run.checkpoint_path(Checkpoint::Best), model_state(*model),
                    {{"format", "pt"}, {"imported_from", weights}});
  run.write_info(info);  // last: a folder with run.json is a complete run
  return {out_dir, labels.size(), report.key_style};
}

}  // namespace aia
