// The Experiments page: two losses from clicks, the report's table, bars,
// scatter and gains, exports, and Stop leaving a resumable cell.

#include "gui_fixture.h"

class TestExperimentsPage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void experimentFromAClick();
  void headsAxisFromAClick();
  void cleanupTestCase() { closeWindow(); }
};

void TestExperimentsPage::experimentFromAClick() {
  // Two losses, one seed, the Train page's recipe (one epoch), from clicks.
  m_window->openRun(m_run);
  setForm(1, QString());
  auto* page = m_window->experimentsPage();
  m_window->tabs()->setCurrentWidget(page);
  for (const QString loss : {"focal", "asymmetric"}) {
    page->lossBox(loss)->setFocus();
    QTest::keyClick(page->lossBox(loss), Qt::Key_Space);
    QVERIFY(!page->lossBox(loss)->isChecked());
  }
  page->seedsEdit()->setText(QStringLiteral("1"));
  const QString dir = m_dir.filePath("experiment");
  page->folderEdit()->setText(dir);
  QVERIFY(page->startButton()->isEnabled());
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  QSignalSpy cells(m_window->controller(), &aia::ui::TrainingController::cellFinished);
  QSignalSpy updated(page, &aia::ui::ExperimentsPage::reportUpdated);
  QTest::mouseClick(page->startButton(), Qt::LeftButton);
  QVERIFY(page->stopButton()->isEnabled());
  QCOMPARE(page->queue()->rowCount(), 2);
  QVERIFY(finished.wait(180000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Succeeded);
  QCOMPARE(cells.size(), 2);
  QCOMPARE(m_window->currentRun(), m_run);  // an experiment opens no run
  for (int r = 0; r < 2; ++r) QCOMPARE(page->queue()->item(r, 3)->text(), QStringLiteral("finished"));
  QTRY_VERIFY_WITH_TIMEOUT(
      page->report() && page->report()->groups.size() == 1 && page->report()->groups[0].rows.size() == 10,
      30000);  // 2 losses x 5 strategies (0.5, mcc-grid, mcc, f1, the held-out precision:0.9@0.1)
  QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->isRunning() && updated.size() > 0, 30000);
  QTest::qWait(100);
  // The table shows the MCC-grid rows, the bars one per loss with intervals, the scatter the labels.
  QCOMPARE(page->table()->rowCount(), 2);
  QCOMPARE(page->table()->item(0, 0)->text(), QStringLiteral("bce"));
  QCOMPARE(page->barPlot()->plottableCount(), 2);        // bars and their error bars
  QVERIFY(page->scatterPlot()->graphCount() >= 2);       // the diagonal and at least one size class
  QCOMPARE(page->gainPlot()->graphCount(), 3);           // labels, binned means, zero line
  QCOMPARE(page->gainPlot()->graph(0)->dataCount(), 4);  // the tiny dataset's four labels
  screenshot(m_window->tabs()->indexOf(page), QStringLiteral("experiments"));
  // Exports: the table in three formats, the plots in three.
  for (const QString suffix : {"md", "csv", "tex"}) {
    const QString path = m_dir.filePath("table." + suffix);
    page->exportTable(path);
    QVERIFY2(QFileInfo(path).size() > 100, qPrintable(path));
  }
  QVERIFY(page->exportPlots(m_dir.filePath("plot")));
  for (const QString name : {"plot-bars", "plot-labels", "plot-gains"})
    for (const QString suffix : {"png", "svg", "pdf"})
      QVERIFY2(QFileInfo(m_dir.filePath(name + "." + suffix)).size() > 500, qPrintable(name + "." + suffix));
  // Stop leaves the running cell resumable; the queue says so.
  setForm(50, QString());
  const QString stopped = m_dir.filePath("experiment-stopped");
  page->folderEdit()->setText(stopped);
  QSignalSpy batches(m_window->controller(), &aia::ui::TrainingController::batchProgressed);
  finished.clear();
  QTest::mouseClick(page->startButton(), Qt::LeftButton);
  QVERIFY(batches.wait(60000));
  QTest::mouseClick(page->stopButton(), Qt::LeftButton);
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Cancelled);
  QCOMPARE(page->queue()->item(0, 3)->text(), QStringLiteral("interrupted (resumes)"));
  QCOMPARE(page->queue()->item(1, 3)->text(), QStringLiteral("waiting"));
  QVERIFY(!page->resumeFolder(m_dir.filePath("no-experiment-here")));
  for (const QString loss : {"focal", "asymmetric"}) page->lossBox(loss)->setChecked(true);
}

void TestExperimentsPage::headsAxisFromAClick() {
  // The proposed loss with both heads: two cells, a group per head, the attention head against the gap head.
  setForm(1, QString());
  auto* page = m_window->experimentsPage();
  m_window->tabs()->setCurrentWidget(page);
  for (const QString loss : {"bce", "focal", "asymmetric"}) page->lossBox(loss)->setChecked(false);
  page->lossBox(QStringLiteral("proposed"))->setChecked(true);
  for (const QString head : {"gap", "attention"}) {
    page->headBox(head)->setFocus();
    QTest::keyClick(page->headBox(head), Qt::Key_Space);
    QVERIFY(page->headBox(head)->isChecked());
  }
  page->seedsEdit()->setText(QStringLiteral("1"));
  page->folderEdit()->setText(m_dir.filePath("experiment-heads"));
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  QSignalSpy updated(page, &aia::ui::ExperimentsPage::reportUpdated);
  QTest::mouseClick(page->startButton(), Qt::LeftButton);
  QCOMPARE(page->queue()->rowCount(), 2);
  QVERIFY(finished.wait(180000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Succeeded);
  QTRY_VERIFY_WITH_TIMEOUT(page->report() && page->report()->groups.size() == 2, 30000);
  QTRY_VERIFY_WITH_TIMEOUT(!m_window->controller()->isRunning() && updated.size() > 0, 30000);
  QTest::qWait(100);
  QCOMPARE(page->report()->groups[1].head, std::string("attention"));
  QStringList names;
  for (int r = 0; r < page->table()->rowCount(); ++r) names << page->table()->item(r, 0)->text();
  QVERIFY2(names.contains(QStringLiteral("proposed, gap head")) &&
               names.contains(QStringLiteral("proposed, attention head")),
           qPrintable(names.join(QLatin1Char('|'))));
  QVERIFY2(page->statistics()->toPlainText().contains(QStringLiteral("proposed, attention head vs proposed, gap head")),
           qPrintable(page->statistics()->toPlainText()));
  screenshot(m_window->tabs()->indexOf(page), QStringLiteral("experiments-heads"));
  for (const QString head : {"gap", "attention"}) page->headBox(head)->setChecked(false);
  for (const QString loss : {"bce", "focal", "asymmetric"}) page->lossBox(loss)->setChecked(true);
}

QTEST_MAIN(TestExperimentsPage)
#include "tst_experiments_page.moc"
