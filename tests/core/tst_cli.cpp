// The aia executable as a user runs it: bring-your-own-predictions commands,
// exit codes, and messages for bad input.

#include "aia/data/dataset.h"
#include "aia/experiment/experiment.h"
#include "aia/io/score_table.h"
#include "aia/metrics/metrics.h"
#include "aia/metrics/thresholds.h"
#include "aia/metrics/thresholds_json.h"
#include "aia/run/run_folder.h"
#include "aia/run/train_config.h"

#include "test_images.h"
#include "tiny_dataset.h"

#include <QtTest>

#include "aia/annotate/annotations.h"
#include "aia/data/dataset.h"
#include "aia/io/atomic_file.h"
#include "aia/project/project.h"

#include <nlohmann/json.hpp>

#include <random>

#include <sys/stat.h>

namespace {

struct Result {
  int code = -1;
  QString out, err;
};

Result aia_run(const QStringList& args) {
  QProcess p;
  p.start(AIA_CLI, args);
  p.waitForFinished(120000);
  Result r;
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;  // -1: crashed
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void version();
  void modelFreeCommandsLoadNoLibTorch();
  void metricsJsonEqualsCore();
  void thresholdsCommand_data();
  void thresholdsCommand();
  void thresholdsFileAsInput();
  void certifiedThresholds();
  void badInput_data();
  void badInput();
  void nonFiniteNumbersAreRefused_data();
  void nonFiniteNumbersAreRefused();
  void trainEvaluateExportAnnotate();
  void recipeOptionChangesOnlyItsField_data();
  void recipeOptionChangesOnlyItsField();
  void trainConfigRoundTrip();
  void experimentSpecKeepsWhatIsNotGiven();
  void experimentAndReport();
  void projectCommands();

 private:
  QString file(const QString& name, const QByteArray& content) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(content);
    return path;
  }
  QTemporaryDir m_dir;
  QString m_scores, m_targets;
};

void TestCli::initTestCase() {
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> u(0, 1);
  aia::ScoreTable scores, targets;
  for (int j = 0; j < 12; ++j) scores.labels.push_back("label" + std::to_string(j));
  for (int i = 0; i < 150; ++i) scores.images.push_back("img" + std::to_string(i) + ".jpg");
  targets.labels = scores.labels;
  targets.images = scores.images;
  for (int i = 0; i < 150 * 12; ++i) {
    const float y = u(rng) < 0.2f ? 1.f : 0.f;
    targets.values.push_back(y);
    scores.values.push_back(std::min(1.f, 0.4f * y + 0.6f * u(rng)));
  }
  m_scores = m_dir.filePath("scores.csv");
  m_targets = m_dir.filePath("targets.csv");
  aia::write_score_csv(m_scores.toStdString(), scores);
  aia::write_score_csv(m_targets.toStdString(), targets);
}

void TestCli::version() {
  const auto r = aia_run({"--version"});
  QCOMPARE(r.code, 0);
  QVERIFY(r.out.startsWith("aia "));
}

void TestCli::modelFreeCommandsLoadNoLibTorch() {
  // aia runs metrics, thresholds, report, --help and --version itself: its ELF
  // file asks the loader for no LibTorch, OpenCV or Qt library (that load is
  // what cost every command 0.9 s). The model commands go to aia-full.
  QProcess readelf;
  readelf.start("readelf", {"-d", AIA_CLI});
  QVERIFY(readelf.waitForFinished(30000));
  const QString dynamic = QString::fromUtf8(readelf.readAllStandardOutput());
  QVERIFY2(dynamic.contains("(NEEDED)"), qPrintable(dynamic));
  for (const char* heavy : {"torch", "c10", "opencv", "Qt6", "gdal", "tcmalloc"})
    QVERIFY2(!dynamic.contains(heavy), qPrintable(QString("aia needs %1:\n%2").arg(heavy, dynamic)));
  // --help lists every command, the model ones too, with aia-full's descriptions.
  const auto help = aia_run({"--help"});
  QCOMPARE(help.code, 0);
  for (const char* command : {"train", "experiment", "report", "evaluate", "annotate", "project", "export-scores",
                              "metrics", "thresholds", "backbones", "convert"})
    QVERIFY2(help.out.contains(QString("  %1 ").arg(command)), command);
  QVERIFY(help.out.contains("Tag image files or folders with a trained run"));
  // A model command's own options come from aia-full, global options before it included.
  const auto train_help = aia_run({"--threads", "2", "train", "--help"});
  QCOMPARE(train_help.code, 0);
  QVERIFY2(train_help.out.contains("--precision") && train_help.out.contains("--memory-format"),
           qPrintable(train_help.out));
  const auto backbones = aia_run({"--threads", "1", "backbones"});
  QVERIFY2(backbones.code == 0 && backbones.out.contains("tresnet_m"), qPrintable(backbones.err));
  // Unknown words and bad options are refused here, as before, with the usage exit code.
  const auto unknown = aia_run({"tran"});
  QCOMPARE(unknown.code, 2);
  QVERIFY(!unknown.err.isEmpty());
  const auto bad = aia_run({"annotate", "--precision", "half", m_dir.path(), m_dir.path()});
  QCOMPARE(bad.code, 2);
  QVERIFY2(bad.err.contains("--precision"), qPrintable(bad.err));
}

void TestCli::metricsJsonEqualsCore() {
  const auto r = aia_run({"metrics", "--scores", m_scores, "--targets", m_targets, "--thresholds", "0.4", "--json"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const auto j = nlohmann::json::parse(r.out.toStdString());
  for (const char* key : {"per_class_precision", "per_class_recall", "per_class_f1", "per_image_precision",
                          "per_image_recall", "per_image_f1", "n_plus", "map", "per_label"})
    QVERIFY2(j.contains(key), key);
  const auto s = aia::read_score_csv(m_scores.toStdString(), aia::CsvContent::Scores);
  const auto t = aia::read_score_csv(m_targets.toStdString(), aia::CsvContent::Targets);
  const auto m = aia::compute_metrics(aia::LabelMatrix(s, t), std::vector<double>(12, 0.4));
  QCOMPARE(j["per_class_f1"].get<double>(), m.per_class_f1);
  QCOMPARE(j["per_image_recall"].get<double>(), m.per_image_recall);
  QCOMPARE(j["n_plus"].get<int>(), m.n_plus);
  QCOMPARE(j["map"].get<double>(), m.map);
  QCOMPARE(j["per_label"].size(), std::size_t(12));
  QCOMPARE(j["per_label"][3]["tp"].get<std::int64_t>(), m.per_label[3].tp);
  QCOMPARE(j["per_label"][3]["mcc"].get<double>(), m.per_label[3].mcc);
  // Human-readable form.
  const auto text = aia_run({"metrics", "--scores", m_scores, "--targets", m_targets, "--per-label"});
  QCOMPARE(text.code, 0);
  QVERIFY(text.out.contains("per-class") && text.out.contains("label11"));
}

void TestCli::thresholdsCommand_data() {
  QTest::addColumn<QString>("method");
  QTest::newRow("mcc-grid") << "mcc-grid";
  QTest::newRow("mcc") << "mcc";
  QTest::newRow("f1") << "f1";
}

void TestCli::thresholdsCommand() {
  QFETCH(QString, method);
  const QString out = m_dir.filePath("t-" + method + ".json");
  const auto r =
      aia_run({"thresholds", "--scores", m_scores, "--targets", m_targets, "--method", method, "--out", out});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const auto s = aia::read_score_csv(m_scores.toStdString(), aia::CsvContent::Scores);
  const auto t = aia::read_score_csv(m_targets.toStdString(), aia::CsvContent::Targets);
  const auto want = aia::choose_thresholds(aia::LabelMatrix(s, t), aia::parse_threshold_method(method.toStdString()));
  QCOMPARE(aia::read_thresholds_json(out.toStdString(), s.labels), want);
  // Without --out, the JSON goes to stdout.
  const auto printed = aia_run({"thresholds", "--scores", m_scores, "--targets", m_targets, "--method", method});
  QCOMPARE(printed.code, 0);
  QCOMPARE(nlohmann::json::parse(printed.out.toStdString())["label0"].get<double>(), want[0]);
}

void TestCli::certifiedThresholds() {
  // The certified strategy writes null for an abstaining label; metrics reads it back.
  const QString out = m_dir.filePath("certified.json");
  auto r = aia_run(
      {"thresholds", "--scores", m_scores, "--targets", m_targets, "--method", "precision:0.6@0.2", "--out", out});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(r.err.contains("certified: >") || r.err.contains("abstains:"), qPrintable(r.err));
  QFile f(out);
  QVERIFY(f.open(QIODevice::ReadOnly));
  const auto doc = nlohmann::json::parse(f.readAll().toStdString());
  QCOMPARE(doc.size(), std::size_t(12));
  r = aia_run({"metrics", "--scores", m_scores, "--targets", m_targets, "--thresholds", out});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  r = aia_run({"thresholds", "--scores", m_scores, "--targets", m_targets, "--method", "precision:1.5"});
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.contains("precision:1.5"), qPrintable(r.err));
}

void TestCli::thresholdsFileAsInput() {
  const QString out = m_dir.filePath("t-in.json");
  QCOMPARE(aia_run({"thresholds", "--scores", m_scores, "--targets", m_targets, "--out", out}).code, 0);
  const auto r = aia_run({"metrics", "--scores", m_scores, "--targets", m_targets, "--thresholds", out, "--json"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const auto j = nlohmann::json::parse(r.out.toStdString());
  const auto thresholds =
      nlohmann::json::parse(aia_run({"thresholds", "--scores", m_scores, "--targets", m_targets}).out.toStdString());
  QCOMPARE(j["per_label"][5]["threshold"].get<double>(), thresholds["label5"].get<double>());
}

void TestCli::badInput_data() {
  QTest::addColumn<QByteArray>("scores");
  QTest::addColumn<QByteArray>("targets");
  QTest::addColumn<QStringList>("extra");
  QTest::addColumn<QString>("message");
  const QByteArray ok_s = "image,a,b\nx,0.1,0.9\ny,0.8,0.2\n";
  const QByteArray ok_t = "image,a,b\nx,0,1\ny,1,0\n";
  QTest::newRow("ragged") << QByteArray("image,a,b\nx,0.1\ny,0.8,0.2\n") << ok_t << QStringList() << "s.csv:2:3:";
  QTest::newRow("nan") << QByteArray("image,a,b\nx,0.1,NaN\ny,0.8,0.2\n") << ok_t << QStringList()
                       << "s.csv:2:3: value is NaN";
  QTest::newRow("out of range") << QByteArray("image,a,b\nx,0.1,0.9\ny,1.8,0.2\n") << ok_t << QStringList()
                                << "s.csv:3:2:";
  QTest::newRow("text") << ok_s << QByteArray("image,a,b\nx,0,yes\ny,1,0\n") << QStringList() << "t.csv:2:3:";
  QTest::newRow("empty") << QByteArray() << ok_t << QStringList() << "s.csv:1:1: file is empty";
  QTest::newRow("dup image") << QByteArray("image,a,b\nx,0.1,0.9\nx,0.8,0.2\n") << ok_t << QStringList()
                             << "s.csv:3:1: duplicate image";
  QTest::newRow("dup label") << QByteArray("image,a,a\nx,0.1,0.9\ny,0.8,0.2\n") << ok_t << QStringList()
                             << "s.csv:1:3: duplicate label";
  QTest::newRow("other labels") << ok_s << QByteArray("image,a,c\nx,0,1\ny,1,0\n") << QStringList() << "label 'b'";
  QTest::newRow("other images") << ok_s << QByteArray("image,a,b\nx,0,1\nz,1,0\n") << QStringList() << "image 'y'";
  QTest::newRow("bad threshold") << ok_s << ok_t << QStringList{"--thresholds", "nope.json"} << "nope.json";
  QTest::newRow("bad method") << ok_s << ok_t << QStringList{"--method", "best"} << "best";
}

void TestCli::badInput() {
  QFETCH(QByteArray, scores);
  QFETCH(QByteArray, targets);
  QFETCH(QStringList, extra);
  QFETCH(QString, message);
  const QString s = file("s.csv", scores), t = file("t.csv", targets);
  const bool method = extra.contains("--method");
  QStringList args{method ? "thresholds" : "metrics", "--scores", s, "--targets", t};
  const auto r = aia_run(args + extra);
  QVERIFY2(r.code == 2, qPrintable(QString("exit %1: %2").arg(r.code).arg(r.err)));  // never a crash
  QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::nonFiniteNumbersAreRefused_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QByteArray>("config");  // written to c.json and passed as --config when not empty
  QTest::addColumn<QString>("message");
  // CLI11 reads these as numbers; before, --learning-rate nan silently became the recipe's default.
  QTest::newRow("lr nan") << QStringList{"train", "--learning-rate", "nan"} << QByteArray()
                          << "--learning-rate: must be a finite number, not 'nan'";
  QTest::newRow("lr inf") << QStringList{"train", "--learning-rate", "inf"} << QByteArray()
                          << "--learning-rate: must be a finite number, not 'inf'";
  QTest::newRow("lr negative") << QStringList{"train", "--learning-rate", "-1"} << QByteArray()
                               << "optim.learning_rate must be > 0";
  QTest::newRow("val fraction") << QStringList{"train", "--val-fraction", "-inf"} << QByteArray()
                                << "--val-fraction: must be a finite number";
  QTest::newRow("experiment lr") << QStringList{"experiment", "--learning-rate", "NaN", "--out", "x"} << QByteArray()
                                 << "--learning-rate: must be a finite number";
  QTest::newRow("project holdout") << QStringList{"project", "train", "p", "--holdout", "nan"} << QByteArray()
                                   << "--holdout: must be a finite number";
  QTest::newRow("project lr") << QStringList{"project", "train", "p", "--learning-rate", "infinity"} << QByteArray()
                              << "--learning-rate: must be a finite number";
  QTest::newRow("config overflow") << QStringList{"train"} << QByteArray(R"({"optim": {"learning_rate": 1e999}})")
                                   << "number overflow";
  QTest::newRow("config float for int") << QStringList{"train"} << QByteArray(R"({"data": {"image_size": 1e300}})")
                                        << "data.image_size must be an integer";
  QTest::newRow("config int range") << QStringList{"train"} << QByteArray(R"({"optim": {"epochs": 4294967297}})")
                                    << "optim.epochs is out of range for an integer";
  QTest::newRow("config string for number")
      << QStringList{"train"} << QByteArray(R"({"loss": {"gamma_neg": "4"}})") << "loss.gamma_neg must be a number";
}

void TestCli::nonFiniteNumbersAreRefused() {
  QFETCH(QStringList, args);
  QFETCH(QByteArray, config);
  QFETCH(QString, message);
  if (!config.isEmpty()) args << "--config" << file("c.json", config);
  const auto r = aia_run(args);
  QVERIFY2(r.code != 0, qPrintable(r.out + r.err));
  QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::trainEvaluateExportAnnotate() {
  const QString data = m_dir.filePath("tiny"), run = m_dir.filePath("run");
  aia::test::make_tiny_dataset(data.toStdString(), 32, 16);
  auto r = aia_run({"train", "--data", data, "--backbone", "tresnet_nano", "--image-size", "32", "--epochs", "1",
                    "--batch-size", "8", "--learning-rate", "0.002", "--out", run});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY(r.err.contains("epoch 1: train loss"));
  const aia::RunFolder folder(run.toStdString());
  QVERIFY(folder.has_checkpoint(aia::Checkpoint::Best));

  r = aia_run({"evaluate", run, "--device", "cpu"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY(r.out.contains("mcc-grid") && r.out.contains("16 images"));

  const QString s = m_dir.filePath("run-s.csv"), t = m_dir.filePath("run-t.csv");
  r = aia_run({"export-scores", run, "--split", "test", "--out", s, "--targets", t});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  r = aia_run({"metrics", "--scores", s, "--targets", t, "--thresholds",
               QString::fromStdString(folder.thresholds_path(aia::ThresholdMethod::MccGrid)), "--json"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  // The same numbers the run wrote for its test split under the MCC-grid thresholds.
  const auto ours = nlohmann::json::parse(r.out.toStdString());
  double written = -1;
  for (const auto& [name, m] : folder.read_evaluation().strategies)
    if (name == "mcc-grid") written = m.per_class_f1;
  QCOMPARE(ours["per_class_f1"].get<double>(), written);

  const QString csv = m_dir.filePath("annotations.csv");
  r = aia_run({"annotate", run, data + "/images/test0.png", data + "/images/test1.png", "--csv", csv});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QFile f(csv);
  QVERIFY(f.open(QIODevice::ReadOnly));
  QCOMPARE(f.readAll().count('\n'), 3);  // header + 2 images
  // XMP sidecars and a dataset file in the seed's layout that loads back as a training set.
  const QString exported = m_dir.filePath("exported");
  r = aia_run({"annotate", run, data + "/images/test0.png", data + "/images/test1.png", "--thresholds", "0.0", "--xmp",
               "--json", exported + "/train.json"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY(QFile::exists(data + "/images/test0.png.xmp"));
  const QString heatmaps = m_dir.filePath("heatmaps");
  r = aia_run({"annotate", run, data + "/images/test2.png", "--thresholds", "0.0", "--json", exported + "/test.json",
               "--heatmaps", heatmaps});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  // Threshold 0: every tag, so one heatmap per label over the image.
  for (const auto& label : aia::test::tiny_vocabulary())
    QVERIFY2(QFileInfo(heatmaps + "/test2.png." + QString::fromStdString(label) + ".png").size() > 100,
             qPrintable(QString::fromStdString(label)));
  aia::ValidationReport report;
  const auto dataset = aia::load_dataset(exported.toStdString(), &report);
  QVERIFY2(report.issues.empty(), report.summary().c_str());
  QCOMPARE(dataset.train.size(), std::size_t(2));
  QCOMPARE(dataset.test.size(), std::size_t(1));
  QCOMPARE(dataset.vocabulary, aia::test::tiny_vocabulary());
  QCOMPARE(dataset.train[0].labels.size(), std::size_t(4));  // threshold 0: every tag
  QVERIFY(QFile::exists(exported + "/images/test0.png"));

  // Certified thresholds from the run's held-out test split: 16 images certify
  // no label at precision 0.9, so every label abstains and nothing is tagged.
  r = aia_run({"annotate", run, data + "/images/test0.png", "--thresholds", "precision:0.9"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(r.err.contains("precision:0.9@0.1: 0 of 4 labels certified on the run's 16 test images"), qPrintable(r.err));
  QVERIFY2(r.out.contains("(no tag above its threshold)"), qPrintable(r.out));

  // A file that is not an image is reported and skipped, with exit code 2.
  r = aia_run({"annotate", run, m_scores, data + "/images/test0.png"});
  QCOMPARE(r.code, 2);
  QVERIFY(r.err.contains("skipped") && r.err.contains("scores.csv"));
  QVERIFY(r.out.contains("test0.png"));
  QVERIFY2(r.err.contains("1 tagged, 1 skipped: 1 unsupported format"), qPrintable(r.err));

  // A dropped folder as phones and cameras fill it: a HEIC (heif-enc), a GIF, a FIFO named like a JPEG
  // (never opened: opening it would block), a text file and a damaged JPEG. Every file is tagged or named.
  const QString phone = m_dir.filePath("phone");
  QVERIFY(QDir().mkpath(phone));
  QVERIFY(QFile::copy(data + "/images/test0.png", phone + "/a.png"));
  QString failed =
      aia::test::run_tool(QStringLiteral("heif-enc"), {"-q", "90", "-o", phone + "/b.heic", phone + "/a.png"});
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  QVERIFY(cv::imwrite((phone + "/c.gif.png").toStdString(), cv::imread((phone + "/a.png").toStdString())));
  failed = aia::test::run_tool(AIA_PYTHON3,
                               {"-c", "import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2])",
                                phone + "/c.gif.png", phone + "/c.gif"});
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  QVERIFY(QFile::remove(phone + "/c.gif.png"));
  QVERIFY(::mkfifo((phone + "/stuck.jpg").toLocal8Bit().constData(), 0600) == 0);
  QFile notes(phone + "/notes.txt"), broken(phone + "/broken.jpg");
  QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write("x") == 1 && broken.open(QIODevice::WriteOnly) &&
          broken.write("\xFF\xD8\xFF\xE0 cut") > 0);
  notes.close(), broken.close();
  r = aia_run({"annotate", run, phone});
  QCOMPARE(r.code, 2);  // the damaged JPEG
  for (const char* tagged : {"a.png: ", "b.heic: ", "c.gif: "}) QVERIFY2(r.out.contains(tagged), qPrintable(r.out));
  QVERIFY2(r.err.contains("stuck.jpg: not a regular file (a FIFO)"), qPrintable(r.err));
  QVERIFY2(r.err.contains("notes.txt: not an image format this application reads (.txt)"), qPrintable(r.err));
  QVERIFY2(r.err.contains("broken.jpg: JPEG"), qPrintable(r.err));
  QVERIFY2(r.err.contains("3 tagged, 3 skipped: 1 unsupported format, 1 not decodable, 1 not a regular file"),
           qPrintable(r.err));
}

namespace {

// A config in which every field a recipe option sets differs from what the
// option sets below, and from the defaults where it could hide a copy.
nlohmann::json base_config(const QString& data) {
  aia::TrainConfig c;
  c.data.dataset = data.toStdString();
  c.data.image_size = 48;
  c.data.val_fraction = 0.1;
  c.data.workers = 1;
  c.data.cache_mb = 3;
  c.model.backbone = "tresnet_nano";
  c.model.pretrained = "start.safetensors";
  c.optim.epochs = 2;
  c.optim.batch_size = 4;
  c.optim.learning_rate = 0.003;
  c.loss = aia::loss_preset("bce");
  c.run.out_dir = "somewhere";
  c.run.device = "auto";
  c.run.seed = 7;
  c.run.max_batches_per_epoch = 1;
  return nlohmann::json::parse(aia::to_json(c));
}

}  // namespace

void TestCli::recipeOptionChangesOnlyItsField_data() {
  QTest::addColumn<QStringList>("option");
  QTest::addColumn<QString>("field");  // a JSON pointer; every difference must lie under it
  QTest::addColumn<QString>("value");  // the new value, as JSON ("" for the loss: checked by name)
  QTest::newRow("none") << QStringList{} << QString() << QString();
  QTest::newRow("data") << QStringList{"--data", "other"} << "/data/dataset"
                        << R"("other")";
  QTest::newRow("backbone") << QStringList{"--backbone", "tresnet_m"} << "/model/backbone"
                            << R"("tresnet_m")";
  QTest::newRow("pretrained") << QStringList{"--pretrained", "w.pth"} << "/model/pretrained"
                              << R"("w.pth")";
  QTest::newRow("image-size") << QStringList{"--image-size", "96"} << "/data/image_size"
                              << "96";
  QTest::newRow("epochs") << QStringList{"--epochs", "5"} << "/optim/epochs"
                          << "5";
  QTest::newRow("batch-size") << QStringList{"--batch-size", "6"} << "/optim/batch_size"
                              << "6";
  QTest::newRow("learning-rate") << QStringList{"--learning-rate", "0.0005"} << "/optim/learning_rate"
                                 << "0.0005";
  QTest::newRow("device") << QStringList{"--device", "cpu"} << "/run/device"
                          << R"("cpu")";
  QTest::newRow("val-fraction") << QStringList{"--val-fraction", "0.25"} << "/data/val_fraction"
                                << "0.25";
  QTest::newRow("workers") << QStringList{"--workers", "3"} << "/data/workers"
                           << "3";
  QTest::newRow("cache-mb") << QStringList{"--cache-mb", "0"} << "/data/cache_mb"
                            << "0";
  QTest::newRow("ema") << QStringList{"--ema"} << "/run/ema"
                       << "true";
  QTest::newRow("no-flips") << QStringList{"--no-flips"} << "/data/flips"
                            << "false";
  QTest::newRow("no-sync-bn") << QStringList{"--no-sync-bn"} << "/run/sync_batch_norm"
                              << "false";
  QTest::newRow("amp") << QStringList{"--amp"} << "/run/amp"
                       << "true";
  QTest::newRow("precision") << QStringList{"--precision", "bfloat16"} << "/run/precision"
                             << R"("bfloat16")";
  QTest::newRow("memory-format") << QStringList{"--memory-format", "nchw"} << "/run/memory_format"
                                 << R"("nchw")";
  QTest::newRow("mode") << QStringList{"--mode", "frozen"} << "/run/mode"
                        << R"("frozen")";
  QTest::newRow("max-batches") << QStringList{"--max-batches", "9"} << "/run/max_batches_per_epoch"
                               << "9";
  QTest::newRow("loss") << QStringList{"--loss", "focal"} << "/loss" << QString();
  QTest::newRow("seed") << QStringList{"--seed", "11"} << "/run/seed"
                        << "11";
  QTest::newRow("out") << QStringList{"--out", "new-run"} << "/run/out_dir"
                       << R"("new-run")";
}

void TestCli::recipeOptionChangesOnlyItsField() {
  QFETCH(QStringList, option);
  QFETCH(QString, field);
  QFETCH(QString, value);
  const nlohmann::json base = base_config(m_dir.filePath("tiny-config"));
  const QString path = file("base-config.json", QByteArray::fromStdString(base.dump(2)));
  const auto r = aia_run(QStringList{"train", "--config", path, "--print-config"} + option);
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const auto printed = nlohmann::json::parse(r.out.toStdString());
  const auto patch = nlohmann::json::diff(base, printed);
  if (field.isEmpty()) QVERIFY2(patch.empty(), patch.dump().c_str());
  for (const auto& op : patch)
    QVERIFY2(QString::fromStdString(op["path"].get<std::string>()).startsWith(field), patch.dump().c_str());
  const nlohmann::json::json_pointer pointer(field.toStdString());
  if (!value.isEmpty()) {
    QCOMPARE(printed[pointer], nlohmann::json::parse(value.toStdString()));
  } else if (!field.isEmpty()) {
    aia::TrainConfig focal;
    focal.loss = aia::loss_preset("focal");
    QCOMPARE(printed["loss"], nlohmann::json::parse(aia::to_json(focal))["loss"]);
  }
}

void TestCli::trainConfigRoundTrip() {
  // A run made from options, then trained again from its config.json with only
  // --out given: the new config.json equals the first in every field but out_dir.
  const QString data = m_dir.filePath("tiny-roundtrip"), run = m_dir.filePath("rt-run"),
                again = m_dir.filePath("rt-again");
  aia::test::make_tiny_dataset(data.toStdString(), 16, 8);
  auto r =
      aia_run({"train",      "--data",       data, "--loss",        "bce", "--ema",      "--seed",       "7",
               "--no-flips", "--epochs",     "1",  "--max-batches", "1",   "--backbone", "tresnet_nano", "--image-size",
               "32",         "--batch-size", "4",  "--out",         run});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const std::string first = aia::RunFolder(run.toStdString()).config_path();
  r = aia_run({"train", "--config", QString::fromStdString(first), "--out", again});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  auto a = nlohmann::json::parse(aia::read_file(first));
  auto b = nlohmann::json::parse(aia::read_file(aia::RunFolder(again.toStdString()).config_path()));
  QCOMPARE(a["loss"]["name"].get<std::string>(), std::string("bce"));
  QCOMPARE(a["run"]["seed"].get<int>(), 7);
  QCOMPARE(a["run"]["ema"].get<bool>(), true);
  QCOMPARE(a["data"]["flips"].get<bool>(), false);
  QCOMPARE(b["run"]["out_dir"].get<std::string>(), again.toStdString());
  a["run"].erase("out_dir");
  b["run"].erase("out_dir");
  QVERIFY2(a == b, nlohmann::json::diff(a, b).dump().c_str());
}

void TestCli::experimentSpecKeepsWhatIsNotGiven() {
  // --spec with a recipe option and an axis: those change, the rest is the spec's.
  const QString data = m_dir.filePath("tiny-spec"), exp = m_dir.filePath("spec-exp");
  aia::test::make_tiny_dataset(data.toStdString(), 16, 8);
  aia::ExperimentSpec spec;
  spec.recipe = aia::train_config_from_json(base_config(data).dump(), "base");
  spec.recipe.data.val_fraction = 0;
  spec.recipe.model.pretrained.clear();
  spec.recipe.data.image_size = 32;
  spec.recipe.optim.epochs = 1;
  spec.grid.losses = {aia::parse_grid_loss("bce")};
  spec.grid.seeds = {3};
  spec.grid.datasets = {data.toStdString()};
  const QString path = file("spec.json", QByteArray::fromStdString(aia::to_json(spec)));
  const auto r = aia_run({"experiment", "--spec", path, "--out", exp, "--workers", "2", "--seeds", "4"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const aia::ExperimentSpec made = aia::ExperimentFolder(exp.toStdString()).read_spec();
  aia::ExperimentSpec expected = spec;
  expected.recipe.data.workers = 2;
  expected.grid.seeds = {4};
  QCOMPARE(aia::to_json(made), aia::to_json(expected));
}

void TestCli::experimentAndReport() {
  const QString data = m_dir.filePath("tiny-exp"), exp = m_dir.filePath("exp");
  aia::test::make_tiny_dataset(data.toStdString(), 32, 16);
  const QStringList recipe{"--data", data,           "--backbone", "tresnet_nano",    "--image-size", "32", "--epochs",
                           "1",      "--batch-size", "8",          "--learning-rate", "0.002"};
  // Bad grids are refused before anything is written, naming what is wrong.
  auto r = aia_run(QStringList{"experiment"} + recipe + QStringList{"--losses", "bce,hinge", "--out", exp});
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.contains("hinge"), qPrintable(r.err));
  r = aia_run(QStringList{"experiment"} + recipe + QStringList{"--losses", "bce", "--seeds", "1,1", "--out", exp});
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.contains("appears twice"), qPrintable(r.err));
  QVERIFY(!QFile::exists(exp + "/experiment.json"));

  r = aia_run(QStringList{"experiment"} + recipe + QStringList{"--losses", "bce,proposed", "--out", exp});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(r.err.contains("2 finished, 0 failed"), qPrintable(r.err));
  r = aia_run({"experiment", "--resume", exp});  // nothing left: no cell runs again
  QVERIFY2(r.code == 0 && !r.err.contains("starting"), qPrintable(r.err));

  r = aia_run({"report", exp, "--format", "json", "--resamples", "100"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const auto report = nlohmann::json::parse(r.out.toStdString());
  // Each cell's row is what `aia metrics` says of its score files.
  for (const QString loss : {"bce", "proposed"}) {
    const aia::RunFolder cell((exp + "/cells/tiny-exp_" + loss + "_s1").toStdString());
    for (const auto& [strategy, thresholds] : std::vector<std::pair<std::string, QString>>{
             {"0.5", "0.5"},
             {"mcc-grid", QString::fromStdString(cell.thresholds_path(aia::ThresholdMethod::MccGrid))}}) {
      const auto m = aia_run({"metrics", "--scores", QString::fromStdString(cell.test_scores_path()), "--targets",
                              QString::fromStdString(cell.test_targets_path()), "--thresholds", thresholds, "--json"});
      QVERIFY2(m.code == 0, qPrintable(m.err));
      const auto metrics = nlohmann::json::parse(m.out.toStdString());
      bool found = false;
      for (const auto& row : report["groups"][0]["rows"])
        if (row["loss"] == loss.toStdString() && row["strategy"] == strategy && !row["published"].get<bool>()) {
          QCOMPARE(row["class F1"]["mean"].get<double>(), metrics["per_class_f1"].get<double>());
          QCOMPARE(row["image F1"]["mean"].get<double>(), metrics["per_image_f1"].get<double>());
          QCOMPARE(row["N+"]["mean"].get<double>(), metrics["n_plus"].get<double>());
          QCOMPARE(row["mAP"]["mean"].get<double>(), metrics["map"].get<double>());
          found = true;
        }
      QVERIFY(found);
    }
  }
  QCOMPARE(report["groups"][0]["comparisons"].size(), std::size_t(15));  // 3 metrics x 5 strategies
  for (const QString format : {"md", "csv", "latex"}) {
    r = aia_run({"report", exp, "--format", format, "--resamples", "50", "--out", m_dir.filePath("report." + format)});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFileInfo(m_dir.filePath("report." + format)).size() > 100);
  }
  r = aia_run({"report", exp, "--format", "html"});
  QCOMPARE(r.code, 2);
  r = aia_run({"report", m_dir.path()});  // not an experiment
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.contains("experiment.json"), qPrintable(r.err));
}

void TestCli::projectCommands() {
  const QString data = m_dir.filePath("projdata"), run = m_dir.filePath("projrun"), project = m_dir.filePath("proj");
  aia::test::make_tiny_dataset(data.toStdString(), 24, 8);
  auto r = aia_run({"train", "--data", data, "--backbone", "tresnet_nano", "--image-size", "32", "--epochs", "1",
                    "--batch-size", "8", "--learning-rate", "0.002", "--out", run});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  r = aia_run({"project", "init", project, "--images", data + "/images", "--run", run, "--import-dataset", data});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(r.out.contains("32 images") && r.out.contains("scored 32 images"), qPrintable(r.out));
  r = aia_run({"project", "status", project, "--order", "uncertain", "--next", "3"});
  QVERIFY2(r.code == 0 && r.out.contains("0 reviewed") && r.out.contains("next to review (uncertain order)"),
           qPrintable(r.out + r.err));
  // Training needs reviewed images: a clear refusal, exit 2.
  r = aia_run({"project", "train", project});
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.contains("review at least two images"), qPrintable(r.err));
  r = aia_run({"project", "train", project, "--learning-rate", "nan"});
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.contains("--learning-rate: must be a finite number"), qPrintable(r.err));  // CLI11 validator
  // The imported tags are the images' tags until reviewed: the export carries them.
  const QString csv = m_dir.filePath("proj.csv");
  r = aia_run({"project", "export", project, "--format", "csv", "--out", csv, "--include-unreviewed"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  const auto table = aia::read_annotations_csv(csv.toStdString());
  QCOMPARE(table.rows.size(), std::size_t(32));
  const auto train = nlohmann::json::parse(aia::read_file((data + "/train.json").toStdString()));
  std::string name = "/";
  name += train["samples"][0]["image_name"].get<std::string>();
  int found = 0;
  for (const auto& row : table.rows)
    if (row.image.ends_with(name)) {  // the imported tags, and the model's suggestions above their thresholds
      ++found;
      for (const auto& tag : train["samples"][0]["image_labels"].get<std::vector<std::string>>())
        QVERIFY(std::find(row.tags.begin(), row.tags.end(), tag) != row.tags.end());
    }
  QCOMPARE(found, 1);
  {
    // Reviewed in the test (the review view is the GUI's); while this writer holds it, the CLI cannot edit.
    aia::Project p = aia::Project::open(project.toStdString());
    for (std::size_t i = 0; i < 12; ++i) p.set_image(i, aia::mark_reviewed(p.data().images[i], 1));
    r = aia_run({"project", "score", project});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("read-only"), qPrintable(r.err));
  }
  r = aia_run({"project", "train", project, "--epochs", "2"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(r.out.contains("new run") && r.out.contains("scored 20 images"), qPrintable(r.out));
  r = aia_run({"project", "status", project, "--flags"});
  QVERIFY2(r.code == 0 && r.out.contains("12 reviewed") && r.out.contains("likely label errors:"),
           qPrintable(r.out + r.err));
  // Certified auto-accept: the new run has scored no reviewed image it did not train on, so nothing can be
  // certified yet, and it says so; nothing is marked reviewed.
  r = aia_run({"project", "accept", project, "--precision", "0.9"});
  QVERIFY2(r.code == 0, qPrintable(r.err));
  QVERIFY2(r.out.contains("0 tags auto-accepted at >= 90% precision (delta 0.1)") &&
               r.out.contains("no reviewed image scored by the project's run to calibrate on yet") &&
               r.out.contains("abstains: 0 positives"),
           qPrintable(r.out));
  r = aia_run({"project", "status", project});
  QVERIFY2(r.out.contains("12 reviewed"), qPrintable(r.out));
  r = aia_run({"project", "accept", project, "--precision", "1.5"});
  QCOMPARE(r.code, 2);
  const QString exported = m_dir.filePath("proj-dataset");
  r = aia_run({"project", "export", project, "--format", "json", "--out", exported});
  QVERIFY2(r.code == 0 && r.out.contains("exported 12 images"), qPrintable(r.out + r.err));
  aia::ValidationReport report;
  const auto loaded = aia::load_dataset(exported.toStdString(), &report);
  QCOMPARE(loaded.train.size() + loaded.test.size(), std::size_t(12));
  r = aia_run({"project", "export", project, "--format", "csv"});
  QCOMPARE(r.code, 2);
  QVERIFY(r.err.contains("--out"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
