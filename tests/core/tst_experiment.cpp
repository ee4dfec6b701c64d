// Experiments: the grid, the runner (stop, resume, failed cells), the paired
// bootstrap and the report computed from the run folders alone.

#include "aia/catalogue/catalogue.h"
#include "aia/data/dataset.h"
#include "aia/data/demo_dataset.h"
#include "aia/errors.h"
#include "aia/experiment/bootstrap.h"
#include "aia/experiment/experiment.h"
#include "aia/experiment/report.h"
#include "aia/io/atomic_file.h"
#include "aia/io/contained_path.h"
#include "aia/metrics/certify.h"
#include "aia/metrics/metrics.h"
#include "aia/run/run_folder.h"

#include "tiny_dataset.h"
#include "tiny_run.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

namespace fs = std::filesystem;

namespace {

aia::LabelMatrix random_matrix(std::size_t images, std::size_t labels, unsigned seed, double signal) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> s, t;
  for (std::size_t k = 0; k < images * labels; ++k) {
    const double y = u(rng) < 0.25 ? 1 : 0;
    t.push_back(y);
    s.push_back(std::clamp(signal * y + (1 - signal) * u(rng), 0.0, 1.0));
  }
  return aia::LabelMatrix(images, labels, s, t);
}

// Stops the experiment inside its second cell, after a few training batches.
class StopInSecondCell : public aia::ExperimentObserver {
 public:
  explicit StopInSecondCell(std::stop_source& stop) : m_stop(stop) {}
  void on_cell_started(const aia::Cell&, std::size_t index, std::size_t) override { m_index = index; }
  void on_batch(const aia::BatchProgress& p) override {
    if (m_index == 1 && p.phase == aia::Phase::Training && ++m_batches == 3) m_stop.request_stop();
  }

 private:
  std::stop_source& m_stop;
  std::size_t m_index = 0;
  int m_batches = 0;
};

std::string without(std::string text, const std::string& what) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what)) text.erase(at, what.size());
  return text;
}

}  // namespace

class TestExperiment : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void bootstrapOfIdenticalModelsCentresOnZero();
  void bootstrapOfBetterModelExcludesZero();
  void bootstrapObservedIsTheMetricsDifference();
  void gridLosses();
  void badGrid_data();
  void badGrid();
  void interruptedExperimentResumesToTheSameNumbers();
  void reportEqualsTheMetricsOfEachCell();
  void copiedExperimentGivesTheSameReport();
  void damagedCellIsNamed();
  void failedCellIsRecordedAndOthersGoOn();
  void publishedNumbersStandBesideOurs();
  void headsAreAnAxis();
  void frequencyBins();
  void longTailedDemo();

 private:
  aia::ExperimentSpec spec(const std::vector<std::string>& losses, const std::vector<int>& seeds) const {
    aia::ExperimentSpec s;
    s.recipe = aia::test::tiny_train_config(m_data, "", 2);
    for (const auto& l : losses) s.grid.losses.push_back(aia::parse_grid_loss(l));
    s.grid.seeds = seeds;
    s.grid.datasets = {m_data};
    return s;
  }
  QTemporaryDir m_dir;
  std::string m_data, m_uninterrupted;
};

void TestExperiment::initTestCase() {
  QVERIFY(m_dir.isValid());
  m_data = m_dir.filePath("tiny").toStdString();
  aia::test::make_tiny_dataset(m_data);
  m_uninterrupted = m_dir.filePath("a").toStdString();
}

void TestExperiment::bootstrapOfIdenticalModelsCentresOnZero() {
  const auto m = random_matrix(200, 6, 1, 0.4);
  const std::vector<double> t(6, 0.5);
  const std::vector<aia::ImageOutcomes> a{aia::ImageOutcomes(m, t)};
  aia::BootstrapOptions o;
  o.resamples = 500;
  for (const auto& s : aia::paired_bootstrap(a, a, o)) {
    QCOMPARE(s.observed, 0.0);
    QVERIFY(s.low <= 0 && s.high >= 0);
    QVERIFY(!s.distinguishable());
    QCOMPARE(s.p_value, 1.0);
  }
}

void TestExperiment::bootstrapOfBetterModelExcludesZero() {
  const auto good = random_matrix(300, 8, 2, 0.7), poor = random_matrix(300, 8, 2, 0.1);
  const std::vector<double> t(8, 0.5);
  aia::BootstrapOptions o;  // the default 2,000 resamples
  const auto stats = aia::paired_bootstrap({aia::ImageOutcomes(good, t)}, {aia::ImageOutcomes(poor, t)}, o);
  for (const auto& s : {stats[0], stats[1]}) {  // per-class and per-image F1
    QVERIFY2(s.low > 0, qPrintable(QString::number(s.low)));
    QVERIFY(s.distinguishable());
    QVERIFY(s.p_value < 0.01);
    QVERIFY(s.a_low > s.b_high);
  }
  // The verdict and the p-value agree on every statistic, N+ (integer, many ties) included, however close.
  for (double quality : {0.1, 0.3, 0.45, 0.5, 0.55, 0.7}) {
    const auto other = random_matrix(300, 8, 3, quality);
    for (const auto& s : aia::paired_bootstrap({aia::ImageOutcomes(other, t)}, {aia::ImageOutcomes(poor, t)}, o))
      QCOMPARE(s.distinguishable(), s.p_value <= 1 - o.confidence);
  }
  // Seeded: the same options give the same interval; another seed another one.
  const auto again = aia::paired_bootstrap({aia::ImageOutcomes(good, t)}, {aia::ImageOutcomes(poor, t)}, o);
  QCOMPARE(again[0].low, stats[0].low);
  o.seed = 99;
  const auto other = aia::paired_bootstrap({aia::ImageOutcomes(good, t)}, {aia::ImageOutcomes(poor, t)}, o);
  QVERIFY(other[0].low != stats[0].low || other[0].high != stats[0].high);
  // Pairs with other images are refused.
  const auto fewer = random_matrix(100, 8, 3, 0.5);
  QVERIFY_THROWS_EXCEPTION(aia::InputError,
                           aia::paired_bootstrap({aia::ImageOutcomes(good, t)}, {aia::ImageOutcomes(fewer, t)}, o));
}

void TestExperiment::bootstrapObservedIsTheMetricsDifference() {
  const auto a = random_matrix(150, 5, 4, 0.5), b = random_matrix(150, 5, 4, 0.3);
  std::vector<double> t = {0.3, 0.4, 0.5, 0.6, 0.45};
  const auto ma = aia::compute_metrics(a, t), mb = aia::compute_metrics(b, t);
  // Totals over every image once are the metrics' own counts.
  const auto counts = aia::ImageOutcomes(a, t).totals();
  for (std::size_t j = 0; j < 5; ++j) {
    const auto c = aia::count_label(a, j, t[j]);
    QCOMPARE(counts[j].tp, c.tp);
    QCOMPARE(counts[j].fp, c.fp);
    QCOMPARE(counts[j].fn, c.fn);
    QCOMPARE(counts[j].tn, c.tn);
  }
  aia::BootstrapOptions o;
  o.resamples = 50;
  const auto s = aia::paired_bootstrap({aia::ImageOutcomes(a, t)}, {aia::ImageOutcomes(b, t)}, o);
  QCOMPARE(s[0].observed, ma.per_class_f1 - mb.per_class_f1);
  QCOMPARE(s[1].observed, ma.per_image_f1 - mb.per_image_f1);
  QCOMPARE(s[2].observed, double(ma.n_plus - mb.n_plus));
}

void TestExperiment::gridLosses() {
  const auto focal = aia::parse_grid_loss("focal:gamma_pos=1");
  QCOMPARE(focal.name, std::string("focal:gamma_pos=1"));
  QCOMPARE(focal.options.gamma_pos, 1.0);
  QCOMPARE(focal.options.gamma_neg, aia::loss_preset("focal").gamma_neg);
  QCOMPARE(aia::parse_grid_loss("BCELoss").options.plain_bce, true);
  // The spec survives its file, hyper-parameters included.
  auto s = spec({"bce", "focal:gamma_pos=1", "proposed"}, {1, 2});
  s.grid.modes = {aia::TrainMode::Frozen};
  const auto back = aia::experiment_spec_from_json(aia::to_json(s), "experiment.json");
  QCOMPARE(aia::to_json(back), aia::to_json(s));
  const auto cells = aia::expand_grid(back, "exp");
  QCOMPARE(cells.size(), std::size_t(6));
  // All losses of seed 1 come first; ids say dataset, axes, loss and seed.
  QCOMPARE(cells[2].seed, 1);
  QCOMPARE(cells[3].seed, 2);
  QCOMPARE(cells[1].id, std::string("tiny_frozen_focal-gamma-pos-1_s1"));
  QCOMPARE(cells[1].group, std::string("tiny_frozen"));
  QCOMPARE(cells[1].config.loss.gamma_pos, 1.0);
  QCOMPARE(cells[1].config.run.out_dir, (fs::path("exp") / "cells" / cells[1].id).string());
  // Names read from an experiment file that try to climb out of it stay one folder under cells/.
  auto climbing = nlohmann::json::parse(aia::to_json(spec({"bce"}, {1})));
  climbing["grid"]["losses"] = nlohmann::json::array({{{"grid_name", "../../../evil"}, {"name", "bce"}}});
  climbing["grid"]["datasets"] = {"data/.."};
  for (const auto& cell : aia::expand_grid(aia::experiment_spec_from_json(climbing.dump(), "experiment.json"), "exp")) {
    QVERIFY2(aia::lexically_inside(cell.config.run.out_dir, {"exp/cells"}), cell.config.run.out_dir.c_str());
    QCOMPARE(fs::path(cell.config.run.out_dir).parent_path(), fs::path("exp") / "cells");
  }
}

void TestExperiment::badGrid_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  auto doc = [&](const std::vector<std::string>& losses, const std::vector<int>& seeds) {
    return QString::fromStdString(aia::to_json(spec(losses, seeds)));
  };
  QString unknown = doc({"bce"}, {1});
  unknown.replace("\"name\": \"bce\"", "\"name\": \"hinge\"");
  QTest::newRow("unknown loss") << unknown << "hinge";
  QTest::newRow("duplicate cell") << doc({"bce", "bce"}, {1}) << "cell tiny_bce_s1 appears twice";
  QTest::newRow("duplicate seed") << doc({"bce"}, {3, 3}) << "cell tiny_bce_s3 appears twice";
  QTest::newRow("no seed") << doc({"bce"}, {}) << "no seed";
  QString version = doc({"bce"}, {1});
  version.replace("\"version\": 1", "\"version\": 7");
  QTest::newRow("other version") << version << "version 7; this aia reads version 1";
  // nlohmann's errors in words, naming the file and the field (never "[json.exception...").
  QTest::newRow("not json") << QString("{\"version\": 1, ") << "experiment.json: not valid JSON: parse error at line 1";
  QTest::newRow("bad key")
      << doc({"bce"}, {1}).replace("\"seeds\": [", "\"seeds\": [\"x\", ")
      << "experiment.json: grid.seeds: a value has the wrong type (a number was expected, found a string)";
  auto unversioned = nlohmann::json::parse(doc({"bce"}, {1}).toStdString());
  unversioned.erase("version");
  QTest::newRow("no version") << QString::fromStdString(unversioned.dump())
                              << "experiment.json: version: the key 'version' is missing";
}

void TestExperiment::badGrid() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  try {
    const auto s = aia::experiment_spec_from_json(json.toStdString(), "experiment.json");
    aia::expand_grid(s, "exp");
    QFAIL("accepted");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
    QVERIFY2(!QString(e.what()).contains(QStringLiteral("[json.exception")), e.what());
  }
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::parse_grid_loss("focal:gamma=2"));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::parse_grid_loss("focal:gamma_pos=nan"));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::parse_grid_loss("hinge"));
  // The list rule the CLI and the GUI share.
  QCOMPARE(aia::parse_grid_ints(" 1, 2,,3 ", "--seeds"), std::vector<int>({1, 2, 3}));
  try {
    aia::parse_grid_ints("1,x2", "--seeds");
    QFAIL("accepted");
  } catch (const aia::ConfigError& e) {
    QCOMPARE(std::string(e.what()), std::string("--seeds: 'x2' is not an integer"));
  }
}

void TestExperiment::interruptedExperimentResumesToTheSameNumbers() {
  const auto s = spec({"bce", "proposed"}, {1, 2});
  aia::ExperimentObserver quiet;
  aia::ExperimentFolder(m_uninterrupted).create(s);
  const auto whole = aia::run_experiment(m_uninterrupted, quiet);
  QCOMPARE(whole.finished, std::size_t(4));
  QVERIFY(!whole.cancelled);

  const std::string b = m_dir.filePath("b").toStdString();
  const aia::ExperimentFolder folder(b);
  folder.create(s);
  folder.create(s);  // the same experiment again: accepted, nothing changes
  std::stop_source stop;
  StopInSecondCell stopper(stop);
  const auto first = aia::run_experiment(b, stopper, stop.get_token());
  QVERIFY(first.cancelled);
  QCOMPARE(first.finished, std::size_t(1));
  QCOMPARE(first.remaining, std::size_t(3));
  auto cells = folder.cells();
  QCOMPARE(cells[0].state, aia::CellState::Finished);
  QCOMPARE(cells[1].state, aia::CellState::Interrupted);
  QCOMPARE(cells[2].state, aia::CellState::Pending);
  // A different experiment is not written over this one.
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, folder.create(spec({"bce"}, {1})));

  const auto second = aia::run_experiment(b, quiet);
  QCOMPARE(second.finished, std::size_t(4));
  for (const auto& c : folder.cells()) {
    QCOMPARE(c.state, aia::CellState::Finished);
    const auto x = aia::RunFolder(c.config.run.out_dir).read_test_scores();
    const auto y = aia::RunFolder((fs::path(m_uninterrupted) / "cells" / c.id).string()).read_test_scores();
    QVERIFY2(x.scores.values == y.scores.values, c.id.c_str());
  }
  aia::ReportOptions o;
  o.bootstrap.resamples = 200;
  QCOMPARE(
      without(aia::render_report(aia::build_report(b, o), aia::ReportFormat::Json), b),
      without(aia::render_report(aia::build_report(m_uninterrupted, o), aia::ReportFormat::Json), m_uninterrupted));
  // Nothing is left to do: a finished experiment runs no cell.
  const auto third = aia::run_experiment(b, quiet);
  QCOMPARE(third.finished, std::size_t(4));
}

void TestExperiment::reportEqualsTheMetricsOfEachCell() {
  QVERIFY(fs::exists(m_uninterrupted));
  aia::ReportOptions o;
  o.bootstrap.resamples = 200;
  const auto report = aia::build_report(m_uninterrupted, o);
  QCOMPARE(report.baseline, std::string("proposed"));
  QCOMPARE(report.groups.size(), std::size_t(1));
  const auto& g = report.groups[0];
  QVERIFY(report.notes.empty());
  // Each row is the mean over seeds of compute_metrics on the cells' own files.
  for (const std::string strategy : {"0.5", "mcc-grid", "mcc", "f1"})
    for (const std::string loss : {"bce", "proposed"}) {
      std::vector<aia::Metrics> per_seed;
      for (const int seed : {1, 2}) {
        const aia::RunFolder run(
            (fs::path(m_uninterrupted) / "cells" / ("tiny_" + loss + "_s" + std::to_string(seed))).string());
        const auto split = run.read_test_scores();
        const aia::LabelMatrix m(split.scores, split.targets);
        const auto t = strategy == "0.5"
                           ? std::vector<double>(m.labels(), 0.5)
                           : run.read_thresholds(aia::parse_threshold_method(strategy), split.scores.labels);
        per_seed.push_back(aia::compute_metrics(m, t));
      }
      const auto* row = g.row(loss, strategy);
      QVERIFY(row);
      QCOMPARE(row->seeds, std::vector<int>({1, 2}));
      const auto& f1 = row->values[static_cast<std::size_t>(aia::ReportColumn::ClassF1)];
      QCOMPARE(f1.n, 2);
      QVERIFY(qFuzzyCompare(1 + f1.mean, 1 + (per_seed[0].per_class_f1 + per_seed[1].per_class_f1) / 2));
      const double d = per_seed[0].per_class_f1 - per_seed[1].per_class_f1;
      QVERIFY(qFuzzyCompare(1 + f1.sd, 1 + std::abs(d) / std::sqrt(2.0)));
      const auto& np = row->values[static_cast<std::size_t>(aia::ReportColumn::NPlus)];
      QCOMPARE(np.mean, (per_seed[0].n_plus + per_seed[1].n_plus) / 2.0);
    }
  // The certified row: each cell certified on one half of its test images by
  // name and measured on the other, recomputed here from the cell's files.
  const std::string certified = aia::to_string(aia::CertifyOptions{});
  QCOMPARE(aia::report_strategies().back(), certified);
  for (const std::string loss : {"bce", "proposed"}) {
    double n_plus = 0;
    for (const int seed : {1, 2}) {
      const aia::RunFolder run(
          (fs::path(m_uninterrupted) / "cells" / ("tiny_" + loss + "_s" + std::to_string(seed))).string());
      const auto split = run.read_test_scores();
      const aia::LabelMatrix m(split.scores, split.targets);
      const auto h = aia::certify_held_out(m, split.scores.images, aia::CertifyOptions{});
      QCOMPARE(h.calibration.size() + h.evaluation.size(), m.images());
      for (const auto i : h.calibration) QVERIFY(aia::in_calibration_half(split.scores.images[i]));
      n_plus += aia::compute_metrics(aia::select_images(m, h.evaluation), h.thresholds).n_plus / 2.0;
    }
    const auto* row = g.row(loss, certified);
    QVERIFY(row);
    QCOMPARE(row->values[static_cast<std::size_t>(aia::ReportColumn::NPlus)].mean, n_plus);
  }
  QCOMPARE(g.certified.size(), std::size_t(2));
  QVERIFY(QString::fromStdString(g.certified[0]).contains("measured on the other"));
  // One comparison per metric and strategy against the baseline, paired over both seeds.
  QCOMPARE(g.comparisons.size(), std::size_t(3 * 5));
  QCOMPARE(g.comparisons[0].seeds, std::vector<int>({1, 2}));
  QCOMPARE(g.comparisons[0].stat.per_pair.size(), std::size_t(2));
  QVERIFY(!g.gains.empty() && !g.bins.empty());
  // Every format renders; Markdown says which differences stand.
  const auto md = aia::render_report(report, aia::ReportFormat::Markdown);
  QVERIFY(QString::fromStdString(md).contains("distinguishable from zero"));
  QVERIFY(QString::fromStdString(aia::render_report(report, aia::ReportFormat::Latex)).contains("\\toprule"));
  QVERIFY(QString::fromStdString(aia::render_report(report, aia::ReportFormat::Csv)).startsWith("kind,group,loss"));
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::parse_report_format("html"));
}

void TestExperiment::copiedExperimentGivesTheSameReport() {
  const std::string copy = m_dir.filePath("copied").toStdString();
  fs::copy(m_uninterrupted, copy, fs::copy_options::recursive);
  aia::ReportOptions o;
  o.bootstrap.resamples = 200;
  for (auto format : {aia::ReportFormat::Markdown, aia::ReportFormat::Json, aia::ReportFormat::Csv})
    QCOMPARE(without(aia::render_report(aia::build_report(copy, o), format), copy),
             without(aia::render_report(aia::build_report(m_uninterrupted, o), format), m_uninterrupted));
}

void TestExperiment::damagedCellIsNamed() {
  const std::string copy = m_dir.filePath("damaged").toStdString();
  fs::copy(m_uninterrupted, copy, fs::copy_options::recursive);
  const aia::RunFolder run((fs::path(copy) / "cells" / "tiny_bce_s2").string());
  fs::remove(run.thresholds_path(aia::ThresholdMethod::Mcc));
  aia::ReportOptions o;
  o.bootstrap.resamples = 50;
  const auto report = aia::build_report(copy, o);
  QCOMPARE(report.notes.size(), std::size_t(1));
  QVERIFY2(QString::fromStdString(report.notes[0]).contains("tiny_bce_s2"), report.notes[0].c_str());
  QCOMPARE(report.groups[0].row("bce", "0.5")->seeds, std::vector<int>({1}));  // the other cells stay
  QCOMPARE(report.groups[0].row("proposed", "0.5")->seeds, std::vector<int>({1, 2}));
  // An unknown experiment version is refused with both versions named.
  std::string text = aia::read_file((fs::path(copy) / "experiment.json").string());
  text.replace(text.find("\"version\": 1"), 12, "\"version\": 2");
  aia::write_file_atomically((fs::path(copy) / "experiment.json").string(), text);
  try {
    aia::build_report(copy, o);
    QFAIL("accepted");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(QString(e.what()).contains("version 2"), e.what());
  }
}

void TestExperiment::failedCellIsRecordedAndOthersGoOn() {
  auto s = spec({"bce"}, {1});
  const std::string missing = m_dir.filePath("no-such-dataset").toStdString();
  s.grid.datasets = {missing, m_data};
  s.recipe.optim.epochs = 1;
  const std::string dir = m_dir.filePath("failing").toStdString();
  aia::ExperimentFolder(dir).create(s);
  aia::ExperimentObserver quiet;
  const auto r = aia::run_experiment(dir, quiet);
  QCOMPARE(r.failed, std::size_t(1));
  QCOMPARE(r.finished, std::size_t(1));
  const auto cells = aia::ExperimentFolder(dir).cells();
  QCOMPARE(cells[0].state, aia::CellState::Failed);
  QVERIFY2(QString::fromStdString(cells[0].error).contains("no-such-dataset_bce_s1"), cells[0].error.c_str());
  QCOMPARE(cells[1].state, aia::CellState::Finished);
  aia::ReportOptions o;
  o.bootstrap.resamples = 10;
  const auto report = aia::build_report(dir, o);
  QCOMPARE(report.groups.size(), std::size_t(1));
  QVERIFY(QString::fromStdString(aia::render_report(report, aia::ReportFormat::Markdown)).contains("failed: "));
}

namespace {

// A finished cell as the trainer writes it: test scores from `m`, the three thresholds files.
void write_finished_cell(const aia::RunFolder& run, const aia::LabelMatrix& m) {
  run.create();
  aia::ScoredSplit split;
  split.scores.labels = split.targets.labels = {"sky", "tree", "water"};
  for (std::size_t i = 0; i < m.images(); ++i) {
    split.scores.images.push_back("img" + std::to_string(i) + ".jpeg");
    for (std::size_t j = 0; j < m.labels(); ++j) {
      split.scores.values.push_back(m.score(i, j));
      split.targets.values.push_back(m.target(i, j) ? 1 : 0);
    }
  }
  split.targets.images = split.scores.images;
  run.write_test_scores(split);
  for (auto method : {aia::ThresholdMethod::MccGrid, aia::ThresholdMethod::Mcc, aia::ThresholdMethod::F1})
    run.write_thresholds(method, split.scores.labels, {0.4, 0.5, 0.6});
}

}  // namespace

void TestExperiment::publishedNumbersStandBesideOurs() {
  // A finished cell on Corel-5k, written as the trainer writes its outputs.
  auto s = spec({"proposed"}, {1});
  s.grid.datasets = {"Corel-5k"};
  const std::string dir = m_dir.filePath("corel").toStdString();
  const aia::ExperimentFolder folder(dir);
  folder.create(s);
  const auto m = random_matrix(40, 3, 7, 0.5);
  write_finished_cell(aia::RunFolder(folder.cell_dir("Corel-5k_proposed_s1")), m);
  QCOMPARE(folder.cells()[0].state, aia::CellState::Finished);
  aia::ReportOptions o;
  o.bootstrap.resamples = 10;
  const auto report = aia::build_report(dir, o);
  QCOMPARE(report.groups.size(), std::size_t(1));
  std::map<std::string, const aia::ReportRow*> published;
  for (const auto& r : report.groups[0].rows)
    if (r.published) published[r.strategy + " " + r.paper] = &r;
  // Both papers: the 2023 GAP head at 0.5 and at the MCC grid, the 2024 attention head at the MCC grid.
  QCOMPARE(published.size(), std::size_t(3));
  const auto f1 = static_cast<std::size_t>(aia::ReportColumn::ClassF1);
  const auto np = static_cast<std::size_t>(aia::ReportColumn::NPlus);
  QCOMPARE(published["0.5 2023, gap head"]->values[f1].mean, 0.506);
  QCOMPARE(published["0.5 2023, gap head"]->values[np].mean, 189.0);
  QCOMPARE(published["mcc-grid 2023, gap head"]->values[f1].mean, 0.520);
  QCOMPARE(published["mcc-grid 2024, attention head"]->values[np].mean, 202.0);
  QCOMPARE(published["mcc-grid 2024, attention head"]->values[static_cast<std::size_t>(aia::ReportColumn::ClassR)].mean,
           0.611);
  QCOMPARE(published["mcc-grid 2023, gap head"]->values[static_cast<std::size_t>(aia::ReportColumn::Map)].n,
           0);                                          // not published
  QVERIFY(!published["0.5 2023, gap head"]->best[f1]);  // published rows are never marked best
  const auto md = QString::fromStdString(aia::render_report(report, aia::ReportFormat::Markdown));
  QVERIFY(md.contains("proposed (published 2023, gap head, not ours)"));
  QVERIFY(md.contains("proposed (published 2024, attention head, not ours)"));
  QVERIFY(md.contains("0.506"));
  // Ours: the cell's numbers at its thresholds files.
  const auto ours = aia::compute_metrics(m, {0.4, 0.5, 0.6});
  QCOMPARE(report.groups[0].row("proposed", "mcc-grid")->values[f1].mean, ours.per_class_f1);
}

void TestExperiment::headsAreAnAxis() {
  // --heads gap,attention: cell ids carry the head, each cell trains its head, groups are per head.
  auto s = spec({"bce", "proposed"}, {1, 2});
  s.grid.datasets = {"Corel-5k"};
  s.grid.heads = {"gap", "attention"};
  const auto back = aia::experiment_spec_from_json(aia::to_json(s), "experiment.json");
  QCOMPARE(back.grid.heads, s.grid.heads);
  const std::string dir = m_dir.filePath("heads").toStdString();
  const auto cells = aia::expand_grid(back, dir);
  QCOMPARE(cells.size(), std::size_t(8));
  QCOMPARE(cells[4].id, std::string("Corel-5k_attention_bce_s1"));
  QCOMPARE(cells[4].group, std::string("Corel-5k_attention"));
  QCOMPARE(cells[4].config.model.head, std::string("attention"));
  QCOMPARE(cells[0].config.model.head, std::string("gap"));
  auto bad = s;
  bad.grid.heads = {"gap", "transformer"};
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::expand_grid(bad, dir));
  // The report: a group per head, and each loss of the attention head against the same loss of the gap head,
  // paired seed by seed; the observed difference is that of the cells' metrics.
  const aia::ExperimentFolder folder(dir);
  folder.create(s);
  std::map<std::string, aia::LabelMatrix> matrices;
  for (const auto& c : cells) {
    const unsigned seed = static_cast<unsigned>(c.seed * 10 + (c.loss == "bce" ? 1 : 2));
    const double signal = c.config.model.head == "attention" ? 0.9 : 0.5;
    matrices.emplace(c.id, random_matrix(60, 3, seed, signal));
    write_finished_cell(aia::RunFolder(c.config.run.out_dir), matrices.at(c.id));
  }
  aia::ReportOptions o;
  o.bootstrap.resamples = 50;
  const auto report = aia::build_report(dir, o);
  QCOMPARE(report.groups.size(), std::size_t(2));
  QCOMPARE(report.groups[0].head, std::string("gap"));
  QCOMPARE(report.groups[1].head, std::string("attention"));
  bool found = false;
  for (const auto& c : report.groups[1].comparisons) {
    if (c.loss != "proposed, attention head" || c.strategy != "mcc-grid" ||
        c.metric != aia::BootstrapMetric::PerClassF1)
      continue;
    found = true;
    QCOMPARE(c.baseline, std::string("proposed, gap head"));
    QCOMPARE(c.seeds, std::vector<int>({1, 2}));
    double expected = 0;
    for (int seed : {1, 2}) {
      const std::string tail = "_proposed_s" + std::to_string(seed);
      expected += (aia::compute_metrics(matrices.at("Corel-5k_attention" + tail), {0.4, 0.5, 0.6}).per_class_f1 -
                   aia::compute_metrics(matrices.at("Corel-5k_gap" + tail), {0.4, 0.5, 0.6}).per_class_f1) /
                  2;
    }
    QVERIFY2(std::abs(c.stat.observed - expected) < 1e-12,
             qPrintable(QString("observed %1, expected %2").arg(c.stat.observed).arg(expected)));
  }
  QVERIFY(found);
  for (const auto& c : report.groups[0].comparisons) QVERIFY(c.loss.find("head") == std::string::npos);
  const auto md = QString::fromStdString(aia::render_report(report, aia::ReportFormat::Markdown));
  QVERIFY2(md.contains("### Against proposed, and the gap head"), qPrintable(md.left(3000)));
}

void TestExperiment::frequencyBins() {
  const std::vector<std::int64_t> support = {50, 3, 10, 1, 200, 7};
  const std::vector<double> gains = {0.0, 0.3, 0.1, 0.5, -0.1, 0.2};
  const auto bins = aia::frequency_bins(support, gains, 3);
  QCOMPARE(bins.size(), std::size_t(3));
  QCOMPARE(bins[0].min_support, std::int64_t(1));  // rarest first: {1, 3}
  QCOMPARE(bins[0].max_support, std::int64_t(3));
  QCOMPARE(bins[0].mean_gain, (0.5 + 0.3) / 2);
  QCOMPARE(bins[2].labels, std::size_t(2));  // {50, 200}
  QCOMPARE(bins[2].mean_gain, (0.0 - 0.1) / 2);
  QCOMPARE(aia::frequency_bins(support, gains, 10).size(), std::size_t(6));  // never more bins than labels
}

void TestExperiment::longTailedDemo() {
  QTemporaryDir cache;
  aia::DemoOptions options = aia::demo_options("demo-longtail");
  options.train_images = 1000;
  options.test_images = 10;
  if (!fs::exists(options.fashion_mnist_dir)) QSKIP("dataset-fashion-mnist is not installed");
  const auto root = aia::ensure_demo_dataset(cache.path().toStdString(), nullptr, options);
  QVERIFY(QString::fromStdString(root).endsWith("demo-longtail-v1"));
  aia::ValidationReport report;
  const auto data = aia::load_dataset(root, &report);
  std::map<std::string, int> count;
  for (const auto& s : data.train)
    for (const auto& l : s.labels) ++count[data.vocabulary[static_cast<std::size_t>(l)]];
  int most = 0, least = 1 << 30;
  for (const auto& [label, n] : count) most = std::max(most, n), least = std::min(least, n);
  QCOMPARE(count.size(), std::size_t(10));  // every label occurs
  QVERIFY2(most >= 8 * least, qPrintable(QString("%1 vs %2").arg(most).arg(least)));
  QVERIFY(aia::is_demo_dataset("demo-longtail") && aia::is_demo_dataset("demo") && !aia::is_demo_dataset("Corel-5k"));
}

QTEST_GUILESS_MAIN(TestExperiment)
#include "tst_experiment.moc"
