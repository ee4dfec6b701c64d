// Batch annotation against the model's pure forward pass, side by side in one
// run: `Annotator::annotate` over N photos (decoded on worker threads, scored
// in batches of 32) versus forward passes of the same TResNet-M on tensors
// already in memory, both at 448 px in the format "auto" picks on this CPU.
//   bench_annotate WORK_DIR JPEG_DIR [N]
// JPEG_DIR: e.g. `bench_pipeline --make DIR 1000` (384 x 256 JPEGs). The run
// folder (random TResNet-M weights, 260 labels) is written to WORK_DIR/run.

#include "aia/annotate/annotator.h"
#include "aia/annotate/image_files.h"
#include "aia/io/checkpoint.h"
#include "aia/io/safetensors.h"
#include "aia/model/registry.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/compute.h"
#include "aia/runtime/runtime.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_annotate WORK_DIR JPEG_DIR [N]\n");
    return 2;
  }
  const auto runtime = aia::configure_runtime();
  const std::string run_dir = std::string(argv[1]) + "/run";
  auto images = aia::collect_image_files({argv[2]}).images;
  const std::size_t n = std::min<std::size_t>(images.size(), argc > 3 ? std::stoul(argv[3]) : 1000);
  images.resize(n);
  const int size = 448, batch = 32;

  aia::RunInfo info;
  info.dataset = "bench";
  info.backbone = "tresnet_m";
  info.image_size = size;
  for (int i = 0; i < 260; ++i) info.vocabulary.push_back("label" + std::to_string(i));
  torch::manual_seed(1);
  auto model = aia::make_model(info.backbone, static_cast<std::int64_t>(info.vocabulary.size()));
  const aia::RunFolder folder(run_dir);
  std::filesystem::create_directories(
      std::filesystem::path(folder.checkpoint_path(aia::Checkpoint::Best)).parent_path());
  folder.write_info(info);
  aia::write_safetensors(folder.checkpoint_path(aia::Checkpoint::Best), aia::model_state(*model));

  aia::Annotator annotator(run_dir, "cpu");
  const aia::ComputeFormat format = annotator.compute_format();
  std::printf("CPU %s; %d threads; %s\n", aia::describe(aia::cpu_features()).c_str(), runtime.threads,
              format.reason.c_str());

  // The model alone: batches of 32 already decoded, in memory.
  model->eval();
  aia::apply_memory_format(*model, format.channels_last);
  torch::NoGradGuard no_grad;
  const auto x = aia::model_input(torch::randn({batch, 3, size, size}), torch::kCPU, format);
  aia::forward_logits(*model, x, format);  // warm-up
  const int passes = 2;
  auto t = std::chrono::steady_clock::now();
  for (int i = 0; i < passes; ++i) torch::sigmoid(aia::forward_logits(*model, x, format));
  const double forward = passes * batch / seconds_since(t);

  // The whole job: files in, scores out.
  aia::Annotator::Options options;
  options.batch_size = batch;
  options.workers = 2;
  t = std::chrono::steady_clock::now();
  const auto results = annotator.annotate(images, options);
  const double annotate = static_cast<double>(n) / seconds_since(t);
  const auto ok = std::count_if(results.begin(), results.end(), [](const auto& r) { return r.ok; });

  std::printf("| what | images/s |\n|---|---|\n");
  std::printf("| TResNet-M forward alone, batches of %d in memory, %d px | %.2f |\n", batch, size, forward);
  std::printf("| `Annotator::annotate`, %zu JPEG files (%ld scored), decode on 2 threads | %.2f |\n", n,
              static_cast<long>(ok), annotate);
  std::printf("ratio annotate / forward: %.3f\n", annotate / forward);
  return ok == static_cast<long>(n) ? 0 : 1;
}
