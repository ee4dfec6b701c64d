// The desktop application driven as a user drives it, offscreen: load a
// dataset, click Start and watch curve points arrive, Stop, move a threshold,
// drop files, export CSV, and see a failing run end in an error message.
// Screenshots of every page go to <build>/tests/ui/screenshots/.

#include "annotate_page.h"
#include "browse_page.h"
#include "dataset_page.h"
#include "experiments_page.h"
#include "main_window.h"
#include "plot_style.h"
#include "review_page.h"
#include "run_data.h"
#include "threshold_plots.h"
#include "thresholds_page.h"
#include "train_page.h"
#include "training_controller.h"

#include "aia/io/xmp_sidecar.h"
#include "aia/loss/loss_options.h"
#include "aia/metrics/metrics.h"
#include "aia/project/project.h"
#include "aia/run/run_folder.h"
#include "aia/training/trainer.h"
#include "tiny_dataset.h"
#include "tiny_run.h"

#include <qcustomplot.h>
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>

#include <QtTest>

using aia::ui::MainWindow;
using RunOutcome = aia::RunStatus;

class TestMainWindow : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void datasetPage();
  void trainingFromAClick();
  void stopCancelsWithinOneBatch();
  void thresholdSliderUpdatesMetrics();
  void thresholdLineDrags();
  void dropShowsTagsAndSkipsNonImages();
  void csvExports();
  void failingRunEndsInAnErrorMessage();
  void translationsAndRightToLeft();
  void browseIsVirtualised();
  void experimentFromAClick();
  void runsGoToTheDataFolderAndReopen();
  void browsePreviewChipsAndHeatmap();
  void plotsShareOneLook();
  void reviewWithKeys();
  void cleanupTestCase();

 private:
  void screenshot(int tab, const QString& name);
  void setForm(int epochs, const QString& out);
  QTemporaryDir m_dir;
  QString m_data;
  QString m_run;
  std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  qputenv("AIA_CACHE_DIR", m_dir.filePath("cache").toUtf8());
  m_data = m_dir.filePath("tiny");
  aia::test::make_tiny_dataset(m_data.toStdString(), 48, 16);
  m_window = std::make_unique<MainWindow>();
  m_window->resize(1280, 820);
  m_window->show();
  QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
  QDir().mkpath(QStringLiteral(AIA_SCREENSHOT_DIR));
  // Every test sets up what it needs from here, so that they pass in any
  // order (ctest also runs them in reverse): the dataset loaded, and a finished
  // run trained by core (trainingFromAClick trains its own through the GUI).
  QSignalSpy loaded(m_window->datasetPage(), &aia::ui::DatasetPage::datasetLoaded);
  m_window->datasetPage()->load(m_data);
  QVERIFY(loaded.wait(30000));
  m_run = m_dir.filePath("run");
  aia::TrainConfig c = aia::test::tiny_train_config(m_data.toStdString(), "", 2);
  c.run.out_dir = m_run.toStdString();
  aia::TrainObserver quiet;
  const auto trained = aia::train(c, quiet);
  QVERIFY2(trained.status == aia::RunStatus::Succeeded, trained.message.c_str());
  // Every item model of the GUI, checked by Qt's own tester through every test.
  for (QAbstractItemModel* model : {static_cast<QAbstractItemModel*>(m_window->browsePage()->model()),
                                    static_cast<QAbstractItemModel*>(m_window->thresholdsPage()->model()),
                                    m_window->annotatePage()->table()->model()})
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void TestMainWindow::screenshot(int tab, const QString& name) {
  m_window->tabs()->setCurrentIndex(tab);
  QTest::qWait(150);
  QVERIFY(m_window->grab().save(QStringLiteral(AIA_SCREENSHOT_DIR "/%1.png").arg(name)));
}

void TestMainWindow::setForm(int epochs, const QString& out) {
  auto* page = m_window->trainPage();
  page->findChild<QComboBox*>(QStringLiteral("backbone"))->setCurrentText(QStringLiteral("tresnet_nano"));
  page->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(epochs);
  page->findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(8);
  page->findChild<QSpinBox*>(QStringLiteral("imageSize"))->setValue(32);
  page->findChild<QDoubleSpinBox*>(QStringLiteral("learningRate"))->setValue(0.002);
  page->findChild<QComboBox*>(QStringLiteral("device"))->setCurrentText(QStringLiteral("cpu"));
  page->findChild<QLineEdit*>(QStringLiteral("runFolder"))->setText(out);
}

void TestMainWindow::datasetPage() {
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

void TestMainWindow::trainingFromAClick() {
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

void TestMainWindow::stopCancelsWithinOneBatch() {
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

void TestMainWindow::thresholdSliderUpdatesMetrics() {
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

void TestMainWindow::thresholdLineDrags() {
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

void TestMainWindow::dropShowsTagsAndSkipsNonImages() {
  m_window->openRun(m_run);
  m_window->annotatePage()->clear();
  const QString text = m_dir.filePath("notes.txt");
  QFile f(text);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("not an image");
  f.close();
  auto* mime = new QMimeData;
  mime->setUrls({QUrl::fromLocalFile(m_data + QStringLiteral("/images/test0.png")), QUrl::fromLocalFile(text)});
  const QPoint at = m_window->rect().center();
  QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(m_window.get(), &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
  QSignalSpy annotated(m_window->annotatePage(), &aia::ui::AnnotatePage::annotated);
  QApplication::sendEvent(m_window.get(), &drop);
  QCOMPARE(m_window->tabs()->currentWidget(), m_window->annotatePage());
  QVERIFY(annotated.wait(60000));
  QCOMPARE(annotated.first().at(0).toInt(), 1);
  auto* table = m_window->annotatePage()->table();
  QCOMPARE(table->rowCount(), 1);
  QCOMPARE(table->item(0, 0)->text(), QStringLiteral("test0.png"));
  QVERIFY(!table->item(0, 2)->text().isEmpty());  // scores shown
  QVERIFY(m_window->logText().contains(QStringLiteral("skipped %1: not an image file").arg(text)));
  // The selected image shows large beside the list; the headers are not cut off.
  QSignalSpy shown(m_window->annotatePage(), &aia::ui::AnnotatePage::previewShown);
  table->setCurrentCell(0, 0);
  QVERIFY(shown.wait(10000));
  QVERIFY(!m_window->annotatePage()->preview()->pixmap().isNull());
  QVERIFY(m_window->annotatePage()->preview()->pixmap().width() > 48);  // larger than the 48 px file: scaled up
  for (int c = 0; c < 2; ++c) QVERIFY(table->columnWidth(c) >= table->horizontalHeader()->sectionSizeHint(c));
  screenshot(m_window->tabs()->indexOf(m_window->annotatePage()), QStringLiteral("annotate"));
  // Tags are editable, with undo.
  const QString predicted = table->item(0, 1)->text();
  table->item(0, 1)->setText(QStringLiteral("=HYPERLINK(1); red"));
  m_window->annotatePage()->undoStack()->undo();
  QCOMPARE(table->item(0, 1)->text(), predicted);
  m_window->annotatePage()->undoStack()->redo();
  QCOMPARE(table->item(0, 1)->text(), QStringLiteral("=HYPERLINK(1); red"));
  screenshot(4, QStringLiteral("annotate"));
  delete mime;
}

void TestMainWindow::csvExports() {
  m_window->openRun(m_run);
  // One annotated image, its tags edited to a formula.
  auto* annotate = m_window->annotatePage();
  annotate->clear();
  QSignalSpy annotated(annotate, &aia::ui::AnnotatePage::annotated);
  annotate->addPaths({m_data + QStringLiteral("/images/test0.png")});
  QVERIFY(annotated.wait(60000));
  annotate->table()->item(0, 1)->setText(QStringLiteral("=HYPERLINK(1); red"));
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
  const QString annotations = m_dir.filePath("annotations.csv");
  QVERIFY(m_window->annotatePage()->exportAnnotations(annotations));
  QFile a(annotations);
  QVERIFY(a.open(QIODevice::ReadOnly));
  const QStringList rows = QString::fromUtf8(a.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  QCOMPARE(rows.size(), 2);
  // The edited cell starts with "=": made inert for spreadsheets.
  QVERIFY2(rows[1].contains(QStringLiteral(",'=HYPERLINK(1);red,")), qPrintable(rows[1]));
  // XMP sidecar and dataset JSON with the edited tags.
  QCOMPARE(m_window->annotatePage()->writeXmpSidecars(), 1);
  QCOMPARE(aia::read_xmp_tags((m_data + QStringLiteral("/images/test0.png")).toStdString()),
           (std::vector<std::string>{"=HYPERLINK(1)", "red"}));
  QVERIFY(m_window->annotatePage()->exportDatasetJson(m_dir.filePath("export/train.json")));
  QVERIFY(QFile::exists(m_dir.filePath("export/images/test0.png")));
}

void TestMainWindow::failingRunEndsInAnErrorMessage() {
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

void TestMainWindow::translationsAndRightToLeft() {
  for (const auto& [language, train] : {std::pair{QStringLiteral("de"), QStringLiteral("&Training")},
                                        std::pair{QStringLiteral("fa"), QStringLiteral("&آموزش")}}) {
    QTranslator translator;
    QVERIFY2(
        translator.load(QLocale(language), QStringLiteral("aia_studio"), QStringLiteral("_"), QStringLiteral(":/i18n")),
        qPrintable(language));
    QApplication::installTranslator(&translator);
    const bool rtl = QLocale(language).textDirection() == Qt::RightToLeft;
    QApplication::setLayoutDirection(rtl ? Qt::RightToLeft : Qt::LeftToRight);
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.tabs()->tabText(1), train);
    QCOMPARE(window.layoutDirection(), rtl ? Qt::RightToLeft : Qt::LeftToRight);
    QVERIFY(window.grab().save(QStringLiteral(AIA_SCREENSHOT_DIR "/window-%1.png").arg(language)));
    QApplication::removeTranslator(&translator);
  }
  QApplication::setLayoutDirection(Qt::LeftToRight);
}

void TestMainWindow::browseIsVirtualised() {
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

void TestMainWindow::experimentFromAClick() {
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
      page->report() && page->report()->groups.size() == 1 && page->report()->groups[0].rows.size() == 8,
      30000);  // 2 losses x 4 strategies
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

void TestMainWindow::runsGoToTheDataFolderAndReopen() {
  // With the run folder field empty, a run goes under the data folder, by absolute path.
  const QString data = m_dir.filePath("user-data");
  m_window->setDataFolder(data);
  setForm(1, QString());
  const auto c = m_window->trainPage()->config(m_data);
  const QString out = QString::fromStdString(c.run.out_dir);
  QVERIFY2(out.startsWith(data + QStringLiteral("/runs/tiny-proposed-")), qPrintable(out));
  // Recent runs are remembered by absolute path, whatever the working directory was.
  const QString before = QDir::currentPath();
  QDir::setCurrent(m_dir.path());
  m_window->openRun(QStringLiteral("run"));
  QDir::setCurrent(before);
  QCOMPARE(m_window->currentRun(), m_run);
  QCOMPARE(QSettings().value(QStringLiteral("recentRuns")).toStringList().value(0), m_run);
  // A new window (a restart) opens the last run again.
  MainWindow again;
  QTRY_COMPARE(again.currentRun(), m_run);
  QCOMPARE(again.dataFolder(), data);
}

void TestMainWindow::plotsShareOneLook() {
  // Every plot of the window exports from a context menu.
  const auto plots = m_window->findChildren<QCustomPlot*>();
  QVERIFY(plots.size() >= 6);
  for (auto* plot : plots) QCOMPARE(plot->contextMenuPolicy(), Qt::CustomContextMenu);
  for (const QString suffix : {"png", "svg", "pdf"}) {
    const QString path = m_dir.filePath("loss." + suffix);
    QVERIFY(aia::ui::savePlot(m_window->trainPage()->lossPlot(), path));
    QVERIFY2(QFileInfo(path).size() > 500, qPrintable(path));
    QVERIFY(!QFile::exists(path + ".part"));
  }
  QVERIFY(!aia::ui::savePlot(m_window->trainPage()->lossPlot(), m_dir.filePath("no-such-folder/loss.png")));
  // A dark palette: the plot's background and text follow it.
  QPalette dark;
  dark.setColor(QPalette::Base, QColor(30, 30, 30));
  dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
  QCustomPlot plot;
  plot.setPalette(dark);
  aia::ui::stylePlot(&plot);
  QCOMPARE(plot.xAxis->tickLabelColor(), QColor(230, 230, 230));
  QCOMPARE(plot.legend->textColor(), QColor(230, 230, 230));
  // The palette's colours stay apart.
  QVERIFY(aia::ui::plotColour(0) != aia::ui::plotColour(1));
  QCOMPARE(aia::ui::plotColour(8), aia::ui::plotColour(0));
}

void TestMainWindow::browsePreviewChipsAndHeatmap() {
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

namespace {

// The project file as written so far: the last journal line's image record
// (each edit is flushed there before the view moves on).
QJsonObject lastJournalRecord(const QString& projectDir) {
  QFile f(projectDir + QStringLiteral("/journal.jsonl"));
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
  return QJsonDocument::fromJson(lines.last()).object().value(QStringLiteral("image")).toObject();
}

QStringList strings(const QJsonObject& record, const char* field) {
  QStringList out;
  for (const auto& v : record.value(QLatin1String(field)).toArray()) out << v.toString();
  return out;
}

}  // namespace

void TestMainWindow::reviewWithKeys() {
  // A folder of photos the model has not seen, and the trained run as the tagger.
  const QString photos = m_dir.filePath(QStringLiteral("photos"));
  QDir().mkpath(photos);
  for (int i = 0; i < 8; ++i)
    QVERIFY(
        QFile::copy(m_data + QStringLiteral("/images/test%1.png").arg(i), photos + QStringLiteral("/p%1.png").arg(i)));
  m_window->openRun(m_run);
  auto* page = m_window->reviewPage();
  m_window->tabs()->setCurrentWidget(page);
  const QString dir = m_dir.filePath(QStringLiteral("review.project"));
  QDir(dir).removeRecursively();
  QVERIFY(page->createProject(dir, {photos}, true));
  new QAbstractItemModelTester(page->list()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
  QCOMPARE(page->list()->model()->rowCount(), 8);
  QSignalSpy scored(page, &aia::ui::ReviewPage::scoringFinished);
  QTest::mouseClick(page->scoreButton(), Qt::LeftButton);
  QVERIFY(scored.wait(60000));
  QCOMPARE(scored.last().at(0).toInt(), 8);
  QVERIFY2(page->progressLabel()->text().startsWith(QStringLiteral("0 of 8 reviewed")),
           qPrintable(page->progressLabel()->text()));
  QTRY_VERIFY_WITH_TIMEOUT(!page->imageLabel()->pixmap().isNull(), 10000);
  QVERIFY(!page->chipButtons().isEmpty());
  const int first = page->currentImage();
  page->list()->setFocus();

  // 1: toggles the first chip; the journal has the edit at once.
  const QString chip0 = page->chipButtons().at(0)->text().section(QStringLiteral("  "), 1, 1);
  const bool wasOn = page->chipButtons().at(0)->isChecked();
  QTest::keyClick(page->list(), Qt::Key_1);
  QCOMPARE(page->chipButtons().at(0)->isChecked(), !wasOn);
  QJsonObject record = lastJournalRecord(dir);
  QVERIFY2(strings(record, wasOn ? "rejected" : "accepted").contains(chip0), qPrintable(chip0));

  // Typing adds a tag, with completion from the vocabulary; Enter in the field adds it.
  QTest::keyClicks(page->list(), QStringLiteral("s"));
  QVERIFY(page->tagEdit()->hasFocus() || page->tagEdit()->text() == QStringLiteral("s"));
  QTest::keyClicks(page->tagEdit(), QStringLiteral("tripes"));
  QTest::keyClick(page->tagEdit(), Qt::Key_Return);
  QVERIFY(strings(lastJournalRecord(dir), "added").contains(QStringLiteral("stripes")));
  QVERIFY(page->project()->data().vocabulary.back() == "stripes");

  // Undo takes the tag back (in the file too), redo brings it again.
  m_window->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
  page->list()->setFocus();
  QTest::keyClick(page->list(), Qt::Key_Z, Qt::ControlModifier);  // Edit > Undo
  QVERIFY(!strings(lastJournalRecord(dir), "added").contains(QStringLiteral("stripes")));
  // Edit > Redo by its platform key (Ctrl+Shift+Z on Linux desktops, Ctrl+Y in the offscreen platform's scheme).
  QTest::keySequence(page->list(), QKeySequence(QKeySequence::Redo));
  QVERIFY(strings(lastJournalRecord(dir), "added").contains(QStringLiteral("stripes")));
  // The completion offers the vocabulary, the new tag included.
  QVERIFY(page->tagEdit()
              ->completer()
              ->model()
              ->match(page->tagEdit()->completer()->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("stripes"))
              .size() == 1);

  // Enter accepts the image and moves on to the next unreviewed one.
  page->list()->setFocus();
  QTest::keyClick(page->list(), Qt::Key_Return);
  record = lastJournalRecord(dir);
  QCOMPARE(record.value(QStringLiteral("state")).toString(), QStringLiteral("reviewed"));
  QVERIFY(strings(record, "added").contains(QStringLiteral("stripes")));
  QVERIFY(page->currentImage() != first);
  QVERIFY2(page->progressLabel()->text().startsWith(QStringLiteral("1 of 8 reviewed")),
           qPrintable(page->progressLabel()->text()));
  // Arrows move without changing anything.
  const int before = page->currentImage();
  const bool last = page->list()->currentIndex().row() + 1 == page->list()->model()->rowCount();
  QTest::keyClick(page->list(), last ? Qt::Key_Up : Qt::Key_Down);
  QVERIFY(page->currentImage() != before);
  QCOMPARE(page->project()->data().images[std::size_t(before)].state, aia::ReviewState::Unreviewed);
  // Two more accepted: enough to train on.
  for (int presses = 0; presses < 4 && aia::progress_of(page->project()->data()).reviewed < 3; ++presses)
    QTest::keyClick(page->list(), Qt::Key_Return);
  QCOMPARE(aia::progress_of(page->project()->data()).reviewed, std::size_t(3));
  // Shift+Enter skips (the image shown is the next unreviewed one).
  const int skipped = page->currentImage();
  QTest::keyClick(page->list(), Qt::Key_Return, Qt::ShiftModifier);
  QCOMPARE(page->project()->data().images[std::size_t(skipped)].state, aia::ReviewState::Skipped);
  QCOMPARE(lastJournalRecord(dir).value(QStringLiteral("state")).toString(), QStringLiteral("skipped"));
  screenshot(m_window->tabs()->indexOf(page), QStringLiteral("review"));

  // A second instance opens the project read-only, with the reason shown.
  {
    aia::ui::ReviewPage second;
    QVERIFY(second.openProject(dir, true));
    QVERIFY(second.project()->read_only());
    QVERIFY(!second.tagEdit()->isEnabled());
    QVERIFY(!second.trainButton()->isEnabled());
    QCOMPARE(second.project()->data().images.size(), std::size_t(8));
  }

  // Train on reviewed images: the run goes through the Train page, then the unreviewed images are scored again.
  QSignalSpy finished(m_window->controller(), &aia::ui::TrainingController::finished);
  scored.clear();
  QTest::mouseClick(page->trainButton(), Qt::LeftButton);
  QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget*>(m_window->trainPage()));
  QVERIFY(finished.wait(180000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Succeeded);
  QVERIFY(scored.wait(60000));
  QCOMPARE(scored.last().at(0).toInt(), 5);  // the unreviewed ones
  QCOMPARE(page->project()->data().runs.size(), std::size_t(1));
  const auto& vocabulary = aia::RunFolder(page->project()->data().run).read_info().vocabulary;
  QVERIFY(std::find(vocabulary.begin(), vocabulary.end(), "stripes") != vocabulary.end());  // the head grew
  page->closeProject();

  // From the Annotate page: dropped images become a project of their folder, scored at once.
  m_window->setDataFolder(m_dir.filePath(QStringLiteral("data")));
  auto* annotate = m_window->annotatePage();
  annotate->clear();
  QSignalSpy annotated(annotate, &aia::ui::AnnotatePage::annotated);
  annotate->addPaths({photos + QStringLiteral("/p1.png"), photos + QStringLiteral("/p2.png")});
  QVERIFY(annotated.wait(60000));
  scored.clear();
  QTest::mouseClick(annotate->reviewButton(), Qt::LeftButton);
  QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget*>(page));
  QVERIFY(scored.wait(60000));
  QVERIFY(page->project());
  QCOMPARE(QString::fromStdString(page->project()->dir()), m_dir.filePath(QStringLiteral("data/projects/photos")));
  QCOMPARE(page->project()->data().images.size(), std::size_t(8));
  QCOMPARE(aia::progress_of(page->project()->data()).scored, std::size_t(8));
  page->closeProject();
}

void TestMainWindow::cleanupTestCase() { m_window.reset(); }

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
