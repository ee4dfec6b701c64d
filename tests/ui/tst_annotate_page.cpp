// The Annotate page: images tagged with scores, files that are not images
// named in the log, the preview, tags edited with undo, and the exports
// (annotations CSV, XMP sidecars, a dataset in the JSON layout).

#include "gui_fixture.h"
#include "test_images.h"

#include <QMimeData>
#include <QTreeWidget>

#include <sys/stat.h>

class TestAnnotatePage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void tagsPreviewAndUndo();
  void exports();
  void phoneFolderDroppedNothingSilent();
  void cleanupTestCase() { closeWindow(); }
};

void TestAnnotatePage::tagsPreviewAndUndo() {
  m_window->openRun(m_run);
  auto* page = m_window->annotatePage();
  page->clear();
  const QString text = m_dir.filePath("notes.txt");
  QFile f(text);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("not an image");
  f.close();
  QSignalSpy annotated(page, &aia::ui::AnnotatePage::annotated);
  page->addPaths({m_data + QStringLiteral("/images/test0.png"), text});
  QVERIFY(annotated.wait(60000));
  QCOMPARE(annotated.first().at(0).toInt(), 1);
  auto* table = page->table();
  QCOMPARE(table->rowCount(), 1);
  QCOMPARE(table->item(0, 0)->text(), QStringLiteral("test0.png"));
  QVERIFY(!table->item(0, 2)->text().isEmpty());  // scores shown
  QVERIFY(m_window->logText().contains(
      QStringLiteral("skipped %1: not an image format this application reads (.txt)").arg(text)));
  QCOMPARE(page->skippedList()->topLevelItemCount(), 1);  // listed on the page too, with its reason
  QCOMPARE(page->skippedList()->topLevelItem(0)->text(1),
           QStringLiteral("not an image format this application reads (.txt)"));
  QCOMPARE(page->summary()->text(), QStringLiteral("1 tagged, 1 skipped: 1 unsupported format"));
  // The selected image shows large beside the list; the headers are not cut off.
  QSignalSpy shown(page, &aia::ui::AnnotatePage::previewShown);
  table->setCurrentCell(0, 0);
  QVERIFY(shown.wait(10000));
  QVERIFY(!page->preview()->pixmap().isNull());
  QVERIFY(page->preview()->pixmap().width() > 48);  // larger than the 48 px file: scaled up
  for (int c = 0; c < 2; ++c) QVERIFY(table->columnWidth(c) >= table->horizontalHeader()->sectionSizeHint(c));
  // A tag's heatmap over the preview: the run's own maps (this run: the gap head's CAM), named as such.
  const QImage plain = page->preview()->pixmap().toImage();
  QCOMPARE(page->heatmapTag()->itemText(0), QStringLiteral("no heatmap"));
  QVERIFY2(page->heatmapTag()->count() > 1, "test0.png has tags: one entry each");
  {
    shown.clear();
    page->heatmapTag()->setCurrentIndex(1);
    Q_EMIT page->heatmapTag()->activated(1);
    QVERIFY(shown.wait(60000));
    QVERIFY(page->preview()->pixmap().toImage() != plain);
    QVERIFY2(page->heatmapNote()->text().startsWith(QStringLiteral("Class activation map")),
             qPrintable(page->heatmapNote()->text()));
    page->heatmapTag()->setCurrentIndex(0);
    Q_EMIT page->heatmapTag()->activated(0);
    QVERIFY(shown.wait(10000));
  }
  screenshot(m_window->tabs()->indexOf(page), QStringLiteral("annotate"));
  // Tags are editable, with undo.
  const QString predicted = table->item(0, 1)->text();
  table->item(0, 1)->setText(QStringLiteral("=HYPERLINK(1); red"));
  page->undoStack()->undo();
  QCOMPARE(table->item(0, 1)->text(), predicted);
  page->undoStack()->redo();
  QCOMPARE(table->item(0, 1)->text(), QStringLiteral("=HYPERLINK(1); red"));
  screenshot(4, QStringLiteral("annotate"));
}

void TestAnnotatePage::exports() {
  m_window->openRun(m_run);
  // One annotated image, its tags edited to a formula.
  auto* annotate = m_window->annotatePage();
  annotate->clear();
  QSignalSpy annotated(annotate, &aia::ui::AnnotatePage::annotated);
  annotate->addPaths({m_data + QStringLiteral("/images/test0.png")});
  QVERIFY(annotated.wait(60000));
  annotate->table()->item(0, 1)->setText(QStringLiteral("=HYPERLINK(1); red"));
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

void TestAnnotatePage::phoneFolderDroppedNothingSilent() {
  // A folder as a phone fills it, dropped on the window: a HEIC (made by heif-enc) is tagged beside the PNG,
  // a FIFO named like a JPEG is listed with its reason and never opened (opening it would block the thread).
  m_window->openRun(m_run);
  auto* page = m_window->annotatePage();
  page->clear();
  const QString folder = m_dir.filePath(QStringLiteral("phone"));
  QVERIFY(QDir().mkpath(folder));
  QVERIFY(QFile::copy(m_data + QStringLiteral("/images/test1.png"), folder + QStringLiteral("/a.png")));
  const QString failed =
      aia::test::run_tool(QStringLiteral("heif-enc"),
                          {"-q", "90", "-o", folder + QStringLiteral("/b.heic"), folder + QStringLiteral("/a.png")});
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  QVERIFY(::mkfifo(QFile::encodeName(folder + QStringLiteral("/stuck.jpg")).constData(), 0600) == 0);
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(folder)});
  const QPoint at = m_window->rect().center();
  QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(m_window.get(), &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QSignalSpy annotated(page, &aia::ui::AnnotatePage::annotated);
  QApplication::sendEvent(m_window.get(), &drop);
  QVERIFY(annotated.wait(60000));
  QCOMPARE(annotated.first().at(0).toInt(), 2);
  QCOMPARE(page->table()->item(1, 0)->text(), QStringLiteral("b.heic"));
  QVERIFY(!page->table()->item(1, 0)->icon().isNull());  // its thumbnail, through core's decode
  QCOMPARE(page->skippedList()->topLevelItemCount(), 1);
  QVERIFY(page->skippedList()->isVisibleTo(page));
  QCOMPARE(page->skippedList()->topLevelItem(0)->text(1), QStringLiteral("not a regular file (a FIFO)"));
  QCOMPARE(page->summary()->text(), QStringLiteral("2 tagged, 1 skipped: 1 not a regular file"));
  screenshot(m_window->tabs()->indexOf(page), QStringLiteral("annotate-skipped"));
}

QTEST_MAIN(TestAnnotatePage)
#include "tst_annotate_page.moc"
