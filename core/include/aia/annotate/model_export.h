#pragma once
// A run's model for other tools: its best checkpoint as an ONNX file that a
// consumer can use with nothing else. The graph takes `images` (batch x 3 x
// S x S float32, normalised) and gives `logits` and `scores` (their sigmoid);
// metadata_props carry, as JSON values, `labels`, `thresholds` (label to
// number: the run's MCC-grid thresholds, 0.5 where a run has none),
// `normalization` ({mean, std}), `image_size`, `preprocessing` (how the
// input is made from a file, in words) and `producer` ({name, version}). A label is tagged when its score is strictly
// above its threshold, as everywhere in AIA Studio. Plain std types.

#include <cstdint>
#include <string>

namespace aia {

struct ModelExportSummary {
  std::string path;
  std::size_t labels = 0;
  std::int64_t image_size = 0;
  std::string backbone;
  std::string thresholds;  // where the thresholds came from, in words
};

// Writes the run's best checkpoint as ONNX to `out` (temporary name, then renamed).
ModelExportSummary export_run_onnx(const std::string& run_dir, const std::string& out,
                                   const std::string& producer_version);

}  // namespace aia
