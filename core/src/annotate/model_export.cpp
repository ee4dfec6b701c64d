// The run's model as ONNX, with what a consumer needs in its metadata (model_export.h).

#include "aia/annotate/model_export.h"

#include "aia/inference/inference.h"
#include "aia/io/onnx_writer.h"
#include "aia/run/run_folder.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace aia {

ModelExportSummary export_run_onnx(const std::string& run_dir, const std::string& out,
                                   const std::string& producer_version) {
  const RunFolder run(run_dir);
  const RunInfo info = run.read_info();
  Classifier model = load_run_model(run, info, Checkpoint::Best);
  const bool has_thresholds = std::filesystem::exists(run.thresholds_path(ThresholdMethod::MccGrid));
  const std::vector<double> thresholds = run.thresholds_or_half(ThresholdMethod::MccGrid, info.vocabulary);
  nlohmann::ordered_json by_label = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < info.vocabulary.size(); ++i) by_label[info.vocabulary[i]] = thresholds[i];
  OnnxExport options;
  options.image_size = info.image_size;
  options.producer_version = producer_version;
  options.metadata["labels"] = nlohmann::json(info.vocabulary).dump();
  options.metadata["thresholds"] = by_label.dump();
  options.metadata["normalization"] =
      nlohmann::json{{"mean", info.normalization.mean}, {"std", info.normalization.std}}.dump();
  options.metadata["image_size"] = std::to_string(info.image_size);
  // How AIA Studio makes `images` from a file (load_image_rgb), for consumers to do the same.
  options.metadata["preprocessing"] = nlohmann::json{
      {"color", "RGB"},
      {"resize",
       "to image_size x image_size, aspect not kept; area average when shrinking, bilinear "
       "when enlarging (OpenCV INTER_AREA / INTER_LINEAR)"},
      {"scale", "pixel / 255"},
      {"normalize", "(x - mean) / std per channel"},
      {"layout", "NCHW float32"}}.dump();
  options.metadata["producer"] = nlohmann::json{{"name", "AIA Studio"}, {"version", producer_version}}.dump();
  write_onnx(*model, out, options);
  return {out, info.vocabulary.size(), info.image_size, info.backbone,
          has_thresholds ? "the run's MCC-grid thresholds" : "0.5 for every label (the run has no thresholds file)"};
}

}  // namespace aia
