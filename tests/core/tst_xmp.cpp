// XMP sidecars read back by an independent reader (exiftool, from Debian's
// libimage-exiftool-perl): the tags land in dc:subject and digiKam:TagsList,
// and an existing sidecar's other fields survive the merge.

#include "aia/errors.h"
#include "aia/io/xmp_sidecar.h"

#include <QtTest>

#include <nlohmann/json.hpp>

namespace {

nlohmann::json exiftool(const QString& file) {
  QProcess p;
  p.start(QStringLiteral("exiftool"), {QStringLiteral("-j"), QStringLiteral("-struct"), QStringLiteral("-G1"), file});
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return nlohmann::json::parse(p.readAllStandardOutput().toStdString())[0];
}

std::vector<std::string> list(const nlohmann::json& j, const char* key) {
  if (!j.contains(key)) return {};
  if (j[key].is_array()) return j[key].get<std::vector<std::string>>();
  return {j[key].get<std::string>()};
}

}  // namespace

class TestXmp : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("exiftool")).isEmpty(),
             "exiftool is needed (libimage-exiftool-perl)");
  }
  void newSidecar();
  void mergeKeepsOtherFields();
  void brokenSidecarIsAnErrorNotALoss();

 private:
  QTemporaryDir m_dir;
};

void TestXmp::newSidecar() {
  const std::string image = m_dir.filePath("photo one.jpg").toStdString();
  aia::write_xmp_tags(image, {"sky", "sea", "beach hut"});
  const auto j = exiftool(QString::fromStdString(aia::xmp_sidecar_path(image)));
  QCOMPARE(list(j, "XMP-dc:Subject"), (std::vector<std::string>{"sky", "sea", "beach hut"}));
  QCOMPARE(list(j, "XMP-digiKam:TagsList"), (std::vector<std::string>{"sky", "sea", "beach hut"}));
  QCOMPARE(aia::read_xmp_tags(image), (std::vector<std::string>{"sky", "sea", "beach hut"}));
}

void TestXmp::mergeKeepsOtherFields() {
  const QString image = m_dir.filePath("kept.jpg");
  QFile sidecar(image + QStringLiteral(".xmp"));
  QVERIFY(sidecar.open(QIODevice::WriteOnly));
  sidecar.write(R"(<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmp:Rating="4"
    photoshop:City="Tabriz">
   <dc:subject><rdf:Bag><rdf:li>holiday</rdf:li><rdf:li>sea</rdf:li></rdf:Bag></dc:subject>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour at dusk</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
)");
  sidecar.close();
  aia::write_xmp_tags(image.toStdString(), {"sea", "boat"});
  const auto j = exiftool(image + QStringLiteral(".xmp"));
  QCOMPARE(list(j, "XMP-dc:Subject"), (std::vector<std::string>{"holiday", "sea", "boat"}));
  QCOMPARE(list(j, "XMP-digiKam:TagsList"), (std::vector<std::string>{"sea", "boat"}));
  QCOMPARE(j.value("XMP-xmp:Rating", 0), 4);
  QCOMPARE(j.value("XMP-photoshop:City", std::string()), std::string("Tabriz"));
  QCOMPARE(j.value("XMP-dc:Title", std::string()), std::string("Harbour at dusk"));
}

void TestXmp::brokenSidecarIsAnErrorNotALoss() {
  const QString image = m_dir.filePath("broken.jpg");
  QFile sidecar(image + QStringLiteral(".xmp"));
  QVERIFY(sidecar.open(QIODevice::WriteOnly));
  sidecar.write("<x:xmpmeta this is not xml");
  sidecar.close();
  QVERIFY_THROWS_EXCEPTION(aia::Error, aia::write_xmp_tags(image.toStdString(), {"sky"}));
  QVERIFY(sidecar.open(QIODevice::ReadOnly));
  QCOMPARE(sidecar.readAll(), QByteArray("<x:xmpmeta this is not xml"));  // untouched
  sidecar.close();
  // The message names the file and says what is wrong; what exiv2 logged (without a file name, on
  // standard error, before) is carried inside it.
  std::vector<std::string> problems;
  aia::read_image_keywords(image.toStdString(), &problems);
  QVERIFY(!problems.empty());
  const QString said = QString::fromStdString(problems[0]);
  QVERIFY2(said.startsWith(image + QStringLiteral(".xmp: not a readable XMP packet: the XML is malformed")),
           qPrintable(said));
  QVERIFY2(said.contains(QStringLiteral("(exiv2: ")) && said.contains(QStringLiteral("XMP Toolkit error")),
           qPrintable(said));
  // An entity-expansion DOCTYPE never reaches the XML parser.
  QVERIFY(sidecar.open(QIODevice::WriteOnly));
  sidecar.write(
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&b;</x:xmpmeta>");
  sidecar.close();
  problems.clear();
  aia::read_image_keywords(image.toStdString(), &problems);
  QVERIFY(!problems.empty());
  QVERIFY2(problems[0].find(".xmp: the XMP packet declares a DOCTYPE or entities") != std::string::npos,
           problems[0].c_str());
}

QTEST_GUILESS_MAIN(TestXmp)
#include "tst_xmp.moc"
