// The loss family against shared/fixtures/loss_cases.json: values and
// gradients, float64 to 1e-9 relative and float32 to 1e-5 relative.

#include <torch/torch.h>  // before Qt: Qt's `slots` macro breaks LibTorch headers

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/loss/loss.h"
#include "test_support.h"

#include <QtTest>

using nlohmann::json;

Q_DECLARE_METATYPE(torch::ScalarType)

namespace {

torch::Tensor matrix(const json& rows, torch::ScalarType dtype) {
  std::vector<double> flat;
  for (const auto& row : rows)
    for (const auto& v : row) flat.push_back(v.get<double>());
  const auto n = static_cast<std::int64_t>(rows.size());
  return torch::tensor(flat, torch::dtype(torch::kFloat64)).view({n, -1}).to(dtype);
}

// |a - b| <= rtol * |b| + atol_floor element-wise, where the floor covers
// entries that are exactly zero in the reference.
double worst_relative(const torch::Tensor& got, const torch::Tensor& want, double floor) {
  auto g = got.to(torch::kFloat64), w = want.to(torch::kFloat64);
  return ((g - w).abs() / (w.abs() + floor)).max().item<double>();
}

}  // namespace

class TestLoss : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void fixture_data();
  void fixture();
  void presets();
  void validation();
  void shapeMismatchIsAnError();
};

void TestLoss::fixture_data() {
  QTest::addColumn<int>("caseIndex");
  QTest::addColumn<QString>("loss");
  QTest::addColumn<torch::ScalarType>("dtype");
  QTest::addColumn<double>("tolerance");
  const json cases = aia::test::load_json(aia::test::shared_path("fixtures/loss_cases.json"))["cases"];
  for (int c = 0; c < static_cast<int>(cases.size()); ++c)
    for (const char* loss : {"bce", "focal", "asymmetric", "proposed"}) {
      QTest::addRow("case%d-%s-f64", c, loss) << c << loss << torch::kFloat64 << 1e-9;
      QTest::addRow("case%d-%s-f32", c, loss) << c << loss << torch::kFloat32 << 1e-5;
    }
}

void TestLoss::fixture() {
  QFETCH(int, caseIndex);
  QFETCH(QString, loss);
  QFETCH(torch::ScalarType, dtype);
  QFETCH(double, tolerance);
  const json c = aia::test::load_json(aia::test::shared_path("fixtures/loss_cases.json"))["cases"][caseIndex];
  const json& expected = c["expected"][loss.toStdString()];

  torch::Tensor logits = matrix(c["logits"], dtype).requires_grad_(true);
  torch::Tensor targets = matrix(c["targets"], dtype);
  torch::Tensor value = aia::multilabel_loss(logits, targets, aia::loss_preset(loss.toStdString()));
  value.backward();

  const double want = expected["loss"].get<double>();
  const double got = value.item<double>();
  QVERIFY2(std::abs(got - want) <= tolerance * std::abs(want),
           qPrintable(QString("loss %1 vs reference %2").arg(got, 0, 'g', 17).arg(want, 0, 'g', 17)));

  // Gradients. float64: relative to each entry (a floor of 1e-6 of the
  // largest entry guards exact zeros). float32: relative to the largest entry,
  // since entries of 1e-7 (saturated sigmoids) carry float32's absolute
  // rounding of the others.
  torch::Tensor want_grad = matrix(expected["grad"], torch::kFloat64);
  const double scale = want_grad.abs().max().item<double>();
  const double worst = dtype == torch::kFloat64
                           ? worst_relative(logits.grad(), want_grad, scale * 1e-6)
                           : (logits.grad().to(torch::kFloat64) - want_grad).abs().max().item<double>() / scale;
  QVERIFY2(worst <= tolerance, qPrintable(QString("worst relative gradient error %1").arg(worst)));
}

void TestLoss::presets() {
  QCOMPARE(aia::loss_preset("proposedLoss").margin_pos, 1.1);
  QCOMPARE(aia::loss_preset("AsymmetricLoss").margin_neg, 0.05);
  QCOMPARE(aia::loss_preset("FocalLoss").gamma_neg, 3.0);
  QVERIFY(aia::loss_preset("BCELoss").plain_bce);
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::loss_preset("hinge"));
}

void TestLoss::validation() {
  aia::LossOptions o = aia::loss_preset("proposed");
  QVERIFY(aia::validate(o).empty());
  o.gamma_neg = -1;
  o.margin_neg = 1.5;
  QCOMPARE(aia::validate(o).size(), std::size_t(2));  // every problem at once
}

void TestLoss::shapeMismatchIsAnError() {
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError,
                           aia::multilabel_loss(torch::zeros({2, 3}), torch::zeros({2, 4}), aia::loss_preset("bce")));
}

QTEST_APPLESS_MAIN(TestLoss)
#include "tst_loss.moc"
