// Every string of the user interface has a German and a Persian translation:
// Qt's lupdate lists the strings the sources hold today, and each must be in
// the committed .ts files, finished. A new tr() string without a translation
// fails here (run `cmake --build --preset dev --target update_translations`,
// then translations/tools/fill_ts.py).

#include <QtTest>

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>

namespace {

struct Message {
  QString context, source;
  bool finished = false;
};

QList<Message> readTs(const QString& path) {
  QList<Message> out;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return out;
  QXmlStreamReader xml(&file);
  QString context;
  Message m;
  bool inMessage = false;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement()) {
      const auto name = xml.name();
      if (name == QLatin1String("name") && !inMessage) {
        context = xml.readElementText();
      } else if (name == QLatin1String("message")) {
        inMessage = true;
        m = Message{context, {}, false};
      } else if (name == QLatin1String("source") && inMessage) {
        m.source = xml.readElementText();
      } else if (name == QLatin1String("translation") && inMessage) {
        const QString type = xml.attributes().value(QLatin1String("type")).toString();
        const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        m.finished = type.isEmpty() && !text.trimmed().isEmpty();
      }
    } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
      inMessage = false;
      out.append(m);
    }
  }
  return out;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyStringIsTranslated_data();
  void everyStringIsTranslated();
};

void TestTranslations::everyStringIsTranslated_data() {
  QTest::addColumn<QString>("language");
  QTest::newRow("German") << QStringLiteral("de");
  QTest::newRow("Persian") << QStringLiteral("fa");
}

void TestTranslations::everyStringIsTranslated() {
  QFETCH(QString, language);
  QTemporaryDir dir;
  const QString probe = dir.filePath("probe.ts");
  QProcess lupdate;
  lupdate.setProcessChannelMode(QProcess::MergedChannels);
  lupdate.start(QStringLiteral(AIA_LUPDATE),
                {QStringLiteral("-silent"), QStringLiteral(AIA_SOURCE_DIR "/ui"), QStringLiteral("-ts"), probe});
  QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
  QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
  const QList<Message> wanted = readTs(probe);
  QVERIFY2(wanted.size() > 100, qPrintable(QString("lupdate found %1 strings").arg(wanted.size())));

  QSet<QString> finished, known;
  for (const auto& m : readTs(QStringLiteral(AIA_SOURCE_DIR "/translations/aia_studio_%1.ts").arg(language))) {
    known.insert(m.context + QLatin1Char('\x1f') + m.source);
    if (m.finished) finished.insert(m.context + QLatin1Char('\x1f') + m.source);
  }
  QStringList missing;
  for (const auto& m : wanted) {
    const QString key = m.context + QLatin1Char('\x1f') + m.source;
    if (!finished.contains(key))
      missing << QStringLiteral("%1: \"%2\"%3").arg(m.context, m.source, known.contains(key) ? " (unfinished)" : "");
  }
  QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 of %2 strings untranslated, e.g.\n  %3")
                                             .arg(missing.size())
                                             .arg(wanted.size())
                                             .arg(missing.mid(0, 12).join(QStringLiteral("\n  ")))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
