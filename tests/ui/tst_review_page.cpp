// The Review page driven by keys: chips, typed tags, undo and redo, accept
// and skip, the journal after each step, a second read-only instance,
// training on the reviewed images and a project made from dropped images.

#include "gui_fixture.h"

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

class TestReviewPage : public aia::test::GuiTest {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { initWindow(); }
  void reviewWithKeys();
  void cleanupTestCase() { closeWindow(); }
};

void TestReviewPage::reviewWithKeys() {
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
  QSignalSpy opened(page, &aia::ui::ReviewPage::projectOpened);
  QVERIFY(page->createProject(dir, {photos}, true));  // made on a pool thread
  QVERIFY(!page->isEnabled());
  QVERIFY(!page->createProject(dir, {photos}, true));  // one at a time: a second click is refused
  QVERIFY(opened.wait(30000));
  QCOMPARE(opened.last().at(0).toBool(), true);
  QVERIFY(page->isEnabled());
  new QAbstractItemModelTester(page->list()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
  QCOMPARE(page->list()->model()->rowCount(), 8);
  QSignalSpy scored(page, &aia::ui::ReviewPage::scoringFinished);
  m_window->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
  page->list()->setFocus();
  QTest::mouseClick(page->scoreButton(), Qt::LeftButton);
  QVERIFY(scored.wait(60000));
  QCOMPARE(scored.last().at(0).toInt(), 8);
  // The keys still go to the review view (not to the epochs field), and the
  // review starts at the new order's first image.
  QVERIFY(page->list()->hasFocus());
  QCOMPARE(page->list()->currentIndex().row(), 0);
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

  // Auto-accept with three reviewed images: nothing can be certified yet, each label says why; nothing changes.
  QSignalSpy accepted(page, &aia::ui::ReviewPage::autoAccepted);
  const int reviewedBefore = static_cast<int>(aia::progress_of(page->project()->data()).reviewed);
  QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("autoAccept")), Qt::LeftButton);
  QCOMPARE(accepted.size(), 1);
  QCOMPARE(accepted.first().at(0).toInt(), 0);
  QVERIFY2(page->progressLabel()->toolTip().contains(QStringLiteral("positives; at least")),
           qPrintable(page->progressLabel()->toolTip()));
  QCOMPARE(static_cast<int>(aia::progress_of(page->project()->data()).reviewed), reviewedBefore);
  QVERIFY(page->list()->hasFocus());

  // A second instance opens the project read-only, with the reason shown.
  {
    aia::ui::ReviewPage second;
    QSignalSpy secondOpened(&second, &aia::ui::ReviewPage::projectOpened);
    QVERIFY(second.openProject(dir, true));
    QVERIFY(secondOpened.wait(30000));
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
  QVERIFY(page->isBusy());
  page->closeProject();  // refused while the training thread holds the project
  QVERIFY(page->project());
  QVERIFY(finished.wait(180000));
  QCOMPARE(finished.first().at(0).value<RunOutcome>(), RunOutcome::Succeeded);
  // One core function trained, recorded the run and scored the unreviewed images again.
  QTRY_COMPARE_WITH_TIMEOUT(scored.size(), 1, 10000);
  QCOMPARE(scored.last().at(0).toInt(), 5);  // the unreviewed ones
  QVERIFY(!page->isBusy());
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
  QVERIFY(scored.wait(60000));  // the project is made off the GUI thread, then scored
  QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget*>(page));
  QVERIFY(page->project());
  QCOMPARE(QString::fromStdString(page->project()->dir()), m_dir.filePath(QStringLiteral("data/projects/photos")));
  QCOMPARE(page->project()->data().images.size(), std::size_t(8));
  QCOMPARE(aia::progress_of(page->project()->data()).scored, std::size_t(8));
  page->closeProject();
}

QTEST_MAIN(TestReviewPage)
#include "tst_review_page.moc"
