// A Corel-5k-sized epoch (4,500 training JPEGs, 499 test images, 448 px,
// batch 32) on this CPU, from decode to the end of evaluation: the image
// loader and the training step as the trainer uses them, timed over a few
// batches and extrapolated (the printout says so). bench/python/epoch_time.py
// measures the seed's Python pipeline the same way.
//   bench_epoch JPEG_DIR [TRAIN_BATCHES] [EVAL_BATCHES] [--weights FILE]
// JPEG_DIR needs (TRAIN_BATCHES + 1) x 32 images (`bench_pipeline --make`).

#include "aia/annotate/image_files.h"
#include "aia/data/image_pipeline.h"
#include "aia/inference/inference.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/runtime/compute.h"
#include "aia/runtime/runtime.h"
#include "aia/training/train_step.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_epoch JPEG_DIR [TRAIN_BATCHES] [EVAL_BATCHES] [--weights FILE]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int train_batches = argc > 2 && argv[2][0] != '-' ? std::atoi(argv[2]) : 2;
  const int eval_batches = argc > 3 && argv[3][0] != '-' ? std::atoi(argv[3]) : 1;
  std::string weights;
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--weights")) weights = argv[i + 1];
  aia::configure_runtime();
  const int size = 448, batch = 32, labels = 260;
  const std::size_t train_images = 4500, test_images = 499;  // Corel-5k

  std::vector<aia::Sample> samples;
  for (const auto& path : aia::collect_image_files({dir}).images) {
    aia::Sample s{std::filesystem::path(path).filename().string(), {}};
    const int k = static_cast<int>(samples.size());
    s.labels = {k % labels, (k * 7 + 3) % labels};
    if (s.labels[0] > s.labels[1]) std::swap(s.labels[0], s.labels[1]);
    if (s.labels[0] == s.labels[1]) s.labels.pop_back();
    samples.push_back(s);
  }
  torch::manual_seed(1);
  auto model = aia::make_model("tresnet_m", labels);
  if (!weights.empty()) aia::import_weights_file(*model, weights, {});
  const aia::ComputeFormat format =
      aia::resolve_compute_format(aia::Precision::Auto, aia::MemoryFormat::Auto, "cpu", aia::Workload::Training);
  aia::apply_memory_format(*model, format.channels_last);
  std::printf("%s\n", format.reason.c_str());
  torch::optim::Adam adam(model->parameters(), torch::optim::AdamOptions(1e-4));

  // Training: decode, resize, flip, normalise on 2 worker threads; forward, loss, backward, Adam.
  aia::LoaderOptions lo;
  lo.image_size = size;
  lo.batch_size = batch;
  lo.shuffle = true;
  lo.flips = true;
  lo.workers = 2;
  lo.max_batches = static_cast<std::size_t>(train_batches + 1);
  aia::BatchLoader loader(dir, samples, labels, lo);
  model->train();
  int done = 0;
  std::chrono::steady_clock::time_point start;
  while (auto b = loader.next()) {
    if (done == 1) start = std::chrono::steady_clock::now();  // the first batch warms up
    adam.zero_grad();
    torch::Tensor logits;
    {
      aia::AutocastScope autocast(torch::kCPU, format.bf16);
      logits = model->forward(aia::model_input(b->images, torch::kCPU, format));
    }
    torch::binary_cross_entropy_with_logits(logits.to(torch::kFloat32), b->targets).backward();
    adam.step();
    ++done;
  }
  const double per_train_batch = seconds_since(start) / (done - 1);

  // Evaluation: the scorer behind thresholds and metrics.
  aia::ScoreOptions so;
  so.batch_size = batch;
  so.workers = 2;
  std::vector<aia::Sample> eval(samples.begin(), samples.begin() + eval_batches * batch);
  model->eval();
  start = std::chrono::steady_clock::now();
  aia::score_samples(*model, dir, eval, labels, size, {}, so);
  const double per_eval_image = seconds_since(start) / static_cast<double>(eval.size());

  const double batches = static_cast<double>((train_images + batch - 1) / batch);
  const double train_s = batches * per_train_batch, eval_s = static_cast<double>(test_images) * per_eval_image;
  std::printf("| AIA Studio (C++) | %.1f | %.3f | %.0f | %.0f | %.0f |\n", per_train_batch, per_eval_image, train_s,
              eval_s, train_s + eval_s);
  return 0;
}
