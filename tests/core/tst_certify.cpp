// Certified thresholds (aia/metrics/certify.h): the binomial tail and the
// Clopper-Pearson bound against direct sums, the precision:P@DELTA spelling,
// abstained labels that tag nothing, and the guarantee itself measured on
// synthetic scores whose precision curve is known in closed form.

#include "aia/annotate/tagging.h"
#include "aia/errors.h"
#include "aia/metrics/certify.h"

#include <QtTest>

#include <cmath>
#include <random>

namespace {

// Synthetic calibration data: a label present with probability `prior`;
// scores with density (a + 1) s^a when present and (a + 1) (1 - s)^a when
// absent (a = `sharpness`). Then P(score > t | present) = 1 - t^(a+1) and
// P(score > t | absent) = (1 - t)^(a+1): the precision and NPV curves in
// closed form.
struct Synthetic {
  double prior = 0.3;
  double sharpness = 3;
  double tail(double t) const { return std::pow(t, sharpness + 1); }
  double precision(double t) const {
    const double tp = prior * (1 - tail(t)), fp = (1 - prior) * tail(1 - t);
    return tp + fp > 0 ? tp / (tp + fp) : 1;
  }
  double npv(double r) const {
    const double tn = (1 - prior) * (1 - tail(1 - r)), fn = prior * tail(r);
    return tn + fn > 0 ? tn / (tn + fn) : 1;
  }
  aia::LabelMatrix draw(std::size_t n, std::mt19937_64& rng) const {
    std::uniform_real_distribution<double> u(0, 1);
    aia::ScoreTable scores, targets;
    scores.labels = targets.labels = {"x"};
    const double root = 1 / (sharpness + 1);
    for (std::size_t i = 0; i < n; ++i) {
      const bool present = u(rng) < prior;
      const double v = u(rng);
      scores.images.push_back(std::to_string(i));
      scores.values.push_back(present ? std::pow(v, root) : 1 - std::pow(1 - v, root));
      targets.values.push_back(present ? 1 : 0);
    }
    targets.images = scores.images;
    return aia::LabelMatrix(scores, targets);
  }
};

double direct_tail(std::int64_t n, std::int64_t k, double p) {
  double sum = 0;
  for (std::int64_t x = k; x <= n; ++x)
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(x + 1.0) - std::lgamma(n - x + 1.0) + x * std::log(p) +
                    (n - x) * std::log1p(-p));
  return sum;
}

}  // namespace

class TestCertify : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void binomialTail();
  void clopperPearson();
  void spelling();
  void abstainedLabelsTagNothing();
  void guaranteeHolds_data();
  void guaranteeHolds();
  void absenceGuaranteeHolds();
  void tooFewPositivesSaySo();
  void heldOutHalves();
};

void TestCertify::binomialTail() {
  for (std::int64_t n : {1, 7, 50, 400})
    for (std::int64_t k = 0; k <= n; k += std::max<std::int64_t>(1, n / 9))
      for (double p : {0.05, 0.5, 0.8, 0.97}) {
        const double ours = aia::binomial_upper_tail(n, k, p), direct = direct_tail(n, k, p);
        QVERIFY2(std::abs(ours - direct) <= 1e-10 + 1e-9 * direct,
                 qPrintable(QStringLiteral("n %1 k %2 p %3: %4 vs %5").arg(n).arg(k).arg(p).arg(ours).arg(direct)));
      }
  QCOMPARE(aia::binomial_upper_tail(5, 0, 0.3), 1.0);
  QCOMPARE(aia::binomial_upper_tail(5, 6, 0.3), 0.0);
}

void TestCertify::clopperPearson() {
  // All of n right: the bound solves p^n = alpha.
  QVERIFY(std::abs(aia::clopper_pearson_lower(10, 10, 0.05) - std::pow(0.05, 0.1)) < 1e-9);
  QCOMPARE(aia::clopper_pearson_lower(0, 0, 0.05), 0.0);
  // Below the observed share, and closer to it with more data.
  const double small = aia::clopper_pearson_lower(20, 16, 0.05), large = aia::clopper_pearson_lower(2000, 1600, 0.05);
  QVERIFY(small < large && large < 0.8);
  QVERIFY(std::abs(aia::binomial_upper_tail(2000, 1600, large) - 0.05) < 1e-6);
}

void TestCertify::spelling() {
  auto o = aia::parse_precision_spec("precision:0.95");
  QCOMPARE(o.target, 0.95);
  QCOMPARE(o.delta, 0.1);
  o = aia::parse_precision_spec("precision:0.9@0.05");
  QCOMPARE(o.delta, 0.05);
  QCOMPARE(aia::to_string(o), std::string("precision:0.9@0.05"));
  for (const char* bad : {"precision:", "precision:1", "precision:0.9@", "precision:0.9@1.5", "precision:nan",
                          "precision:0.9x", "precision:0"})
    QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::parse_precision_spec(bad));
  QVERIFY(!aia::is_precision_spec("mcc-grid"));
}

void TestCertify::abstainedLabelsTagNothing() {
  const std::vector<double> thresholds{0.5, std::numeric_limits<double>::quiet_NaN()};
  const std::vector<float> scores{0.9f, 1.0f};
  const auto tags = aia::tags_above(std::span<const float>(scores), thresholds);
  QCOMPARE(tags.size(), std::size_t(1));
  QCOMPARE(tags[0].label, std::size_t(0));
}

void TestCertify::guaranteeHolds_data() {
  QTest::addColumn<double>("target");
  QTest::addColumn<double>("delta");
  QTest::addColumn<int>("images");
  // Targets just above the true precision of a grid point: 0.818 at 0.45 and
  // 0.9047 at 0.55 (sharpness 3, prior 0.3). The naive rule (the lowest grid
  // threshold whose empirical precision reaches the target) picks that point
  // about half the time and misses the target; the certified one must not.
  QTest::newRow("p 0.82, delta 0.1, 400 images") << 0.82 << 0.1 << 400;
  QTest::newRow("p 0.82, delta 0.05, 1000 images") << 0.82 << 0.05 << 1000;
  QTest::newRow("p 0.905, delta 0.1, 1000 images") << 0.905 << 0.1 << 1000;
}

void TestCertify::guaranteeHolds() {
  QFETCH(double, target);
  QFETCH(double, delta);
  QFETCH(int, images);
  const Synthetic truth;
  std::mt19937_64 rng(20261206);
  const int draws = 1000;
  int certified = 0, violated = 0, naive_violated = 0;
  const aia::CertifyOptions options{target, delta};
  for (int d = 0; d < draws; ++d) {
    const aia::LabelMatrix m = truth.draw(static_cast<std::size_t>(images), rng);
    const aia::SortedLabel label(m, 0);
    const aia::Certified c = aia::certify_precision(label, options);
    if (c.certified) {
      ++certified;
      violated += truth.precision(c.threshold) < target ? 1 : 0;
      QVERIFY(c.lower_bound <= static_cast<double>(c.correct) / static_cast<double>(c.decided));
    }
    // The naive rule: the lowest grid threshold whose empirical precision reaches the target.
    for (double t : aia::certify_grid()) {
      const aia::LabelCounts n = aia::count_sorted(label, t);
      if (n.tp + n.fp > 0 && static_cast<double>(n.tp) / static_cast<double>(n.tp + n.fp) >= target) {
        naive_violated += truth.precision(t) < target ? 1 : 0;
        break;
      }
    }
  }
  const double rate = double(violated) / draws, naive = double(naive_violated) / draws;
  const double monte_carlo = 3 * std::sqrt(delta * (1 - delta) / draws);
  qInfo(
      "target %.2f, delta %.2f, %d images, %d draws: certified in %d, true precision below target in %.3f of "
      "draws (bound %.3f); the naive rule in %.3f",
      target, delta, images, draws, certified, rate, delta + monte_carlo, naive);
  QVERIFY2(rate <= delta + monte_carlo, qPrintable(QString::number(rate)));
  QVERIFY(certified > draws / 2);  // it has power: it certifies most of the time
  QVERIFY(naive > delta);          // and the scenario is one a rule without the guarantee fails
}

void TestCertify::absenceGuaranteeHolds() {
  const Synthetic truth;
  std::mt19937_64 rng(7);
  const aia::CertifyOptions options{0.9, 0.1};
  int certified = 0, violated = 0;
  for (int d = 0; d < 1000; ++d) {
    const aia::LabelMatrix m = truth.draw(400, rng);
    const aia::Certified c = aia::certify_absence(aia::SortedLabel(m, 0), options);
    if (!c.certified) continue;
    ++certified;
    violated += truth.npv(c.threshold) < options.target ? 1 : 0;
  }
  qInfo("absence at NPV 0.9, delta 0.1: certified in %d of 1000 draws, NPV below target in %d", certified, violated);
  QVERIFY(certified > 500);
  QVERIFY(violated <= 100 + 3 * std::sqrt(0.1 * 0.9 * 1000));
}

void TestCertify::tooFewPositivesSaySo() {
  // Seven positives, all scored high: the target cannot be shown with so few.
  aia::ScoreTable scores, targets;
  scores.labels = targets.labels = {"x"};
  for (int i = 0; i < 60; ++i) {
    scores.images.push_back(std::to_string(i));
    scores.values.push_back(i < 7 ? 0.99 : 0.01);
    targets.values.push_back(i < 7 ? 1 : 0);
  }
  targets.images = scores.images;
  std::vector<aia::Certified> details;
  const auto t = aia::certified_thresholds(aia::LabelMatrix(scores, targets), {0.9, 0.1}, &details);
  QVERIFY(std::isnan(t[0]));
  QVERIFY(!details[0].certified);
  QCOMPARE(details[0].reason, std::string("7 positives; at least 50 needed"));  // 0.9^50 <= 0.1 / 19
}

void TestCertify::heldOutHalves() {
  const Synthetic truth;
  std::mt19937_64 rng(11);
  const aia::LabelMatrix m = truth.draw(2000, rng);
  std::vector<std::string> names;
  for (int i = 0; i < 2000; ++i) names.push_back("photos/" + std::to_string(i) + ".jpg");
  const aia::CertifyOptions options{0.82, 0.1};
  const auto h = aia::certify_held_out(m, names, options);
  // The halves partition the images by name, near evenly, the same every time.
  QCOMPARE(h.calibration.size() + h.evaluation.size(), m.images());
  QVERIFY(h.calibration.size() > 800 && h.evaluation.size() > 800);
  for (const auto i : h.calibration) QVERIFY(aia::in_calibration_half(names[i]));
  for (const auto i : h.evaluation) QVERIFY(!aia::in_calibration_half(names[i]));
  QCOMPARE(aia::certify_held_out(m, names, options).evaluation, h.evaluation);
  // Certified on the calibration half alone; judged on the other half.
  const auto expected = aia::certified_thresholds(aia::select_images(m, h.calibration), options);
  QCOMPARE(h.thresholds.size(), expected.size());
  QVERIFY(h.thresholds[0] == expected[0] || (std::isnan(h.thresholds[0]) && std::isnan(expected[0])));
  QCOMPARE(h.labels_certified, std::size_t(h.details[0].certified ? 1 : 0));
  QCOMPARE(h.labels_certified, std::size_t(1));  // 1,000 calibration images are plenty at 0.82
  const auto held = aia::count_label(aia::select_images(m, h.evaluation), 0, h.thresholds[0]);
  QCOMPARE(h.labels_tagging, std::size_t(held.tp + held.fp > 0 ? 1 : 0));
  QCOMPARE(h.labels_meeting_target,
           std::size_t(double(held.tp) >= options.target * double(held.tp + held.fp) && held.tp + held.fp > 0 ? 1 : 0));
  names.pop_back();
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::certify_held_out(m, names, options));
}

QTEST_GUILESS_MAIN(TestCertify)
#include "tst_certify.moc"
