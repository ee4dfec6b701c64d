// The training engine on a tiny generated dataset: a whole run and its
// folder, stop and resume to the same weights as an uninterrupted run, a
// dataset with corrupt, missing and hostile entries, a NaN stop, the
// one-cycle schedule against PyTorch's values, and a process killed while it
// writes a checkpoint.

#include <torch/torch.h>

#include "aia/annotate/annotator.h"
#include "aia/annotate/heatmap.h"
#include "aia/annotate/image_files.h"
#include "aia/catalogue/catalogue.h"
#include "aia/data/dataset.h"
#include "aia/data/epoch_order.h"
#include "aia/data/image_pipeline.h"
#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/loss/loss.h"
#include "aia/model/registry.h"
#include "aia/run/run_folder.h"
#include "aia/run/train_config.h"
#include "aia/runtime/compute_format.h"
#include "aia/training/onecycle.h"
#include "aia/training/train_step.h"
#include "aia/training/trainer.h"
#include "aia/training/training_state.h"
#include "test_support.h"
#include "tiny_dataset.h"
#include "tiny_run.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

#include <csignal>

namespace fs = std::filesystem;

Q_DECLARE_METATYPE(aia::TrainMode)

namespace {

aia::TrainConfig tiny_config(const std::string& data, const std::string& out) {
  return aia::test::tiny_train_config(data, out);
}

struct Recorder : aia::TrainObserver {
  std::vector<aia::BatchProgress> batches;
  std::vector<aia::EpochReport> epochs;
  std::vector<std::string> messages;
  aia::ValidationReport report;
  std::stop_source* stop = nullptr;
  std::size_t stop_after = 0;  // request a stop after this many training batches
  std::size_t trained = 0;
  void on_message(const std::string& text) override { messages.push_back(text); }
  void on_dataset(const aia::Dataset&, const aia::ValidationReport& r) override { report = r; }
  void on_batch(const aia::BatchProgress& p) override {
    batches.push_back(p);
    if (p.phase == aia::Phase::Training && ++trained == stop_after && stop) stop->request_stop();
  }
  void on_epoch(const aia::EpochReport& r) override { epochs.push_back(r); }
  bool said(const std::string& part) const {
    for (const auto& m : messages)
      if (m.find(part) != std::string::npos) return true;
    return false;
  }
};

// A tresnet_nano weights file (4 labels) with a NaN in its head, written at `path`: every loss from it is NaN.
std::string nan_weights(const std::string& path) {
  auto model = aia::make_model("tresnet_nano", 4);
  {
    torch::NoGradGuard no_grad;
    model->named_parameters()["head.fc.1.weight"][0][0] = std::nanf("");
  }
  aia::export_weights(*model, path, aia::WeightFormat::Safetensors);
  return path;
}

aia::NamedTensors model_part(const std::string& path) {
  aia::NamedTensors out;
  for (auto& [k, v] : aia::read_safetensors(path))
    if (k.rfind("optim.", 0) != 0) out.emplace_back(k, v);
  return out;
}

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void oneCycleMatchesPyTorch();
  void oneCycleShortSchedulesStayFinite();
  void configRoundTripAndValidation();
  void wholeRun();
  void stopAndResumeGivesTheSameWeights_data();
  void stopAndResumeGivesTheSameWeights();
  void hostileDatasetTrainsWithProblemsReported();
  void nanLossStopsCleanly();
  void nanGuardChecksEveryNSteps();
  void nanGuardWindowInARun();
  void frozenBackboneTrainsTheHeadOnCachedFeatures();
  void resumeAcrossTheEpochOrderChange();
  void emaWeightsAreEvaluatedAndKept();
  void killedWriterLeavesLoadableCheckpoint();
  void classActivationMapsAreExactAndLocal();
  void computeFormatRules();
  void computeFormatsGiveTheSameTags();

 private:
  QTemporaryDir m_dir;
  std::string m_data;
};

void TestTrainer::initTestCase() {
  torch::set_num_threads(2);
  m_data = m_dir.filePath("tiny").toStdString();
  aia::test::make_tiny_dataset(m_data);
}

void TestTrainer::oneCycleMatchesPyTorch() {
  const auto f = aia::test::load_json(aia::test::shared_path("fixtures/onecycle_cases.json"));
  aia::OneCycle s;
  s.max_lr = f["max_lr"];
  s.total_steps = f["total_steps"];
  s.pct_start = f["pct_start"];
  QCOMPARE(s.total_steps, long(f["steps_per_epoch"].get<long>() * f["epochs"].get<long>()));
  int checked = 0;
  for (const auto& sample : f["samples"]) {
    const auto v = s.at(sample["step"].get<long>());
    const double lr = sample["lr"], beta1 = sample["beta1"];
    QVERIFY2(std::abs(v.lr - lr) <= 1e-9 * lr,
             qPrintable(QString("step %1 lr %2 vs %3").arg(sample["step"].get<long>()).arg(v.lr).arg(lr)));
    QVERIFY2(std::abs(v.beta1 - beta1) <= 1e-12, qPrintable(QString("step %1 beta1").arg(sample["step"].get<long>())));
    ++checked;
  }
  QVERIFY(checked > 10);
}

void TestTrainer::oneCycleShortSchedulesStayFinite() {
  // 5 steps at pct_start 0.2: the warm-up ends at step 0 (PyTorch divides by zero there).
  for (long total : {1L, 2L, 5L}) {
    aia::OneCycle s;
    s.max_lr = 2e-3;
    s.total_steps = total;
    s.pct_start = 0.2;
    for (long step = 0; step < total; ++step) {
      const auto v = s.at(step);
      QVERIFY2(std::isfinite(v.lr) && v.lr > 0 && v.lr <= s.max_lr,
               qPrintable(QString("total %1 step %2").arg(total).arg(step)));
      QVERIFY(std::isfinite(v.beta1));
    }
    if (total == 5) QCOMPARE(s.at(0).lr, s.max_lr);  // a warm-up of zero length is over at once
  }
}

void TestTrainer::configRoundTripAndValidation() {
  aia::TrainConfig c = tiny_config("x", "y");
  c.optim.epochs = 7;
  c.loss = aia::loss_preset("focal");
  const auto back = aia::train_config_from_json(aia::to_json(c), "mem");
  QCOMPARE(back.optim.epochs, 7);
  QCOMPARE(back.loss.gamma_neg, 3.0);
  QCOMPARE(back.model.backbone, std::string("tresnet_nano"));
  // Old files load: missing fields keep their defaults.
  const auto partial = aia::train_config_from_json(R"({"optim": {"epochs": 3}})", "mem");
  QCOMPARE(partial.optim.epochs, 3);
  QCOMPARE(partial.optim.batch_size, 32);
  QCOMPARE(partial.data.image_size, 448);
  // Every problem at once, each naming its field.
  c.optim.epochs = 0;
  c.data.image_size = 30;
  c.optim.learning_rate = -1;
  const auto problems = aia::validate(c);
  QCOMPARE(problems.size(), std::size_t(3));
  QVERIFY(problems[0].find("data.image_size") != std::string::npos);
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::train_config_from_json(R"({"optim": {"epochs": "x"}})", "f.json"));
}

void TestTrainer::wholeRun() {
  const std::string out = m_dir.filePath("run-whole").toStdString();
  Recorder rec;
  const auto r = aia::train(tiny_config(m_data, out), rec);
  QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
  QCOMPARE(rec.epochs.size(), std::size_t(2));
  QCOMPARE(rec.batches.size(), std::size_t(16));  // 64 images / 8, two epochs
  QVERIFY(rec.batches.back().eta_seconds >= 0);
  // The run folder's layout on disk, checked on purpose by name (aia::RunFolder owns it elsewhere).
  for (const char* f : {"config.json", "run.json", "metrics.jsonl", "log.txt", "checkpoints/best.safetensors",
                        "checkpoints/last.safetensors", "thresholds.json", "thresholds_mcc.json", "thresholds_f1.json",
                        "evaluation.json", "test_scores.csv", "test_targets.csv"})
    QVERIFY2(fs::exists(fs::path(out) / f), f);
  std::ifstream metrics(fs::path(out) / "metrics.jsonl");  // the format on disk, on purpose
  int lines = 0;
  for (std::string line; std::getline(metrics, line); ++lines) {
    const auto j = nlohmann::json::parse(line);
    QCOMPARE(j["epoch"].get<int>(), lines + 1);
    for (const char* k : {"train_loss", "val_loss", "per_class_f1", "per_image_f1", "n_plus", "map", "lr"})
      QVERIFY2(j.contains(k), k);
  }
  QCOMPARE(lines, 2);
  const auto evaluation = aia::test::load_json(out + "/evaluation.json");  // the format on disk, on purpose
  for (const char* s : {"0.5", "mcc-grid", "mcc", "f1"}) QVERIFY2(evaluation["strategies"].contains(s), s);
  // The loss went down on this easy task.
  QVERIFY(rec.epochs.back().train_loss < rec.epochs.front().train_loss);
}

void TestTrainer::stopAndResumeGivesTheSameWeights_data() {
  QTest::addColumn<aia::TrainMode>("mode");
  QTest::newRow("finetune") << aia::TrainMode::FineTune;
  QTest::newRow("frozen") << aia::TrainMode::Frozen;  // its epochs follow the same order rule
}

void TestTrainer::stopAndResumeGivesTheSameWeights() {
  QFETCH(aia::TrainMode, mode);
  qputenv("AIA_CACHE_DIR", m_dir.filePath("cache-resume").toUtf8());
  const std::string name = aia::to_string(mode);
  const std::string straight = m_dir.filePath(QString::fromStdString("run-straight-" + name)).toStdString();
  const std::string stopped = m_dir.filePath(QString::fromStdString("run-stopped-" + name)).toStdString();
  auto config = tiny_config(m_data, straight);
  config.data.flips = true;
  config.run.mode = mode;
  Recorder a;
  QCOMPARE(aia::train(config, a).status, aia::RunStatus::Succeeded);

  config.run.out_dir = stopped;
  std::stop_source stop;
  Recorder b;
  b.stop = &stop;
  b.stop_after = 5;  // inside the first epoch
  const auto r1 = aia::train(config, b, stop.get_token());
  QCOMPARE(r1.status, aia::RunStatus::Cancelled);
  QCOMPARE(b.trained, std::size_t(5));  // honoured within one batch
  QVERIFY(aia::RunFolder(stopped).has_checkpoint(aia::Checkpoint::Last));
  Recorder c;
  const auto r2 = aia::train(config, c, {}, stopped);
  QVERIFY2(r2.status == aia::RunStatus::Succeeded, r2.message.c_str());
  QCOMPARE(c.trained, std::size_t(16 - 5));

  const auto x = model_part(aia::RunFolder(straight).checkpoint_path(aia::Checkpoint::Last));
  const auto y = model_part(aia::RunFolder(stopped).checkpoint_path(aia::Checkpoint::Last));
  QCOMPARE(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    QCOMPARE(x[i].first, y[i].first);
    QVERIFY2(torch::allclose(x[i].second, y[i].second, 1e-6, 1e-7), x[i].first.c_str());
  }
  QCOMPARE(a.epochs.back().train_loss, c.epochs.back().train_loss);
}

void TestTrainer::hostileDatasetTrainsWithProblemsReported() {
  const fs::path root = m_dir.filePath("hostile").toStdString();
  aia::test::make_tiny_dataset(root.string(), 24, 8, 9);
  const fs::path images = root / "images";
  std::ofstream(images / "corrupt.jpg") << "this is not a jpeg";
  std::ofstream(images / "empty.png");
  {  // a PNG cut short
    std::ifstream in(images / "train0.png", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(images / "truncated.png", std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  }
  {  // a decompression bomb: a PNG header claiming 100000 x 100000 pixels
    std::ifstream in(images / "train1.png", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    bytes[16] = 0;
    bytes[17] = 1;
    bytes[18] = static_cast<char>(0x86);
    bytes[19] = static_cast<char>(0xA0);
    bytes[20] = 0;
    bytes[21] = 1;
    bytes[22] = static_cast<char>(0x86);
    bytes[23] = static_cast<char>(0xA0);
    std::ofstream(images / "bomb.png", std::ios::binary) << bytes;
  }
  std::ofstream(root / "secret.png") << "outside";
  fs::create_symlink(root / "secret.png", images / "link_out.png");
  auto doc = aia::test::load_json((root / "train.json").string());
  auto add = [&](const std::string& name, std::vector<std::string> labels) {
    doc["samples"].push_back({{"image_name", name}, {"image_labels", labels}});
  };
  add("corrupt.jpg", {"red"});
  add("empty.png", {"red"});
  add("truncated.png", {"green"});
  add("bomb.png", {"blue"});
  add("missing.png", {"red"});
  add("../secret.png", {"red"});
  add("/etc/passwd", {"red"});
  add("link_out.png", {"red"});
  add("train2.png", {"red"});          // duplicate
  add("train3.png", {});               // no labels (duplicate too, reported once)
  add("train_extra.png", {"purple"});  // only an unknown label
  std::ofstream(root / "train.json") << doc.dump();

  auto config = tiny_config(root.string(), m_dir.filePath("run-hostile").toStdString());
  config.optim.epochs = 1;
  Recorder rec;
  const auto r = aia::train(config, rec);
  QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
  using K = aia::DatasetIssue::Kind;
  QCOMPARE(rec.report.count(K::EscapesFolder), std::size_t(3));  // .., absolute, link out
  QCOMPARE(rec.report.count(K::MissingImage), std::size_t(1));
  QCOMPARE(rec.report.count(K::Duplicate), std::size_t(2));
  QCOMPARE(rec.report.count(K::UnknownLabel), std::size_t(1));
  QVERIFY(rec.report.count(K::NoLabels) >= 1);
  // The undecodable ones were skipped during training and said so.
  for (const char* name : {"corrupt.jpg", "empty.png", "truncated.png", "bomb.png"})
    QVERIFY2(rec.said(std::string("skipped ") + name), name);
  QVERIFY(rec.said("exceeds the limit"));
  QVERIFY(rec.epochs.back().skipped_images >= 4);
}

void TestTrainer::nanLossStopsCleanly() {
  // Pretrained weights with a NaN in the head (a corrupt file, say) make the first loss NaN.
  auto config = tiny_config(m_data, m_dir.filePath("run-nan").toStdString());
  config.model.pretrained = nan_weights(m_dir.filePath("nan.safetensors").toStdString());
  Recorder rec;
  const auto r = aia::train(config, rec);
  QCOMPARE(r.status, aia::RunStatus::Failed);
  QVERIFY2(r.message.find("the loss became") != std::string::npos, r.message.c_str());
  QVERIFY2(r.message.find("best checkpoint") != std::string::npos, r.message.c_str());
  QVERIFY(rec.batches.empty());  // no step was taken with the NaN loss
}

namespace {

// A tiny model trained step by step by a StepEngine: everything the NaN
// guard must put back (weights, BatchNorm buffers, Adam's moments and step).
struct GuardRig {
  aia::Classifier model;
  std::unique_ptr<torch::optim::Adam> adam;
  std::unique_ptr<aia::StepEngine> engine;
  torch::Tensor images, targets;

  explicit GuardRig(int check_every) {
    torch::manual_seed(3);
    model = aia::make_model("tresnet_nano", 4);
    model->train();
    std::vector<torch::Tensor> trained = model->parameters();
    adam = std::make_unique<torch::optim::Adam>(trained, torch::optim::AdamOptions(1e-3));
    aia::StepSettings settings;
    settings.check_every = check_every;
    engine = std::make_unique<aia::StepEngine>(*adam, trained, aia::single_process_collective(), settings);
    engine->guard_also(model->buffers());
    images = torch::rand({4, 3, 32, 32});
    targets = (torch::rand({4, 4}) > 0.5).to(torch::kFloat32);
  }
  // Step `k` (1-based); `poison`: its loss is NaN.
  aia::StepResult step(long k, bool poison = false) {
    aia::OneCycle::Value v{1e-3, 0.9};
    return engine->step(v, static_cast<std::uint64_t>(k), 4, false, [&] {
      auto loss = aia::multilabel_loss(model->forward(images), targets, aia::loss_preset("proposed"));
      return poison ? loss * std::nanf("") : loss;
    });
  }
  // Weights, buffers and Adam's moments and step, as a training-state checkpoint holds them.
  std::vector<torch::Tensor> state() {
    const std::string path = fs::temp_directory_path() / ("aia-guard-" + std::to_string(::getpid()) + ".safetensors");
    aia::save_training_state(path, *model, *adam, aia::Ema(), aia::TrainState{});
    std::vector<torch::Tensor> out;
    for (auto& [k, v] : aia::read_safetensors(path)) out.push_back(v);
    fs::remove(path);
    return out;
  }
};

bool same(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!torch::equal(a[i], b[i])) return false;
  return true;
}

}  // namespace

void TestTrainer::nanGuardChecksEveryNSteps() {
  // Checked every step (one host read a step) and every 4 steps give exactly the same training.
  GuardRig each(1), window(4);
  for (long k = 1; k <= 8; ++k) {
    const auto a = each.step(k), b = window.step(k);
    QVERIFY(a.applied && b.applied);
    QCOMPARE(a.checked.size(), std::size_t(1));
    // The deferred losses stay on the device until the window closes, then come back together.
    QCOMPARE(b.checked.size(), k % 4 == 0 ? std::size_t(4) : std::size_t(0));
    if (k % 4 == 0) QCOMPARE(b.checked.back(), a.checked.back());
  }
  QVERIFY(same(each.state(), window.state()));
  const auto after8 = window.state();

  // A NaN at step 11 of the window 9..12: the whole window is undone, back to after step 8
  // (weights, BatchNorm buffers, Adam's moments), and the checked losses say which step.
  window.step(9), window.step(10);
  QVERIFY(!same(window.state(), after8));
  QVERIFY(window.step(11, true).checked.empty());
  const auto bad = window.step(12);
  QVERIFY(!bad.finite);
  QCOMPARE(bad.undone, 4L);
  QCOMPARE(bad.checked.size(), std::size_t(4));
  QVERIFY(std::isfinite(bad.checked[1]) && std::isnan(bad.checked[2]));
  QVERIFY(same(window.state(), after8));
  // Adam's state went back too: from here, both engines step alike.
  const auto a = each.step(9), b = window.step(9);
  QVERIFY(a.applied && b.applied);
  window.engine->flush();
  QVERIFY(same(each.state(), window.state()));

  // A NaN in the very first window: back to the initial weights, Adam as if it never stepped.
  GuardRig fresh(1), first(3);
  const auto initial = first.state();
  first.step(1);
  first.step(2, true);
  QCOMPARE(first.engine->unchecked(), std::size_t(2));
  const auto flushed = first.engine->flush();  // the epoch's end closes the window early
  QVERIFY(!flushed.finite);
  QCOMPARE(flushed.undone, 2L);
  QVERIFY(same(first.state(), initial));
  fresh.step(1), first.step(1);
  first.engine->flush();
  QVERIFY(same(fresh.state(), first.state()));

  // Checked at once, the bad step is refused before its backward pass: nothing to undo.
  GuardRig at_once(1);
  const auto before = at_once.state();
  const auto refused = at_once.step(1, true);
  QVERIFY(!refused.finite && !refused.applied);
  QCOMPARE(refused.undone, 0L);
  QVERIFY(same(at_once.state(), before));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, GuardRig(0));
}

void TestTrainer::nanGuardWindowInARun() {
  // A whole run checked every 3 steps: weights with a NaN make every loss NaN; the
  // first window is undone, the message names the first bad batch, no progress is
  // shown for an unchecked step and no checkpoint holds a non-finite number.
  auto config = tiny_config(m_data, m_dir.filePath("run-nan-window").toStdString());
  config.model.pretrained = nan_weights(m_dir.filePath("nan-window.safetensors").toStdString());
  config.run.check_loss_every = 3;
  Recorder rec;
  const auto r = aia::train(config, rec);
  QCOMPARE(r.status, aia::RunStatus::Failed);
  QVERIFY2(r.message.find("the loss became NaN at epoch 1, batch 1 ") != std::string::npos, r.message.c_str());
  QVERIFY2(r.message.find("3 steps since the last check undone") != std::string::npos, r.message.c_str());
  QVERIFY(rec.said("the loss is checked every 3 steps"));
  QVERIFY(rec.batches.empty());
  for (const auto& entry : fs::directory_iterator(config.run.out_dir))
    if (entry.path().extension() == ".safetensors")
      for (auto& [k, v] : aia::read_safetensors(entry.path().string()))
        if (v.is_floating_point())
          QVERIFY2(torch::isfinite(v).all().item<bool>(), (entry.path().string() + " " + k).c_str());

  // A healthy run checked every 3 steps reports every batch, in order, with the losses of a run checked each step.
  auto each = tiny_config(m_data, m_dir.filePath("run-check-1").toStdString());
  auto window = tiny_config(m_data, m_dir.filePath("run-check-3").toStdString());
  each.optim.epochs = window.optim.epochs = 2;
  each.run.check_loss_every = 1;
  window.run.check_loss_every = 3;
  Recorder a, b;
  QCOMPARE(aia::train(each, a).status, aia::RunStatus::Succeeded);
  QCOMPARE(aia::train(window, b).status, aia::RunStatus::Succeeded);
  QCOMPARE(b.batches.size(), a.batches.size());
  for (std::size_t i = 0; i < a.batches.size(); ++i) {
    QCOMPARE(b.batches[i].epoch, a.batches[i].epoch);
    QCOMPARE(b.batches[i].batch, a.batches[i].batch);
    QCOMPARE(b.batches[i].loss, a.batches[i].loss);
  }
  QCOMPARE(b.epochs.back().train_loss, a.epochs.back().train_loss);
}

void TestTrainer::frozenBackboneTrainsTheHeadOnCachedFeatures() {
  qputenv("AIA_CACHE_DIR", m_dir.filePath("cache").toUtf8());
  auto config = tiny_config(m_data, m_dir.filePath("run-frozen").toStdString());
  config.run.mode = aia::TrainMode::Frozen;
  config.optim.epochs = 3;
  config.optim.learning_rate = 1e-2;
  Recorder first;
  auto r = aia::train(config, first);
  QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
  QVERIFY(first.said("extracting backbone features"));
  QVERIFY(first.epochs.back().train_loss < first.epochs.front().train_loss);
  // The backbone is the seeded initialisation, untouched; the head moved.
  torch::manual_seed(1);
  auto initial = aia::make_model("tresnet_nano", 4);
  auto best = model_part(aia::RunFolder(config.run.out_dir).checkpoint_path(aia::Checkpoint::Best));
  bool head_moved = false;
  for (auto& [k, v] : aia::model_state(*initial))
    for (auto& [k2, v2] : best)
      if (k == k2) {
        if (k.rfind("head.", 0) == 0)
          head_moved = head_moved || !torch::equal(v, v2);
        else
          QVERIFY2(torch::equal(v, v2), k.c_str());
      }
  QVERIFY(head_moved);
  // A second run finds the features in the cache.
  config.run.out_dir = m_dir.filePath("run-frozen-2").toStdString();
  Recorder second;
  r = aia::train(config, second);
  QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
  QVERIFY(second.said("from the cache"));
  QVERIFY(!second.said("extracting"));
}

void TestTrainer::resumeAcrossTheEpochOrderChange() {
  // The frozen mode's epoch order changed once (it follows the image loader's
  // rule now): a frozen run saved before is refused on resume, with a message;
  // a fine-tune run (whose order did not change) resumes.
  qputenv("AIA_CACHE_DIR", m_dir.filePath("cache-order").toUtf8());
  for (const auto mode : {aia::TrainMode::Frozen, aia::TrainMode::FineTune}) {
    const std::string out = m_dir.filePath(QString::fromStdString("run-old-" + aia::to_string(mode))).toStdString();
    auto config = tiny_config(m_data, out);
    config.run.mode = mode;
    std::stop_source stop;
    Recorder first;
    first.stop = &stop;
    first.stop_after = 3;
    QCOMPARE(aia::train(config, first, stop.get_token()).status, aia::RunStatus::Cancelled);
    // The training state as a version before the epoch-order rule saved it: no "epoch_order".
    const std::string last = aia::RunFolder(out).checkpoint_path(aia::Checkpoint::Last);
    std::map<std::string, std::string> meta;
    const auto tensors = aia::read_safetensors(last, &meta);
    auto state = nlohmann::json::parse(meta.at("aia_state"));
    QCOMPARE(state.at("epoch_order").get<int>(), aia::kEpochOrderVersion);
    state.erase("epoch_order");
    meta["aia_state"] = state.dump();
    aia::write_safetensors(last, tensors, meta);
    Recorder again;
    const auto r = aia::train(config, again, {}, out);
    if (mode == aia::TrainMode::Frozen) {
      QCOMPARE(r.status, aia::RunStatus::Failed);
      QVERIFY2(r.message.find("epoch order") != std::string::npos, r.message.c_str());
    } else {
      QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
    }
  }
}

void TestTrainer::emaWeightsAreEvaluatedAndKept() {
  auto config = tiny_config(m_data, m_dir.filePath("run-ema").toStdString());
  config.run.ema = true;
  config.run.ema_decay = 0.9;
  Recorder rec;
  const auto r = aia::train(config, rec);
  QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
  // last.safetensors keeps the raw weights and their average ("ema.*"), which differ.
  std::map<std::string, torch::Tensor> raw, ema;
  for (auto& [k, v] :
       aia::read_safetensors(aia::RunFolder(config.run.out_dir).checkpoint_path(aia::Checkpoint::Last))) {
    if (k.rfind("ema.", 0) == 0)
      ema[k.substr(4)] = v;
    else if (k.rfind("optim.", 0) != 0)
      raw[k] = v;
  }
  QCOMPARE(ema.size(), raw.size());
  QVERIFY(!torch::equal(ema.at("body.conv1.conv.weight"), raw.at("body.conv1.conv.weight")));
  // best.safetensors holds the averaged weights: equal to the final average when the last epoch was the best.
  if (r.best_epoch == config.optim.epochs)
    for (auto& [k, v] : model_part(aia::RunFolder(config.run.out_dir).checkpoint_path(aia::Checkpoint::Best)))
      QVERIFY2(torch::equal(v, ema.at(k)), k.c_str());
}

void TestTrainer::killedWriterLeavesLoadableCheckpoint() {
  // `aia convert` writes a checkpoint the way the trainer does (temporary name,
  // rename). Kill it at different moments: the destination is always whole.
  auto model = aia::make_model("tresnet_m", 260);
  const std::string source = m_dir.filePath("source.safetensors").toStdString();
  const std::string target = m_dir.filePath("target.safetensors").toStdString();
  aia::export_weights(*model, source, aia::WeightFormat::Safetensors);
  aia::export_weights(*model, target, aia::WeightFormat::Safetensors);
  const auto before = aia::read_safetensors(target).size();
  for (int delay : {150, 400, 700, 1000, 1400}) {
    QProcess p;
    p.start(AIA_CLI, {"convert", QString::fromStdString(source), QString::fromStdString(target)});
    QVERIFY(p.waitForStarted());
    QThread::msleep(static_cast<unsigned long>(delay));
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished();
    QCOMPARE(aia::read_safetensors(target).size(), before);
  }
}

void TestTrainer::classActivationMapsAreExactAndLocal() {
  // At 64 px the last feature map is 2 x 2: one cell per quadrant of the tiny dataset's images.
  const std::string run = m_dir.filePath("cam").toStdString();
  aia::TrainConfig c = aia::test::tiny_train_config(m_data, run, 12);
  c.data.image_size = 64;
  c.data.flips = false;  // the quadrants stay where they are
  aia::TrainObserver quiet;
  const auto trained = aia::train(c, quiet);
  QVERIFY2(trained.status == aia::RunStatus::Succeeded, trained.message.c_str());
  // An image with evidence in one quadrant only: a red square at the top left.
  const std::string image = m_dir.filePath("red-top-left.png").toStdString();
  cv::Mat img(48, 48, CV_8UC3, cv::Scalar(20, 20, 20));
  cv::rectangle(img, cv::Rect(3, 3, 18, 18), cv::Scalar(40, 40, 220), cv::FILLED);
  QVERIFY(cv::imwrite(image, img));
  aia::Annotator annotator(run, "cpu");
  const auto maps = annotator.heatmaps(image);
  QVERIFY2(maps.ok, maps.error.c_str());
  QCOMPARE(maps.width, 2);
  QCOMPARE(maps.height, 2);
  // Exact: every map's mean is the label's logit (no gradient, one forward pass).
  const std::size_t cells = 4;
  for (std::size_t label = 0; label < annotator.vocabulary().size(); ++label) {
    double mean = 0;
    for (std::size_t k = 0; k < cells; ++k) mean += maps.map(label)[k] / static_cast<double>(cells);
    QVERIFY2(std::abs(mean - maps.logits[label]) < 1e-4,
             qPrintable(QString("label %1: mean %2, logit %3").arg(label).arg(mean).arg(maps.logits[label])));
  }
  // Local: red's map peaks in the quadrant that holds the red square.
  const float* red = maps.map(0);  // tiny_vocabulary(): red, green, blue, yellow
  QVERIFY2(red[0] > red[1] && red[0] > red[2] && red[0] > red[3],
           qPrintable(QString("red map %1 %2 / %3 %4").arg(red[0]).arg(red[1]).arg(red[2]).arg(red[3])));
  // Grad-CAM by autograd through the head equals the CAM with negative evidence clipped at the bias.
  const auto grad = annotator.heatmaps(image, aia::Annotator::Method::GradCam);
  QVERIFY2(grad.ok, grad.error.c_str());
  for (std::size_t label = 0; label < annotator.vocabulary().size(); ++label)
    for (std::size_t k = 0; k < cells; ++k) {
      const float expected = std::max(maps.map(label)[k], maps.biases[label]);
      QVERIFY2(std::abs(grad.map(label)[k] - expected) < 1e-4,
               qPrintable(QString("label %1 cell %2: Grad-CAM %3, max(CAM, bias) %4")
                              .arg(label)
                              .arg(k)
                              .arg(grad.map(label)[k])
                              .arg(expected)));
    }
  // The overlay and its PNG: the image's size, written atomically.
  const auto overlay = aia::heatmap_overlay(image, maps, 0, 0.6, 96);
  QCOMPARE(overlay.width, 96);
  QCOMPARE(overlay.height, 96);
  const std::string png = m_dir.filePath("overlay.png").toStdString();
  aia::write_png(png, overlay);
  QCOMPARE(cv::imread(png).cols, 96);
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::heatmap_overlay(m_dir.filePath("none.png").toStdString(), maps, 0));
}

void TestTrainer::computeFormatRules() {
  using P = aia::Precision;
  using M = aia::MemoryFormat;
  aia::CpuFeatures avx2;
  avx2.avx2 = true;
  aia::CpuFeatures avx512 = avx2;
  avx512.avx512f = true;
  aia::CpuFeatures bf16 = avx512;
  bf16.avx512_bf16 = true;
  aia::CpuFeatures amx = avx512;
  amx.amx_bf16 = true;
  const auto r = [](P p, M m, const char* device, const aia::CpuFeatures& cpu,
                    aia::Workload w = aia::Workload::Inference) {
    return aia::resolve_compute_format(p, m, device, w, cpu);
  };
  // auto: float32 NCHW on AVX2 (channels-last measured slower there), channels-last on AVX-512,
  // bfloat16 and channels-last with AVX512_BF16 or AMX for inference; training stays float32
  // (channels-last) until bfloat16's demo F1 is shown within 0.01 of float32's.
  QVERIFY(!r(P::Auto, M::Auto, "cpu", avx2).bf16);
  QVERIFY(!r(P::Auto, M::Auto, "cpu", avx2).channels_last);
  QVERIFY(!r(P::Auto, M::Auto, "cpu", avx512).bf16);
  QVERIFY(r(P::Auto, M::Auto, "cpu", avx512).channels_last);
  for (const auto& cpu : {bf16, amx}) {
    QVERIFY(r(P::Auto, M::Auto, "cpu", cpu).bf16);
    QVERIFY(r(P::Auto, M::Auto, "cpu", cpu).channels_last);
    const auto training = r(P::Auto, M::Auto, "cpu", cpu, aia::Workload::Training);
    QVERIFY(!training.bf16 && training.channels_last);
    QVERIFY(r(P::BFloat16, M::Auto, "cpu", cpu, aia::Workload::Training).bf16);
  }
  // On CUDA auto keeps float32 NCHW; what is asked for is done, with a warning where bfloat16 is emulated.
  QVERIFY(!r(P::Auto, M::Auto, "cuda", bf16).bf16);
  QVERIFY(!r(P::Auto, M::Auto, "cuda:0", bf16).channels_last);
  const auto emulated = r(P::BFloat16, M::Nchw, "cpu", avx2);
  QVERIFY(emulated.bf16 && !emulated.channels_last);
  QVERIFY2(emulated.reason.find("warning") != std::string::npos, emulated.reason.c_str());
  QVERIFY(r(P::BFloat16, M::Auto, "cpu", avx2).channels_last);  // oneDNN's bf16 kernels want it
  QVERIFY(!r(P::Float32, M::Auto, "cpu", bf16).bf16);
  QVERIFY(r(P::Auto, M::Auto, "cpu", amx).reason.find("AMX") != std::string::npos);
  // Names: parsed, printed, and a bad one named by its field.
  QCOMPARE(aia::parse_precision("bfloat16"), P::BFloat16);
  QCOMPARE(aia::parse_memory_format("channels-last"), M::ChannelsLast);
  QCOMPARE(aia::to_string(M::ChannelsLast), std::string("channels-last"));
  try {
    aia::parse_precision("half", "run.precision");
    QFAIL("half was accepted");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(std::string(e.what()).rfind("run.precision", 0) == 0, e.what());
  }
  aia::TrainConfig c = tiny_config("x", "y");
  c.run.memory_format = "nhwc";
  const auto problems = aia::validate(c);
  QVERIFY(std::any_of(problems.begin(), problems.end(),
                      [](const std::string& p) { return p.rfind("run.memory_format", 0) == 0; }));
  // AIA_CPU_FEATURES stands in for CPUID (the tests run with "avx2": the same path on every machine).
  const QByteArray saved = qgetenv("AIA_CPU_FEATURES");
  qputenv("AIA_CPU_FEATURES", "avx2,avx512f,amx_bf16");
  const auto read = aia::read_cpu_features();
  QVERIFY(read.avx512f && read.amx_bf16 && read.native_bf16() && !read.avx512_bf16);
  qunsetenv("AIA_CPU_FEATURES");
  const auto real = aia::read_cpu_features();  // whatever this machine is: a brand string and a coherent set
  QVERIFY(!real.name.empty());
  QVERIFY(!real.avx512_bf16 || real.avx512f);
  if (!saved.isNull()) qputenv("AIA_CPU_FEATURES", saved);
}

void TestTrainer::computeFormatsGiveTheSameTags() {
  using P = aia::Precision;
  using M = aia::MemoryFormat;
  const std::string run = m_dir.filePath("formats").toStdString();
  aia::TrainConfig c = tiny_config(m_data, run);
  c.run.precision = "float32";
  c.run.memory_format = "nchw";
  aia::TrainObserver quiet;
  QVERIFY(aia::train(c, quiet).status == aia::RunStatus::Succeeded);
  const auto images = aia::collect_image_files({m_data}).images;
  QVERIFY(images.size() >= 80);
  aia::Annotator reference(run, "cpu", P::Float32, M::Nchw);
  const auto thresholds = reference.default_thresholds();
  const auto base = reference.annotate(images);
  // Stated tolerances on every score: channels-last float32 1e-5 (the same sums in
  // another order), bfloat16 autocast 0.01 (8-bit mantissas in the convolutions;
  // measured here: 3.6e-3 at most).
  // Tags agree wherever float32's score is farther than that from the threshold.
  struct Case {
    P precision;
    M format;
    double tolerance;
  };
  for (const Case& k : {Case{P::Float32, M::ChannelsLast, 1e-5}, Case{P::BFloat16, M::Nchw, 0.01},
                        Case{P::BFloat16, M::ChannelsLast, 0.01}}) {
    aia::Annotator other(run, "cpu", k.precision, k.format);
    QCOMPARE(other.compute_format().bf16, k.precision == P::BFloat16);
    QCOMPARE(other.compute_format().channels_last, k.format == M::ChannelsLast);
    const auto got = other.annotate(images);
    QCOMPARE(got.size(), base.size());
    double worst = 0;
    std::size_t tags = 0, near = 0;
    for (std::size_t i = 0; i < base.size(); ++i) {
      QVERIFY(base[i].ok && got[i].ok);
      for (std::size_t l = 0; l < thresholds.size(); ++l) {
        const double a = base[i].scores[l], b = got[i].scores[l];
        worst = std::max(worst, std::abs(a - b));
        tags += a > thresholds[l];
        if (std::abs(a - thresholds[l]) <= k.tolerance) {
          ++near;
          continue;
        }
        QVERIFY2((a > thresholds[l]) == (b > thresholds[l]),
                 qPrintable(QString("%1, label %2: %3 vs %4").arg(base[i].path.c_str()).arg(l).arg(a).arg(b)));
      }
    }
    qInfo("%s: largest score difference %.2e, %zu float32 tags, %zu scores within the tolerance of a threshold",
          aia::describe(other.compute_format()).c_str(), worst, tags, near);
    QVERIFY2(worst <= k.tolerance, qPrintable(QString("largest difference %1").arg(worst)));
    QVERIFY(worst > 0 || k.precision == P::Float32);  // bfloat16 really ran
    QVERIFY(tags > 0);
  }
  // Training under bfloat16 autocast, channels-last: finite float32 losses that go down, said in the log.
  const std::string bf16_run = m_dir.filePath("formats-bf16").toStdString();
  aia::TrainConfig b = tiny_config(m_data, bf16_run);
  b.run.precision = "bfloat16";
  b.run.memory_format = "channels-last";
  Recorder rec;
  const auto trained = aia::train(b, rec);
  QVERIFY2(trained.status == aia::RunStatus::Succeeded, trained.message.c_str());
  QVERIFY(rec.said("training in bfloat16 autocast, channels-last"));
  QVERIFY(std::isfinite(rec.epochs.back().train_loss));
  QVERIFY(rec.epochs.back().train_loss < rec.epochs.front().train_loss);
}

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
