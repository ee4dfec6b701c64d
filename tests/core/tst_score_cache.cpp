// The score cache (aia/annotate/score_cache.h): a second pass over the same
// files scores nothing and gives the first pass's scores bit for bit; a file
// whose bytes change is scored again, a touched one is not; another model or
// another compute format never reuses a score; a damaged cache file costs the
// scores after the damage and nothing else; `aia annotate` says what it
// reused and makes its tags with the thresholds of the moment.

#include "aia/annotate/annotator.h"
#include "aia/annotate/score_cache.h"
#include "aia/io/atomic_file.h"
#include "aia/training/trainer.h"

#include "tiny_dataset.h"
#include "tiny_run.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

class Quiet : public aia::TrainObserver {};

std::vector<std::string> images_in(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t cached(const std::vector<aia::Annotator::Result>& results) {
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [](const auto& r) { return r.cached; }));
}

struct Cli {
  int code = -1;
  QString out, err;
};

Cli aia_run(const QStringList& args) {
  QProcess p;
  p.start(AIA_CLI, args);
  p.waitForFinished(120000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

}  // namespace

class TestScoreCache : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void secondPassScoresNothing();
  void changedBytesAreScoredAgainTouchedAreNot();
  void anotherModelOrFormatReusesNothing();
  void damagedCacheKeepsWhatCameBefore();
  void annotateCommandSaysWhatItReused();

 private:
  aia::Annotator::Options options() const {
    aia::Annotator::Options o;
    o.cache_dir = m_cache;
    return o;
  }
  QTemporaryDir m_dir;
  std::string m_run, m_other_run, m_photos, m_cache;
};

void TestScoreCache::initTestCase() {
  QVERIFY(m_dir.isValid());
  const std::string data = m_dir.filePath("data").toStdString();
  aia::test::make_tiny_dataset(data, 32, 8);
  Quiet quiet;
  m_run = m_dir.filePath("run").toStdString();
  QCOMPARE(aia::train(aia::test::tiny_train_config(data, m_run, 1), quiet).status, aia::RunStatus::Succeeded);
  auto other = aia::test::tiny_train_config(data, m_dir.filePath("other").toStdString(), 1);
  other.run.seed = 2;
  m_other_run = other.run.out_dir;
  QCOMPARE(aia::train(other, quiet).status, aia::RunStatus::Succeeded);
  m_photos = m_dir.filePath("photos").toStdString();
  aia::test::make_tiny_dataset(m_photos, 20, 1, 17);
  m_photos += "/images";
  m_cache = m_dir.filePath("cache").toStdString();
}

void TestScoreCache::secondPassScoresNothing() {
  const auto files = images_in(m_photos);
  aia::Annotator annotator(m_run, "cpu", aia::Precision::Float32);
  const auto first = annotator.annotate(files, options());
  QCOMPARE(cached(first), std::size_t(0));
  QVERIFY(fs::exists(fs::path(m_cache) / (annotator.identity() + ".scores")));
  QVERIFY(annotator.cache_warning().empty());

  std::size_t decoded = 0;  // the progress says how far it got; the reuse is counted before any decode
  auto o = options();
  o.progress = [&](std::size_t done, std::size_t) { decoded = done; };
  aia::Annotator again(m_run, "cpu", aia::Precision::Float32);  // a new process would do the same
  const auto second = again.annotate(files, o);
  QCOMPARE(cached(second), files.size());
  QCOMPARE(decoded, files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    QVERIFY(second[i].ok);
    QCOMPARE(second[i].scores, first[i].scores);  // bit for bit
  }
  QCOMPARE(aia::Annotator::reuse_summary(second), std::to_string(files.size()) + " of " + std::to_string(files.size()) +
                                                      " images' scores reused from the score cache; 0 scored");
  // Without a cache folder nothing is read or written.
  const auto plain = again.annotate(files);
  QCOMPARE(cached(plain), std::size_t(0));
}

void TestScoreCache::changedBytesAreScoredAgainTouchedAreNot() {
  const std::string folder = m_dir.filePath("changing").toStdString();
  fs::create_directories(folder);
  for (const auto& f : images_in(m_photos)) fs::copy_file(f, folder + "/" + fs::path(f).filename().string());
  const auto files = images_in(folder);
  aia::Annotator annotator(m_run, "cpu", aia::Precision::Float32);
  const auto first = annotator.annotate(files, options());

  // files[0] gets other pixels (another image's bytes); files[1] is only touched.
  fs::copy_file(files[5], files[0], fs::copy_options::overwrite_existing);
  const auto later = fs::last_write_time(files[1]) + std::chrono::seconds(5);
  fs::last_write_time(files[1], later);
  const auto second = annotator.annotate(files, options());
  QVERIFY(!second[0].cached);
  QCOMPARE(second[0].scores, first[5].scores);  // scored again: now the other image's scores
  QVERIFY(second[1].cached);                    // same bytes: reused, under the new time
  QCOMPARE(cached(second), files.size() - 1);
  const auto third = annotator.annotate(files, options());
  QCOMPARE(cached(third), files.size());
  // A file that vanished is just not there: skipped with its reason, not served from the cache.
  fs::remove(files[2]);
  const auto fourth = annotator.annotate(files, options());
  QVERIFY(!fourth[2].ok);
  QVERIFY(!fourth[2].cached);
}

void TestScoreCache::anotherModelOrFormatReusesNothing() {
  const auto files = images_in(m_photos);
  aia::Annotator first(m_run, "cpu", aia::Precision::Float32);
  first.annotate(files, options());
  aia::Annotator other(m_other_run, "cpu", aia::Precision::Float32);
  QVERIFY(other.identity() != first.identity());
  QCOMPARE(cached(other.annotate(files, options())), std::size_t(0));
  aia::Annotator bf16(m_run, "cpu", aia::Precision::BFloat16);
  QVERIFY(bf16.identity() != first.identity());
  QCOMPARE(cached(bf16.annotate(files, options())), std::size_t(0));

  // The same run retrained in place (new weights in best.safetensors) is another model.
  const std::string copy = m_dir.filePath("retrained").toStdString();
  fs::copy(m_run, copy, fs::copy_options::recursive);
  aia::Annotator before(copy, "cpu", aia::Precision::Float32);
  QCOMPARE(cached(before.annotate(files, options())), files.size());  // a copied run is the same model
  fs::copy_file(m_other_run + "/checkpoints/best.safetensors", copy + "/checkpoints/best.safetensors",
                fs::copy_options::overwrite_existing);
  aia::Annotator after(copy, "cpu", aia::Precision::Float32);
  QVERIFY(after.identity() != before.identity());
  QCOMPARE(cached(after.annotate(files, options())), files.size());  // ... the other run's scores, cached above
}

void TestScoreCache::damagedCacheKeepsWhatCameBefore() {
  const std::string folder = m_dir.filePath("damaged-cache").toStdString();
  const auto files = images_in(m_photos);
  aia::Annotator annotator(m_run, "cpu", aia::Precision::Float32);
  auto o = options();
  o.cache_dir = folder;
  annotator.annotate({files.begin(), files.begin() + 4}, o);
  const std::string file = folder + "/" + annotator.identity() + ".scores";
  const auto four = static_cast<std::size_t>(fs::file_size(file));
  annotator.annotate({files.begin() + 4, files.end()}, o);  // appended after the first four
  aia::ScoreCache probe(folder, annotator.identity(), 4);
  QCOMPARE(probe.size(), files.size());

  // Cut inside the fifth record: the first four are kept, the rest are scored again and the file mended.
  aia::write_file_atomically(file, aia::read_file(file).substr(0, four + 10));
  const auto after_cut = annotator.annotate(files, o);
  QCOMPARE(cached(after_cut), std::size_t(4));
  QCOMPARE(cached(annotator.annotate(files, o)), files.size());

  // A flipped byte fails its record's checksum; a file of another format is ignored and replaced.
  std::string flipped = aia::read_file(file);
  flipped[8 + 4 + 16 + 4 + 8] ^= 0x40;  // the first record's path: its checksum fails
  aia::write_file_atomically(file, flipped);
  QCOMPARE(cached(annotator.annotate(files, o)), std::size_t(0));
  aia::write_file_atomically(file, "not a score cache");
  QCOMPARE(cached(annotator.annotate(files, o)), std::size_t(0));
  QCOMPARE(cached(annotator.annotate(files, o)), files.size());
  QVERIFY(annotator.cache_warning().empty());
}

void TestScoreCache::annotateCommandSaysWhatItReused() {
  const QString run = QString::fromStdString(m_run), photos = QString::fromStdString(m_photos);
  const QString n = QString::number(images_in(m_photos).size());
  const QString csv = m_dir.filePath("a.csv");
  const auto first = aia_run({"annotate", run, photos, "--csv", csv, "--precision", "float32"});
  QVERIFY2(first.code == 0, qPrintable(first.err));
  const auto second = aia_run({"annotate", run, photos, "--precision", "float32"});
  QVERIFY2(second.code == 0, qPrintable(second.err));
  QVERIFY2(second.err.contains(n + " of " + n + " images' scores reused from the score cache; 0 scored"),
           qPrintable(second.err));
  QCOMPARE(second.out, first.out);  // the same tags from the reused scores
  // A threshold of 1 (nothing is above it) changes the tags at once: thresholds are applied after the cache.
  const auto strict = aia_run({"annotate", run, photos, "--precision", "float32", "--thresholds", "1"});
  QVERIFY2(strict.err.contains(n + " of " + n + " images' scores reused"), qPrintable(strict.err));
  QVERIFY(strict.out != first.out);
  QCOMPARE(strict.out.count(QStringLiteral("(no tag above its threshold)")), n.toInt());
  // --no-cache scores every image and says nothing of the cache.
  const auto fresh = aia_run({"annotate", run, photos, "--precision", "float32", "--no-cache"});
  QVERIFY2(!fresh.err.contains("score cache"), qPrintable(fresh.err));
  QCOMPARE(fresh.out, first.out);
}

QTEST_GUILESS_MAIN(TestScoreCache)
#include "tst_score_cache.moc"
