// The backbone registry: names, heads, the light backbone.

#include <torch/torch.h>

#include "aia/catalogue/catalogue.h"
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
  void catalogueIsTheOneList();
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

void TestRegistry::catalogueIsTheOneList() {
  // Every backbone of the catalogue builds, and the registry lists exactly those.
  std::vector<std::string> listed;
  for (const auto& b : aia::list_backbones()) listed.push_back(b.name);
  QCOMPARE(listed, aia::names_of(aia::backbones()));
  for (const auto& b : aia::backbones()) QVERIFY(aia::has_backbone(b.name));
  QCOMPARE(aia::default_backbone(), std::string("tresnet_m"));
  // Every loss preset by both spellings; the default is the paper's.
  for (const auto& p : aia::loss_presets()) {
    QCOMPARE(aia::loss_preset(p.name).name, p.name);
    QCOMPARE(aia::loss_preset(p.seed_name).name, p.name);
    QVERIFY(aia::validate(p.options).empty());
  }
  QCOMPARE(aia::loss_preset(aia::default_loss()).margin_pos, aia::LossOptions{}.margin_pos);
  try {
    aia::loss_preset("hinge");
    QFAIL("hinge is no loss");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(std::string(e.what()).find("bce, focal, asymmetric, proposed, BCELoss") != std::string::npos, e.what());
  }
  // The demos are flagged; names are unique in every list.
  QVERIFY(aia::is_demo_dataset("demo") && aia::is_demo_dataset("demo-longtail"));
  QVERIFY(!aia::is_demo_dataset("Corel-5k") && !aia::is_demo_dataset("/some/folder"));
  for (const auto& names :
       {aia::names_of(aia::datasets()), aia::names_of(aia::threshold_strategies()), aia::names_of(aia::precisions()),
        aia::names_of(aia::memory_formats()), aia::names_of(aia::train_modes()), aia::names_of(aia::review_orders()),
        aia::names_of(aia::report_formats()), aia::names_of(aia::project_export_formats()), aia::loss_names()}) {
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    QVERIFY(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    QVERIFY(!names.empty());
  }
  QCOMPARE(aia::join_names({"a", "b", "c"}), std::string("a | b | c"));
  QCOMPARE(aia::names_or({"a", "b", "c"}), std::string("a, b or c"));
}

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
