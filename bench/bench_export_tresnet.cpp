// bench_export_tresnet OUT_DIR: a seeded TResNet-M (260 classes) as
// OUT_DIR/tresnet_m.pth, and OUT_DIR/check.safetensors with an input and the
// logits C++ computes for it, so that the Python model can be shown to be the
// same network before its speed is compared.

#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/runtime/runtime.h"

#include <torch/torch.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  aia::configure_runtime();
  torch::manual_seed(1);
  auto model = aia::make_model("tresnet_m", 260);
  {
    torch::NoGradGuard no_grad;  // non-trivial BN so that the check means something
    for (auto& p : model->named_parameters())
      if (p.key().find(".bn.weight") != std::string::npos) p.value().uniform_(0.5, 1.5);
  }
  model->eval();
  const std::string out = argv[1];
  aia::export_weights(*model, out + "/tresnet_m.pth", aia::WeightFormat::PyTorch);
  auto x = torch::randn({2, 3, 224, 224});
  torch::NoGradGuard no_grad;
  aia::write_safetensors(out + "/check.safetensors", {{"input", x}, {"logits", model->forward(x)}});
  std::printf("wrote %s/tresnet_m.pth and %s/check.safetensors\n", out.c_str(), out.c_str());
  return 0;
}
