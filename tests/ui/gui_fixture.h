#pragma once
// What every GUI test starts from: a tiny dataset, a run trained on it by
// core, and the main window on screen (offscreen) with the dataset loaded;
// screenshots of pages and the Train page's form set to a fast recipe. Each
// page's test (tst_<page>_page) and tst_main_window derive from GuiTest.

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

#include "aia/catalogue/catalogue.h"
#include "aia/io/atomic_file.h"
#include "aia/io/xmp_sidecar.h"
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

namespace aia::test {

class GuiTest : public QObject {
 protected:
  // The fixture; call from initTestCase.
  void initWindow() {
    QStandardPaths::setTestModeEnabled(true);
    // Settings of this process only: ctest runs some of these executables twice
    // at once (forwards and reversed), and a shared file lets one overwrite the other's.
    for (const auto format : {QSettings::NativeFormat, QSettings::IniFormat})
      QSettings::setPath(format, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    qputenv("AIA_CACHE_DIR", m_dir.filePath("cache").toUtf8());
    m_data = m_dir.filePath("tiny");
    aia::test::make_tiny_dataset(m_data.toStdString(), 48, 16);
    m_window = std::make_unique<aia::ui::MainWindow>();
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
  void closeWindow() { m_window.reset(); }
  // The window on page `tab`, saved as <build>/tests/ui/screenshots/<name>.png.
  void screenshot(int tab, const QString& name) {
    m_window->tabs()->setCurrentIndex(tab);
    QTest::qWait(150);
    QVERIFY(m_window->grab().save(QStringLiteral(AIA_SCREENSHOT_DIR "/%1.png").arg(name)));
  }
  // The Train page's form: tresnet_nano, 32 px, batch 8, lr 0.002, CPU, `epochs`, run folder `out`.
  void setForm(int epochs, const QString& out) {
    auto* page = m_window->trainPage();
    page->findChild<QComboBox*>(QStringLiteral("backbone"))->setCurrentText(QStringLiteral("tresnet_nano"));
    page->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(epochs);
    page->findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(8);
    page->findChild<QSpinBox*>(QStringLiteral("imageSize"))->setValue(32);
    page->findChild<QDoubleSpinBox*>(QStringLiteral("learningRate"))->setValue(0.002);
    page->findChild<QComboBox*>(QStringLiteral("device"))->setCurrentText(QStringLiteral("cpu"));
    page->findChild<QLineEdit*>(QStringLiteral("runFolder"))->setText(out);
  }

  QTemporaryDir m_dir;
  QString m_data;
  QString m_run;
  std::unique_ptr<aia::ui::MainWindow> m_window;
};

}  // namespace aia::test

using aia::ui::MainWindow;
using RunOutcome = aia::RunStatus;
