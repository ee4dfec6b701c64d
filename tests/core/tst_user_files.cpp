// Files a person writes by hand, read so that nothing in them is ignored or
// kept dirty: lists of names by one rule (name_list.h) in every reader, and an
// unknown key of a config, experiment or project file named with the nearest
// known one (known_keys.h).

#include <torch/torch.h>  // torch before Qt: Qt's `slots` macro breaks LibTorch's headers

#include "aia/annotate/model_import.h"
#include "aia/data/dataset.h"
#include "aia/errors.h"
#include "aia/experiment/experiment.h"
#include "aia/io/atomic_file.h"
#include "aia/io/checkpoint.h"
#include "aia/io/known_keys.h"
#include "aia/io/name_list.h"
#include "aia/metrics/thresholds_json.h"
#include "aia/model/registry.h"
#include "aia/project/project.h"
#include "aia/run/run_folder.h"
#include "aia/run/train_config.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <functional>

namespace {

// The message of the InputError (or ConfigError) `f` throws; "" when it throws none.
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const aia::Error& e) {
    return e.what();
  }
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every leaf path of a JSON object, as "optim.learning_rate".
void leaf_paths(const nlohmann::json& j, const std::string& path, std::vector<std::string>& out) {
  for (const auto& [key, value] : j.items()) {
    const std::string here = path.empty() ? key : path + "." + key;
    if (value.is_object())
      leaf_paths(value, here, out);
    else
      out.push_back(here);
  }
}

// A likely slip of the keyboard: the second letter dropped ("learning_rate" -> "larning_rate").
std::string misspelt(const std::string& key) { return key.substr(0, 1) + key.substr(2); }

}  // namespace

class TestUserFiles : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void nameListsAreCleaned();
  void nameListsRefuseWithFileAndLine_data();
  void nameListsRefuseWithFileAndLine();
  void importedClassNamesLoseTheBom();
  void datasetVocabularyFileByTheSameRule();
  void everyConfigKeyMisspeltIsNamed();
  void misplacedAndCommentKeys();
  void experimentKeysAreChecked();
  void projectKeysAreChecked();
  void thresholdLabelsSuggestTheNearest();
  void theCliRefusesAMisspeltConfig();

 private:
  std::string write(const QString& name, const std::string& bytes) {
    const std::string path = m_dir.filePath(name).toStdString();
    aia::write_file_atomically(path, bytes);
    return path;
  }
  QTemporaryDir m_dir;
};

void TestUserFiles::nameListsAreCleaned() {
  // A Windows editor's file: a byte-order mark, CRLF, spaces around names, blank lines at the end.
  const std::string text =
      "\xEF\xBB\xBFsky\r\n  tree \r\n\tpersian \xD8\xA2\xD8\xB3\xD9\x85\xD8\xA7\xD9\x86\r\n\r\n \r\n";
  const auto names = aia::parse_name_list(text, "labels.txt");
  QCOMPARE(names, (std::vector<std::string>{"sky", "tree", "persian \xD8\xA2\xD8\xB3\xD9\x85\xD8\xA7\xD9\x86"}));
  // The same from a file; no final newline is needed.
  QCOMPARE(aia::read_name_list(write("plain.txt", "a\nb")), (std::vector<std::string>{"a", "b"}));
  // Four-byte UTF-8 (an emoji) is a valid name.
  QCOMPARE(aia::parse_name_list("\xF0\x9F\x90\x88\n", "x").at(0), std::string("\xF0\x9F\x90\x88"));
  // A file with no names at all.
  const std::string empty = write("empty.txt", "\xEF\xBB\xBF\r\n\r\n");
  QVERIFY(contains(error_of([&] { aia::read_name_list(empty); }), empty + ": no names"));
}

void TestUserFiles::nameListsRefuseWithFileAndLine_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QString>("expected");
  QTest::newRow("blank line inside") << QByteArray("sky\r\n\r\ntree\r\n") << "labels.txt:2: a blank line between names";
  QTest::newRow("blank first line") << QByteArray("\nsky\n") << "labels.txt:1: a blank line before the first name";
  QTest::newRow("duplicate") << QByteArray("sky\ntree\n sky\r\n")
                             << "labels.txt:3: 'sky' is listed twice (lines 1 and 3)";
  QTest::newRow("duplicate after BOM") << QByteArray("\xEF\xBB\xBFsky\nsky\n") << "labels.txt:2: 'sky' is listed twice";
  QTest::newRow("Latin-1 byte") << QByteArray("sky\ncaf\xE9\n") << "labels.txt:2: byte 4 is not UTF-8";
  QTest::newRow("overlong") << QByteArray("\xC0\xAF\n") << "labels.txt:1: byte 1 is not UTF-8";
  QTest::newRow("surrogate") << QByteArray("a\nb\n\xED\xA0\x80\n") << "labels.txt:3: byte 1 is not UTF-8";
  QTest::newRow("cut short") << QByteArray("ok\nab\xE2\x82\n") << "labels.txt:2: byte 3 is not UTF-8";
  QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80\n") << "labels.txt:1: byte 1 is not UTF-8";
}

void TestUserFiles::nameListsRefuseWithFileAndLine() {
  QFETCH(QByteArray, text);
  QFETCH(QString, expected);
  const std::string message = error_of([&] { aia::parse_name_list(text.toStdString(), "labels.txt"); });
  QVERIFY2(contains(message, expected.toStdString()), message.c_str());
}

void TestUserFiles::importedClassNamesLoseTheBom() {
  aia::Classifier published = aia::make_model("tresnet_nano", 3, 0.0);
  const std::string weights = m_dir.filePath(QStringLiteral("nano.safetensors")).toStdString();
  aia::ExportOptions timm;
  timm.timm_head = true;
  aia::export_weights(*published, weights, aia::WeightFormat::Safetensors, timm);
  aia::ModelImportOptions options;
  options.backbone = "tresnet_nano";
  options.image_size = 32;
  const std::string labels = write("classes.txt",
                                   "\xEF\xBB\xBF"
                                   "cat\r\ndog\r\nbird\r\n\r\n");
  const std::string run = m_dir.filePath(QStringLiteral("imported")).toStdString();
  aia::import_pretrained_run(weights, labels, run, options);
  QCOMPARE(aia::RunFolder(run).read_info().vocabulary, (std::vector<std::string>{"cat", "dog", "bird"}));
  // A duplicate class name is refused before any run is made, naming both lines.
  const std::string twice = write("twice.txt", "cat\ndog\ncat\n");
  const std::string other = m_dir.filePath(QStringLiteral("not-made")).toStdString();
  const std::string message = error_of([&] { aia::import_pretrained_run(weights, twice, other, options); });
  QVERIFY2(contains(message, twice + ":3: 'cat' is listed twice (lines 1 and 3)"), message.c_str());
  QVERIFY(!std::filesystem::exists(other));
}

void TestUserFiles::datasetVocabularyFileByTheSameRule() {
  namespace fs = std::filesystem;
  const fs::path root = m_dir.filePath(QStringLiteral("vocab-dataset")).toStdString();
  fs::create_directories(root / "images");
  for (const char* image : {"a.png", "b.png"})
    QVERIFY(cv::imwrite((root / "images" / image).string(), cv::Mat(8, 8, CV_8UC3, cv::Scalar(10, 20, 30))));
  auto split = [](const char* image) {
    return nlohmann::json{{"samples", {{{"image_name", image}, {"image_labels", {"sky", "tree"}}}}}}.dump();
  };
  aia::write_file_atomically((root / "train.json").string(), split("a.png"));
  aia::write_file_atomically((root / "test.json").string(), split("b.png"));
  aia::write_file_atomically((root / "mine_vocabulary.txt").string(), "\xEF\xBB\xBFsky \r\ntree\r\n");
  QCOMPARE(aia::load_dataset(root.string(), nullptr).vocabulary, (std::vector<std::string>{"sky", "tree"}));
  aia::write_file_atomically((root / "mine_vocabulary.txt").string(), "sky\ntree\nsky\n");
  const std::string message = error_of([&] { aia::load_dataset(root.string(), nullptr); });
  QVERIFY2(contains(message, "mine_vocabulary.txt:3: 'sky' is listed twice (lines 1 and 3)"), message.c_str());
}

void TestUserFiles::everyConfigKeyMisspeltIsNamed() {
  // Every key the config knows, from the table that reads them, misspelt in turn.
  const nlohmann::json defaults = nlohmann::json::parse(aia::to_json(aia::TrainConfig{}));
  std::vector<std::string> paths;
  leaf_paths(defaults, "", paths);
  QVERIFY2(paths.size() > 40, qPrintable(QString::number(paths.size())));  // data, model, optim, loss, run
  for (const auto& path : paths) {
    const auto dot = path.rfind('.');
    const std::string section = path.substr(0, dot), key = path.substr(dot + 1);
    nlohmann::json doc;
    doc[section][misspelt(key)] = defaults[section][key];
    const std::string message = error_of([&] { aia::train_config_from_json(doc.dump(), "my.json"); });
    const std::string expected =
        "my.json: " + section + "." + misspelt(key) + ": unknown key; did you mean " + path + "?";
    QVERIFY2(contains(message, expected), (path + " -> " + message).c_str());
    // Spelt right, the same value is read.
    nlohmann::json right;
    right[section][key] = defaults[section][key];
    QVERIFY2(error_of([&] { aia::train_config_from_json(right.dump(), "my.json"); }).empty(), path.c_str());
  }
  // A section misspelt, and the issue's own example.
  QVERIFY(contains(error_of([&] { aia::train_config_from_json(R"({"optimm": {}})", "c.json"); }),
                   "optimm: unknown key; did you mean optim?"));
  QVERIFY(contains(error_of([&] { aia::train_config_from_json(R"({"optim": {"learnig_rate": 0.5}})", "c.json"); }),
                   "c.json: optim.learnig_rate: unknown key; did you mean optim.learning_rate?"));
}

void TestUserFiles::misplacedAndCommentKeys() {
  // A key in the wrong section is pointed to the right one.
  QVERIFY(contains(error_of([&] { aia::train_config_from_json(R"({"optim": {"image_size": 224}})", "c.json"); }),
                   "optim.image_size: unknown key; did you mean data.image_size?"));
  // Nothing near: the section's keys are listed.
  const std::string far = error_of([&] { aia::train_config_from_json(R"({"run": {"zzzzzzzz": 1}})", "c.json"); });
  QVERIFY2(contains(far, "run.zzzzzzzz: unknown key (known here: ") && contains(far, "check_loss_every"), far.c_str());
  // Every unknown key at once.
  const std::string both =
      error_of([&] { aia::train_config_from_json(R"({"data": {"imagesize": 1}, "run": {"sed": 2}})", "c.json"); });
  QVERIFY2(contains(both, "data.imagesize") && contains(both, "run.sed"), both.c_str());
  // Keys beginning with "_" are comments, at any level; the values beside them are read.
  const auto c = aia::train_config_from_json(
      R"({"_comment": "lr from the sweep", "optim": {"_why": "x", "learning_rate": 0.5}})", "c.json");
  QCOMPARE(c.optim.learning_rate, 0.5);
  // What to_json writes is read back unchanged (no key of our own is unknown).
  QCOMPARE(aia::to_json(aia::train_config_from_json(aia::to_json(c), "c.json")), aia::to_json(c));
  // Type checks still run beside the key check.
  QVERIFY(contains(error_of([&] { aia::train_config_from_json(R"({"optim": {"epochs": "x"}})", "c.json"); }),
                   "optim.epochs must be an integer"));
}

void TestUserFiles::experimentKeysAreChecked() {
  aia::ExperimentSpec spec;
  spec.recipe = aia::recipe_config_for("demo");
  spec.grid.losses = {aia::parse_grid_loss("bce"), aia::parse_grid_loss("focal:gamma_neg=3")};
  spec.grid.seeds = {1, 2};
  spec.grid.datasets = {"demo"};
  const nlohmann::json good = nlohmann::json::parse(aia::to_json(spec));
  QCOMPARE(aia::to_json(aia::experiment_spec_from_json(good.dump(), "e.json")), aia::to_json(spec));
  auto refused = [&](const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json doc = good;
    edit(doc);
    return error_of([&] { aia::experiment_spec_from_json(doc.dump(), "e.json"); });
  };
  std::string m = refused([](nlohmann::json& d) { d["grid"]["seed"] = d["grid"]["seeds"]; });
  QVERIFY2(contains(m, "e.json: grid.seed: unknown key; did you mean grid.seeds?"), m.c_str());
  m = refused([](nlohmann::json& d) { d["grid"]["image_size"] = {224}; });
  QVERIFY2(contains(m, "grid.image_size: unknown key; did you mean grid.image_sizes?"), m.c_str());
  m = refused([](nlohmann::json& d) { d["recipe"]["optim"]["learnig_rate"] = 0.1; });
  QVERIFY2(contains(m, "recipe.optim.learnig_rate: unknown key; did you mean recipe.optim.learning_rate?"), m.c_str());
  m = refused([](nlohmann::json& d) { d["grid"]["losses"][1]["gama_neg"] = 2; });
  QVERIFY2(contains(m, "grid.losses[1].gama_neg: unknown key; did you mean grid.losses[1].gamma_neg?"), m.c_str());
  m = refused([](nlohmann::json& d) { d["verison"] = 1; });
  QVERIFY2(contains(m, "verison: unknown key; did you mean version?"), m.c_str());
}

void TestUserFiles::projectKeysAreChecked() {
  aia::ProjectData data;
  data.folders = {"/photos"};
  data.vocabulary = {"sky"};
  aia::ProjectImage im;
  im.path = "/photos/a.jpg";
  im.accepted = {"sky"};
  data.images = {im};
  const nlohmann::json good = nlohmann::json::parse(aia::project_to_json(data));
  QCOMPARE(aia::project_from_json(good.dump(), "project.json").images.at(0).accepted,
           (std::vector<std::string>{"sky"}));
  nlohmann::json doc = good;
  doc["images"][0]["acepted"] = {"tree"};
  std::string m = error_of([&] { aia::project_from_json(doc.dump(), "project.json"); });
  QVERIFY2(contains(m, "project.json: images[0].acepted: unknown key; did you mean images[0].accepted?"), m.c_str());
  doc = good;
  doc["vocabluary"] = {"sky"};
  m = error_of([&] { aia::project_from_json(doc.dump(), "project.json"); });
  QVERIFY2(contains(m, "vocabluary: unknown key; did you mean vocabulary?"), m.c_str());
  // Fifty images with the same slip: ten named, then a count.
  doc = good;
  doc["images"] = nlohmann::json::array();
  for (int i = 0; i < 50; ++i) {
    nlohmann::json one = good["images"][0];
    one["path"] = "/photos/" + std::to_string(i) + ".jpg";
    one["sate"] = "reviewed";
    doc["images"].push_back(one);
  }
  m = error_of([&] { aia::project_from_json(doc.dump(), "project.json"); });
  QVERIFY2(contains(m, "images[9].sate") && !contains(m, "images[10].sate") && contains(m, "and 40 more unknown keys"),
           m.c_str());
}

void TestUserFiles::thresholdLabelsSuggestTheNearest() {
  const std::vector<std::string> labels{"sky", "tree", "mountain"};
  const std::string json = write("t.json", R"({"sky": 0.5, "tree": 0.4, "mountian": 0.3})");
  std::string m = error_of([&] { aia::read_thresholds_file(json, labels); });
  QVERIFY2(contains(m, "key 'mountian' is not a label of the scores; did you mean 'mountain'?"), m.c_str());
  const std::string csv = write("t.csv", "label,threshold\nsky,0.5\ntre,0.4\nmountain,0.3\n");
  m = error_of([&] { aia::read_thresholds_file(csv, labels); });
  QVERIFY2(contains(m, csv + ":3: 'tre' is not a label of the scores; did you mean 'tree'?"), m.c_str());
  QCOMPARE(aia::nearest_name("zzzzzz", labels), std::string());
}

void TestUserFiles::theCliRefusesAMisspeltConfig() {
  // The check reaches the user: aia train --config stops before training, naming the key.
  const std::string config = write("misspelt.json", R"({"data": {"dataset": "demo"}, "optim": {"learnig_rate": 0.5}})");
  QProcess p;
  p.start(QStringLiteral(AIA_CLI), {QStringLiteral("train"), QStringLiteral("--config"), QString::fromStdString(config),
                                    QStringLiteral("--out"), m_dir.filePath(QStringLiteral("never"))});
  QVERIFY(p.waitForFinished(120000));
  const std::string err = p.readAllStandardError().toStdString();
  QVERIFY(p.exitCode() != 0);
  QVERIFY2(contains(err, "optim.learnig_rate: unknown key; did you mean optim.learning_rate?"), err.c_str());
  QVERIFY(!std::filesystem::exists(m_dir.filePath(QStringLiteral("never")).toStdString()));
}

QTEST_GUILESS_MAIN(TestUserFiles)
#include "tst_user_files.moc"
