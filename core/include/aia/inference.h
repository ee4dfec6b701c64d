#pragma once
// Running a trained model: the run's description (run.json), scores for a
// dataset split or for arbitrary image files.

#include "aia/dataset.h"
#include "aia/image_pipeline.h"
#include "aia/model/classifier.h"

#include <functional>
#include <string>
#include <vector>

namespace aia {

struct RunInfo {
  std::string dataset;      // the dataset's name
  std::string dataset_dir;  // its folder when the run was trained
  std::string backbone;
  int image_size = 448;
  double head_dropout = 0.3;
  std::vector<std::string> vocabulary;
  Normalization normalization;
};

void write_run_info(const std::string& run_dir, const RunInfo& info);
RunInfo read_run_info(const std::string& run_dir);

// Builds the run's model and loads checkpoints/<which>.safetensors ("best" or "last").
Classifier load_run_model(const std::string& run_dir, const RunInfo& info, const std::string& which = "best");

struct ScoreOptions {
  int batch_size = 32;
  int workers = 2;
  std::string device = "cpu";
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::function<bool()> cancelled;  // polled between batches
};

// Sigmoid scores (samples x vocabulary, row-major) of `samples` in their order;
// rows of images that could not be decoded are NaN and listed in `skipped`.
std::vector<float> score_samples(ClassifierImpl& model, const std::string& images_dir,
                                 const std::vector<Sample>& samples, std::size_t vocabulary, int image_size,
                                 const Normalization& normalization, const ScoreOptions& options,
                                 std::vector<SkippedImage>* skipped = nullptr);

}  // namespace aia
