// File > Get a published model..., driven as a person would: the menu item,
// another model typed, Get clicked, the progress shown, the run made opened,
// and an image dropped on the window tagged by it; Cancel mid-download. The
// Hub is tests/interop/hub_server.py on loopback (loopback_hub.h).

#include "loopback_hub.h"  // LibTorch first: Qt's `slots` macro breaks its headers

#include "annotate_page.h"
#include "get_model_dialog.h"
#include "main_window.h"

#include "aia/run/run_folder.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <memory>

class TestGetModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void twoClicksToATagger();
  void cancelStopsTheDownload();
  void cleanupTestCase();

 private:
  aia::ui::GetModelDialog* openDialog() {
    auto* action = m_window->findChild<QAction*>(QStringLiteral("getModelAction"));
    if (!action) return nullptr;
    action->trigger();
    return m_window->findChild<aia::ui::GetModelDialog*>(QStringLiteral("getModelDialog"));
  }
  QTemporaryDir m_dir;
  std::unique_ptr<aia::test::LoopbackHub> m_hub;
  std::unique_ptr<aia::ui::MainWindow> m_window;
};

void TestGetModel::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  for (const auto format : {QSettings::NativeFormat, QSettings::IniFormat})
    QSettings::setPath(format, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
  const std::string root = m_dir.filePath(QStringLiteral("hub")).toStdString();
  aia::test::make_nano_repo(root);
  m_hub = std::make_unique<aia::test::LoopbackHub>(root);
  // The environment huggingface_hub reads, read the same way by core.
  qputenv("HF_ENDPOINT", QByteArray::fromStdString(m_hub->endpoint()));
  qputenv("HF_HUB_CACHE", m_dir.filePath(QStringLiteral("hf-cache")).toUtf8());
  QSettings().setValue(QStringLiteral("dataFolder"), m_dir.filePath(QStringLiteral("data")));
  m_window = std::make_unique<aia::ui::MainWindow>();
  m_window->resize(1100, 760);
  m_window->show();
  QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestGetModel::twoClicksToATagger() {
  auto* dialog = openDialog();
  QVERIFY(dialog);
  QVERIFY(dialog->isVisible());
  // The catalogue's taggers are offered first, then any repo.
  auto* choice = dialog->findChild<QComboBox*>(QStringLiteral("getModelChoice"));
  QCOMPARE(choice->itemText(0), QStringLiteral("tresnet_m.miil_in21k"));
  QVERIFY(choice->count() >= 3);
  choice->setCurrentIndex(choice->count() - 1);
  auto* repo = dialog->findChild<QLineEdit*>(QStringLiteral("getModelRepo"));
  QVERIFY(repo->isEnabled());
  QTest::keyClicks(repo, QStringLiteral("aia-test/nano"));
  QCOMPARE(dialog->outDir(), QDir(m_window->dataFolder()).filePath(QStringLiteral("runs/nano")));
  QSignalSpy made(dialog, &aia::ui::GetModelDialog::runMade);
  QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("getModelGet")), Qt::LeftButton);
  QVERIFY(dialog->isBusy());
  QVERIFY(made.wait(120000));
  QVERIFY(!dialog->isBusy());
  QCOMPARE(dialog->findChild<QProgressBar*>(QStringLiteral("getModelProgress"))->value(), 1000);
  const QString run = made.first().at(0).toString();
  QCOMPARE(m_window->currentRun(), QFileInfo(run).absoluteFilePath());
  // Where the class names came from and that the thresholds are uncalibrated, in the window's log.
  QVERIFY2(m_window->logText().contains(QStringLiteral("3 labels from config.json's label_names of aia-test/nano")),
           qPrintable(m_window->logText()));
  QVERIFY2(m_window->logText().contains(QStringLiteral("thresholds uncalibrated")), qPrintable(m_window->logText()));
  QDir().mkpath(QStringLiteral(AIA_SCREENSHOT_DIR));
  QVERIFY(dialog->grab().save(QStringLiteral(AIA_SCREENSHOT_DIR "/get_model.png")));
  // The run tags an image at once on the Annotate page.
  const QString image = m_dir.filePath(QStringLiteral("photo.png"));
  cv::Mat photo(40, 50, CV_8UC3);
  cv::randu(photo, 0, 255);
  QVERIFY(cv::imwrite(image.toStdString(), photo));
  auto* page = m_window->annotatePage();
  QSignalSpy annotated(page, &aia::ui::AnnotatePage::annotated);
  page->addPaths({image});
  QVERIFY(annotated.wait(60000));
  QCOMPARE(annotated.first().at(0).toInt(), 1);
  dialog->close();
}

void TestGetModel::cancelStopsTheDownload() {
  QVERIFY(m_hub->control("reset=1"));
  QVERIFY(m_hub->control("stall=1"));  // the CDN stops halfway for 5 s: time to press Cancel
  qputenv("HF_HUB_CACHE", m_dir.filePath(QStringLiteral("hf-cache-2")).toUtf8());
  auto* dialog = openDialog();
  QVERIFY(dialog);
  auto* choice = dialog->findChild<QComboBox*>(QStringLiteral("getModelChoice"));
  choice->setCurrentIndex(choice->count() - 1);
  dialog->findChild<QLineEdit*>(QStringLiteral("getModelRepo"))->setText(QStringLiteral("aia-test/nano"));
  dialog->findChild<QLineEdit*>(QStringLiteral("getModelOut"))->setText(m_dir.filePath(QStringLiteral("cancelled")));
  auto* get = dialog->findChild<QPushButton*>(QStringLiteral("getModelGet"));
  auto* cancel = dialog->findChild<QPushButton*>(QStringLiteral("getModelCancel"));
  auto* status = dialog->findChild<QLabel*>(QStringLiteral("getModelStatus"));
  QTest::mouseClick(get, Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral(" MB")), 30000);  // bytes arrive
  QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
  QTest::mouseClick(cancel, Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
  QVERIFY2(status->text().contains(QStringLiteral("Cancelled")), qPrintable(status->text()));
  QVERIFY(dialog->isVisible());  // Cancel stopped the download; it did not close the dialog
  QVERIFY(!std::filesystem::exists(m_dir.filePath(QStringLiteral("cancelled")).toStdString()));
  QCOMPARE(cancel->text(), QStringLiteral("Close"));
  QTest::mouseClick(cancel, Qt::LeftButton);
  QTRY_VERIFY(!m_window->findChild<aia::ui::GetModelDialog*>(QStringLiteral("getModelDialog")));
}

void TestGetModel::cleanupTestCase() {
  m_window.reset();
  m_hub.reset();
}

QTEST_MAIN(TestGetModel)
#include "tst_get_model.moc"
