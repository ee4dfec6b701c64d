// Weight-file interop in every direction, against Debian's python3-torch:
// files written by Python (OrderedDict state_dicts, nested dicts, the paper's
// net. prefix, protocol 4, safetensors) are imported; files we write are read
// by Python (torch.load(weights_only=True) and load_state_dict(strict=True))
// with equal tensors. Also legacy InplaceABN keys, head re-initialisation,
// and files that are broken or hostile.

#include <torch/torch.h>

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "test_support.h"

#include <QtTest>

#include <fstream>

namespace {

torch::Tensor expected_tensor(std::int64_t k, const std::vector<std::int64_t>& shape, torch::ScalarType dtype) {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  if (dtype == torch::kLong) return ((torch::arange(n, torch::kLong) + k) % 7).reshape(shape);
  auto i = torch::arange(n, torch::kFloat64);
  return torch::sin(0.37 * i + static_cast<double>(k)).to(dtype).reshape(shape);
}

QString run_python(const QStringList& args, int* exit_code) {
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(AIA_PYTHON3, QStringList{QString(AIA_TESTS_DIR) + "/interop/torch_interop.py"} + args);
  p.waitForFinished(180000);
  *exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  return QString::fromUtf8(p.readAll());
}

QString error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const aia::CheckpointError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

class TestCheckpoint : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void pythonFilesImport_data();
  void pythonFilesImport();
  void hostilePickleIsRefused();
  void pythonReadsOurFiles();
  void roundTripsKeepDtypesAndShapes();
  void legacyKeyMap();
  void legacyImportAppliesNormRule();
  void headOfAnotherSizeIsReinitialised();
  void brokenFiles();
  void pythonTResNetGivesTheSameLogits();

 private:
  QTemporaryDir m_dir;
  std::string m_spec;
  aia::NamedTensors m_state;  // tresnet_nano's keys with the formula's values
};

void TestCheckpoint::initTestCase() {
  QVERIFY2(QFile::exists(AIA_PYTHON3), "python3 with python3-torch is needed (packaging/install-deps.sh)");
  auto model = aia::make_model("tresnet_nano", 3);
  nlohmann::json spec = nlohmann::json::array();
  std::int64_t k = 0;
  for (auto& [key, t] : aia::model_state(*model)) {
    const bool integer = t.scalar_type() == torch::kLong;
    spec.push_back({key, t.sizes().vec(), integer ? "int64" : "float32"});
    m_state.emplace_back(key, expected_tensor(k++, t.sizes().vec(), t.scalar_type()));
  }
  m_spec = m_dir.filePath("spec.json").toStdString();
  std::ofstream(m_spec) << spec.dump();
  int code = 0;
  const QString out = run_python({"write", QString::fromStdString(m_spec), m_dir.path()}, &code);
  QVERIFY2(code == 0, qPrintable(out));
}

void TestCheckpoint::pythonFilesImport_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("prefix");
  QTest::newRow("OrderedDict state_dict") << "state_dict.pth"
                                          << "";
  QTest::newRow("nested state_dict") << "nested_state_dict.pth"
                                     << "";
  QTest::newRow("nested model") << "nested_model.pth"
                                << "";
  QTest::newRow("paper net. prefix") << "net_prefix.pth"
                                     << "net.";
  QTest::newRow("pickle protocol 4") << "protocol4.pth"
                                     << "";
  QTest::newRow("safetensors") << "state_dict.safetensors"
                               << "";
}

void TestCheckpoint::pythonFilesImport() {
  QFETCH(QString, file);
  QFETCH(QString, prefix);
  const std::string path = m_dir.filePath(file).toStdString();
  const auto tensors = aia::read_weights(path);
  QCOMPARE(tensors.size(), m_state.size());
  for (std::size_t k = 0; k < tensors.size(); ++k) {
    QCOMPARE(QString::fromStdString(tensors[k].first), prefix + QString::fromStdString(m_state[k].first));
    QCOMPARE(tensors[k].second.scalar_type(), m_state[k].second.scalar_type());
    QVERIFY2(torch::equal(tensors[k].second, m_state[k].second), m_state[k].first.c_str());
  }
  auto model = aia::make_model("tresnet_nano", 3);
  aia::ImportOptions strict;
  strict.strict = true;
  const auto report = aia::import_weights(*model, tensors, strict);
  QCOMPARE(report.loaded, m_state.size());
  QVERIFY(report.missing.empty());
  QVERIFY(report.unexpected.empty());
  QCOMPARE(report.stripped_prefixes.empty(), prefix.isEmpty());
  auto state = aia::model_state(*model);
  for (std::size_t k = 0; k < state.size(); ++k) QVERIFY(torch::equal(state[k].second, m_state[k].second));
}

void TestCheckpoint::hostilePickleIsRefused() {
  const std::string path = m_dir.filePath("evil.pth").toStdString();
  const QString message = error_of([&] { aia::read_weights(path); });
  QVERIFY2(message.contains("refusing to load"), qPrintable(message));
  QVERIFY2(message.contains("system"), qPrintable(message));  // names what it would have called
  QVERIFY(message.startsWith(QString::fromStdString(path)));
}

void TestCheckpoint::pythonReadsOurFiles() {
  aia::NamedTensors doubled;
  for (auto& [k, v] : m_state) doubled.emplace_back(k, v.scalar_type() == torch::kLong ? v : v * 2);
  aia::write_pytorch_state_dict(m_dir.filePath("ours.pth").toStdString(), doubled);
  aia::write_safetensors(m_dir.filePath("ours.safetensors").toStdString(), doubled, {{"format", "pt"}});
  int code = 0;
  const QString out = run_python({"check", QString::fromStdString(m_spec), m_dir.path()}, &code);
  QVERIFY2(code == 0 && out.contains("\"ok\": true"), qPrintable(out));
}

void TestCheckpoint::roundTripsKeepDtypesAndShapes() {
  aia::NamedTensors t = {
      {"f32", torch::randn({3, 4})},
      {"f64", torch::randn({2}, torch::kFloat64)},
      {"f16", torch::randn({5}).to(torch::kHalf)},
      {"i64_scalar", torch::tensor(42, torch::kLong)},
      {"big_int", torch::tensor(int64_t(1) << 40, torch::kLong)},
      {"empty", torch::zeros({0, 3})},
      {"u8", torch::arange(10, torch::kByte)},
      {"strided", torch::randn({4, 6}).t()},  // non-contiguous source
  };
  for (auto format : {aia::WeightFormat::PyTorch, aia::WeightFormat::Safetensors}) {
    const std::string path =
        m_dir.filePath(format == aia::WeightFormat::PyTorch ? "rt.pth" : "rt.safetensors").toStdString();
    if (format == aia::WeightFormat::PyTorch)
      aia::write_pytorch_state_dict(path, t);
    else
      aia::write_safetensors(path, t);
    const auto back = aia::read_weights(path);
    QCOMPARE(back.size(), t.size());
    for (std::size_t k = 0; k < t.size(); ++k) {
      QCOMPARE(back[k].first, t[k].first);
      QCOMPARE(back[k].second.scalar_type(), t[k].second.scalar_type());
      QCOMPARE(back[k].second.sizes().vec(), t[k].second.sizes().vec());
      QVERIFY2(torch::equal(back[k].second, t[k].second), t[k].first.c_str());
    }
  }
}

void TestCheckpoint::legacyKeyMap() {
  std::ifstream tsv(aia::test::shared_path("fixtures/tresnet_m/keys_legacy_map.tsv"));
  int rows = 0;
  for (std::string line; std::getline(tsv, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string legacy, current;
    std::getline(fields, legacy, '\t');
    std::getline(fields, current, '\t');
    const std::string mapped = aia::map_legacy_key(legacy);
    // SE and head keys keep their names: the mapper leaves them alone.
    QCOMPARE(QString::fromStdString(mapped.empty() ? legacy : mapped), QString::fromStdString(current));
    ++rows;
  }
  QCOMPARE(rows, 374);
}

void TestCheckpoint::legacyImportAppliesNormRule() {
  // A legacy tresnet_m file (keys, shapes and transform from the fixture's map) with a paper prefix.
  std::ifstream tsv(aia::test::shared_path("fixtures/tresnet_m/keys_legacy_map.tsv"));
  aia::NamedTensors file;
  std::map<std::string, std::pair<torch::Tensor, std::string>> expected;  // current key -> (value, transform)
  for (std::string line; std::getline(tsv, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string legacy, current, shape_text, transform;
    std::getline(fields, legacy, '\t');
    std::getline(fields, current, '\t');
    std::getline(fields, shape_text, '\t');
    std::getline(fields, transform, '\t');
    std::vector<std::int64_t> shape;
    for (auto& c : shape_text)
      if (c == '[' || c == ']' || c == ',') c = ' ';
    std::istringstream dims(shape_text);
    for (std::int64_t d; dims >> d;) shape.push_back(d);
    auto value = torch::randn(shape);
    file.emplace_back("net." + legacy, value);
    expected[current] = {value, transform};
  }
  auto model = aia::make_model("tresnet_m", 1000);
  const auto report = aia::import_weights(*model, file);
  QCOMPARE(report.key_style, std::string("timm-legacy (InplaceABN)"));
  QVERIFY2(report.missing.empty(), report.summary().c_str());
  QVERIFY2(report.unexpected.empty(), report.summary().c_str());
  QCOMPARE(report.loaded, std::size_t(374));
  auto params = model->named_parameters();
  auto buffers = model->named_buffers();
  int transformed = 0;
  for (auto& [key, item] : expected) {
    std::string model_key = key.rfind("head.fc.", 0) == 0 ? "head.fc.1." + key.substr(8) : key;
    torch::Tensor* got = params.find(model_key);
    if (!got) got = buffers.find(model_key);
    QVERIFY2(got, model_key.c_str());
    torch::Tensor want = item.second == "copy" ? item.first : item.first.abs() + 1e-5;
    transformed += item.second != "copy";
    QVERIFY2(torch::allclose(*got, want, 0, 0), model_key.c_str());
  }
  QCOMPARE(transformed, 60);  // every norm weight
}

void TestCheckpoint::headOfAnotherSizeIsReinitialised() {
  auto source = aia::make_model("tresnet_nano", 1000);
  auto file = aia::model_state(*source);
  for (auto& [k, v] : file)  // timm naming for the head
    if (k.rfind("head.fc.1.", 0) == 0) k = "head.fc." + k.substr(10);
  auto model = aia::make_model("tresnet_nano", 260);
  const auto report = aia::import_weights(*model, file);
  QVERIFY(report.head_reset);
  QVERIFY(report.summary().find("1000 classes, the model 260") != std::string::npos);
  QCOMPARE(model->num_classes(), std::int64_t(260));
  QVERIFY(torch::equal(model->named_parameters()["body.conv1.conv.weight"],
                       source->named_parameters()["body.conv1.conv.weight"]));
  aia::ImportOptions no_reset;
  no_reset.allow_head_reset = false;
  QVERIFY(error_of([&] { aia::import_weights(*model, file, no_reset); }).contains("1000 classes"));
}

void TestCheckpoint::brokenFiles() {
  auto write = [&](const char* name, const std::string& bytes) {
    const std::string path = m_dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  };
  auto model = aia::make_model("tresnet_nano", 3);
  const auto garbage = write("garbage.bin", "this is not a checkpoint at all");
  QVERIFY(error_of([&] { aia::read_weights(garbage); }).startsWith(QString::fromStdString(garbage)));
  const auto empty = write("empty.safetensors", "");
  QVERIFY(error_of([&] { aia::read_weights(empty); }).contains("not a valid safetensors"));
  // A valid file cut in half.
  const std::string good = m_dir.filePath("state_dict.safetensors").toStdString();
  std::ifstream in(good, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const auto cut = write("cut.safetensors", bytes.substr(0, bytes.size() / 2));
  QVERIFY(error_of([&] { aia::read_weights(cut); }).contains("outside the file"));
  std::ifstream pin(m_dir.filePath("state_dict.pth").toStdString(), std::ios::binary);
  std::string pth((std::istreambuf_iterator<char>(pin)), {});
  const auto cut_pth = write("cut.pth", pth.substr(0, pth.size() / 2));
  QVERIFY(!error_of([&] { aia::read_weights(cut_pth); }).isEmpty());
  // Another architecture's weights.
  aia::NamedTensors other = {{"features.0.weight", torch::zeros({3})}};
  QVERIFY(error_of([&] { aia::import_weights(*model, other); }).contains("no tensor of the file matches"));
  // A wrong shape.
  auto state = aia::model_state(*model);
  state[0].second = torch::zeros({1});
  QVERIFY(error_of([&] { aia::import_weights(*model, state); }).contains("shapes differ"));
}

void TestCheckpoint::pythonTResNetGivesTheSameLogits() {
  // Our TResNet-M exported as a state_dict loads, strictly, into a PyTorch
  // TResNet-M with timm's module names and computes the same logits.
  torch::manual_seed(3);
  auto model = aia::make_model("tresnet_m", 7);
  {
    torch::NoGradGuard no_grad;
    for (auto& p : model->named_parameters())
      if (p.key().find(".bn.weight") != std::string::npos) p.value().uniform_(0.5, 1.5);
  }
  model->eval();
  const std::string weights = m_dir.filePath("tresnet.pth").toStdString();
  aia::export_weights(*model, weights, aia::WeightFormat::PyTorch);
  auto x = torch::randn({2, 3, 64, 64});
  torch::NoGradGuard no_grad;
  const std::string check = m_dir.filePath("tresnet-check.safetensors").toStdString();
  aia::write_safetensors(check, {{"input", x}, {"logits", model->forward(x)}});
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(AIA_PYTHON3, {QString(AIA_TESTS_DIR) + "/../bench/python/tresnet_m.py", QString::fromStdString(weights),
                        QString::fromStdString(check)});
  QVERIFY(p.waitForFinished(180000));
  const QString out = QString::fromUtf8(p.readAll()).trimmed();
  QVERIFY2(p.exitCode() == 0, qPrintable(out));
  QVERIFY2(out.toDouble() < 1e-4, qPrintable("max |difference| " + out));
}

QTEST_APPLESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
