// TResNet-M against the parity fixture (shared/fixtures/tresnet_m): logits at
// 64 and 224 within |d| <= 1e-3 + 1e-4 |ref|, per-stage statistics, timm's key
// list and shapes, and timm's invariants (shapes, no NaN, every parameter
// gets a gradient). Also the light backbone of the registry.

#include <torch/torch.h>

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/model/tresnet.h"
#include "fixture_model.h"
#include "test_support.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using aia::test::fill_fixture_weights;
using aia::test::fixture_input;
using nlohmann::json;

namespace {

std::shared_ptr<aia::TResNetImpl> fixture_model() {
  aia::TResNetOptions o;  // tresnet_m, 1000 classes, the paper's head layout
  o.num_classes = 1000;
  o.head_dropout = 0.3;
  auto model = std::make_shared<aia::TResNetImpl>(o);
  fill_fixture_weights(*model);
  model->eval();
  return model;
}

}  // namespace

class TestTResNet : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(2); }
  void hashRuleMatchesReadme();
  void spaceToDepthOrder();
  void keysAndShapesMatchTimm();
  void parameterCount();
  void logitsMatchFixture_data();
  void logitsMatchFixture();
  void stagesMatchFixture_data();
  void stagesMatchFixture();
  void everyParameterGetsAGradient();
  void badInputSizeIsAnError();
};

void TestTResNet::hashRuleMatchesReadme() {
  // README section 4: seeds and first values.
  QCOMPARE(aia::test::fnv1a64("input"), 0x1ebbae8f5810b65bULL);
  QCOMPARE(aia::test::fnv1a64("body.conv1.conv.weight"), 0x418631ab4b802fc8ULL);
  QCOMPARE(static_cast<float>(aia::test::fixture_u(0x1ebbae8f5810b65bULL, 0)), -0.80436337f);
  QCOMPARE(static_cast<float>(aia::test::fixture_u(0x1ebbae8f5810b65bULL, 1)), 0.30472076f);
}

void TestTResNet::spaceToDepthOrder() {
  auto x = torch::arange(2 * 3 * 8 * 8, torch::kFloat32).view({2, 3, 8, 8});
  auto y = aia::space_to_depth(x);
  QCOMPARE(y.sizes().vec(), (std::vector<std::int64_t>{2, 48, 2, 2}));
  // out[n, (i*4 + j)*C + c, h, w] = in[n, c, 4h + i, 4w + j]
  for (int i : {0, 1, 3})
    for (int j : {0, 2, 3})
      for (int c = 0; c < 3; ++c)
        QCOMPARE(y[1][(i * 4 + j) * 3 + c][1][0].item<float>(), x[1][c][4 + i][j].item<float>());
}

void TestTResNet::keysAndShapesMatchTimm() {
  aia::TResNetOptions o;
  o.paper_head = false;  // timm's own head.fc.* for a direct comparison
  aia::TResNetImpl model(o);
  std::ifstream tsv(aia::test::shared_path("fixtures/tresnet_m/keys.tsv"));
  std::vector<std::pair<std::string, std::string>> expected;
  for (std::string line; std::getline(tsv, line);) {
    auto tab = line.find('\t');
    expected.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  QCOMPARE(expected.size(), std::size_t(434));
  auto state = aia::model_state(model);
  QCOMPARE(state.size(), expected.size());
  for (std::size_t i = 0; i < state.size(); ++i) {
    std::ostringstream shape;
    shape << '[';
    for (int d = 0; d < state[i].second.dim(); ++d) shape << (d ? "," : "") << state[i].second.size(d);
    shape << ']';
    QCOMPARE(QString::fromStdString(state[i].first), QString::fromStdString(expected[i].first));  // timm order too
    QCOMPARE(QString::fromStdString(shape.str()), QString::fromStdString(expected[i].second));
  }
}

void TestTResNet::parameterCount() {
  auto count = [](torch::nn::Module& m) {
    std::int64_t n = 0;
    for (auto& p : m.parameters()) n += p.numel();
    return n;
  };
  aia::TResNetImpl timm_default{aia::TResNetOptions{}};
  QCOMPARE(count(timm_default), std::int64_t(31389032));  // tresnet_m.md section 8
  auto corel = aia::make_model("tresnet_m", 260);
  QCOMPARE(count(*corel), std::int64_t(29872772));
}

void TestTResNet::logitsMatchFixture_data() {
  QTest::addColumn<int>("size");
  QTest::newRow("64") << 64;
  QTest::newRow("224") << 224;
}

void TestTResNet::logitsMatchFixture() {
  QFETCH(int, size);
  auto model = fixture_model();
  const json ref = aia::test::load_json(
      aia::test::shared_path("fixtures/tresnet_m/expected_logits_" + std::to_string(size) + ".json"));
  torch::NoGradGuard no_grad;
  auto logits = model->forward(fixture_input(size));
  QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{2, 1000}));
  double worst = 0;
  for (int n = 0; n < 2; ++n)
    for (int k = 0; k < 1000; ++k) {
      const double want = ref["values"][n][k].get<double>();
      const double got = logits[n][k].item<double>();
      worst = std::max(worst, std::abs(got - want) / (1e-3 + 1e-4 * std::abs(want)));
    }
  qInfo("size %d: worst |d| / (1e-3 + 1e-4 |ref|) = %.4f", size, worst);
  QVERIFY2(worst <= 1.0, qPrintable(QString("logits off by %1 x tolerance").arg(worst)));
}

void TestTResNet::stagesMatchFixture_data() { logitsMatchFixture_data(); }

void TestTResNet::stagesMatchFixture() {
  QFETCH(int, size);
  auto model = fixture_model();
  const json ref = aia::test::load_json(
      aia::test::shared_path("fixtures/tresnet_m/expected_intermediates_" + std::to_string(size) + ".json"));
  torch::NoGradGuard no_grad;
  for (auto& [name, out] : model->forward_stages(fixture_input(size))) {
    const json& s = ref["stages"][name];
    QVERIFY2(!s.is_null(), name.c_str());
    auto x = out.to(torch::kFloat64);
    const double mean = x.mean().item<double>();
    const double std = (x - mean).pow(2).mean().sqrt().item<double>();
    auto close = [](double got, double want) { return std::abs(got - want) <= 1e-3 + 1e-3 * std::abs(want); };
    QVERIFY2(close(mean, s["mean"].get<double>()), qPrintable(QString::fromStdString(name) + " mean"));
    QVERIFY2(close(std, s["std_population"].get<double>()), qPrintable(QString::fromStdString(name) + " std"));
    QVERIFY2(close(x.max().item<double>(), s["max"].get<double>()), qPrintable(QString::fromStdString(name) + " max"));
    auto flat = x[0].flatten(), flat1 = x[1].flatten();
    for (int i = 0; i < 8; ++i) {
      QVERIFY2(close(flat[i].item<double>(), s["first8_flat"][i].get<double>()),
               qPrintable(QString("%1 first8[%2]").arg(QString::fromStdString(name)).arg(i)));
      QVERIFY2(close(flat1[i].item<double>(), s["sample1_first8_flat"][i].get<double>()),
               qPrintable(QString("%1 sample1 first8[%2]").arg(QString::fromStdString(name)).arg(i)));
    }
    for (int n = 0; n < 2; ++n)
      QVERIFY2(close(x[n].mean().item<double>(), s["per_sample_mean"][n].get<double>()),
               qPrintable(QString("%1 mean of sample %2").arg(QString::fromStdString(name)).arg(n)));
  }
}

void TestTResNet::everyParameterGetsAGradient() {
  auto model = aia::make_model("tresnet_m", 5);
  model->train();
  // Zero-init residual BNs block gradients of earlier layers' weights only
  // through themselves; give them a value so every parameter is reachable.
  {
    torch::NoGradGuard no_grad;
    for (auto& p : model->named_parameters())
      if (p.key().find(".bn.weight") != std::string::npos) p.value().fill_(1.0);
  }
  auto logits = model->forward(torch::randn({2, 3, 64, 64}));
  QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{2, 5}));
  QVERIFY(!logits.isnan().any().item<bool>());
  logits.sum().backward();
  for (auto& p : model->named_parameters()) {
    QVERIFY2(p.value().grad().defined(), p.key().c_str());
    QVERIFY2(p.value().grad().abs().sum().item<double>() > 0, p.key().c_str());
  }
}

void TestTResNet::badInputSizeIsAnError() {
  auto nano = aia::make_model("tresnet_nano", 3);
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, nano->forward(torch::randn({1, 3, 30, 30})));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, nano->forward(torch::randn({1, 3, 66, 64})));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, nano->forward(torch::randn({1, 1, 64, 64})));
}

QTEST_APPLESS_MAIN(TestTResNet)
#include "tst_tresnet.moc"
