// The Thresholds page: the slider and the dragged line move a label's
// threshold (one drag, one undo step) with core's metrics, the strategy
// buttons, the certified Precision >= strategy, and exports that Load reads
// back.

#include "gui_fixture.h"

class TestThresholdsPage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void thresholdSliderUpdatesMetrics();
  void thresholdLineDrags();
  void twoDragsUndoSeparately();
  void exportsReadBack();
  void precisionStrategyCertifies();
  void cleanupTestCase() { closeWindow(); }
};

void TestThresholdsPage::thresholdSliderUpdatesMetrics() {
  m_window->openRun(m_run);
  auto* page = m_window->thresholdsPage();
  m_window->tabs()->setCurrentWidget(page);
  auto* table = page->table();
  const QRect cell = table->visualRect(table->model()->index(1, 0));
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
  const double before = page->model()->metrics()->threshold(1);
  page->slider()->setFocus();
  QTest::keyClick(page->slider(), Qt::Key_PageUp);  // +0.05
  const double after = page->model()->metrics()->threshold(1);
  QVERIFY(std::abs(after - before) > 0.01);
  // The displayed metrics are core's for the new thresholds.
  const auto run = aia::ui::RunData::load(m_run);
  const auto m = aia::compute_metrics(run->matrix, page->model()->thresholds());
  QVERIFY2(page->summaryText().contains(QString::number(m.per_class_f1, 'f', 4)), qPrintable(page->summaryText()));
  QVERIFY(page->summaryText().contains(QStringLiteral("N+ %1").arg(m.n_plus)));
  // Undo puts it back.
  page->undoStack()->undo();
  QCOMPARE(page->model()->metrics()->threshold(1), before);
  // A strategy button sets every label at once, one undo step.
  QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("gridButton")), Qt::LeftButton);
  QCOMPARE(page->model()->thresholds(), run->grid);
  screenshot(3, QStringLiteral("thresholds"));
}

void TestThresholdsPage::thresholdLineDrags() {
  m_window->openRun(m_run);
  auto* page = m_window->thresholdsPage();
  m_window->tabs()->setCurrentWidget(page);
  page->table()->selectRow(1);
  QTest::qWait(100);  // laid out and plotted
  auto* plots = page->plots();
  auto* hist = plots->histogram();
  hist->replot();
  const double before = page->model()->metrics()->threshold(1);
  const int y = hist->axisRect()->center().y();
  const QPointF grab(hist->xAxis->coordToPixel(before), y);
  const double targetX = hist->xAxis->coordToPixel(0.3);
  auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent e(type, at, hist->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(hist, &e);
  };
  const int steps = page->undoStack()->count();
  send(QEvent::MouseButtonPress, grab, Qt::LeftButton, Qt::LeftButton);
  for (int i = 1; i <= 5; ++i)
    send(QEvent::MouseMove, QPointF(grab.x() + (targetX - grab.x()) * i / 5, y), Qt::NoButton, Qt::LeftButton);
  send(QEvent::MouseButtonRelease, QPointF(targetX, y), Qt::LeftButton, Qt::NoButton);
  // The threshold is where the line was dropped; the metrics are core's for it.
  const double dropped = std::clamp(hist->xAxis->pixelToCoord(targetX), 0.0, 1.0);
  QCOMPARE(page->model()->metrics()->threshold(1), dropped);
  QVERIFY(std::abs(dropped - 0.3) < 0.01);
  const auto run = aia::ui::RunData::load(m_run);
  const auto m = aia::compute_metrics(run->matrix, page->model()->thresholds());
  QVERIFY2(page->summaryText().contains(QString::number(m.per_class_f1, 'f', 4)), qPrintable(page->summaryText()));
  QCOMPARE(page->undoStack()->count(), steps + 1);  // one drag, one undo step
  // The curves follow: the threshold line and the operating point moved.
  QCOMPARE(page->table()->currentIndex().row(), 1);
  page->undoStack()->undo();
  QCOMPARE(page->model()->metrics()->threshold(1), before);
  // The pictures are there: two histograms, F1 and MCC on test (and train), PR with five points.
  QCOMPARE(hist->plottableCount(), 2);
  QVERIFY(plots->curves()->graphCount() >= 2);
  QCOMPARE(plots->precisionRecall()->graphCount(), 5);
  QCOMPARE(plots->globalCurves()->graphCount(), 3);
  // Clicking a bar of the sorted per-label F1 selects that label.
  auto* bars = plots->labelBars();
  bars->replot();
  const int label = plots->barLabel(3);
  QVERIFY(label >= 0);
  const QPointF bar(bars->xAxis->coordToPixel(3), bars->axisRect()->center().y());
  QMouseEvent click(QEvent::MouseButtonPress, bar, bars->mapToGlobal(bar), Qt::LeftButton, Qt::LeftButton,
                    Qt::NoModifier);
  QApplication::sendEvent(bars, &click);
  QCOMPARE(page->table()->currentIndex().row(), label);
  screenshot(3, QStringLiteral("thresholds-plots"));
}

void TestThresholdsPage::exportsReadBack() {
  m_window->openRun(m_run);
  const QString table = m_dir.filePath("labels.csv");
  QVERIFY(m_window->thresholdsPage()->exportTable(table));
  QFile t(table);
  QVERIFY(t.open(QIODevice::ReadOnly));
  QVERIFY(t.readLine().startsWith("label,support,threshold,tp,fp,fn,precision,recall,f1,mcc"));
  const QString thresholds = m_dir.filePath("thresholds.csv");
  QVERIFY(m_window->thresholdsPage()->exportThresholds(thresholds));
  QFile th(thresholds);
  QVERIFY(th.open(QIODevice::ReadOnly));
  const QStringList thLines = QString::fromUtf8(th.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  QCOMPARE(thLines.size(), 5);
  QCOMPARE(thLines[1], QStringLiteral("red,%1").arg(m_window->thresholdsPage()->model()->thresholds()[0], 0, 'g', 17));
  // What Export writes, Load and --thresholds read: moved thresholds come back exactly.
  auto* page = m_window->thresholdsPage();
  const std::vector<double> exported = page->model()->thresholds();
  page->setAll(std::vector<double>(exported.size(), 0.5), QStringLiteral("reset"));
  QVERIFY(page->model()->thresholds() != exported);
  page->load(thresholds);
  QCOMPARE(page->model()->thresholds(), exported);
  // A damaged file names its line and changes nothing.
  QFile broken(m_dir.filePath("broken.csv"));
  QVERIFY(broken.open(QIODevice::WriteOnly));
  broken.write("label,threshold\nred,0.3\ngreen,x\n");
  broken.close();
  page->load(broken.fileName());
  QCOMPARE(page->model()->thresholds(), exported);
  QVERIFY2(m_window->logText().contains(QStringLiteral("broken.csv:3:")), qPrintable(m_window->logText().right(300)));
}

void TestThresholdsPage::precisionStrategyCertifies() {
  m_window->openRun(m_run);
  auto* page = m_window->thresholdsPage();
  m_window->tabs()->setCurrentWidget(page);
  const auto run = aia::ui::RunData::load(m_run);
  // The strategies table has the certified row measured on the held-out half (when the split has two halves).
  std::size_t calibration = 0;
  for (const auto& image : run->scores.images) calibration += aia::in_calibration_half(image) ? 1 : 0;
  const bool halves = calibration > 0 && calibration < run->scores.images.size();
  auto* strategies = page->findChildren<QTableWidget*>().front();
  QCOMPARE(strategies->rowCount(), halves ? 5 : 4);
  if (halves) QVERIFY(strategies->item(4, 0)->text().contains(QStringLiteral("measured on the other")));
  // A real click with a target and a risk typed in: core's certified thresholds, one undo step.
  const std::vector<double> before = page->model()->thresholds();
  const int steps = page->undoStack()->count();
  auto* target = page->findChild<QDoubleSpinBox*>(QStringLiteral("certifyTarget"));
  auto* delta = page->findChild<QDoubleSpinBox*>(QStringLiteral("certifyDelta"));
  target->setValue(0.6);
  delta->setValue(0.3);
  QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("certifyButton")), Qt::LeftButton);
  std::vector<aia::Certified> details;
  const auto expected = aia::certified_thresholds(run->matrix, {0.6, 0.3}, &details);
  const auto got = page->model()->thresholds();
  QCOMPARE(got.size(), expected.size());
  for (std::size_t j = 0; j < got.size(); ++j) {
    QVERIFY(got[j] == expected[j] || (std::isnan(got[j]) && std::isnan(expected[j])));
    // Each label says whether it is certified, with its bound, or why it abstains.
    const QString text =
        page->model()->index(int(j), aia::ui::ThresholdModel::Certificate).data(Qt::DisplayRole).toString();
    if (details[j].certified)
      QVERIFY2(text.contains(QString::number(details[j].lower_bound, 'f', 3)), qPrintable(text));
    else
      QVERIFY2(text.contains(QString::fromStdString(details[j].reason)), qPrintable(text));
  }
  QCOMPARE(page->undoStack()->count(), steps + 1);
  QVERIFY(m_window->logText().contains(QStringLiteral("labels certified at precision")));
  // The precision-recall plot shows the target; a certified label its bound where it holds.
  page->table()->selectRow(0);
  QTest::qWait(50);
  auto* pr = page->plots()->precisionRecall();
  auto named = [pr](const QString& name) -> QCPGraph* {
    for (int g = 0; g < pr->graphCount(); ++g)
      if (pr->graph(g)->objectName() == name) return pr->graph(g);
    return nullptr;
  };
  QVERIFY(named(QStringLiteral("certifyTarget")));
  QCOMPARE(named(QStringLiteral("certifyTarget"))->data()->at(0)->value, 0.6);
  QCOMPARE(named(QStringLiteral("certifiedBound")) != nullptr, details[0].certified);
  aia::Certified shown;
  shown.certified = true;
  shown.threshold = 0.5;
  shown.lower_bound = 0.71;
  page->plots()->setCertified(std::vector<aia::Certified>(details.size(), shown), {0.7, 0.1});
  QVERIFY(named(QStringLiteral("certifiedBound")));
  QCOMPARE(named(QStringLiteral("certifiedBound"))->data()->at(0)->value, 0.71);
  // Moving a threshold takes its promise away; undo gives back the thresholds before.
  page->setThreshold(0, 0.999);
  page->endGesture();
  QVERIFY(page->model()
              ->index(0, aia::ui::ThresholdModel::Certificate)
              .data()
              .toString()
              .startsWith(QStringLiteral("none")));
  page->undoStack()->undo();
  page->undoStack()->undo();
  QCOMPARE(page->model()->thresholds(), before);
}

void TestThresholdsPage::twoDragsUndoSeparately() {
  m_window->openRun(m_run);
  auto* page = m_window->thresholdsPage();
  m_window->tabs()->setCurrentWidget(page);
  page->table()->selectRow(2);
  QTest::qWait(100);
  auto* hist = page->plots()->histogram();
  hist->replot();
  const double start = page->model()->metrics()->threshold(2);
  const int y = hist->axisRect()->center().y();
  auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent e(type, at, hist->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(hist, &e);
  };
  // Two drags of the same label, each in three moves.
  auto drag = [&](double to) {
    const QPointF from(hist->xAxis->coordToPixel(page->model()->metrics()->threshold(2)), y);
    const double x = hist->xAxis->coordToPixel(to);
    send(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= 3; ++i)
      send(QEvent::MouseMove, QPointF(from.x() + (x - from.x()) * i / 3, y), Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, QPointF(x, y), Qt::LeftButton, Qt::NoButton);
    return page->model()->metrics()->threshold(2);
  };
  const int steps = page->undoStack()->count();
  const double first = drag(0.25);
  const double second = drag(0.7);
  QVERIFY(std::abs(first - 0.25) < 0.01 && std::abs(second - 0.7) < 0.01);
  QCOMPARE(page->undoStack()->count(), steps + 2);  // two drags, two undo steps
  page->undoStack()->undo();
  QCOMPARE(page->model()->metrics()->threshold(2), first);
  page->undoStack()->undo();
  QCOMPARE(page->model()->metrics()->threshold(2), start);
}

QTEST_MAIN(TestThresholdsPage)
#include "tst_thresholds_page.moc"
