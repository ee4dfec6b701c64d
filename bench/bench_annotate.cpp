// Batch annotation against the model's pure forward pass, side by side in one
// run: `Annotator::annotate` over N photos (decoded on worker threads, scored
// in batches of 32) versus forward passes of the same TResNet-M in the same
// inference form (batch norm folded, InferenceMode) on tensors already in
// memory, both at SIZE px (448 by default) in the format "auto" picks here.
// With --cache instead: two passes of `annotate` with the score cache (a new
// one in WORK_DIR/cache), the first scoring every file and the second
// reusing them, and a check that the second gives the first's scores.
//   bench_annotate WORK_DIR JPEG_DIR [N] [SIZE] [--cache]
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

// Two passes over `images` with a new score cache in `cache_dir`: seconds each, and whether they agree.
int cached_passes(aia::Annotator& annotator, const std::vector<std::string>& images, const std::string& cache_dir,
                  int batch) {
  std::filesystem::remove_all(cache_dir);
  aia::Annotator::Options options;
  options.batch_size = batch;
  options.workers = 2;
  options.cache_dir = cache_dir;
  auto t = std::chrono::steady_clock::now();
  const auto first = annotator.annotate(images, options);
  const double first_s = seconds_since(t);
  t = std::chrono::steady_clock::now();
  const auto second = annotator.annotate(images, options);
  const double second_s = seconds_since(t);
  std::size_t same = 0, reused = 0;
  for (std::size_t i = 0; i < images.size(); ++i) {
    same += first[i].ok && second[i].ok && first[i].scores == second[i].scores;
    reused += second[i].cached;
  }
  std::printf("| pass | seconds | images/s |\n|---|---|---|\n");
  std::printf("| first, %zu files scored and cached | %.2f | %.2f |\n", images.size(), first_s,
              static_cast<double>(images.size()) / first_s);
  std::printf("| second, %zu of them reused | %.3f | %.0f |\n", reused, second_s,
              static_cast<double>(images.size()) / second_s);
  std::printf(
      "second / first: %.5f (%.0fx faster); scores identical for %zu of %zu; cache file %ju bytes\n",
      second_s / first_s, first_s / second_s, same, images.size(),
      static_cast<std::uintmax_t>(std::filesystem::file_size(cache_dir + "/" + annotator.identity() + ".scores")));
  return same == images.size() && reused == images.size() ? 0 : 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_annotate WORK_DIR JPEG_DIR [N] [SIZE] [--cache]\n");
    return 2;
  }
  const auto runtime = aia::configure_runtime();
  const std::string run_dir = std::string(argv[1]) + "/run";
  auto images = aia::collect_image_files({argv[2]}).images;
  const std::size_t n = std::min<std::size_t>(images.size(), argc > 3 ? std::stoul(argv[3]) : 1000);
  images.resize(n);
  const int size = argc > 4 ? std::stoi(argv[4]) : 448, batch = 32;
  const bool cache_passes = argc > 5 && std::string(argv[5]) == "--cache";

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

  if (cache_passes) return cached_passes(annotator, images, std::string(argv[1]) + "/cache", batch);

  // The model alone, in the form Annotator scores with: batches of 32 already decoded, in memory.
  model->eval();
  aia::apply_memory_format(*model, format.channels_last);
  model->fold_for_inference(format.channels_last);
  c10::InferenceMode inference;
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
  std::printf("| TResNet-M forward alone (inference form), batches of %d in memory, %d px | %.2f |\n", batch, size,
              forward);
  std::printf("| `Annotator::annotate`, %zu JPEG files (%ld scored), decode on 2 threads | %.2f |\n", n,
              static_cast<long>(ok), annotate);
  std::printf("ratio annotate / forward: %.3f\n", annotate / forward);
  return ok == static_cast<long>(n) ? 0 : 1;
}
