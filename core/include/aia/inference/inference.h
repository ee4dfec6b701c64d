#pragma once
// Running a trained model: loading a run's checkpoint, scores for a dataset
// split or for arbitrary image files. Torch-facing.

#include "aia/data/dataset.h"
#include "aia/data/image_pipeline.h"
#include "aia/model/classifier.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/compute_format.h"

#include <functional>
#include <string>
#include <vector>

namespace aia {

// Builds the run's model and loads its checkpoint (best or last).
Classifier load_run_model(const RunFolder& run, const RunInfo& info, Checkpoint which = Checkpoint::Best);
struct ScoreOptions {
  int batch_size = 32;
  int workers = 2;
  std::string device = "cpu";
  // bfloat16 and channels-last where the CPU pays for them (resolve_compute_format)
  Precision precision = Precision::Auto;
  MemoryFormat memory_format = MemoryFormat::Auto;
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<bool()> cancelled;  // polled between batches
};

// The format that `options` asks for on its device, for inference.
ComputeFormat inference_format(const ScoreOptions& options);

// Sigmoid scores (samples x vocabulary, row-major) of `samples` in their order;
// rows of images that could not be decoded are NaN and listed in `skipped`.
// The batches go in the options' format (inference_format); the model's
// weights are left as they are (apply_memory_format is the caller's choice).
std::vector<float> score_samples(ClassifierImpl& model, const std::string& images_dir,
                                 const std::vector<Sample>& samples, std::size_t vocabulary, int image_size,
                                 const Normalization& normalization, const ScoreOptions& options,
                                 std::vector<SkippedImage>* skipped = nullptr);

// The run's best model on its dataset's "train" or "test" split: loads the
// dataset (its problems in `report`), checks that its vocabulary is the run's,
// and scores it; rows of undecodable images are dropped (listed in `skipped`).
ScoredSplit score_run_split(const RunFolder& run, const std::string& split, const ScoreOptions& options,
                            ValidationReport* report = nullptr, std::vector<SkippedImage>* skipped = nullptr);

}  // namespace aia
