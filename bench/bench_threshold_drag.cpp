// Dragging a threshold on the Thresholds page at ESP-Game's size (2,081 test
// and 18,689 training images x 268 labels, synthetic scores): the time from
// one drag step to the plots repainted (threshold set through the undo stack,
// metrics updated, histogram, curves, precision-recall and sorted per-label F1
// redrawn), against the same step with every label's counts recomputed from
// the scores (compute_metrics), in one run. Offscreen.
//   QT_QPA_PLATFORM=offscreen build/release/bench/bench_threshold_drag

#include "run_data.h"
#include "threshold_plots.h"
#include "thresholds_page.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <random>

namespace {

constexpr std::size_t kTest = 2081, kTrain = 18689, kLabels = 268;

aia::LabelMatrix synthetic(std::size_t images, unsigned seed, aia::ScoreTable* scores, aia::ScoreTable* targets) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> s(images * kLabels), t(images * kLabels);
  for (std::size_t i = 0; i < s.size(); ++i) {
    t[i] = u(rng) < 4.7 / 268 ? 1 : 0;  // ESP-Game: 4.7 labels per image
    s[i] = static_cast<float>(std::min(1.0, 0.5 * t[i] + 0.6 * u(rng) * u(rng)));
  }
  if (scores) {
    for (std::size_t j = 0; j < kLabels; ++j) scores->labels.push_back("label" + std::to_string(j));
    for (std::size_t i = 0; i < images; ++i) scores->images.push_back("img" + std::to_string(i) + ".jpg");
    scores->values = s;
    *targets = *scores;
    targets->values = t;
  }
  return aia::LabelMatrix(images, kLabels, s, t);
}

struct Timing {
  double median = 0, p95 = 0, max = 0;
};

Timing summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back()};
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  auto run = std::make_shared<aia::ui::RunData>();
  run->matrix = synthetic(kTest, 1, &run->scores, &run->targets);
  const aia::LabelMatrix train = synthetic(kTrain, 2, nullptr, nullptr);
  for (std::size_t j = 0; j < kLabels; ++j) {
    run->testSorted.emplace_back(run->matrix, j);
    run->trainSorted.emplace_back(train, j);
  }
  run->grid = run->exactMcc = run->exactF1 = std::vector<double>(kLabels, 0.5);
  aia::ui::ThresholdsPage page;
  page.resize(1280, 900);
  page.show();
  page.setRun(run);
  page.table()->selectRow(7);
  QApplication::processEvents();

  auto* plots = page.plots();
  const QList<QCustomPlot*> redrawn = {plots->histogram(), plots->curves(), plots->precisionRecall(),
                                       plots->labelBars()};
  const int steps = 200;
  std::vector<double> ours, full;
  QElapsedTimer timer;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < steps; ++i) {
      const double t = 0.2 + 0.6 * i / steps;
      timer.start();
      page.setThreshold(7, t);  // what a drag step does
      if (round == 1) {         // the alternative: recount every label from the scores
        auto thresholds = page.model()->thresholds();
        volatile double f1 = aia::compute_metrics(run->matrix, thresholds).per_class_f1;
        (void)f1;
      }
      for (auto* plot : redrawn) plot->replot(QCustomPlot::rpImmediateRefresh);
      (round == 0 ? ours : full).push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
  for (auto* plot : redrawn) {
    std::vector<double> ms;
    for (int i = 0; i < 30; ++i) {
      timer.start();
      plot->replot(QCustomPlot::rpImmediateRefresh);
      ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("  replot alone, %s: median %.2f ms\n", qPrintable(plot->objectName()), summarise(ms).median);
  }
  {
    std::vector<double> ms;
    for (int i = 0; i < 30; ++i) {
      timer.start();
      page.setThreshold(7, 0.3 + 0.01 * i);
      ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("  setThreshold alone (model, summary, plot data): median %.2f ms\n", summarise(ms).median);
  }
  const Timing a = summarise(ours), b = summarise(full);
  std::printf("threshold drag step at ESP-Game size (%zu test, %zu train images x %zu labels), %d steps each:\n", kTest,
              kTrain, kLabels, steps);
  std::printf("  incremental (the page): median %.2f ms, 95th percentile %.2f ms, max %.2f ms\n", a.median, a.p95,
              a.max);
  std::printf("  + full recount per step: median %.2f ms, 95th percentile %.2f ms, max %.2f ms\n", b.median, b.p95,
              b.max);
  std::printf("  ratio (full / incremental, medians): %.2fx; budget 16 ms per repaint: %s\n", b.median / a.median,
              a.p95 < 16 ? "met at the 95th percentile" : "NOT met");
  return 0;
}
