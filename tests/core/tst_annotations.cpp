// The annotate area of core: the tagging rule, what counts as an image, and
// the annotations table with its one CSV format (and the older one, read).

#include "aia/annotate/annotations.h"
#include "aia/annotate/image_files.h"
#include "aia/annotate/tagging.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

class TestAnnotations : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void taggingIsStrictlyAboveAndSortedByScore();
  void taggingRefusesAnotherVocabulary();
  void imageFilesByExtensionFoldersRecursively();
  void tagListsSplitTrimAndDeduplicate();
  void csvRoundTripsEveryScore();
  void csvCellsAreInertAndReadBack();
  void olderCsvFormatIsRead();
  void malformedCsvNamesLineAndColumn();
  void datasetExportAddsNewTags();

 private:
  QTemporaryDir m_dir;
};

void TestAnnotations::taggingIsStrictlyAboveAndSortedByScore() {
  const std::vector<float> scores{0.5f, 0.9f, 0.2f, 0.9f};
  const std::vector<double> thresholds{0.5, 0.5, 0.1, 0.8};  // label 0 sits exactly on its threshold
  const auto tags = aia::tags_above(std::span<const float>(scores), thresholds);
  QCOMPARE(tags.size(), std::size_t(3));
  QCOMPARE(tags[0].label, std::size_t(1));  // ties keep vocabulary order
  QCOMPARE(tags[1].label, std::size_t(3));
  QCOMPARE(tags[2].label, std::size_t(2));
  QVERIFY(!aia::is_tagged(0.6, 0.6));
  const auto named = aia::tag_image("a.jpg", scores, {"w", "x", "y", "z"}, thresholds);
  QCOMPARE(named.tags, (std::vector<std::string>{"x", "z", "y"}));
  QCOMPARE(named.scores.size(), std::size_t(4));
  const auto top = aia::top_scores(std::span<const float>(scores), 2);
  QCOMPARE(top.size(), std::size_t(2));
  QCOMPARE(top[0].label, std::size_t(1));
}

void TestAnnotations::taggingRefusesAnotherVocabulary() {
  const std::vector<float> scores{0.6f, 0.9f};
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::tags_above(std::span<const float>(scores), {0.5}));
}

void TestAnnotations::imageFilesByExtensionFoldersRecursively() {
  const fs::path root = m_dir.filePath("images").toStdString();
  fs::create_directories(root / "deeper");
  for (const char* f : {"a.JPG", "b.png", "notes.txt", "deeper/c.webp", "deeper/d.jpeg.bak"})
    std::ofstream(root / f) << "x";
  std::ofstream(root / "deeper" / "no-extension", std::ios::binary) << "\x89PNG\r\n\x1a\n";  // an image by content
  QVERIFY(::mkfifo((root / "stuck.jpg").c_str(), 0600) == 0);    // opening it would block: never opened
  fs::create_directory_symlink(root, root / "deeper" / "loop");  // a link back up: the walk ends
  fs::create_symlink(root / "gone.png", root / "dangling.png");
  QVERIFY(aia::is_image_file("photo.TIFF") && aia::is_image_file("photo.gif") && aia::is_image_file("IMG_1.HEIC"));
  QVERIFY(!aia::is_image_file("photo.psd"));
  QVERIFY(!aia::is_image_file("jpg"));
  const auto found = aia::collect_image_files(
      {root.string(), (root / "notes.txt").string(), (root / "missing.png").string(), (root / "b.png").string()});
  QCOMPARE(found.images.size(), std::size_t(4));  // b.png named twice, listed once; no-extension by its signature
  for (const auto& f : found.images) QVERIFY2(fs::path(f).is_absolute(), f.c_str());
  QVERIFY(std::is_sorted(found.images.begin(), found.images.end()));
  std::map<std::string, std::string> reasons;
  for (const auto& r : found.rejected) reasons[fs::path(r.path).filename().string() + " " + r.kind] = r.reason;
  QCOMPARE(found.rejected.size(), std::size_t(7));  // notes.txt twice (in the folder and named)
  QCOMPARE(reasons["notes.txt unsupported format"], std::string("not an image format this application reads (.txt)"));
  QCOMPARE(reasons["d.jpeg.bak unsupported format"], std::string("not an image format this application reads (.bak)"));
  QCOMPARE(reasons["stuck.jpg not a regular file"], std::string("not a regular file (a FIFO)"));
  QVERIFY(reasons["loop link loop"].find("a link back to a folder already searched") == 0);
  QCOMPARE(reasons["dangling.png no such file or folder"], std::string("a link to nothing"));
  QCOMPARE(reasons["missing.png no such file or folder"], std::string("no such file or folder"));
  QCOMPARE(aia::skipped_summary(4, found.rejected),
           std::string("4 tagged, 7 skipped: 3 unsupported format, 1 not a regular file, 1 link loop, "
                       "2 no such file or folder"));
  QCOMPARE(aia::skipped_summary(2, {}), std::string("2 tagged"));
  QVERIFY(aia::image_file_patterns().find("*.jpg *.jpeg") == 0);
}

void TestAnnotations::tagListsSplitTrimAndDeduplicate() {
  QCOMPARE(aia::split_tag_list(" sky ; sea;;sky; "), (std::vector<std::string>{"sky", "sea"}));
  QCOMPARE(aia::split_tag_list(""), std::vector<std::string>{});
  QCOMPARE(aia::join_tag_list({"a", "b"}, "; "), std::string("a; b"));
}

void TestAnnotations::csvRoundTripsEveryScore() {
  aia::AnnotationsTable t;
  t.vocabulary = {"sky", "sea", "sand"};
  t.rows.push_back({"/p/one.jpg", {"sea", "sky"}, {0.75f, 0.875f, 0.0625f}, {}});
  t.rows.push_back({"/p/two, with comma.jpg", {}, {0.1f, 0.2f, 0.3f}, {}});
  const std::string path = m_dir.filePath("a.csv").toStdString();
  aia::write_annotations_csv(path, t);
  QVERIFY(aia::read_file(path).rfind("image,tags,sky,sea,sand\n", 0) == 0);
  const auto back = aia::read_annotations_csv(path);
  QCOMPARE(back.vocabulary, t.vocabulary);
  QCOMPARE(back.rows.size(), std::size_t(2));
  QCOMPARE(back.rows[0].tags, t.rows[0].tags);
  QCOMPARE(back.rows[0].scores, t.rows[0].scores);
  QCOMPARE(back.rows[1].image, t.rows[1].image);
  QVERIFY(back.rows[1].tags.empty());
}

void TestAnnotations::csvCellsAreInertAndReadBack() {
  aia::AnnotationsTable t;
  t.vocabulary = {"=cmd"};
  t.rows.push_back({"-rf.jpg", {"=cmd", "+x"}, {0.5f}, {}});
  const std::string path = m_dir.filePath("inert.csv").toStdString();
  aia::write_annotations_csv(path, t);
  const std::string text = aia::read_file(path);
  QVERIFY2(text.find(",=") == std::string::npos && text.find("\n-") == std::string::npos, text.c_str());
  const auto back = aia::read_annotations_csv(path);
  QCOMPARE(back.vocabulary, t.vocabulary);
  QCOMPARE(back.rows[0].image, std::string("-rf.jpg"));
  QCOMPARE(back.rows[0].tags, t.rows[0].tags);
}

void TestAnnotations::olderCsvFormatIsRead() {
  const std::string path = m_dir.filePath("old.csv").toStdString();
  aia::write_file_atomically(path,
                             "image,tags,scores\n/p/a.jpg,sky;sea,0.900;0.700\n/p/b.jpg,sand,0.600\n/p/c.jpg,,\n");
  const auto t = aia::read_annotations_csv(path);
  QCOMPARE(t.vocabulary, (std::vector<std::string>{"sky", "sea", "sand"}));
  QCOMPARE(t.rows.size(), std::size_t(3));
  QCOMPARE(t.rows[0].scores.size(), std::size_t(3));
  QCOMPARE(t.rows[0].scores[1], 0.7f);
  QVERIFY(std::isnan(t.rows[0].scores[2]));  // unknown: the old format kept only the tags' scores
  QCOMPARE(t.rows[1].scores[2], 0.6f);
  QVERIFY(t.rows[2].tags.empty());
}

void TestAnnotations::malformedCsvNamesLineAndColumn() {
  const std::string path = m_dir.filePath("bad.csv").toStdString();
  aia::write_file_atomically(path, "image,tags,sky\n/p/a.jpg,sky,0.5\n/p/b.jpg,sky,lots\n");
  try {
    aia::read_annotations_csv(path);
    QFAIL("no error for a score that is not a number");
  } catch (const aia::InputError& e) {
    QVERIFY2(std::string(e.what()).find(path + ":3:3") != std::string::npos, e.what());
  }
  aia::write_file_atomically(path, "file,labels\n");
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::read_annotations_csv(path));
  aia::write_file_atomically(path, "image,tags,sky\n/p/a.jpg,sky\n");
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::read_annotations_csv(path));
}

void TestAnnotations::datasetExportAddsNewTags() {
  const fs::path source = m_dir.filePath("src.png").toStdString();
  std::ofstream(source) << "not really a png, copied as it is";
  aia::AnnotationsTable t;
  t.vocabulary = {"sky"};
  t.rows.push_back({source.string(), {"sky", "kite"}, {}, {}});
  const std::string json = m_dir.filePath("export/train.json").toStdString();
  aia::write_annotations_dataset(json, t);
  const std::string text = aia::read_file(json);
  QVERIFY2(text.find("\"labels\":[\"sky\",\"kite\"]") != std::string::npos, text.c_str());
  QVERIFY(fs::exists(fs::path(json).parent_path() / "images" / "src.png"));
}

QTEST_GUILESS_MAIN(TestAnnotations)
#include "tst_annotations.moc"
