// --thresholds NUMBER | mcc-grid | mcc | f1 | FILE, parsed and resolved once for the CLI and the GUI.

#include "aia/annotate/thresholds_spec.h"
#include "aia/errors.h"
#include "aia/run/run_folder.h"

#include <QTemporaryDir>
#include <QtTest>

class TestThresholdsSpec : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void numbersStrategiesAndFiles();
  void nonFiniteNumbersAreRefused_data();
  void nonFiniteNumbersAreRefused();
  void strategiesReadTheRun();

 private:
  QTemporaryDir m_dir;
};

void TestThresholdsSpec::numbersStrategiesAndFiles() {
  auto s = aia::parse_thresholds_spec("0.35");
  QCOMPARE(s.kind, aia::ThresholdsSpec::Kind::Value);
  QCOMPARE(s.value, 0.35);
  QCOMPARE(aia::resolve_thresholds(s, {"a", "b"}), (std::vector<double>{0.35, 0.35}));
  s = aia::parse_thresholds_spec("mcc");
  QCOMPARE(s.kind, aia::ThresholdsSpec::Kind::Strategy);
  QCOMPARE(s.method, aia::ThresholdMethod::Mcc);
  QCOMPARE(aia::parse_thresholds_spec("mcc-grid").method, aia::ThresholdMethod::MccGrid);
  QCOMPARE(aia::parse_thresholds_spec("f1").method, aia::ThresholdMethod::F1);
  s = aia::parse_thresholds_spec("mine.json");
  QCOMPARE(s.kind, aia::ThresholdsSpec::Kind::File);
  QCOMPARE(s.file, std::string("mine.json"));
  QVERIFY_THROWS_EXCEPTION(aia::Error, aia::resolve_thresholds(s, {"a"}));  // no such file
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::parse_thresholds_spec(""));
  // A strategy without a run to read it from.
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::resolve_thresholds(aia::parse_thresholds_spec("f1"), {"a"}));
}

void TestThresholdsSpec::nonFiniteNumbersAreRefused_data() {
  QTest::addColumn<QString>("text");
  for (const char* t : {"nan", "NaN", "inf", "-inf", "1e999"}) QTest::newRow(t) << QString::fromLatin1(t);
}

void TestThresholdsSpec::nonFiniteNumbersAreRefused() {
  QFETCH(QString, text);
  try {
    aia::parse_thresholds_spec(text.toStdString());
    QFAIL("accepted");
  } catch (const aia::ConfigError& e) {
    QVERIFY2(std::string(e.what()).find("not a finite number") != std::string::npos, e.what());
  }
}

void TestThresholdsSpec::strategiesReadTheRun() {
  const aia::RunFolder run(m_dir.filePath("run").toStdString());
  run.create();
  const std::vector<std::string> labels{"a", "b"};
  auto spec = aia::parse_thresholds_spec("mcc-grid");
  QVERIFY_THROWS_EXCEPTION(aia::InputError, aia::resolve_thresholds(spec, labels, &run));
  spec.half_when_missing = true;
  std::string note;
  QCOMPARE(aia::resolve_thresholds(spec, labels, &run, &note), (std::vector<double>{0.5, 0.5}));
  QVERIFY(!note.empty());
  run.write_thresholds(aia::ThresholdMethod::MccGrid, labels, {0.2, 0.4});
  note.clear();
  QCOMPARE(aia::resolve_thresholds(spec, labels, &run, &note), (std::vector<double>{0.2, 0.4}));
  QVERIFY(note.empty());
}

QTEST_GUILESS_MAIN(TestThresholdsSpec)
#include "tst_thresholds_spec.moc"
