// --thresholds NUMBER | mcc-grid | mcc | f1 | FILE, parsed and resolved once for the CLI and the GUI.

#include "aia/annotate/thresholds_spec.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/metrics/label_table.h"
#include "aia/metrics/thresholds_json.h"
#include "aia/run/run_folder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

class TestThresholdsSpec : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void numbersStrategiesAndFiles();
  void nonFiniteNumbersAreRefused_data();
  void nonFiniteNumbersAreRefused();
  void strategiesReadTheRun();
  void csvFilesRoundTrip();
  void labelTableHasOneColumnOrder();

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

void TestThresholdsSpec::csvFilesRoundTrip() {
  // What Thresholds > Export writes (CSV) and what `aia thresholds --out` writes
  // (JSON) are both read by every --thresholds FILE, to the last bit.
  const std::vector<std::string> labels{"a", "=sum", "b,c"};
  const std::vector<double> t{0.1, 0.30000000000000004, 1.0 / 3};
  const std::string csv = m_dir.filePath("t.csv").toStdString(), json = m_dir.filePath("t.json").toStdString();
  aia::write_thresholds_csv(csv, labels, t);
  aia::write_thresholds_json(json, labels, t);
  for (const auto& file : {csv, json}) {
    QCOMPARE(aia::resolve_thresholds(aia::parse_thresholds_spec(file), labels), t);
    QCOMPARE(aia::read_thresholds_file(file, labels), t);
  }
  // Bad rows name the file and line.
  auto refused = [&](const std::string& text, const std::string& says) {
    const std::string path = m_dir.filePath("bad.csv").toStdString();
    aia::write_file_atomically(path, text);
    try {
      aia::read_thresholds_file(path, {"a", "b"});
    } catch (const aia::InputError& e) {
      return std::string(e.what()).find(says) != std::string::npos;
    }
    return false;
  };
  QVERIFY(refused("label,threshold\na,0.5\nb,x\n", "bad.csv:3: threshold of 'b' is not a number"));
  QVERIFY(refused("label,threshold\na,0.5\n", "no threshold for label 'b'"));
  QVERIFY(refused("label,threshold\na,0.5\nb,0.2\nc,0.1\n", "bad.csv:4: 'c' is not a label"));
  QVERIFY(refused("label,threshold\na,0.5\na,0.2\n", "bad.csv:3: label 'a' appears twice"));
  QVERIFY(refused("name,value\na,0.5\n", "bad.csv:1: the header must be label,threshold"));
  QVERIFY(refused("label,threshold\na,nan\nb,0.1\n", "not finite"));
}

void TestThresholdsSpec::labelTableHasOneColumnOrder() {
  const std::vector<std::string> labels{"red", "=x"};
  std::vector<aia::LabelRow> rows(2);
  rows[0] = {3, 1, 2, 5, 0.4, 0.75, 0.6, 0.6666666666666666, 0.25};
  rows[1] = {0, 0, 1, 1, 0.5, 0, 0, 0, 0};
  const auto& columns = aia::label_table_columns();
  const std::string csv = aia::label_table_csv(labels, rows);
  std::string header;
  for (const auto& c : columns) header += (header.empty() ? "" : ",") + c;
  QVERIFY(csv.rfind(header + "\n", 0) == 0);
  QVERIFY(csv.find("\nred,5,0.40000000000000002,3,1,2,0.75,0.59999999999999998,0.66666666666666663,0.25\n") !=
          std::string::npos);
  QVERIFY(csv.find("\n'=x,") != std::string::npos);  // inert for spreadsheets
  const auto json = aia::label_table_json(labels, rows);
  std::vector<std::string> keys;
  for (const auto& [k, v] : json[0].items()) keys.push_back(k);
  QCOMPARE(keys, columns);
  QCOMPARE(json[0]["support"].get<std::int64_t>(), std::int64_t(5));
  const std::string text = aia::label_table_text(labels, rows);
  std::size_t at = 0;
  for (const char* c : {"label", "support", "threshold", "TP", "FP", "FN", "P", "R", "F1", "MCC"}) {
    const std::size_t next = text.find(c, at);
    QVERIFY2(next != std::string::npos && next < text.find('\n'), c);
    at = next;
  }
}

QTEST_GUILESS_MAIN(TestThresholdsSpec)
#include "tst_thresholds_spec.moc"
