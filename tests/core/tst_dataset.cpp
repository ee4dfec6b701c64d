// Datasets on disk: both layouts, escapes, the validation split, the splits and folders.

#include "aia/data/dataset.h"
#include "aia/errors.h"
#include "tiny_dataset.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

class TestDataset : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void csvLayoutAndEscapes();
  void splitsAndFolders();

 private:
  QTemporaryDir m_dir;
  std::string m_data;
};

void TestDataset::initTestCase() {
  m_data = m_dir.filePath("tiny").toStdString();
  aia::test::make_tiny_dataset(m_data);
}

void TestDataset::csvLayoutAndEscapes() {
  const fs::path root = m_dir.filePath("csvdata").toStdString();
  fs::create_directories(root / "images");
  std::ofstream(root / "train.csv") << "image,tags\na.png,sky;sea\nb.png,sea\n\"c,1.png\", tree ; sky \n";
  std::ofstream(root / "test.csv") << "image,tags\nd.png,sky\n";
  aia::ValidationReport report;
  const auto d = aia::load_dataset(root.string(), &report);
  QCOMPARE(d.vocabulary, (std::vector<std::string>{"sea", "sky", "tree"}));
  QCOMPARE(d.train.size(), std::size_t(3));
  QCOMPARE(d.train[2].image, std::string("c,1.png"));
  QCOMPARE(d.train[2].labels, (std::vector<int>{1, 2}));
  QVERIFY(!aia::image_name_is_safe(root.string() + "/images", "../x.png"));
  QVERIFY(!aia::image_name_is_safe(root.string() + "/images", "a/../../x.png"));
  QVERIFY(aia::image_name_is_safe(root.string() + "/images", "sub/x.png"));
  std::ofstream(root / "train.csv") << "image,labels\n";
  try {
    aia::load_dataset(root.string(), &report);
    QFAIL("no error");
  } catch (const aia::DatasetError& e) {
    QVERIFY2(std::string(e.what()).find("train.csv:1:1: header must be 'image,tags'") != std::string::npos, e.what());
  }
  aia::Dataset split = aia::load_dataset(m_data, &report);
  aia::carve_validation(split, 0.25, 5);
  QCOMPARE(split.validation.size(), std::size_t(16));
  QCOMPARE(split.train.size(), std::size_t(48));
  QCOMPARE(split.selection_split, aia::Split::Validation);
}

void TestDataset::splitsAndFolders() {
  aia::ValidationReport report;
  aia::Dataset d = aia::load_dataset(m_data, &report);
  QCOMPARE(d.selection_split, aia::Split::Test);  // the paper's choice
  QCOMPARE(&d.split(aia::Split::Train), &d.train);
  QCOMPARE(&d.split(aia::Split::Validation), &d.validation);
  QCOMPARE(&d.split(aia::Split::Test), &d.test);
  QCOMPARE(aia::to_string(aia::Split::Validation), std::string("validation"));
  QCOMPARE(d.images_dir, aia::images_dir_of(d.root));
  qputenv("AIA_CACHE_DIR", "/somewhere/cache");
  QCOMPARE(aia::cache_dir(), std::string("/somewhere/cache"));
  qunsetenv("AIA_CACHE_DIR");
  qputenv("XDG_CACHE_HOME", "/xdg");
  QCOMPARE(aia::cache_dir(), std::string("/xdg/aia-studio"));
}

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
