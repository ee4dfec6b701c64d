// TResNet-M against the parity fixture (shared/fixtures/tresnet_m): logits at
// 64 and 224 within |d| <= 1e-3 + 1e-4 |ref|, per-stage statistics, timm's key
// list and shapes, and timm's invariants (shapes, no NaN, every parameter
// gets a gradient). Also the light backbone of the registry.

#include <torch/torch.h>

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/model/tresnet.h"
#include "aia/runtime/compute.h"
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
  void inferenceFormOfBothHeads_data();
  void inferenceFormOfBothHeads();
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
  QTest::addColumn<QString>("form");  // the training form, or the inference form (batch norm folded)
  for (int size : {64, 224})
    for (const char* form : {"training", "folded", "folded channels-last"})
      QTest::newRow(qPrintable(QString("%1 %2").arg(size).arg(form))) << size << QString(form);
}

void TestTResNet::logitsMatchFixture() {
  QFETCH(int, size);
  QFETCH(QString, form);
  auto model = fixture_model();
  if (form != "training") model->fold_for_inference(form.contains("channels-last"));
  if (form.contains("channels-last")) aia::apply_memory_format(*model, true);
  const json ref = aia::test::load_json(
      aia::test::shared_path("fixtures/tresnet_m/expected_logits_" + std::to_string(size) + ".json"));
  torch::NoGradGuard no_grad;
  auto input = fixture_input(size);
  if (form.contains("channels-last")) input = input.contiguous(torch::MemoryFormat::ChannelsLast);
  auto logits = model->forward(input);
  QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{2, 1000}));
  double worst = 0;
  for (int n = 0; n < 2; ++n)
    for (int k = 0; k < 1000; ++k) {
      const double want = ref["values"][n][k].get<double>();
      const double got = logits[n][k].item<double>();
      worst = std::max(worst, std::abs(got - want) / (1e-3 + 1e-4 * std::abs(want)));
    }
  qInfo("size %d, %s form: worst |d| / (1e-3 + 1e-4 |ref|) = %.4f", size, qPrintable(form), worst);
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

void TestTResNet::inferenceFormOfBothHeads_data() {
  QTest::addColumn<QString>("head");
  QTest::newRow("gap") << "gap";
  QTest::newRow("attention") << "attention";
}

// The inference form gives the training form's scores: batch norm statistics
// far from the identity (so that folding changes every weight), both heads,
// NCHW and channels-last; and train mode, and the checkpoint, never see it.
void TestTResNet::inferenceFormOfBothHeads() {
  QFETCH(QString, head);
  aia::HeadOptions options;
  options.kind = head.toStdString();
  options.dropout = 0.0;
  options.hidden = 64, options.heads = 4, options.feedforward = 128;
  torch::manual_seed(5);
  aia::Classifier model = aia::make_model("tresnet_nano", 20, options);
  {
    torch::NoGradGuard no_grad;
    for (auto& m : model->modules(false))
      if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
        bn->weight.uniform_(0.5, 1.5), bn->bias.uniform_(-0.3, 0.3);
        bn->running_mean.uniform_(-0.5, 0.5), bn->running_var.uniform_(0.3, 3.0);
      }
  }
  model->eval();
  const auto x = torch::randn({3, 3, 64, 64});
  torch::NoGradGuard no_grad;
  const auto reference = model->forward(x).clone();
  const auto state_before = aia::model_state(*model);
  for (bool channels_last : {false, true}) {
    model->fold_for_inference(channels_last);
    aia::apply_memory_format(*model, channels_last);
    const auto input = channels_last ? x.contiguous(torch::MemoryFormat::ChannelsLast) : x;
    const double d = (model->forward(input) - reference).abs().max().item<double>();
    const double scale = reference.abs().max().item<double>();
    qInfo("%s head, %s: max |logit difference| %.3g (logits up to %.3g)", qPrintable(head),
          channels_last ? "channels-last" : "NCHW", d, scale);
    QVERIFY2(d <= 1e-5 * std::max(1.0, scale), qPrintable(QString::number(d)));  // measured: 3.9e-7
    aia::apply_memory_format(*model, false);
  }
  // The parameters are those of the training form: the checkpoint is unchanged.
  const auto state_after = aia::model_state(*model);
  QCOMPARE(state_after.size(), state_before.size());
  for (std::size_t i = 0; i < state_after.size(); ++i)
    QVERIFY2(torch::equal(state_after[i].second, state_before[i].second), state_after[i].first.c_str());
  // Train mode computes with the batch norms themselves: batch statistics move the running ones.
  model->train();
  const auto mean_before = model->named_buffers()["body.conv1.bn.running_mean"].clone();
  model->forward(x);
  QVERIFY(!torch::equal(model->named_buffers()["body.conv1.bn.running_mean"], mean_before));
}

QTEST_APPLESS_MAIN(TestTResNet)
#include "tst_tresnet.moc"
