#pragma once
// A ready tagger from a published model: a weight file with its classifier
// (timm's `model.safetensors` of tresnet_m.miil_in21k, 11,221 classes, or any
// file `aia convert` reads) and the names of its classes become a run folder
// that annotate, projects and the GUI use at once, without training. The
// run's thresholds are 0.5 for every label until reviewed images calibrate
// them (no thresholds file is written: every reader falls back to 0.5 and
// says so; run.json marks them uncalibrated). Plain std types.

#include <string>
#include <vector>

namespace aia {

struct ModelImportOptions {
  std::string backbone = "tresnet_m";
  int image_size = 224;  // timm's tresnet_m.miil_in21k was trained at 224
  // timm's TResNet preprocessing: pixels in [0, 1], mean 0, std 1 (no ImageNet normalisation).
  std::vector<float> mean{0.f, 0.f, 0.f}, std{1.f, 1.f, 1.f};
  std::string source;  // what run.json says the model came from (default: the weight file's name)
};

struct ModelImportSummary {
  std::string run_dir;
  std::size_t labels = 0;
  std::string key_style;  // how the file's keys were read ("timm", ...)
};

// Writes run `out_dir` (which must not hold a run) from `weights` and
// `labels_path` (one class name per line, read_name_list's rule);
// throws InputError naming both counts when the file's head and the label file disagree.
ModelImportSummary import_pretrained_run(const std::string& weights, const std::string& labels_path,
                                         const std::string& out_dir, const ModelImportOptions& options = {});
// The same with the class names given (`labels_from` names where they came
// from in messages). The run's thresholds are marked uncalibrated (thresholds_note).
ModelImportSummary import_pretrained_run(const std::string& weights, const std::vector<std::string>& labels,
                                         const std::string& labels_from, const std::string& out_dir,
                                         const ModelImportOptions& options = {});

}  // namespace aia
