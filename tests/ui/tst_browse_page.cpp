// The Browse page: 20,000 test images with only the visible thumbnails loaded,
// the preview with its chips and a tag's heatmap, arrow keys.

#include "gui_fixture.h"

class TestBrowsePage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void browseIsVirtualised();
  void browsePreviewChipsAndHeatmap();
  void predictionsCsv();
  void cleanupTestCase() { closeWindow(); }
};

void TestBrowsePage::browseIsVirtualised() {
  // A run folder with 20,000 test images: only the visible thumbnails are loaded.
  const QString run = m_dir.filePath("big-run");
  const aia::RunFolder folder(run.toStdString());
  folder.create();
  aia::ScoredSplit test;
  test.scores.labels = test.targets.labels = {"red", "green", "blue", "yellow"};
  for (int i = 0; i < 20000; ++i) {
    test.scores.images.push_back("img" + std::to_string(i) + ".png");
    test.scores.values.insert(test.scores.values.end(), {0.9, 0.2, 0.6, 0.1});
    test.targets.values.insert(test.targets.values.end(), {1, 0, 1, static_cast<double>(i % 2)});
  }
  test.targets.images = test.scores.images;
  folder.write_test_scores(test);
  aia::RunInfo info;
  info.dataset_dir = m_data.toStdString();
  info.backbone = "tresnet_nano";
  info.vocabulary = test.scores.labels;
  folder.write_info(info);
  m_window->openRun(run);
  auto* browse = m_window->browsePage();
  m_window->tabs()->setCurrentWidget(browse);
  QCOMPARE(browse->model()->rowCount(), 20000);
  QTest::qWait(100);
  browse->view()->scrollToBottom();
  QTest::qWait(100);
  browse->view()->scrollTo(browse->model()->index(10000));
  QTest::qWait(100);
  qInfo("thumbnails requested after scrolling 20,000 images: %d", browse->model()->thumbnailRequests());
  QVERIFY(browse->model()->thumbnailRequests() > 0);
  QVERIFY(browse->model()->thumbnailRequests() < 1000);
  m_window->openRun(m_run);
}

void TestBrowsePage::browsePreviewChipsAndHeatmap() {
  m_window->openRun(m_run);
  auto* browse = m_window->browsePage();
  m_window->tabs()->setCurrentWidget(browse);
  QSignalSpy shown(browse, &aia::ui::BrowsePage::previewShown);
  browse->view()->setCurrentIndex(browse->model()->index(0));
  QTRY_VERIFY_WITH_TIMEOUT(!browse->preview()->pixmap().isNull(), 10000);
  // Tiles carry a TP/FP/FN badge; the details show the tags as chips with scores.
  QVERIFY(browse->model()->data(browse->model()->index(0), Qt::DisplayRole).toString().contains("TP "));
  QVERIFY(browse->detailsHtml().contains(QStringLiteral("true positive")));
  // A tag's class activation map over the image, computed off the GUI thread.
  shown.clear();
  browse->heatmapTag()->setCurrentIndex(1);
  Q_EMIT browse->heatmapTag()->activated(1);
  QVERIFY(shown.wait(60000));
  QCOMPARE(shown.last().at(0).toBool(), true);
  const QImage withMap = browse->preview()->pixmap().toImage();
  browse->opacity()->setValue(0);  // fully transparent: the plain image
  QTRY_VERIFY_WITH_TIMEOUT(browse->preview()->pixmap().toImage() != withMap, 30000);
  browse->opacity()->setValue(60);
  shown.clear();
  browse->heatmapMethod()->setCurrentIndex(1);  // Grad-CAM
  Q_EMIT browse->heatmapMethod()->activated(1);
  QVERIFY(shown.wait(60000));
  screenshot(m_window->tabs()->indexOf(browse), QStringLiteral("browse-heatmap"));
  // Arrow keys move through the images.
  browse->view()->setFocus();
  const int before = browse->view()->currentIndex().row();
  QTest::keyClick(browse->view(), Qt::Key_Right);
  QCOMPARE(browse->view()->currentIndex().row(), before + 1);
}

void TestBrowsePage::predictionsCsv() {
  m_window->openRun(m_run);
  const QString predictions = m_dir.filePath("predictions.csv");
  QVERIFY(m_window->browsePage()->exportPredictions(predictions));
  QFile p(predictions);
  QVERIFY(p.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(p.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 17);  // header + 16 test images
  QCOMPARE(lines[0], QStringLiteral("image,ground_truth,predicted,red,green,blue,yellow"));
  const auto run = aia::ui::RunData::load(m_run);
  const QStringList first = lines[1].split(QLatin1Char(','));
  QCOMPARE(first[0], QString::fromStdString(run->scores.images[0]));
  QCOMPARE(static_cast<float>(first[3].toDouble()),
           static_cast<float>(run->scores.at(0, 0)));  // float scores, 9 digits
}

QTEST_MAIN(TestBrowsePage)
#include "tst_browse_page.moc"
