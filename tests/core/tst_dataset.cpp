// Datasets on disk: both layouts, escapes, the validation split, the splits and folders.

#include "aia/data/dataset.h"
#include "aia/data/dataset_stats.h"
#include "aia/errors.h"
#include "tiny_dataset.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>

namespace fs = std::filesystem;

class TestDataset : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void csvLayoutAndEscapes();
  void splitsAndFolders();
  void statisticsEqualADirectCount();

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

void TestDataset::statisticsEqualADirectCount() {
  aia::ValidationReport report;
  const auto d = aia::load_dataset(m_data, &report);
  const std::size_t v = d.vocabulary.size();
  const auto stats = aia::label_statistics(d.train, v);
  const auto co = aia::co_occurrence(d.train, v, 3);
  QCOMPARE(co.labels.size(), std::size_t(3));
  // Every pair, counted directly from the annotation.
  for (std::size_t a = 0; a < 3; ++a)
    for (std::size_t b = 0; b < 3; ++b) {
      std::int64_t both = 0;
      for (const auto& s : d.train) {
        const auto has = [&](std::size_t label) {
          return std::find(s.labels.begin(), s.labels.end(), static_cast<int>(label)) != s.labels.end();
        };
        both += has(co.labels[a]) && has(co.labels[b]) ? 1 : 0;
      }
      QCOMPARE(co.at(a, b), both);
    }
  QCOMPARE(co.at(0, 0), stats.frequency[co.labels[0]]);
  QVERIFY(stats.frequency[co.labels[0]] >= stats.frequency[co.labels[1]]);  // most frequent first
  std::int64_t images = 0, tags = 0;
  for (std::size_t k = 0; k < stats.labels_per_image.size(); ++k) {
    images += stats.labels_per_image[k];
    tags += static_cast<std::int64_t>(k) * stats.labels_per_image[k];
  }
  QCOMPARE(images, static_cast<std::int64_t>(d.train.size()));
  std::int64_t direct = 0;
  for (const auto& s : d.train) direct += static_cast<std::int64_t>(s.labels.size());
  QCOMPARE(tags, direct);
  // The gallery: distinct, seeded, never more than there are.
  const auto g = aia::gallery_sample(d.train.size(), 10, 5);
  QCOMPARE(std::set<std::size_t>(g.begin(), g.end()).size(), std::size_t(10));
  QCOMPARE(aia::gallery_sample(d.train.size(), 10, 5), g);
  QVERIFY(aia::gallery_sample(d.train.size(), 10, 6) != g);
  QCOMPARE(aia::gallery_sample(4, 10, 5).size(), std::size_t(4));
}

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
