// Threshold search and metric recomputation at ESP-Game's test size
// (2,081 images x 268 labels), as the CLI and a GUI threshold slider use them.
//   build/release/bench/bench_thresholds --benchmark_min_time=0.5

#include "aia/experiment/bootstrap.h"
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

// The paired bootstrap of `aia report` (one comparison, one seed, 200
// resamples): sparse per-image outcomes re-added per resample, against the
// dense way (every image x label recounted with its resample weight).
const aia::LabelMatrix& esp_sized_other() {
  static const aia::LabelMatrix m = [] {
    std::mt19937 rng(2);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> scores(kImages * kLabels), targets(kImages * kLabels);
    for (std::size_t i = 0; i < kImages; ++i)
      for (std::size_t j = 0; j < kLabels; ++j) {
        targets[i * kLabels + j] = esp_sized().target(i, j) ? 1 : 0;
        scores[i * kLabels + j] = std::min(1.0, 0.45 * targets[i * kLabels + j] + 0.6 * u(rng) * u(rng));
      }
    return aia::LabelMatrix(kImages, kLabels, scores, targets);
  }();
  return m;
}

constexpr int kResamples = 200;

void BM_PairedBootstrapSparse(benchmark::State& state) {
  const std::vector<double> t(kLabels, 0.5);
  const std::vector<aia::ImageOutcomes> a{aia::ImageOutcomes(esp_sized(), t)},
      b{aia::ImageOutcomes(esp_sized_other(), t)};
  aia::BootstrapOptions o;
  o.resamples = kResamples;
  for (auto _ : state) benchmark::DoNotOptimize(aia::paired_bootstrap(a, b, o));
}

void BM_PairedBootstrapDense(benchmark::State& state) {
  const std::vector<double> t(kLabels, 0.5);
  for (auto _ : state) {
    std::mt19937_64 rng(12345);
    std::vector<std::uint32_t> w(kImages);
    double sum = 0;
    for (int r = 0; r < kResamples; ++r) {
      std::fill(w.begin(), w.end(), 0);
      for (std::size_t i = 0; i < kImages; ++i) ++w[rng() % kImages];
      for (const auto* m : {&esp_sized(), &esp_sized_other()}) {
        std::vector<aia::LabelCounts> counts(kLabels);
        for (std::size_t j = 0; j < kLabels; ++j) {
          const double* s = m->scores(j);
          const std::uint8_t* y = m->targets(j);
          for (std::size_t i = 0; i < kImages; ++i) {
            const bool p = s[i] > t[j];
            counts[j].tp += (p && y[i]) ? w[i] : 0;
            counts[j].fp += (p && !y[i]) ? w[i] : 0;
            counts[j].fn += (!p && y[i]) ? w[i] : 0;
          }
        }
        sum += aia::summarize(counts, t).per_class_f1;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
}

}  // namespace

BENCHMARK(BM_ExactMccAllLabels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExactF1AllLabels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MccGridAllLabels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullRecomputeCounts)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullRecomputeWithMap)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IncrementalOneLabel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PairedBootstrapSparse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PairedBootstrapDense)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
