// The main window's composition, driven as a user drives it offscreen: files
// dropped on the window go to Annotate, the translations
// and right-to-left layout, settings (the data folder, the last run reopened),
// one look for every plot. Each page has its own test (tst_<page>_page).

#include "gui_fixture.h"
#include "model_transfer.h"

#include <QLineEdit>

class TestMainWindow : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void dropGoesToAnnotateAndSkipsNonImages();
  void translationsAndRightToLeft();
  void runsGoToTheDataFolderAndReopen();
  void plotsShareOneLook();
  void modelsTravelFromTheFileMenu();
  void cleanupTestCase() { closeWindow(); }
};

void TestMainWindow::dropGoesToAnnotateAndSkipsNonImages() {
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
  QVERIFY(m_window->logText().contains(
      QStringLiteral("skipped %1: not an image format this application reads (.txt)").arg(text)));
  delete mime;
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

void TestMainWindow::modelsTravelFromTheFileMenu() {
  // Export: the current run's model as ONNX, off the GUI thread; the log says what was written.
  m_window->openRun(m_run);
  auto* transfer = m_window->modelTransfer();
  QSignalSpy finished(transfer, &aia::ui::ModelTransfer::finished);
  QSignalSpy failed(transfer, &aia::ui::ModelTransfer::failed);
  const QString onnx = m_dir.filePath(QStringLiteral("run.onnx"));
  transfer->exportOnnx(m_run, onnx);
  QVERIFY(transfer->busy());
  QVERIFY(finished.wait(60000));
  QVERIFY(QFileInfo(onnx).size() > 1000);
  QVERIFY(m_window->logText().contains(QStringLiteral("wrote %1: tresnet_nano").arg(onnx)));

  // Import: the form proposes a run folder from the weight file's name; the run made is opened as a tagger.
  aia::ui::ImportModelDialog dialog(m_dir.filePath(QStringLiteral("runs")));
  const QString weights = m_run + QStringLiteral("/checkpoints/best.safetensors");
  dialog.weightsEdit()->setText(weights);
  QCOMPARE(dialog.outDir(), m_dir.filePath(QStringLiteral("runs/checkpoints-best")));
  const QString labels = m_dir.filePath(QStringLiteral("labels.txt"));
  QFile f(labels);
  QVERIFY(f.open(QIODevice::WriteOnly));
  for (const auto& l : aia::test::tiny_vocabulary()) f.write((l + "\n").c_str());
  f.close();
  dialog.labelsEdit()->setText(labels);
  finished.clear();
  transfer->importPublished(dialog.weights(), dialog.labels(), dialog.outDir(), QStringLiteral("tresnet_nano"), 32);
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.first().at(1).toString(), dialog.outDir());
  QCOMPARE(m_window->currentRun(), QFileInfo(dialog.outDir()).absoluteFilePath());
  QVERIFY(m_window->logText().contains(QStringLiteral("a tagger without test scores")));
  // A label file of another length: the window shows the error, naming both counts.
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("only-one\n");
  f.close();
  transfer->importPublished(weights, labels, m_dir.filePath(QStringLiteral("runs/other")),
                            QStringLiteral("tresnet_nano"), 32);
  QVERIFY(failed.wait(60000));
  QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("lists 1 labels")),
           qPrintable(failed.first().at(1).toString()));
  m_window->openRun(m_run);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
