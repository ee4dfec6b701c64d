// Threshold search and metric recomputation at ESP-Game's test size
// (2,081 images x 268 labels), as the CLI and a GUI threshold slider use them.
//   build/release/bench/bench_thresholds --benchmark_min_time=0.5

#include "aia/metrics/metrics.h"
#include "aia/metrics/thresholds.h"

#include <benchmark/benchmark.h>

#include <random>

namespace {

constexpr std::size_t kImages = 2081, kLabels = 268;

const aia::LabelMatrix& esp_sized() {
  static const aia::LabelMatrix m = [] {
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> scores(kImages * kLabels), targets(kImages * kLabels);
    for (std::size_t i = 0; i < scores.size(); ++i) {
      targets[i] = u(rng) < 4.7 / 268 ? 1 : 0;  // ESP-Game: 4.7 labels per image
      scores[i] = static_cast<float>(std::min(1.0, 0.5 * targets[i] + 0.6 * u(rng) * u(rng)));  // float model outputs
    }
    return aia::LabelMatrix(kImages, kLabels, scores, targets);
  }();
  return m;
}

void BM_ExactMccAllLabels(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(aia::choose_thresholds(esp_sized(), aia::ThresholdMethod::Mcc));
}
void BM_ExactF1AllLabels(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(aia::choose_thresholds(esp_sized(), aia::ThresholdMethod::F1));
}
void BM_MccGridAllLabels(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(aia::choose_thresholds(esp_sized(), aia::ThresholdMethod::MccGrid));
}
void BM_FullRecomputeCounts(benchmark::State& state) {
  const std::vector<double> t(kLabels, 0.5);
  for (auto _ : state) {
    std::vector<aia::LabelCounts> counts(kLabels);
    for (std::size_t j = 0; j < kLabels; ++j) counts[j] = aia::count_label(esp_sized(), j, t[j]);
    benchmark::DoNotOptimize(aia::summarize(counts, t));
  }
}
void BM_FullRecomputeWithMap(benchmark::State& state) {
  const std::vector<double> t(kLabels, 0.5);
  for (auto _ : state) benchmark::DoNotOptimize(aia::compute_metrics(esp_sized(), t));
}
void BM_IncrementalOneLabel(benchmark::State& state) {
  aia::IncrementalMetrics inc(esp_sized(), std::vector<double>(kLabels, 0.5));
  std::size_t step = 0;
  for (auto _ : state) {
    inc.set_threshold(step % kLabels, 0.05 + 0.9 * static_cast<double>(step % 97) / 97.0);
    benchmark::DoNotOptimize(inc.summary());
    ++step;
  }
}

}  // namespace

BENCHMARK(BM_ExactMccAllLabels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExactF1AllLabels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MccGridAllLabels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullRecomputeCounts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullRecomputeWithMap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IncrementalOneLabel)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
