// The Train page: training from a click with live curves, Stop within a batch,
// a failing run ending in an error message, and a loaded configuration
// trained as it is except for the fields edited.

#include "gui_fixture.h"

class TestTrainPage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void trainingFromAClick();
  void stopCancelsWithinOneBatch();
  void failingRunEndsInAnErrorMessage();
  void loadedConfigurationChangesOnlyEditedFields();
  void attentionHeadFromTheFormToTheHeatmap();
  void cleanupTestCase() { closeWindow(); }
};

void TestTrainPage::trainingFromAClick() {
  const QString run = m_dir.filePath("run-click");
  setForm(2, run);
  m_window->tabs()->setCurrentWidget(m_window->trainPage());
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  QSignalSpy epochs(m_window->controller(), &aia::ui::TrainingController::epochFinished);
  QSignalSpy batches(m_window->controller(), &aia::ui::TrainingController::batchProgressed);
  // How long the GUI thread's event loop goes without turning while training
  // (reported, not asserted: tests check behaviour, not time).
  QElapsedTimer sinceTick;
  qint64 worstGap = 0;
  QTimer tick;
  tick.setInterval(5);
  connect(&tick, &QTimer::timeout, this, [&] { worstGap = std::max(worstGap, sinceTick.restart()); });
  QTest::mouseClick(m_window->trainPage()->startButton(), Qt::LeftButton);
  QVERIFY(!m_window->trainPage()->startButton()->isEnabled());
  QVERIFY(m_window->trainPage()->stopButton()->isEnabled());
  sinceTick.start();
  tick.start();
  QVERIFY(finished.wait(180000));
  tick.stop();
  qInfo("longest event-loop gap while training: %lld ms", worstGap);
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Succeeded);
  QCOMPARE(epochs.size(), 2);
  QVERIFY(batches.size() >= 2);
  QTest::qWait(200);  // the coalesced replot
  QCOMPARE(m_window->trainPage()->epochPoints(), 2);
  // Plots say what the split is and start where the data does.
  auto* train = m_window->trainPage();
  QVERIFY2(train->lossPlot()->graph(1)->name().startsWith(QStringLiteral("test loss")),
           qPrintable(train->lossPlot()->graph(1)->name()));
  QCOMPARE(train->f1Plot()->xAxis->range().lower, 1.0);
  QCOMPARE(train->f1Plot()->yAxis->range(), QCPRange(0, 1));
  QCOMPARE(train->f1Plot()->yAxis2->range(), QCPRange(0, 4));  // N+: 0..labels of the tiny dataset
  // The status line says it once: "Finished: best per-class F1 ..." (core's words, capitalised).
  const QString status = m_window->trainPage()->statusText();
  QVERIFY2(status.startsWith(QStringLiteral("Finished: best")) && status.count("finish", Qt::CaseInsensitive) == 1,
           qPrintable(status));
  // The finished run opened in Browse and Thresholds.
  QCOMPARE(m_window->currentRun(), run);
  QCOMPARE(m_window->browsePage()->model()->rowCount(), 16);
  screenshot(1, QStringLiteral("train"));
  screenshot(2, QStringLiteral("browse"));
  // A past run's curves can be overlaid for comparison.
  QVERIFY(m_window->trainPage()->compareWith(run));
  QVERIFY(!m_window->trainPage()->compareWith(m_dir.filePath("no-such-run")));
  m_window->trainPage()->clearComparisons();
}

void TestTrainPage::stopCancelsWithinOneBatch() {
  setForm(50, m_dir.filePath("run-stopped"));
  // This run also trains in mixed precision (ticked from the keyboard), which reaches the config.
  auto* amp = m_window->trainPage()->findChild<QCheckBox*>(QStringLiteral("mixedPrecision"));
  QVERIFY(amp && !amp->isChecked());  // AIA_CPU_FEATURES=avx2: float32 is the default
  QTest::keyClick(amp, Qt::Key_Space);
  QVERIFY(amp->isChecked());
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  QSignalSpy batches(m_window->controller(), &aia::ui::TrainingController::batchProgressed);
  QTest::mouseClick(m_window->trainPage()->startButton(), Qt::LeftButton);
  QVERIFY(batches.wait(60000));
  QTest::mouseClick(m_window->trainPage()->stopButton(), Qt::LeftButton);
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Cancelled);
  // "stopped at epoch E, batch B": far from the 300 batches of 50 epochs (the
  // core test checks the one-batch latency exactly; signals here are queued).
  const QString message = finished.first().at(1).toString();
  const QRegularExpressionMatch where =
      QRegularExpression(QStringLiteral("stopped at epoch (\\d+), batch (\\d+)")).match(message);
  QVERIFY2(where.hasMatch(), qPrintable(message));
  QVERIFY2((where.captured(1).toInt() - 1) * 6 + where.captured(2).toInt() < 150, qPrintable(message));
  const aia::RunFolder stopped(m_dir.filePath("run-stopped").toStdString());
  QVERIFY(stopped.has_checkpoint(aia::Checkpoint::Last));  // resumable
  QVERIFY(m_window->trainPage()->startButton()->isEnabled());
  QFile config(QString::fromStdString(stopped.config_path()));
  QVERIFY(config.open(QIODevice::ReadOnly));
  QCOMPARE(QJsonDocument::fromJson(config.readAll()).object().value("run").toObject().value("precision").toString(),
           QStringLiteral("bfloat16"));
  QTest::keyClick(amp, Qt::Key_Space);
  QVERIFY(!amp->isChecked());
}

void TestTrainPage::failingRunEndsInAnErrorMessage() {
  setForm(1, m_dir.filePath("run-failing"));
  m_window->trainPage()
      ->findChild<QLineEdit*>(QStringLiteral("pretrained"))
      ->setText(m_dir.filePath("missing.safetensors"));
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  QTest::mouseClick(m_window->trainPage()->startButton(), Qt::LeftButton);
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Failed);
  QTest::qWait(50);
  auto* box = m_window->findChild<QMessageBox*>(QStringLiteral("errorBox"));
  QVERIFY(box);
  QVERIFY2(box->text().contains(QStringLiteral("missing.safetensors")), qPrintable(box->text()));
  box->accept();
  QVERIFY(m_window->isVisible());  // no crash
  m_window->trainPage()->findChild<QLineEdit*>(QStringLiteral("pretrained"))->clear();
}

void TestTrainPage::loadedConfigurationChangesOnlyEditedFields() {
  // A config.json unlike the form: a loss that is no preset, EMA, seed 7, no
  // flips, one worker, "auto" precision, another run folder.
  aia::TrainConfig c = aia::test::tiny_train_config(m_data.toStdString(), "", 3);
  c.loss = aia::loss_preset("focal");
  c.loss.gamma_pos = 1.5;
  c.run.seed = 7;
  c.run.ema = true;
  c.data.flips = false;
  c.data.workers = 1;
  c.optim.batch_size = 4;
  c.run.precision = "auto";
  c.run.out_dir = m_dir.filePath("elsewhere").toStdString();
  const QString path = m_dir.filePath("loaded-config.json");
  aia::write_file_atomically(path.toStdString(), aia::to_json(c));
  auto* page = m_window->trainPage();
  QSignalSpy requested(page, &aia::ui::TrainPage::datasetRequested);
  QSignalSpy loaded(m_window->datasetPage(), &aia::ui::DatasetPage::datasetLoaded);
  QVERIFY(page->findChild<QPushButton*>(QStringLiteral("loadConfiguration")));  // the button (its dialog is not driven)
  QVERIFY(page->loadConfiguration(path));
  QCOMPARE(requested.size(), 1);
  QCOMPARE(requested.first().at(0).toString(), m_data);  // the Dataset page loads the file's dataset
  QVERIFY(loaded.wait(30000));
  // Nothing edited: the file as it is, but for the run folder (a new run's own).
  aia::TrainConfig got = page->config(m_data);
  aia::TrainConfig expected = c;
  expected.run.out_dir = got.run.out_dir;
  QVERIFY(got.run.out_dir != c.run.out_dir);
  QCOMPARE(aia::to_json(got), aia::to_json(expected));
  // Each field edited in the form changes exactly that field.
  page->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(5);
  page->findChild<QCheckBox*>(QStringLiteral("mixedPrecision"))->setChecked(true);
  got = page->config(m_data);
  expected.optim.epochs = 5;
  expected.run.precision = "bfloat16";
  expected.run.out_dir = got.run.out_dir;
  QCOMPARE(aia::to_json(got), aia::to_json(expected));
  page->findChild<QCheckBox*>(QStringLiteral("mixedPrecision"))->setChecked(false);
  // A file that is not a configuration is refused, and the status says why.
  const QString bad = m_dir.filePath("not-a-config.json");
  aia::write_file_atomically(bad.toStdString(), "{\"optim\": {\"epochs\": \"many\"}}");
  QVERIFY(!page->loadConfiguration(bad));
  QVERIFY2(page->statusText().contains(QStringLiteral("optim.epochs")), qPrintable(page->statusText()));
}

void TestTrainPage::attentionHeadFromTheFormToTheHeatmap() {
  // The follow-up's head and its mixup, chosen in the form and trained from a click.
  const QString run = m_dir.filePath("run-attention");
  setForm(2, run);
  auto* page = m_window->trainPage();
  auto* head = page->findChild<QComboBox*>(QStringLiteral("head"));
  head->setCurrentIndex(head->findData(QStringLiteral("attention")));
  page->findChild<QCheckBox*>(QStringLiteral("mixup"))->setChecked(true);
  m_window->tabs()->setCurrentWidget(page);
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  QTest::mouseClick(page->startButton(), Qt::LeftButton);
  QVERIFY(finished.wait(180000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Succeeded);
  const aia::RunFolder folder(run.toStdString());
  QCOMPARE(folder.read_info().head, std::string("attention"));
  QVERIFY(folder.read_config().data.mixup);
  head->setCurrentIndex(head->findData(QStringLiteral("gap")));
  page->findChild<QCheckBox*>(QStringLiteral("mixup"))->setChecked(false);
  // Browse draws this run's attention, says so, and offers no CAM.
  QCOMPARE(m_window->currentRun(), run);
  auto* browse = m_window->browsePage();
  m_window->tabs()->setCurrentWidget(browse);
  QCOMPARE(browse->heatmapMethod()->count(), 1);
  QCOMPARE(browse->heatmapMethod()->currentText(), QStringLiteral("Attention"));
  QVERIFY(!browse->heatmapMethod()->isEnabled());
  QSignalSpy shown(browse, &aia::ui::BrowsePage::previewShown);
  browse->view()->setCurrentIndex(browse->model()->index(0));
  QTRY_VERIFY_WITH_TIMEOUT(!browse->preview()->pixmap().isNull(), 10000);
  shown.clear();
  browse->heatmapTag()->setCurrentIndex(1);
  Q_EMIT browse->heatmapTag()->activated(1);
  QVERIFY(shown.wait(60000));
  QCOMPARE(shown.last().at(0).toBool(), true);
  QVERIFY2(browse->heatmapNote()->text().startsWith(QStringLiteral("Attention map")),
           qPrintable(browse->heatmapNote()->text()));
  screenshot(m_window->tabs()->indexOf(browse), QStringLiteral("browse-attention"));
  // Back to a gap-head run: CAM and Grad-CAM again.
  m_window->openRun(m_run);
  QCOMPARE(browse->heatmapMethod()->count(), 2);
  QVERIFY(browse->heatmapNote()->text().startsWith(QStringLiteral("Class activation map")));
}

QTEST_MAIN(TestTrainPage)
#include "tst_train_page.moc"
