// Images per second of a backbone on this machine's CPU (or CUDA), forward
// only (fwd: eval, no grad, the training form), the inference form (infer:
// batch norm folded, InferenceMode, as annotate and scoring run it) and a
// training step (forward + backward + Adam).
//   bench_model [--threads N] [--iters N] [--no-malloc-tuning] [--weights FILE] [--head gap|attention] [--extra]
//   CASE... bench_model --cpu   this CPU's features; exit status 0 when it has bfloat16 instructions CASE =
//   backbone:size:batch:fwd|infer|train[:nchw|cl[:fp32|bf16]], e.g. tresnet_m:224:8:train:cl:bf16
// (cl: weights and inputs channels-last; bf16: bfloat16 autocast, float32 logits
// into the loss). --head attention: the follow-up's head at the paper's sizes (1024 / 8 / 2048).
// --extra adds two columns: the learnable parameters and the process's peak
// resident memory (getrusage; a high-water mark, so one case per process).
// Prints one markdown row per case. Built twice (bench_model links tcmalloc,
// bench_model_glibc does not); bench/run_model_bench.sh runs them side by side.

#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/runtime/compute.h"
#include "aia/runtime/runtime.h"
#include "aia/training/train_step.h"

#include <torch/torch.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  aia::RuntimeOptions runtime;
  int iters = 3;
  std::vector<std::string> cases;
  std::string weights;
  aia::HeadOptions head;
  bool extra = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--cpu")) {
      std::printf("%s\n", aia::describe(aia::cpu_features()).c_str());
      return aia::cpu_features().native_bf16() ? 0 : 1;
    }
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
      runtime.threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--iters") && i + 1 < argc)
      iters = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--weights") && i + 1 < argc)
      weights = argv[++i];
    else if (!std::strcmp(argv[i], "--head") && i + 1 < argc)
      head.kind = argv[++i];
    else if (!std::strcmp(argv[i], "--extra"))
      extra = true;
    else if (!std::strcmp(argv[i], "--no-malloc-tuning"))
      runtime.tune_glibc_malloc = false;
    else
      cases.emplace_back(argv[i]);
  }
  const auto info = aia::configure_runtime(runtime);
  const std::string device = aia::resolve_device("auto");
  for (const auto& c : cases) {
    std::stringstream in(c);
    std::string backbone, size_s, batch_s, mode, layout = "nchw", precision = "fp32";
    std::getline(in, backbone, ':');
    std::getline(in, size_s, ':');
    std::getline(in, batch_s, ':');
    std::getline(in, mode, ':');
    std::getline(in, layout, ':');
    std::getline(in, precision, ':');
    const int size = std::stoi(size_s), batch = std::stoi(batch_s);
    aia::ComputeFormat format;
    format.channels_last = layout == "cl";
    format.bf16 = precision == "bf16";
    torch::manual_seed(1);
    auto model = aia::make_model(backbone, 260, head);
    if (!weights.empty()) aia::import_weights_file(*model, weights, {});  // the same weights as the Python side
    model->to(torch::Device(device));
    aia::apply_memory_format(*model, format.channels_last);
    if (mode == "infer") model->fold_for_inference(format.channels_last);
    auto x = aia::model_input(torch::randn({batch, 3, size, size}), torch::Device(device), format);
    auto y = (torch::rand({batch, 260}, torch::Device(device)) < 0.02).to(torch::kFloat32);
    torch::optim::Adam adam(model->parameters(), torch::optim::AdamOptions(1e-4));
    auto step = [&] {
      if (mode == "train") {
        model->train();
        adam.zero_grad();
        torch::Tensor logits;
        {
          aia::AutocastScope autocast(x.device().type(), format.bf16);
          logits = model->forward(x);
        }
        auto loss = torch::binary_cross_entropy_with_logits(logits.to(torch::kFloat32), y);
        loss.backward();
        adam.step();
      } else if (mode == "infer") {
        model->eval();
        c10::InferenceMode inference;
        aia::forward_logits(*model, x, format);
      } else {
        model->eval();
        torch::NoGradGuard no_grad;
        aia::forward_logits(*model, x, format);
      }
    };
    step();  // warm-up: first-touch allocations, kernel selection
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < iters; ++i) step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("| %s | %d | %d | %s | %s | %d | %s | %s | %.2f |", backbone.c_str(), size, batch, mode.c_str(),
                device.c_str(), info.threads, info.allocator.c_str(), aia::describe(format).c_str(),
                batch * iters / seconds);
    if (extra) {
      std::int64_t learnable = 0;
      for (const auto& p : model->parameters())
        if (p.requires_grad()) learnable += p.numel();
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      std::printf(" %s | %lld | %.0f |", head.kind.c_str(), static_cast<long long>(learnable),
                  static_cast<double>(usage.ru_maxrss) / 1024.0);
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}
