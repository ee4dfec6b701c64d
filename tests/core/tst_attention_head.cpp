// The attention-based pooling head against the parity fixture
// (shared/fixtures/attention_head: two cases, weights and input from its hash
// rule): logits and attention maps in float64 to 1e-9, in float32 to 1e-4
// and 1e-5; the authors' state-dict names and shapes, at the fixture's sizes
// and at the paper's (Corel-5k: 2048 -> 1024, 8 heads, 260 labels, and its
// learnable parameter count).

#include <torch/torch.h>

#include "aia/annotate/annotator.h"
#include "aia/errors.h"
#include "aia/io/safetensors.h"
#include "aia/model/attention_head.h"
#include "aia/run/run_folder.h"
#include "aia/training/trainer.h"
#include "test_support.h"
#include "tiny_dataset.h"
#include "tiny_run.h"

#include <QtTest>

#include <cmath>
#include <map>

namespace {

// shared/fixtures/attention_head/README.md: FNV-1a 32 of the name, a sine hash per flat index.
torch::Tensor hashed(const std::string& name, at::IntArrayRef shape, double scale) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : name) h = (h ^ c) * 16777619u;
  auto t = torch::empty(shape, torch::kDouble);
  auto* p = t.data_ptr<double>();
  for (std::int64_t i = 0; i < t.numel(); ++i) {
    double u = std::sin(double(i) * 12.9898 + double(h % 100003u) * 78.233) * 43758.5453;
    u -= std::trunc(u);
    if (u < 0) u += 1.0;
    p[i] = (u - 0.5) * 2.0 * scale;
  }
  return t;
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

aia::AttentionHead fixture_head(const nlohmann::json& config) {
  aia::AttentionHeadOptions o;
  o.channels = config["channels"], o.hidden = config["hidden_size"], o.heads = config["num_heads"];
  o.feedforward = config["feedforward_size"], o.num_classes = config["num_classes"];
  aia::AttentionHead head(o);
  head->to(torch::kDouble);
  torch::NoGradGuard no_grad;
  for (auto& item : head->named_parameters()) {
    const std::string& name = item.key();
    torch::Tensor& p = item.value();
    const bool norm_weight = ends_with(name, "weight") && name.find("norm") != std::string::npos;
    const bool wide =
        ends_with(name, "in_proj_weight") || ends_with(name, "in_proj_bias") || name == "query_emb.weight";
    auto value = hashed(name, p.sizes(), norm_weight ? 1.0 : wide ? 0.6 : 0.3);
    p.copy_(norm_weight ? value + 1.0 : value);
  }
  head->eval();
  return head;
}

torch::Tensor from_json(const nlohmann::json& j) {
  std::vector<double> flat;
  std::vector<std::int64_t> shape;
  std::function<void(const nlohmann::json&, std::size_t)> walk = [&](const nlohmann::json& x, std::size_t depth) {
    if (!x.is_array()) return flat.push_back(x.get<double>());
    if (shape.size() == depth) shape.push_back(std::int64_t(x.size()));
    for (const auto& e : x) walk(e, depth + 1);
  };
  walk(j, 0);
  return torch::tensor(flat, torch::kDouble).view(shape);
}

}  // namespace

class TestAttentionHead : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(2); }
  void parityWithTheFixture_data();
  void parityWithTheFixture();
  void paperSizeNamesShapesAndCount();
  void queriesAreFrozenAndDropoutOnlyInTraining();
  void runsTrainAndTagWithTheAttentionHead();

 private:
  QTemporaryDir m_dir;
};

void TestAttentionHead::parityWithTheFixture_data() {
  QTest::addColumn<int>("index");
  const auto doc = aia::test::load_json(aia::test::shared_path("fixtures/attention_head/expected.json"));
  for (std::size_t i = 0; i < doc["cases"].size(); ++i)
    QTest::newRow(doc["cases"][i]["label"].get<std::string>().c_str()) << int(i);
}

void TestAttentionHead::parityWithTheFixture() {
  QFETCH(int, index);
  const auto c = aia::test::load_json(aia::test::shared_path("fixtures/attention_head/expected.json"))["cases"][index];
  const auto config = c["config"];
  auto head = fixture_head(config);
  std::map<std::string, std::vector<std::int64_t>> ours;
  for (const auto& item : head->named_parameters()) ours[item.key()] = item.value().sizes().vec();
  std::map<std::string, std::vector<std::int64_t>> theirs;
  for (const auto& [name, shape] : c["parameter_shapes"].items()) theirs[name] = shape.get<std::vector<std::int64_t>>();
  QCOMPARE(ours, theirs);  // the authors' names and shapes, nothing more, nothing less

  const std::int64_t batch = config["batch"], h = config["feature_map"][0], w = config["feature_map"][1];
  const auto features = hashed("features", {batch, config["channels"].get<std::int64_t>(), h, w}, 2.0);
  const auto logits = from_json(c["logits"]), attention = from_json(c["attention"]);
  torch::NoGradGuard no_grad;
  const auto [l64, a64] = head->forward(features);
  QVERIFY2((l64 - logits).abs().max().item<double>() < 1e-9, "float64 logits");
  QVERIFY2((a64 - attention).abs().max().item<double>() < 1e-9, "float64 attention");
  head->to(torch::kFloat);
  const auto [l32, a32] = head->forward(features.to(torch::kFloat));
  const double dl = (l32.to(torch::kDouble) - logits).abs().max().item<double>();
  const double da = (a32.to(torch::kDouble) - attention).abs().max().item<double>();
  qInfo("float32: logits within %.2g, attention within %.2g", dl, da);
  QVERIFY(dl <= 1e-4);
  QVERIFY(da <= 1e-5);
  QVERIFY((a32.sum(-1) - 1).abs().max().item<double>() < 1e-5);  // each label's map is a distribution
}

void TestAttentionHead::paperSizeNamesShapesAndCount() {
  const auto doc = aia::test::load_json(aia::test::shared_path("fixtures/attention_head/paper_shapes.json"));
  aia::AttentionHeadOptions o;  // the defaults are the paper's sizes
  o.num_classes = 260;
  aia::AttentionHead head(o);
  std::map<std::string, std::vector<std::int64_t>> ours, theirs;
  for (const auto& item : head->named_parameters()) ours[item.key()] = item.value().sizes().vec();
  for (const auto& [name, shape] : doc["corel5k_paper_config"].items())
    theirs[name] = shape.get<std::vector<std::int64_t>>();
  QCOMPARE(ours, theirs);
  QCOMPARE(head->learnable_parameters(), doc["learnable_parameters_without_query_emb"].get<std::int64_t>());
}

void TestAttentionHead::queriesAreFrozenAndDropoutOnlyInTraining() {
  aia::AttentionHeadOptions o;
  o.channels = 8, o.hidden = 8, o.heads = 2, o.feedforward = 16, o.num_classes = 3, o.dropout = 0.5;
  aia::AttentionHead head(o);
  QVERIFY(!head->query_emb->weight.requires_grad());
  const auto x = torch::randn({2, 8, 3, 3});
  head->eval();
  QVERIFY(torch::equal(head->forward(x).first, head->forward(x).first));
  head->train();
  QVERIFY(!torch::equal(head->forward(x).first, head->forward(x).first));
  auto [logits, attention] = head->forward(x);
  logits.sum().backward();
  QVERIFY(head->w.grad().defined() && !head->query_emb->weight.grad().defined());
  const aia::AttentionHeadOptions uneven{8, 10, 4, 16, 3, 0.1};  // 10 channels over 4 heads
  auto make = [&] { return aia::AttentionHead(uneven); };
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, make());
}

class Quiet : public aia::TrainObserver {
 public:
  void on_message(const std::string&) override {}
};

void TestAttentionHead::runsTrainAndTagWithTheAttentionHead() {
  const std::string data = m_dir.filePath(QStringLiteral("tiny")).toStdString();
  aia::test::make_tiny_dataset(data);
  auto config = aia::test::tiny_train_config(data, m_dir.filePath(QStringLiteral("run")).toStdString(), 2);
  config.model.head = "attention";
  config.model.attention_hidden = 32, config.model.attention_heads = 4, config.model.attention_feedforward = 64;
  Quiet quiet;
  QCOMPARE(aia::train(config, quiet).status, aia::RunStatus::Succeeded);
  const aia::RunFolder run(config.run.out_dir);
  const aia::RunInfo info = run.read_info();
  QCOMPARE(info.head, std::string("attention"));
  QCOMPARE(info.attention_hidden, 32);
  // The checkpoint holds the authors' head names (query_emb unchanged by training: it is frozen).
  bool has_queries = false, has_w = false;
  for (const auto& [key, value] : aia::read_safetensors(run.checkpoint_path(aia::Checkpoint::Best))) {
    has_queries |= key == "head.query_emb.weight";
    has_w |= key == "head.w" && value.sizes() == torch::IntArrayRef({1, 4, 32});
  }
  QVERIFY(has_queries && has_w);
  aia::Annotator annotator(config.run.out_dir, "cpu");
  const auto results = annotator.annotate({data + "/images/test0.png"});
  QVERIFY2(results.at(0).ok, results.at(0).error.c_str());
  QCOMPARE(results[0].scores.size(), std::size_t{4});
  // Frozen mode caches pooled features, which this head does not read: refused before anything runs.
  config.run.mode = aia::TrainMode::Frozen;
  bool refused = false;
  for (const auto& problem : aia::validate(config)) refused |= problem.find("attention head") != std::string::npos;
  QVERIFY(refused);
}

QTEST_GUILESS_MAIN(TestAttentionHead)
#include "tst_attention_head.moc"
