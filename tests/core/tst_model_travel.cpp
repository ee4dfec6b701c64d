// The ONNX export proven by a real runtime: ONNX Runtime (onnxruntime-node,
// installed by packaging/install-deps.sh) runs the exported file and its
// logits equal ours within 1e-4 on 8 images, at 64 and 224 px, for
// tresnet_nano and tresnet_m with every batch norm's statistics and affine
// parameters drawn at random (so that folding them into the convolutions is
// exercised, not the zero-initialised residual branches); Debian's
// python3-onnx runs the full checker and strict shape inference on the same
// file; a run exported by `aia export-model` carries its labels, thresholds
// and normalisation; and the other way, a published timm file (timm's key
// names, an 11,221-row head like tresnet_m.miil_in21k's) with its class names
// becomes a run that tags an image at once.

#include <torch/torch.h>

#include "aia/annotate/annotator.h"
#include "aia/annotate/model_export.h"
#include "aia/annotate/model_import.h"
#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/io/onnx_writer.h"
#include "aia/model/registry.h"
#include "aia/training/trainer.h"
#include "tiny_dataset.h"
#include "tiny_run.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "aia/data/image_pipeline.h"

namespace {

const QString kNodeModules = QStringLiteral(AIA_TEST_NODE_MODULES);

// Random batch-norm statistics and affine parameters everywhere, seeded.
void randomize_batch_norms(aia::ClassifierImpl& model, std::uint64_t seed) {
  torch::NoGradGuard no_grad;
  torch::manual_seed(seed);
  for (auto& m : model.modules(false))
    if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
      bn->weight.uniform_(0.5, 1.5);
      bn->bias.uniform_(-0.2, 0.2);
      bn->running_mean.uniform_(-0.2, 0.2);
      bn->running_var.uniform_(0.5, 2.0);
    }
}

class Quiet : public aia::TrainObserver {
 public:
  void on_message(const std::string&) override {}
};

// Runs `program args`; the standard output, or a failure with the standard error.
QByteArray run(const QString& program, const QStringList& args, bool* ok) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("NODE_PATH"), kNodeModules);
  p.setProcessEnvironment(env);
  p.start(program, args);
  *ok = p.waitForFinished(600000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
  if (!*ok) qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
  return p.readAllStandardOutput();
}

}  // namespace

class TestModelTravel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void onnxRuntimeGivesOurLogits_data();
  void onnxRuntimeGivesOurLogits();
  void runExportCarriesItsMetadata();
  void publishedModelBecomesATagger();

 private:
  QTemporaryDir m_dir;
};

void TestModelTravel::initTestCase() {
  torch::set_num_threads(2);
  QVERIFY2(QFileInfo::exists(kNodeModules + QStringLiteral("/onnxruntime-node")),
           qPrintable(kNodeModules + QStringLiteral("/onnxruntime-node is missing: bash packaging/install-deps.sh")));
}

void TestModelTravel::onnxRuntimeGivesOurLogits_data() {
  QTest::addColumn<QString>("backbone");
  QTest::addColumn<int>("size");
  QTest::addColumn<QString>("head");
  for (const char* backbone : {"tresnet_nano", "tresnet_m"})
    for (int size : {64, 224})
      QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(backbone).arg(size))) << backbone << size << "gap";
  QTest::newRow("tresnet_nano 64, attention head") << "tresnet_nano" << 64 << "attention";
  QTest::newRow("tresnet_m 224, attention head") << "tresnet_m" << 224 << "attention";
}

void TestModelTravel::onnxRuntimeGivesOurLogits() {
  QFETCH(QString, backbone);
  QFETCH(int, size);
  QFETCH(QString, head);
  aia::HeadOptions options_of_head;
  options_of_head.kind = head.toStdString();
  options_of_head.hidden = 64, options_of_head.heads = 8, options_of_head.feedforward = 128;
  aia::Classifier model = aia::make_model(backbone.toStdString(), 37, options_of_head);
  randomize_batch_norms(*model, 7);
  model->eval();
  const QString onnx = m_dir.filePath(backbone + QString::number(size) + head + QStringLiteral(".onnx"));
  aia::OnnxExport options;
  options.image_size = size;
  aia::write_onnx(*model, onnx.toStdString(), options);

  torch::manual_seed(11);
  const torch::Tensor images = torch::randn({8, 3, size, size});
  torch::Tensor ours;
  {
    torch::NoGradGuard no_grad;
    ours = model->forward(images).contiguous();
  }
  const QString input = m_dir.filePath(QStringLiteral("input.bin")), output = m_dir.filePath(QStringLiteral("out.bin"));
  std::ofstream(input.toStdString(), std::ios::binary)
      .write(static_cast<const char*>(images.data_ptr()), std::streamsize(images.numel() * 4));
  bool ok = false;
  const auto shapes = nlohmann::json::parse(run(QStringLiteral("node"),
                                                {QStringLiteral(AIA_TESTS_DIR "/interop/onnx_run.js"), onnx, input,
                                                 QStringLiteral("8"), QString::number(size), output},
                                                &ok)
                                                .toStdString());
  QVERIFY(ok);
  QCOMPARE(shapes["logits"], nlohmann::json({8, 37}));
  QCOMPARE(shapes["scores"], nlohmann::json({8, 37}));
  torch::Tensor theirs = torch::empty({8, 37});
  std::ifstream(output.toStdString(), std::ios::binary).read(static_cast<char*>(theirs.data_ptr()), 8 * 37 * 4);
  const double worst = (theirs - ours).abs().max().item<double>();
  qInfo("%s at %d px: largest |logit difference| %.3g (logits' spread %.3g)", qPrintable(backbone), size, worst,
        ours.std().item<double>());
  QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));
  QVERIFY(ours.std().item<double>() > 1e-2);  // logits that differ between images: a comparison that can fail

  const QString check = QStringLiteral(
      "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); "
      "onnx.shape_inference.infer_shapes(m, strict_mode=True); print(m.opset_import[0].version)");
  QCOMPARE(run(QStringLiteral(AIA_PYTHON3), {QStringLiteral("-c"), check, onnx}, &ok).trimmed(), QByteArray("17"));
  QVERIFY(ok);
}

void TestModelTravel::runExportCarriesItsMetadata() {
  const std::string data = m_dir.filePath(QStringLiteral("tiny")).toStdString();
  aia::test::make_tiny_dataset(data);
  const std::string run_dir = m_dir.filePath(QStringLiteral("run")).toStdString();
  Quiet quiet;
  QCOMPARE(aia::train(aia::test::tiny_train_config(data, run_dir, 1), quiet).status, aia::RunStatus::Succeeded);
  const std::string out = m_dir.filePath(QStringLiteral("run.onnx")).toStdString();
  const auto summary = aia::export_run_onnx(run_dir, out, "9.9.9");
  QCOMPARE(summary.labels, aia::test::tiny_vocabulary().size());
  const QString dump = QStringLiteral(
      "import onnx, sys, json; m = onnx.load(sys.argv[1]); "
      "print(json.dumps({p.key: json.loads(p.value) for p in m.metadata_props}))");
  bool ok = false;
  const auto meta = nlohmann::json::parse(
      run(QStringLiteral(AIA_PYTHON3), {QStringLiteral("-c"), dump, QString::fromStdString(out)}, &ok).toStdString());
  QVERIFY(ok);
  QCOMPARE(meta["labels"].get<std::vector<std::string>>(), aia::test::tiny_vocabulary());
  QCOMPARE(meta["thresholds"].size(), aia::test::tiny_vocabulary().size());
  QCOMPARE(meta["normalization"]["mean"].size(), std::size_t{3});
  QCOMPARE(meta["image_size"].get<int>(), static_cast<int>(summary.image_size));
  QCOMPARE(meta["producer"]["version"].get<std::string>(), std::string("9.9.9"));
  QCOMPARE(meta["preprocessing"]["layout"].get<std::string>(), std::string("NCHW float32"));

  // As a consumer would: the file's own metadata makes the input from image files; ONNX Runtime's scores
  // equal `aia annotate`'s (float32) on the same files.
  std::vector<std::string> images;
  for (const auto& entry : std::filesystem::directory_iterator(data + "/images"))
    if (images.size() < 6) images.push_back(entry.path().string());
  const int size = meta["image_size"].get<int>();
  const auto mean = meta["normalization"]["mean"].get<std::vector<float>>();
  const auto sd = meta["normalization"]["std"].get<std::vector<float>>();
  std::vector<float> input;
  for (const auto& image : images) {
    std::vector<std::uint8_t> rgb;
    QVERIFY(aia::load_image_rgb(image, size, rgb, nullptr));
    for (int c = 0; c < 3; ++c)
      for (int i = 0; i < size * size; ++i) input.push_back((rgb[std::size_t(i * 3 + c)] / 255.0f - mean[c]) / sd[c]);
  }
  const QString in = m_dir.filePath(QStringLiteral("files.bin")), logits = m_dir.filePath(QStringLiteral("files.out"));
  std::ofstream(in.toStdString(), std::ios::binary)
      .write(reinterpret_cast<const char*>(input.data()), std::streamsize(input.size() * 4));
  run(QStringLiteral("node"),
      {QStringLiteral(AIA_TESTS_DIR "/interop/onnx_run.js"), QString::fromStdString(out), in,
       QString::number(images.size()), QString::number(size), logits},
      &ok);
  QVERIFY(ok);
  const std::size_t labels = summary.labels;
  std::vector<float> theirs(images.size() * labels);
  std::ifstream(logits.toStdString(), std::ios::binary)
      .read(reinterpret_cast<char*>(theirs.data()), std::streamsize(theirs.size() * 4));
  aia::Annotator annotator(run_dir, "cpu", aia::Precision::Float32, aia::MemoryFormat::Nchw);
  const auto ours = annotator.annotate(images);
  double worst = 0;
  for (std::size_t i = 0; i < images.size(); ++i)
    for (std::size_t l = 0; l < labels; ++l)
      worst = std::max(worst, std::abs(1.0 / (1.0 + std::exp(-double(theirs[i * labels + l]))) - ours[i].scores[l]));
  qInfo("ONNX Runtime against aia annotate on %zu files: largest |score difference| %.3g", images.size(), worst);
  QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
}

void TestModelTravel::publishedModelBecomesATagger() {
  // A stand-in for timm's tresnet_m.miil_in21k model.safetensors: timm's names (head.fc.*), 11,221 classes.
  aia::Classifier published = aia::make_model("tresnet_m", 11221, 0.0);
  randomize_batch_norms(*published, 3);
  const std::string file = m_dir.filePath(QStringLiteral("model.safetensors")).toStdString();
  aia::ExportOptions timm;
  timm.timm_head = true;
  aia::export_weights(*published, file, aia::WeightFormat::Safetensors, timm);
  const std::string labels = m_dir.filePath(QStringLiteral("labels.txt")).toStdString();
  {
    std::ofstream out(labels);
    for (int i = 0; i < 11221; ++i) out << "class " << i << "\n";
  }
  const std::string run = m_dir.filePath(QStringLiteral("in21k-run")).toStdString();
  const auto summary = aia::import_pretrained_run(file, labels, run);
  QCOMPARE(summary.labels, std::size_t{11221});
  QCOMPARE(summary.key_style, std::string("timm"));
  // A tagger at once: an image gets a score per class, and they are the published model's own.
  const std::string image = m_dir.filePath(QStringLiteral("photo.png")).toStdString();
  cv::Mat photo(240, 320, CV_8UC3);
  cv::randu(photo, 0, 255);
  QVERIFY(cv::imwrite(image, photo));
  aia::Annotator annotator(run, "cpu", aia::Precision::Float32, aia::MemoryFormat::Nchw);  // to compare in float32
  QCOMPARE(annotator.default_thresholds(), std::vector<double>(11221, 0.5));
  const auto results = annotator.annotate({image});
  QVERIFY2(results.at(0).ok, results.at(0).error.c_str());
  QCOMPARE(results[0].scores.size(), std::size_t{11221});
  std::vector<std::uint8_t> rgb;
  QVERIFY(aia::load_image_rgb(image, 224, rgb, nullptr));
  torch::Tensor x =
      torch::from_blob(rgb.data(), {1, 224, 224, 3}, torch::kUInt8).permute({0, 3, 1, 2}).to(torch::kFloat) / 255.0;
  published->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor expected = torch::sigmoid(published->forward(x))[0];  // timm's preprocessing: mean 0, std 1
  double worst = 0;
  for (int i = 0; i < 11221; ++i)
    worst = std::max(worst, std::abs(double(results[0].scores[std::size_t(i)]) - expected[i].item<double>()));
  QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));

  // A label file of another length: refused, naming both counts.
  {
    std::ofstream out(labels);
    for (int i = 0; i < 11220; ++i) out << "class " << i << "\n";
  }
  try {
    aia::import_pretrained_run(file, labels, m_dir.filePath(QStringLiteral("other-run")).toStdString());
    QFAIL("accepted");
  } catch (const aia::InputError& e) {
    QVERIFY2(std::string(e.what()).find("a classifier of 11221 classes, but") != std::string::npos &&
                 std::string(e.what()).find("lists 11220 labels") != std::string::npos,
             e.what());
  }
}

QTEST_GUILESS_MAIN(TestModelTravel)
#include "tst_model_travel.moc"
