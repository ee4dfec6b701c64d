// aia::RunFolder: the one owner of a run folder's layout and files.

#include "aia/errors.h"
#include "aia/run/run_folder.h"
#include "aia/training/run_outputs.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

class TestRunFolder : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void init() { m_dir = std::make_unique<QTemporaryDir>(); }
  void pathsStayInsideTheFolder();
  void infoRoundTripsAndNamesTheProblem();
  void configRoundTrips();
  void metricsLogReplacesAResumedEpoch();
  void metricsLogSkipsACutLine();
  void thresholdsFallBackToHalfOnlyWhenAsked();
  void evaluationAndTestScoresRoundTrip();
  void scoredSplitDropsUndecodedRows();

 private:
  aia::RunFolder folder() const { return aia::RunFolder(m_dir->filePath("run").toStdString()); }
  std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRunFolder::pathsStayInsideTheFolder() {
  const auto run = folder();
  run.create();
  QVERIFY(fs::is_directory(run.checkpoints_dir()));
  std::vector<std::string> paths{run.config_path(),
                                 run.info_path(),
                                 run.metrics_log_path(),
                                 run.log_path(),
                                 run.evaluation_path(),
                                 run.checkpoint_path(aia::Checkpoint::Best),
                                 run.checkpoint_path(aia::Checkpoint::Last),
                                 run.test_scores_path(),
                                 run.test_targets_path()};
  for (auto m : {aia::ThresholdMethod::MccGrid, aia::ThresholdMethod::Mcc, aia::ThresholdMethod::F1})
    paths.push_back(run.thresholds_path(m));
  std::set<std::string> distinct(paths.begin(), paths.end());
  QCOMPARE(distinct.size(), paths.size());
  for (const auto& p : paths) QVERIFY2(p.rfind(run.dir() + "/", 0) == 0, p.c_str());
  QVERIFY(!run.finished() && !run.has_checkpoint(aia::Checkpoint::Last));
}

void TestRunFolder::infoRoundTripsAndNamesTheProblem() {
  const auto run = folder();
  try {
    run.read_info();
    QFAIL("no error for a folder without run.json");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(std::string(e.what()).find("not a training run folder") != std::string::npos, e.what());
  }
  run.create();
  aia::RunInfo info;
  info.dataset = "tiny";
  info.dataset_dir = "/data/tiny";
  info.backbone = "tresnet_nano";
  info.image_size = 64;
  info.vocabulary = {"red", "green"};
  info.normalization.mean = {0.1f, 0.2f, 0.3f};
  run.write_info(info);
  const auto back = run.read_info();
  QCOMPARE(back.backbone, info.backbone);
  QCOMPARE(back.vocabulary, info.vocabulary);
  QCOMPARE(back.normalization.mean[2], 0.3f);
  QCOMPARE(back.images_dir(), std::string("/data/tiny/images"));
  std::ofstream(run.info_path()) << "{\"backbone\": \"tresnet_nano\"}";
  try {
    run.read_info();
    QFAIL("no error for a run.json without image_size");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(std::string(e.what()).find(run.info_path()) != std::string::npos, e.what());
  }
}

void TestRunFolder::configRoundTrips() {
  const auto run = folder();
  run.create();
  aia::TrainConfig c;
  c.optim.epochs = 7;
  c.run.mode = aia::TrainMode::Frozen;
  run.write_config(c);
  const auto back = run.read_config();
  QCOMPARE(back.optim.epochs, 7);
  QCOMPARE(back.run.mode, aia::TrainMode::Frozen);
  std::ofstream(run.config_path()) << "{\"run\": {\"mode\": \"half\"}}";
  try {
    run.read_config();
    QFAIL("no error for an unknown mode");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(std::string(e.what()).find("run.mode") != std::string::npos, e.what());
  }
}

void TestRunFolder::metricsLogReplacesAResumedEpoch() {
  const auto run = folder();
  run.create();
  for (int epoch = 1; epoch <= 3; ++epoch) {
    aia::EpochReport r;
    r.epoch = epoch;
    r.split = "test";
    r.train_loss = epoch;
    r.metrics.per_class_f1 = 0.1 * epoch;
    run.record_epoch(r);
  }
  aia::EpochReport again;  // epoch 2 evaluated again after a resume: later lines go
  again.epoch = 2;
  again.split = "validation";
  again.train_loss = 20;
  run.record_epoch(again);
  const auto log = run.read_metrics_log();
  QCOMPARE(log.size(), std::size_t(2));
  QCOMPARE(log[0].metrics.per_class_f1, 0.1);
  QCOMPARE(log[1].train_loss, 20.0);
  QCOMPARE(log[1].split, std::string("validation"));
}

void TestRunFolder::metricsLogSkipsACutLine() {
  const auto run = folder();
  run.create();
  aia::EpochReport r;
  r.epoch = 1;
  run.record_epoch(r);
  std::ofstream(run.metrics_log_path(), std::ios::app) << "{\"epoch\": 2, \"train_lo";
  QCOMPARE(run.read_metrics_log().size(), std::size_t(1));
  std::ofstream(run.metrics_log_path(), std::ios::app) << "\n{\"train_loss\": 1}\n";
  try {
    run.read_metrics_log();
    QFAIL("no error for a line without its epoch");
  } catch (const aia::InputError& e) {
    QVERIFY2(std::string(e.what()).find(run.metrics_log_path() + ": line 3: the key 'epoch' is missing") !=
                 std::string::npos,
             e.what());
  }
}

void TestRunFolder::thresholdsFallBackToHalfOnlyWhenAsked() {
  const auto run = folder();
  run.create();
  const std::vector<std::string> labels{"a", "b"};
  QCOMPARE(run.thresholds_or_half(aia::ThresholdMethod::Mcc, labels), (std::vector<double>{0.5, 0.5}));
  QVERIFY_THROWS_EXCEPTION(aia::InputError, run.read_thresholds(aia::ThresholdMethod::Mcc, labels));
  run.write_thresholds(aia::ThresholdMethod::Mcc, labels, {0.25, 0.75});
  QCOMPARE(run.read_thresholds(aia::ThresholdMethod::Mcc, labels), (std::vector<double>{0.25, 0.75}));
  QVERIFY(!run.has_thresholds(aia::ThresholdMethod::F1));
}

void TestRunFolder::evaluationAndTestScoresRoundTrip() {
  const auto run = folder();
  run.create();
  aia::ScoredSplit train, test;
  train.scores.labels = train.targets.labels = test.scores.labels = test.targets.labels = {"a", "b"};
  train.scores.images = train.targets.images = {"1.png", "2.png", "3.png", "4.png"};
  train.scores.values = {0.9, 0.1, 0.8, 0.3, 0.2, 0.7, 0.1, 0.6};
  train.targets.values = {1, 0, 1, 0, 0, 1, 0, 1};
  test.scores.images = test.targets.images = {"5.png", "6.png"};
  test.scores.values = {0.7, 0.2, 0.3, 0.9};
  test.targets.values = {1, 0, 0, 1};
  const auto outputs = aia::choose_and_evaluate(train, test);
  aia::write_run_outputs(run, outputs, train, test);
  QVERIFY(run.finished());
  QVERIFY(run.has_train_scores());
  const auto kept = run.read_train_scores();
  QCOMPARE(kept.scores.values, train.scores.values);
  QCOMPARE(kept.targets.values, train.targets.values);
  const auto evaluation = run.read_evaluation();
  QCOMPARE(evaluation.strategies.size(), std::size_t(4) + evaluation.certified.size());
  QCOMPARE(evaluation.certified.size(), outputs.evaluation.certified.size());
  QCOMPARE(evaluation.strategies[1].first, std::string("mcc-grid"));
  QCOMPARE(evaluation.images, std::size_t(2));
  QVERIFY(std::abs(evaluation.strategies[1].second.per_class_f1 -
                   outputs.evaluation.strategies[1].second.per_class_f1) < 1e-12);
  const auto back = run.read_test_scores();
  QCOMPARE(back.scores.values, test.scores.values);
  QCOMPARE(back.targets.images, test.scores.images);
  QCOMPARE(run.read_thresholds(aia::ThresholdMethod::MccGrid, {"a", "b"}), outputs.grid);
  // A certified row's summary survives the file.
  auto with = outputs.evaluation;
  with.certified = {{"precision:0.9@0.1", 40, 35, 2, 1, 1, 1}};
  run.write_evaluation(with);
  const auto c = run.read_evaluation().certified;
  QCOMPARE(c.size(), std::size_t(1));
  QCOMPARE(c[0].strategy, std::string("precision:0.9@0.1"));
  QCOMPARE(c[0].calibration_images, std::size_t(40));
  QCOMPARE(c[0].evaluation_images, std::size_t(35));
  QCOMPARE(c[0].labels_meeting_target, std::size_t(1));
}

void TestRunFolder::scoredSplitDropsUndecodedRows() {
  const std::vector<aia::Sample> samples{{"x.png", {0}}, {"y.png", {1}}, {"z.png", {0, 1}}};
  const float nan = std::nanf("");
  std::vector<std::size_t> kept;
  const auto s = aia::make_scored_split({0.9f, 0.1f, nan, nan, 0.4f, 0.6f}, samples, {"a", "b"}, &kept);
  QCOMPARE(s.scores.images, (std::vector<std::string>{"x.png", "z.png"}));
  QCOMPARE(kept, (std::vector<std::size_t>{0, 2}));
  QCOMPARE(s.targets.values, (std::vector<double>{1, 0, 1, 1}));
  QCOMPARE(s.scores.at(1, 1), static_cast<double>(0.6f));
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::make_scored_split({0.5f}, samples, {"a", "b"}));
}

QTEST_GUILESS_MAIN(TestRunFolder)
#include "tst_run_folder.moc"
