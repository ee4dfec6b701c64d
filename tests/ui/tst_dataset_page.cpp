// The Dataset page: a dataset loaded, its gallery reshuffled, the co-occurrence
// cell under the pointer named, every view on screen.

#include "gui_fixture.h"

class TestDatasetPage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void datasetPage();
  void cleanupTestCase() { closeWindow(); }
};

void TestDatasetPage::datasetPage() {
  QSignalSpy loaded(m_window->datasetPage(), &aia::ui::DatasetPage::datasetLoaded);
  m_window->datasetPage()->load(m_data);
  QVERIFY(loaded.wait(30000));
  QCOMPARE(loaded.takeFirst().at(0).toBool(), true);
  QVERIFY(m_window->trainPage()->startButton()->isEnabled());
  auto* page = m_window->datasetPage();
  // The gallery: a sample of training images with their tags; reshuffle draws others.
  QCOMPARE(page->gallery()->count(), 24);
  const QString first = page->gallery()->item(0)->toolTip();
  for (auto* b : page->findChildren<QPushButton*>())
    if (b->text().remove('&') == QStringLiteral("Reshuffle")) QTest::mouseClick(b, Qt::LeftButton);
  QCOMPARE(page->gallery()->count(), 24);
  QVERIFY(page->gallery()->item(0)->toolTip() != first || page->gallery()->item(1)->toolTip() != first);
  // The co-occurrence heatmap: hovering a cell names the pair and its count.
  page->views()->setCurrentIndex(2);
  QTest::qWait(50);
  const auto& co = page->coOccurrence();
  QCOMPARE(co.labels.size(), std::size_t(4));
  auto* plot = page->coOccurrencePlot();
  const QPoint cell(static_cast<int>(plot->xAxis->coordToPixel(1)), static_cast<int>(plot->yAxis->coordToPixel(3)));
  QMouseEvent move(QEvent::MouseMove, QPointF(cell), plot->mapToGlobal(QPointF(cell)), Qt::NoButton, Qt::NoButton,
                   Qt::NoModifier);
  QApplication::sendEvent(plot, &move);
  const auto& vocabulary = page->loaded().dataset.vocabulary;
  const QString expected =
      QStringLiteral("%1 and %2: %3 training images")
          .arg(QString::fromStdString(vocabulary[co.labels[0]]), QString::fromStdString(vocabulary[co.labels[1]]))
          .arg(co.at(0, 1));
  QCOMPARE(page->hoverText(), expected);
  screenshot(0, QStringLiteral("dataset-cooccurrence"));
  page->views()->setCurrentIndex(3);
  QTest::qWait(300);  // the thumbnails, decoded off the GUI thread
  screenshot(0, QStringLiteral("dataset-gallery"));
  page->views()->setCurrentIndex(1);
  screenshot(0, QStringLiteral("dataset-labels-per-image"));
  page->views()->setCurrentIndex(0);
  screenshot(0, QStringLiteral("dataset"));
}

QTEST_MAIN(TestDatasetPage)
#include "tst_dataset_page.moc"
