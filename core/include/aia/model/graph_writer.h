#pragma once
// A model's inference graph in ONNX's operator vocabulary, for exporters:
// a model describes itself (eval mode: batch norm folded into the
// convolution before it, dropout gone) as constants and nodes given to a
// GraphWriter, which io/onnx_writer.h turns into an ONNX file. No file
// format here: the names of operators and attributes are ONNX's (opset 17).
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace aia {

class GraphWriter {
 public:
  using Value = std::variant<std::int64_t, float, std::vector<std::int64_t>, std::string>;
  struct Attribute {
    std::string name;
    Value value;
  };
  virtual ~GraphWriter() = default;
  // A constant tensor (weights, shapes) under a unique name derived from `name`; returns that name.
  virtual std::string constant(const std::string& name, const torch::Tensor& value) = 0;
  // A node of `op` over `inputs` with one output, named after `output` (made unique); returns its name.
  virtual std::string node(const std::string& op, const std::vector<std::string>& inputs, const std::string& output,
                           const std::vector<Attribute>& attributes = {}) = 0;
};

}  // namespace aia
