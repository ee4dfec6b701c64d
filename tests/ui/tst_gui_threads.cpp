// The GUI's threads: what runs off the GUI thread stays off it, and a result
// that arrives after the user moved on is never shown as if it were current.
// Each test sets up its own state (the runs are trained once, in initTestCase).

#include "annotate_page.h"
#include "browse_page.h"
#include "review_page.h"
#include "run_data.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/annotator.h"
#include "aia/loss/loss_options.h"
#include "aia/run/run_folder.h"
#include "aia/training/trainer.h"
#include "tiny_dataset.h"
#include "tiny_run.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QListView>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

class TestGuiThreads : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void dropOfLargeImagesKeepsTheEventLoopResponsive();
  void switchingRunsDuringScoringTagsWithTheNewRun();
  void aReusedRunAddressDoesNotLeakAnOldThumbnail();
  void rowsOfAnotherVocabularyKeepTagsNotScores();
  void largeProjectKeepsTheEventLoopTurning();

 private:
  QString tagsBy(const QString& run, const QString& image) const;
  QTemporaryDir m_dir;
  QString m_data, m_runA, m_runB;
};

void TestGuiThreads::initTestCase() {
  qputenv("AIA_CACHE_DIR", m_dir.filePath("cache").toUtf8());
  m_data = m_dir.filePath("tiny");
  aia::test::make_tiny_dataset(m_data.toStdString(), 32, 8);
  aia::TrainConfig c = aia::test::tiny_train_config(m_data.toStdString(), "", 1);
  m_runA = m_dir.filePath("run-a");
  c.run.out_dir = m_runA.toStdString();
  aia::TrainObserver quiet;
  const auto r = aia::train(c, quiet);
  QVERIFY2(r.status == aia::RunStatus::Succeeded, r.message.c_str());
  // Run B: the same weights with the vocabulary reversed, so that the same
  // scores give other tag names: which run tagged an image shows in its tags.
  m_runB = m_dir.filePath("run-b");
  fs::copy(m_runA.toStdString(), m_runB.toStdString(), fs::copy_options::recursive);
  const aia::RunFolder b(m_runB.toStdString());
  aia::RunInfo info = b.read_info();
  std::reverse(info.vocabulary.begin(), info.vocabulary.end());
  b.write_info(info);
}

QString TestGuiThreads::tagsBy(const QString& run, const QString& image) const {
  aia::Annotator annotator(run.toStdString(), "cpu");
  const auto r = annotator.annotate({image.toStdString()});
  const auto row = aia::tag_image(r.at(0).path, r.at(0).scores, annotator.vocabulary(), annotator.default_thresholds());
  return QString::fromStdString(aia::join_tag_list(row.tags, "; "));
}

void TestGuiThreads::dropOfLargeImagesKeepsTheEventLoopResponsive() {
  // Eight 24-megapixel photos: decoding one in full takes a good fraction of
  // a second, so making their thumbnails on the GUI thread (as the page once
  // did, all in one slot) stalls the event loop for seconds.
  QStringList photos;
  for (int i = 0; i < 8; ++i) {
    cv::Mat big(4000, 6000, CV_8UC3);
    cv::randu(big, cv::Scalar::all(0), cv::Scalar::all(255));
    const QString path = m_dir.filePath(QStringLiteral("photo%1.jpg").arg(i));
    QVERIFY(cv::imwrite(path.toStdString(), big));
    photos << path;
  }
  aia::ui::AnnotatePage page;
  page.setRun(m_runA);
  QAbstractItemModelTester tester(page.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
  QSignalSpy annotated(&page, &aia::ui::AnnotatePage::annotated);
  QElapsedTimer clock;
  qint64 last = 0, longest = 0;
  QTimer tick;
  tick.setInterval(10);
  connect(&tick, &QTimer::timeout, this, [&] {
    longest = std::max(longest, clock.elapsed() - last);
    last = clock.elapsed();
  });
  clock.start();
  tick.start();
  page.addPaths(photos);
  QVERIFY(annotated.wait(300000));
  QTest::qWait(50);  // the slot that showed the results is over: one more tick measures it
  tick.stop();
  QCOMPARE(page.table()->rowCount(), 8);
  QVERIFY(!page.table()->item(0, 0)->icon().isNull());
  qInfo("longest event-loop stall while 8 photos of 24 megapixels were annotated: %lld ms", longest);
  QVERIFY2(longest < 1000, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(longest)));
}

void TestGuiThreads::switchingRunsDuringScoringTagsWithTheNewRun() {
  const QString image = m_data + QStringLiteral("/images/test0.png");
  const QString byA = tagsBy(m_runA, image), byB = tagsBy(m_runB, image);
  QVERIFY2(byA != byB, qPrintable(byA));  // otherwise this test could not tell the runs apart
  aia::ui::AnnotatePage page;
  page.setRun(m_runA);
  QSignalSpy annotated(&page, &aia::ui::AnnotatePage::annotated);
  page.addPaths({image});
  QVERIFY(page.isBusy());
  page.setRun(m_runB);  // while run A's model scores the image
  QVERIFY(annotated.wait(60000));
  QCOMPARE(page.table()->rowCount(), 1);
  QCOMPARE(page.table()->item(0, 1)->text(), byB);
  // And the next drop too (the old run's model was not kept).
  page.addPaths({image});
  QVERIFY(annotated.wait(60000));
  QCOMPARE(page.table()->rowCount(), 2);
  QCOMPARE(page.table()->item(1, 1)->text(), byB);
}

void TestGuiThreads::aReusedRunAddressDoesNotLeakAnOldThumbnail() {
  aia::ui::BrowseModel model;  // (no QAbstractItemModelTester here: it would ask for run B's thumbnails)
  auto a = aia::ui::RunData::load(m_runA);
  const void* address = a.get();
  model.setRun(a);
  QVERIFY(model.rowCount() > 0);
  for (int row = 0; row < model.rowCount(); ++row)
    model.data(model.index(row), Qt::DecorationRole);  // asks for thumbnails
  QVERIFY(model.thumbnailRequests() > 0);
  model.setRun(nullptr);
  a.reset();  // run A is gone; the next run is likely to get its address
  std::vector<std::shared_ptr<const aia::ui::RunData>> tries;
  std::shared_ptr<const aia::ui::RunData> b;
  for (int i = 0; i < 50 && !b; ++i) {
    tries.push_back(aia::ui::RunData::load(m_runB));
    if (tries.back().get() == address) b = tries.back();
  }
  if (!b) QSKIP("the allocator did not hand run A's address to run B; the reuse cannot be staged here");
  model.setRun(b);     // no view: run B asks for no thumbnail of its own
  QTest::qWait(1500);  // run A's thumbnails arrive now
  for (int image = 0; image < model.rowCount(); ++image)
    QVERIFY2(!model.hasThumbnail(image), "run A's thumbnail shown for run B");
}

void TestGuiThreads::rowsOfAnotherVocabularyKeepTagsNotScores() {
  // Run B's vocabulary is run A's reversed: A's scores would be exported under the wrong labels.
  const QString image = m_data + QStringLiteral("/images/test1.png");
  aia::ui::AnnotatePage page;
  QSignalSpy annotated(&page, &aia::ui::AnnotatePage::annotated);
  page.setRun(m_runA);
  page.addPaths({image});
  QVERIFY(annotated.wait(60000));
  const auto tagsByA = page.annotations().rows.at(0).tags;
  page.setRun(m_runB);
  page.addPaths({image});
  QVERIFY(annotated.wait(60000));
  const aia::AnnotationsTable table = page.annotations();
  QCOMPARE(table.rows.size(), std::size_t(2));
  QCOMPARE(table.rows[0].tags, tagsByA);
  QVERIFY(table.rows[0].scores.empty());
  QCOMPARE(table.rows[1].scores.size(), table.vocabulary.size());
  QCOMPARE(table.vocabulary, aia::RunFolder(m_runB.toStdString()).read_info().vocabulary);
}

void TestGuiThreads::largeProjectKeepsTheEventLoopTurning() {
  // 20,000 images (hard links of one PNG): the scan that makes the project runs
  // off the GUI thread, whose event loop keeps turning; the list is lazy.
  const QString photos = m_dir.filePath(QStringLiteral("many"));
  QDir().mkpath(photos);
  const std::string first = (photos + QStringLiteral("/00000.png")).toStdString();
  QVERIFY(cv::imwrite(first, cv::Mat(8, 8, CV_8UC3, cv::Scalar(90, 90, 90))));
  for (int i = 1; i < 20000; ++i)
    std::filesystem::create_hard_link(
        first, (photos + QStringLiteral("/%1.png").arg(i, 5, 10, QLatin1Char('0'))).toStdString());
  aia::ui::ReviewPage page;
  int ticks = 0;
  QTimer tick;
  tick.setInterval(5);
  connect(&tick, &QTimer::timeout, this, [&] { ++ticks; });
  tick.start();
  QSignalSpy opened(&page, &aia::ui::ReviewPage::projectOpened);
  QVERIFY(page.createProject(m_dir.filePath(QStringLiteral("many.project")), {photos}, true));
  QVERIFY(opened.wait(120000));
  QCOMPARE(opened.last().at(0).toBool(), true);
  const int whileMaking = ticks;
  tick.stop();
  qInfo("event-loop turns while a project of 20,000 images was made: %d", whileMaking);
  QVERIFY(whileMaking > 0);
  QCOMPARE(page.list()->model()->rowCount(), 20000);
  QVERIFY(page.currentImage() >= 0);
}

QTEST_MAIN(TestGuiThreads)
#include "tst_gui_threads.moc"
