// Score and target CSV files: what reads, and what is refused with a message
// that names file, line and column.

#include "aia/errors.h"
#include "aia/io/csv.h"
#include "aia/io/score_table.h"

#include <QtTest>

class TestScoreCsv : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void reads();
  void badFiles_data();
  void badFiles();
  void alignment();
  void writeRoundTripAndQuoting();

 private:
  std::string write(const QByteArray& content) {
    const QString path = m_dir.filePath(QString("f%1.csv").arg(m_count++));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path.toStdString();
  }
  QTemporaryDir m_dir;
  int m_count = 0;
};

void TestScoreCsv::reads() {
  const auto path = write("\xEF\xBB\xBFimage,sky,\"sea, blue\"\r\na.jpg,0.5,1\r\n\r\n\"b,1.jpg\",0,1e-3\n");
  const auto t = aia::read_score_csv(path, aia::CsvContent::Scores);
  QCOMPARE(t.labels, (std::vector<std::string>{"sky", "sea, blue"}));
  QCOMPARE(t.images, (std::vector<std::string>{"a.jpg", "b,1.jpg"}));
  QCOMPARE(t.at(1, 1), 1e-3);
}

void TestScoreCsv::badFiles_data() {
  QTest::addColumn<QByteArray>("content");
  QTest::addColumn<int>("kind");
  QTest::addColumn<QString>("where");    // ":line:column:"
  QTest::addColumn<QString>("message");  // part of the message
  const int scores = int(aia::CsvContent::Scores), targets = int(aia::CsvContent::Targets);
  QTest::newRow("empty") << QByteArray("") << scores << ":1:1:"
                         << "empty";
  QTest::newRow("header only") << QByteArray("image,a,b\n") << scores << ":1:1:"
                               << "no image rows";
  QTest::newRow("ragged short") << QByteArray("image,a,b\nx,0.1\n") << scores << ":2:3:"
                                << "2 fields, header has 3";
  QTest::newRow("ragged long") << QByteArray("image,a,b\nx,0.1,0.2,0.3\n") << scores << ":2:4:"
                               << "4 fields";
  QTest::newRow("not a number") << QByteArray("image,a,b\nx,0.1,abc\n") << scores << ":2:3:"
                                << "'abc' is not a number";
  QTest::newRow("number with junk") << QByteArray("image,a\nx,0.5x\n") << scores << ":2:2:"
                                    << "not a number";
  QTest::newRow("blank cell") << QByteArray("image,a\nx,\n") << scores << ":2:2:"
                              << "not a number";
  QTest::newRow("nan") << QByteArray("image,a\nx,nan\n") << scores << ":2:2:"
                       << "NaN";
  QTest::newRow("above one") << QByteArray("image,a\nx,1.5\n") << scores << ":2:2:"
                             << "outside [0, 1]";
  QTest::newRow("negative") << QByteArray("image,a\nx,-0.1\n") << scores << ":2:2:"
                            << "outside [0, 1]";
  QTest::newRow("infinite") << QByteArray("image,a\nx,inf\n") << scores << ":2:2:"
                            << "outside [0, 1]";
  QTest::newRow("target not 0/1") << QByteArray("image,a\nx,0.5\n") << targets << ":2:2:"
                                  << "not 0 or 1";
  QTest::newRow("duplicate image") << QByteArray("image,a\nx,1\ny,0\nx,0\n") << targets << ":4:1:"
                                   << "duplicate image 'x' (first on line 2)";
  QTest::newRow("duplicate label") << QByteArray("image,a,b,a\nx,1,0,1\n") << targets << ":1:4:"
                                   << "duplicate label 'a'";
  QTest::newRow("empty label") << QByteArray("image,a,,b\nx,1,0,1\n") << targets << ":1:3:"
                               << "empty label";
  QTest::newRow("no labels") << QByteArray("image\nx\n") << targets << ":1:1:"
                             << "at least one label";
  QTest::newRow("open quote") << QByteArray("image,a\n\"x,1\n") << targets << ":2:1:"
                              << "never closed";
  QTest::newRow("empty image") << QByteArray("image,a\n,1\n") << targets << ":2:1:"
                               << "empty image name";
  QTest::newRow("line after multiline") << QByteArray("image,a\n\"x\ny\",1\nz,2\n") << targets << ":4:2:"
                                        << "not 0 or 1";
}

void TestScoreCsv::badFiles() {
  QFETCH(QByteArray, content);
  QFETCH(int, kind);
  QFETCH(QString, where);
  QFETCH(QString, message);
  const std::string path = write(content);
  try {
    aia::read_score_csv(path, static_cast<aia::CsvContent>(kind));
    QFAIL("no error");
  } catch (const aia::InputError& e) {
    const QString what = e.what();
    QVERIFY2(what.startsWith(QString::fromStdString(path) + where), qPrintable(what));
    QVERIFY2(what.contains(message), qPrintable(what));
  }
}

void TestScoreCsv::alignment() {
  const auto s = aia::read_score_csv(write("image,a,b\nx,0.1,0.2\ny,0.3,0.4\n"), aia::CsvContent::Scores);
  // Same images and labels in another order: aligned to the scores.
  const auto t = aia::read_score_csv(write("image,b,a\ny,1,0\nx,0,1\n"), aia::CsvContent::Targets);
  const auto aligned = aia::align_to(s, "s.csv", t, "t.csv");
  QCOMPARE(aligned.at(0, 0), 1.f);  // x, a
  QCOMPARE(aligned.at(1, 1), 1.f);  // y, b
  QCOMPARE(aligned.at(0, 1), 0.f);
  auto message = [&](const QByteArray& targets) -> QString {
    try {
      aia::align_to(s, "s.csv", aia::read_score_csv(write(targets), aia::CsvContent::Targets), "t.csv");
    } catch (const aia::InputError& e) {
      return e.what();
    }
    return {};
  };
  QVERIFY(message("image,a,c\nx,1,0\ny,0,1\n").contains("label 'b' of s.csv is not a column of t.csv"));
  QVERIFY(message("image,a\nx,1\ny,0\n").contains("s.csv has 2 labels, t.csv has 1"));
  QVERIFY(message("image,a,b\nx,1,0\nz,0,1\n").contains("image 'y' of s.csv has no row in t.csv"));
  QVERIFY(message("image,a,b\nx,1,0\n").contains("s.csv has 2 images, t.csv has 1"));
}

void TestScoreCsv::writeRoundTripAndQuoting() {
  aia::ScoreTable t;
  t.images = {"=cmd|' /C calc'!A0", "plain.jpg", "a,b.jpg"};
  t.labels = {"+sum", "sky"};
  t.values = {0.125, 1, 0, 0.1 + 0.2, 0.5, 1.0 / 3.0};
  const std::string path = m_dir.filePath("out.csv").toStdString();
  aia::write_score_csv(path, t);
  const auto back = aia::read_score_csv(path, aia::CsvContent::Scores);
  QCOMPARE(back.values, t.values);                               // shortest round-trip float text
  QCOMPARE(back.images[0], std::string("'=cmd|' /C calc'!A0"));  // made inert
  QCOMPARE(back.images[2], std::string("a,b.jpg"));
  QCOMPARE(back.labels[0], std::string("'+sum"));
  QCOMPARE(aia::csv::quote("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
  QCOMPARE(aia::csv::quote_inert("-1+2"), std::string("'-1+2"));
  QCOMPARE(aia::csv::quote_inert("@SUM(A1)"), std::string("'@SUM(A1)"));
}

QTEST_APPLESS_MAIN(TestScoreCsv)
#include "tst_score_csv.moc"
