// The backbone registry: names, heads, the light backbone.

#include <torch/torch.h>

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"

#include <QtTest>

class TestRegistry : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(2); }
  void registry();
  void lightBackboneIsMuchCheaper();
};

void TestRegistry::registry() {
  QVERIFY(aia::has_backbone("tresnet_m"));
  QVERIFY(aia::has_backbone("tresnet_nano"));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::make_model("resnet9000", 3));
  auto nano = aia::make_model("tresnet_nano", 7);
  QCOMPARE(nano->num_classes(), std::int64_t(7));
  QCOMPARE(nano->forward_features(torch::randn({1, 3, 64, 64})).size(1), nano->feature_dim());
  nano->reset_head(11);
  QCOMPARE(nano->forward(torch::randn({1, 3, 64, 64})).size(1), std::int64_t(11));
  // The paper's head: head.fc.1.* after a Dropout at index 0.
  bool found = false;
  for (auto& [k, v] : aia::model_state(*nano)) found = found || k == "head.fc.1.weight";
  QVERIFY(found);
}

void TestRegistry::lightBackboneIsMuchCheaper() {
  // The registry's light backbone must train >= 10x faster than TResNet-M
  // (bench/ measures the speed; here the structural reason: parameters).
  auto count = [](aia::ClassifierImpl& m) {
    std::int64_t n = 0;
    for (auto& p : m.parameters()) n += p.numel();
    return n;
  };
  auto m = aia::make_model("tresnet_m", 10);
  auto nano = aia::make_model("tresnet_nano", 10);
  QVERIFY(count(*nano) * 10 < count(*m));
}

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
