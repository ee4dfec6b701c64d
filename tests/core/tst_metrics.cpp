// Metrics and threshold strategies of docs/method.md, checked against hand
// computations and brute force; thresholds from tensors against the matrix
// implementation.

#include <torch/torch.h>

#include "aia/errors.h"
#include "aia/metrics/metrics.h"
#include "aia/metrics/thresholds.h"
#include "aia/metrics/thresholds_json.h"
#include "aia/metrics/thresholds_tensor.h"

#include <QtTest>

#include <cmath>
#include <random>

namespace {

// 4 images x 3 labels; rows are images.
aia::LabelMatrix small_case() {
  const std::vector<double> scores = {0.9, 0.2, 0.6,   //
                                      0.8, 0.7, 0.1,   //
                                      0.3, 0.4, 0.55,  //
                                      0.1, 0.9, 0.2};
  const std::vector<double> targets = {1, 0, 1,  //
                                       0, 1, 0,  //
                                       1, 0, 0,  //
                                       0, 1, 0};
  return aia::LabelMatrix(4, 3, scores, targets);
}

aia::LabelMatrix random_case(std::size_t images, std::size_t labels, unsigned seed, bool coarse) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  std::vector<double> scores(images * labels), targets(images * labels);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    targets[i] = u(rng) < 0.15f ? 1.0 : 0.0;
    double s = std::clamp(0.35 * targets[i] + 0.75 * u(rng), 0.0, 1.0);
    if (coarse) s = std::round(s * 20.0) / 20.0;  // many ties, and exact grid values
    scores[i] = s;
  }
  return aia::LabelMatrix(images, labels, scores, targets);
}

double objective(const aia::LabelCounts& c, aia::ThresholdMethod method) {
  if (method == aia::ThresholdMethod::F1) {
    const auto d = 2 * c.tp + c.fp + c.fn;
    return d ? 2.0 * static_cast<double>(c.tp) / static_cast<double>(d) : 0.0;
  }
  return aia::mcc(c);
}

}  // namespace

class TestMetrics : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void handComputed();
  void mccValues();
  void averagePrecision();
  void incrementalEqualsFull();
  void exactSearchIsOptimal_data();
  void exactSearchIsOptimal();
  void mccGridMatchesBruteForce();
  void mccGridTiesGoToSmallest();
  void tensorThresholdsEqualMatrix_data();
  void tensorThresholdsEqualMatrix();
  void tensorThresholdsRefuseBadInput();
  void thresholdsJsonRoundTrip();
  void thresholdsJsonErrors();
  void curvesEqualFullRecomputes();
};

void TestMetrics::handComputed() {
  const auto m = small_case();
  const auto r = aia::compute_metrics(m, {0.5, 0.5, 0.5});
  // label 0: predicted {0,1}, truth {0,2}: TP 1 FP 1 FN 1
  // label 1: predicted {1,3}, truth {1,3}: TP 2
  // label 2: predicted {0,2}, truth {0}:   TP 1 FP 1
  QCOMPARE(r.per_label[0].tp, 1);
  QCOMPARE(r.per_label[0].fp, 1);
  QCOMPARE(r.per_label[0].fn, 1);
  QCOMPARE(r.per_label[1].tp, 2);
  QCOMPARE(r.per_label[2].fp, 1);
  const double eps = aia::kMetricEps;
  const double p = (1 / (2 + eps) + 2 / (2 + eps) + 1 / (2 + eps)) / 3;
  const double rc = (1 / (2 + eps) + 2 / (2 + eps) + 1 / (1 + eps)) / 3;
  QCOMPARE(r.per_class_precision, p);
  QCOMPARE(r.per_class_recall, rc);
  QCOMPARE(r.per_class_f1, 2 * p * rc / (p + rc + eps));
  QCOMPARE(r.per_image_precision, 4 / (6 + eps));
  QCOMPARE(r.per_image_recall, 4 / (5 + eps));
  QCOMPARE(r.n_plus, 3);
  // A threshold that predicts nothing for label 1: precision counts 0, N+ drops.
  const auto r2 = aia::compute_metrics(m, {0.5, 0.95, 0.5});
  QCOMPARE(r2.n_plus, 2);
  QCOMPARE(r2.per_label[1].precision, 0.0);
  // score > threshold, not >=: 0.6 at threshold 0.6 is not predicted.
  QCOMPARE(aia::count_label(m, 2, 0.6).tp, 0);
  QCOMPARE(aia::count_label(m, 2, 0.59).tp, 1);
}

void TestMetrics::mccValues() {
  QCOMPARE(aia::mcc({5, 0, 0, 5}), 1.0);
  QCOMPARE(aia::mcc({0, 5, 5, 0}), -1.0);
  QCOMPARE(aia::mcc({0, 0, 3, 7}), 0.0);  // nothing predicted: constant
  QCOMPARE(aia::mcc({3, 7, 0, 0}), 0.0);  // everything predicted
  // (2*1 - 1*1) / sqrt(3*3*2*2) = 1/6
  QVERIFY(std::abs(aia::mcc({2, 1, 1, 1}) - 1.0 / 6.0) < 1e-15);
}

void TestMetrics::averagePrecision() {
  const auto m = small_case();
  // label 0: order 0.9(+) 0.8(-) 0.3(+) 0.1(-): (1/1 + 2/3) / 2
  QVERIFY(std::abs(aia::average_precision(m, 0) - (1.0 + 2.0 / 3.0) / 2) < 1e-12);
  // label 2: order 0.6(+) ...: 1
  QCOMPARE(aia::average_precision(m, 2), 1.0);
  // no positive: NaN, left out of the mean
  aia::LabelMatrix none(2, 1, {0.3, 0.4}, {0, 0});
  QVERIFY(std::isnan(aia::average_precision(none, 0)));
}

void TestMetrics::incrementalEqualsFull() {
  const auto m = random_case(300, 25, 7, true);
  std::vector<double> t(25, 0.5);
  aia::IncrementalMetrics inc(m, t);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int step = 0; step < 200; ++step) {
    const std::size_t label = rng() % 25;
    // half the moves land exactly on a score value (the boundary of > vs >=)
    t[label] = step % 2 ? u(rng) : std::round(u(rng) * 20) / 20;
    inc.set_threshold(label, t[label]);
    const auto full = aia::compute_metrics(m, t);
    const auto fast = inc.summary();
    QCOMPARE(fast.per_class_precision, full.per_class_precision);
    QCOMPARE(fast.per_class_recall, full.per_class_recall);
    QCOMPARE(fast.per_class_f1, full.per_class_f1);
    QCOMPARE(fast.per_image_f1, full.per_image_f1);
    QCOMPARE(fast.n_plus, full.n_plus);
    QCOMPARE(fast.map, full.map);
    QCOMPARE(inc.counts(label).tp, full.per_label[label].tp);
    QCOMPARE(inc.counts(label).fp, full.per_label[label].fp);
  }
}

void TestMetrics::exactSearchIsOptimal_data() {
  QTest::addColumn<int>("method");
  QTest::addColumn<bool>("coarse");
  QTest::newRow("mcc-ties") << int(aia::ThresholdMethod::Mcc) << true;
  QTest::newRow("mcc-continuous") << int(aia::ThresholdMethod::Mcc) << false;
  QTest::newRow("f1-ties") << int(aia::ThresholdMethod::F1) << true;
  QTest::newRow("f1-continuous") << int(aia::ThresholdMethod::F1) << false;
}

void TestMetrics::exactSearchIsOptimal() {
  QFETCH(int, method);
  QFETCH(bool, coarse);
  const auto kind = static_cast<aia::ThresholdMethod>(method);
  const auto m = random_case(200, 30, 11, coarse);
  const auto chosen = aia::choose_thresholds(m, kind);
  for (std::size_t j = 0; j < m.labels(); ++j) {
    // Brute force: every candidate cut (just below each distinct score, and above all).
    std::vector<double> s(m.scores(j), m.scores(j) + m.images());
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    double best = -2, best_t = 0;
    std::vector<double> cuts;
    for (double v : s) cuts.push_back(std::nextafter(v, -1.0));
    cuts.push_back(s.back());
    for (double cut : cuts) {
      const double value = objective(aia::count_label(m, j, cut), kind);
      if (value > best + 1e-12) {
        best = value;
        best_t = cut;
      }
    }
    const auto got = aia::count_label(m, j, chosen[j]);
    QVERIFY2(std::abs(objective(got, kind) - best) < 1e-12, qPrintable(QString("label %1").arg(j)));
    // Ties to the smallest threshold: the chosen cut predicts the same set as the brute force one.
    QCOMPARE(got.tp + got.fp, aia::count_label(m, j, best_t).tp + aia::count_label(m, j, best_t).fp);
    // score > t and score >= t agree for exact thresholds (they sit between scores)
    const double* sc = m.scores(j);
    for (std::size_t i = 0; i < m.images(); ++i) QVERIFY(sc[i] != chosen[j]);
  }
}

void TestMetrics::mccGridMatchesBruteForce() {
  const auto m = random_case(250, 40, 5, true);
  const auto grid = aia::mcc_grid();
  QCOMPARE(grid.size(), std::size_t(14));
  QCOMPARE(grid.front(), 0.05);
  QCOMPARE(grid.back(), 0.70);
  const auto chosen = aia::choose_thresholds(m, aia::ThresholdMethod::MccGrid);
  for (std::size_t j = 0; j < m.labels(); ++j) {
    double best = -2, best_t = 0;
    for (double t : grid) {
      aia::LabelCounts c;
      for (std::size_t i = 0; i < m.images(); ++i) {
        const bool p = m.score(i, j) >= t;  // the paper's >= in the search
        const bool y = m.target(i, j);
        c.tp += p && y;
        c.fp += p && !y;
        c.fn += !p && y;
        c.tn += !p && !y;
      }
      const double v = aia::mcc(c);
      if (v > best) {
        best = v;
        best_t = t;
      }
    }
    QCOMPARE(chosen[j], best_t);
  }
}

void TestMetrics::mccGridTiesGoToSmallest() {
  // Positives score 0.9, negatives 0.02: every grid value separates perfectly.
  aia::LabelMatrix m(4, 1, {0.9, 0.02, 0.9, 0.02}, {1, 0, 1, 0});
  QCOMPARE(aia::mcc_grid_threshold(m, 0), 0.05);
  // Nothing separates (all equal): MCC 0 everywhere -> the smallest.
  aia::LabelMatrix flat(3, 1, {0.5, 0.5, 0.5}, {1, 0, 1});
  QCOMPARE(aia::mcc_grid_threshold(flat, 0), 0.05);
}

void TestMetrics::tensorThresholdsEqualMatrix_data() {
  QTest::addColumn<bool>("coarse");
  QTest::newRow("distinct scores") << false;
  QTest::newRow("ties on the grid") << true;
}

void TestMetrics::tensorThresholdsEqualMatrix() {
  QFETCH(bool, coarse);
  const std::size_t images = 300, labels = 7;
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0.f, 1.f);
  std::vector<double> scores(images * labels), targets(images * labels);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    targets[i] = u(rng) < 0.15f ? 1.0 : 0.0;
    double v = std::clamp(0.35 * targets[i] + 0.75 * u(rng), 0.0, 1.0);
    if (coarse) v = std::round(v * 20.0) / 20.0;
    scores[i] = static_cast<float>(v);  // model scores are float32
  }
  // Label 6 has no positive at all.
  for (std::size_t i = 0; i < images; ++i) targets[i * labels + 6] = 0;
  const aia::LabelMatrix m(images, labels, scores, targets);
  const auto s = torch::tensor(scores, torch::kFloat64).view({static_cast<long>(images), static_cast<long>(labels)});
  const auto t = torch::tensor(targets, torch::kFloat64).view_as(s);
  for (auto method : {aia::ThresholdMethod::MccGrid, aia::ThresholdMethod::Mcc, aia::ThresholdMethod::F1}) {
    const auto expected = aia::choose_thresholds(m, method);
    // Float32 scores on the way in, as a model hands them over: the same values.
    const auto got = aia::choose_thresholds(s.to(torch::kFloat32), t, method);
    QCOMPARE(got.size(), expected.size());
    for (std::size_t j = 0; j < labels; ++j) QCOMPARE(got[j], expected[j]);  // bit for bit
  }
}

void TestMetrics::tensorThresholdsRefuseBadInput() {
  const auto s = torch::rand({5, 3});
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError,
                           aia::choose_thresholds(s, torch::zeros({5, 2}), aia::ThresholdMethod::Mcc));
  auto with_nan = s.clone();
  with_nan[2][1] = NAN;
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError,
                           aia::choose_thresholds(with_nan, torch::zeros({5, 3}), aia::ThresholdMethod::MccGrid));
  // No image at all: the matrix implementation's answers.
  const auto empty = aia::choose_thresholds(torch::zeros({0, 3}), torch::zeros({0, 3}), aia::ThresholdMethod::Mcc);
  QCOMPARE(empty, std::vector<double>(3, 0.5));
}

void TestMetrics::thresholdsJsonRoundTrip() {
  QTemporaryDir dir;
  const std::string path = dir.filePath("t.json").toStdString();
  aia::write_thresholds_json(path, {"sky", "sea \"x\""}, {0.25, 0.1});
  const auto back = aia::read_thresholds_json(path, {"sky", "sea \"x\""});
  QCOMPARE(back, (std::vector<double>{0.25, 0.1}));
}

void TestMetrics::thresholdsJsonErrors() {
  QTemporaryDir dir;
  auto write = [&](const char* text) {
    const QString path = dir.filePath("bad.json");
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text);
    f.close();
    return path.toStdString();
  };
  auto message = [&](const char* text) -> QString {
    try {
      aia::read_thresholds_json(write(text), {"sky", "sea"});
    } catch (const aia::InputError& e) {
      return e.what();
    }
    return {};
  };
  QVERIFY(message(R"({"sky": 0.5})").contains("no threshold for label 'sea'"));
  QVERIFY(message(R"({"sky": 0.5, "sea": "x"})").contains("'sea' is not a number"));
  QVERIFY(message(R"({"sky": 0.5, "sea": 0.1, "cat": 0.2})").contains("'cat' is not a label"));
  QVERIFY(message(R"([0.5, 0.1])").contains("expected a JSON object"));
  QVERIFY(message(R"({"sky": 0.5,)").contains("not valid JSON"));
}

void TestMetrics::curvesEqualFullRecomputes() {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> scores, targets;
  for (int k = 0; k < 120 * 5; ++k) {
    targets.push_back(u(rng) < 0.3 ? 1 : 0);
    scores.push_back(std::round(u(rng) * 20) / 20);  // ties on the thresholds themselves
  }
  const aia::LabelMatrix m(120, 5, scores, targets);
  std::vector<aia::SortedLabel> sorted;
  for (std::size_t j = 0; j < 5; ++j) sorted.emplace_back(m, j);
  const std::vector<double> grid = {0.0, 0.05, 0.3, 0.5, 0.5000001, 0.95, 1.0};
  const auto global = aia::global_curve(sorted, grid);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto full = aia::compute_metrics(m, std::vector<double>(5, grid[i]));
    QCOMPARE(global[i].per_class_f1, full.per_class_f1);
    QCOMPARE(global[i].per_image_f1, full.per_image_f1);
    QCOMPARE(global[i].n_plus, full.n_plus);
    for (std::size_t j = 0; j < 5; ++j) {
      const auto row = aia::label_curve(sorted[j], grid)[i];
      QCOMPARE(row.f1, full.per_label[j].f1);
      QCOMPARE(row.mcc, full.per_label[j].mcc);
      QCOMPARE(row.tp, full.per_label[j].tp);
    }
  }
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
