// Writes a seeded TResNet (random weights, random batch-norm statistics) as an
// ONNX file, for bench/run_onnx_bench.sh to time in ONNX Runtime beside our
// own forward pass (bench_model) on the same architecture.
//   bench_onnx_export OUT.onnx [BACKBONE] [SIZE] [CLASSES]

#include "aia/io/onnx_writer.h"
#include "aia/model/registry.h"

#include <torch/torch.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) return std::fprintf(stderr, "usage: bench_onnx_export OUT.onnx [BACKBONE] [SIZE] [CLASSES]\n"), 2;
  const std::string backbone = argc > 2 ? argv[2] : "tresnet_m";
  const int size = argc > 3 ? std::stoi(argv[3]) : 448;
  const int classes = argc > 4 ? std::stoi(argv[4]) : 1000;
  torch::manual_seed(1);
  aia::Classifier model = aia::make_model(backbone, classes, 0.0);
  {
    torch::NoGradGuard no_grad;
    for (auto& m : model->modules(false))
      if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
        bn->weight.uniform_(0.5, 1.5);
        bn->running_var.uniform_(0.5, 2.0);
      }
  }
  aia::OnnxExport options;
  options.image_size = size;
  aia::write_onnx(*model, argv[1], options);
  std::printf("%s\n", argv[1]);
  return 0;
}
