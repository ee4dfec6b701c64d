#pragma once
// An ONNX file from a model's graph (aia/model/graph_writer.h), written with
// Debian's ONNX library (libonnx-dev: its protobuf types and its checker):
// opset 17, IR version 8, one input `images` (batch x 3 x S x S float32,
// the batch dynamic), outputs `logits` and `scores` (their sigmoid), and
// metadata_props whose values are JSON. The checker runs before the file is
// written (to a temporary name, then renamed).
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/model/classifier.h"
#include "aia/model/graph_writer.h"

#include <map>
#include <memory>
#include <string>

namespace aia {

struct OnnxExport {
  std::int64_t image_size = 448;
  std::map<std::string, std::string> metadata;  // key -> JSON text
  std::string producer_version;
};

// Writes `model` (put in eval mode, on the CPU) to `path`; throws Error naming the file and what the checker said.
void write_onnx(ClassifierImpl& model, const std::string& path, const OnnxExport& options);

}  // namespace aia
