// Every format people have goes through core's one guarded decode: HEIC and
// AVIF (heif-enc), JPEG XL (cjxl), GIF (Pillow), camera RAW (a DNG after the
// specification, with and without its embedded preview), each giving the
// picture it holds, upright; each format's size is checked against the pixel
// cap before a pixel is decoded; a JPEG with padding before a marker decodes
// with a warning, as libjpeg does.

#include "aia/annotate/image_files.h"
#include "aia/data/image_header.h"
#include "aia/data/image_reader.h"
#include "test_images.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

namespace {

// Mean absolute difference per channel value between a decode and the picture.
double difference(const aia::RgbImage& image, const cv::Mat& bgr) {
  if (image.width != bgr.cols || image.height != bgr.rows) return 255.0;
  double sum = 0;
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x)
      for (int c = 0; c < 3; ++c)
        sum +=
            std::abs(int(image.pixels[std::size_t((y * bgr.cols + x) * 3 + c)]) - int(bgr.at<cv::Vec3b>(y, x)[2 - c]));
  return sum / (double(bgr.total()) * 3);
}

// The mean RGB of a corner block of the decode ("tl" top-left, "br" bottom-right).
cv::Vec3d corner(const aia::RgbImage& image, bool top_left) {
  const int w = image.width / 4, h = image.height / 4;
  cv::Vec3d sum(0, 0, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int yy = top_left ? y : image.height - 1 - y, xx = top_left ? x : image.width - 1 - x;
      for (int c = 0; c < 3; ++c) sum[c] += image.pixels[std::size_t((yy * image.width + xx) * 3 + c)];
    }
  return sum / double(w * h);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

class TestImageFormats : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void realEncodersDecodeToTheirPicture_data();
  void realEncodersDecodeToTheirPicture();
  void rawDecodesUprightFromSensorOrPreview();
  void everyFormatIsCappedBeforeDecoding();
  void damagedJpegDecodesWithAWarning();
  void everyFormatCountsAsAnImage();
  void fuzzSeedsReachEveryDecoder();

 private:
  QTemporaryDir m_dir;
  cv::Mat m_picture;
  std::string m_png;
};

void TestImageFormats::initTestCase() {
  m_picture = aia::test::orientation_picture();
  m_png = m_dir.filePath("picture.png").toStdString();
  QVERIFY(cv::imwrite(m_png, m_picture));
}

void TestImageFormats::realEncodersDecodeToTheirPicture_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("program");
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<double>("tolerance");  // mean absolute difference per value, 0..255
  const QString png = QString::fromStdString(m_png);
  const QString gif =
      QStringLiteral("from PIL import Image; import sys; Image.open(sys.argv[1]).save(sys.argv[2], interlace=%1)");
  QTest::newRow("HEIC") << "p.heic"
                        << "heif-enc" << QStringList{"-q", "90", "-o", "OUT", png} << 6.0;
  QTest::newRow("AVIF") << "p.avif"
                        << "heif-enc" << QStringList{"-A", "-q", "90", "-o", "OUT", png} << 6.0;
  QTest::newRow("JPEG XL lossless") << "p.jxl"
                                    << "cjxl" << QStringList{png, "OUT", "-d", "0"} << 0.0;
  QTest::newRow("GIF interlaced") << "p.gif" << AIA_PYTHON3 << QStringList{"-c", gif.arg(1), png, "OUT"} << 0.0;
  QTest::newRow("GIF") << "q.gif" << AIA_PYTHON3 << QStringList{"-c", gif.arg(0), png, "OUT"} << 0.0;
  // An animation: its first frame (the picture), not the second (its negative). OpenCV reads only still WebP.
  const QString animation = QStringLiteral(
      "from PIL import Image, ImageOps; import sys; a = Image.open(sys.argv[1]).convert('RGB'); "
      "a.save(sys.argv[2], save_all=True, append_images=[ImageOps.invert(a)], lossless=True)");
  QTest::newRow("WebP animated") << "p.webp" << AIA_PYTHON3 << QStringList{"-c", animation, png, "OUT"} << 0.0;
  const QString ppm = QStringLiteral("from PIL import Image; import sys; Image.open(sys.argv[1]).save(sys.argv[2])");
  QTest::newRow("Netpbm") << "p.ppm" << AIA_PYTHON3 << QStringList{"-c", ppm, png, "OUT"} << 0.0;
}

void TestImageFormats::realEncodersDecodeToTheirPicture() {
  QFETCH(QString, file);
  QFETCH(QString, program);
  QFETCH(QStringList, args);
  QFETCH(double, tolerance);
  const QString out = m_dir.filePath(file);
  args.replaceInStrings(QStringLiteral("OUT"), out);
  const QString failed = aia::test::run_tool(program, args);
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  std::string why;
  const auto image = aia::read_image_rgb(out.toStdString(), 0, 0, &why);
  QVERIFY2(image, why.c_str());
  const double d = difference(*image, m_picture);
  QVERIFY2(d <= tolerance + 1e-9, qPrintable(QStringLiteral("%1: differs by %2 per value").arg(file).arg(d)));
  // Fitted into a box: aspect kept, decoded through the same path.
  const auto small = aia::read_image_rgb(out.toStdString(), 48, 48, &why);
  QVERIFY2(small, why.c_str());
  QCOMPARE(small->width, 48);
  QCOMPARE(small->height, 32);
}

void TestImageFormats::rawDecodesUprightFromSensorOrPreview() {
  // Orientation 6: the camera was turned 90 degrees clockwise; the decode turns the picture back.
  const std::string sensor = m_dir.filePath("sensor.dng").toStdString();
  aia::test::write_dng(sensor, m_picture, 6);
  std::string why;
  const auto demosaiced = aia::read_image_rgb(sensor, 0, 0, &why);
  QVERIFY2(demosaiced, why.c_str());
  QCOMPARE(demosaiced->width, m_picture.rows);
  QCOMPARE(demosaiced->height, m_picture.cols);
  // The red block (top-left in the picture) is top-right after a clockwise turn; the top-left shows the background.
  aia::RgbImage mirrored = *demosaiced;  // read the top-right corner as the top-left of a mirrored copy
  for (int y = 0; y < mirrored.height; ++y)
    for (int x = 0; x < mirrored.width; ++x)
      for (int c = 0; c < 3; ++c)
        mirrored.pixels[std::size_t((y * mirrored.width + x) * 3 + c)] =
            demosaiced->pixels[std::size_t((y * mirrored.width + (mirrored.width - 1 - x)) * 3 + c)];
  const cv::Vec3d red = corner(mirrored, true), background = corner(*demosaiced, true);
  QVERIFY2(red[0] > red[2] + 40,
           qPrintable(QStringLiteral("top-right is not red: %1 %2 %3").arg(red[0]).arg(red[1]).arg(red[2])));
  QVERIFY2(background[2] > background[0] + 40, "top-left is not the blue background");

  // With a preview at least as large as asked for, the preview is what comes back (here: a grey picture,
  // told apart from the sensor's colours), turned upright by the same orientation.
  cv::Mat grey(120, 180, CV_8UC3, cv::Scalar(128, 128, 128));
  std::vector<unsigned char> jpeg;
  QVERIFY(cv::imencode(".jpg", grey, jpeg));
  const std::string with_preview = m_dir.filePath("preview.dng").toStdString();
  aia::test::write_dng(with_preview, m_picture, 6, jpeg, grey.cols, grey.rows);
  const auto shown = aia::read_image_rgb(with_preview, 100, 100, &why);
  QVERIFY2(shown, why.c_str());
  QCOMPARE(shown->height, 100);  // 120 x 180 turned: 180 high, fitted to 100
  const cv::Vec3d c = corner(*shown, true);
  QVERIFY2(std::abs(c[0] - 128) < 6 && std::abs(c[2] - 128) < 6, "the embedded preview was not used");
  // Asked for more than the preview holds: the sensor data is demosaiced instead.
  const auto full = aia::read_image_rgb(with_preview, 0, 0, &why);
  QVERIFY2(full, why.c_str());
  QCOMPARE(full->width, m_picture.rows);
}

void TestImageFormats::everyFormatIsCappedBeforeDecoding() {
  // 96 x 64 = 6144 pixels; a cap of 6000 refuses each format with its size, in words.
  const std::uint64_t cap = 6000;
  for (const char* name : {"p.heic", "p.avif", "p.jxl", "p.gif", "sensor.dng", "picture.png"}) {
    const std::string path = m_dir.filePath(QString::fromLatin1(name)).toStdString();
    QVERIFY2(QFileInfo::exists(QString::fromStdString(path)), name);
    std::string why;
    QVERIFY2(!aia::read_image_rgb(path, 0, 0, &why, cap), name);
    QVERIFY2(why.find("exceeds the limit of 6000") != std::string::npos, (std::string(name) + ": " + why).c_str());
  }
  // The header alone says the size of HEIF (ispe) and GIF (logical screen): a 60000 x 60000 GIF is refused
  // by the header guard without a decoder.
  std::string gif = read_all(m_dir.filePath("p.gif").toStdString());
  gif[6] = char(0x60), gif[7] = char(0xEA), gif[8] = char(0x60), gif[9] = char(0xEA);
  const auto header = aia::read_image_header(gif);
  QVERIFY(header);
  QCOMPARE(header->width, std::uint64_t{60000});
  const auto heif = aia::read_image_header(read_all(m_dir.filePath("p.heic").toStdString()));
  QVERIFY(heif);
  QCOMPARE(QString::fromLatin1(heif->format), QStringLiteral("HEIF"));
  QCOMPARE(heif->width * heif->height, std::uint64_t{96 * 64});
}

void TestImageFormats::damagedJpegDecodesWithAWarning() {
  // Three padding bytes between the JFIF segment and the next marker: libjpeg and Pillow decode it.
  std::vector<unsigned char> jpeg;
  QVERIFY(cv::imencode(".jpg", m_picture, jpeg));
  QCOMPARE(int(jpeg[20]), 0xFF);  // SOI (2) + APP0 (18): the next marker
  jpeg.insert(jpeg.begin() + 20, {0x00, 0x00, 0x00});
  const std::string path = m_dir.filePath("padded.jpg").toStdString();
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(jpeg.data()), std::streamsize(jpeg.size()));
  std::mutex m;
  std::vector<std::string> warnings;
  aia::set_image_warning_sink([&](const std::string& file, const std::string& w) {
    std::lock_guard lock(m);
    warnings.push_back(file + ": " + w);
  });
  std::string why;
  const auto image = aia::read_image_rgb(path, 0, 0, &why);
  aia::set_image_warning_sink(nullptr);
  QVERIFY2(image, why.c_str());
  QVERIFY(difference(*image, m_picture) < 8);
  QCOMPARE(warnings.size(), std::size_t{1});
  QVERIFY2(warnings[0].find(path) == 0 &&
               warnings[0].find("3 extraneous bytes before a marker at byte 20") != std::string::npos,
           warnings[0].c_str());
  // Nothing but padding after the start of image is still no image.
  const std::string empty = std::string(reinterpret_cast<const char*>(jpeg.data()), 20) + std::string(64, '\0');
  QVERIFY(!aia::read_image_header(empty, &why));
  QVERIFY2(why.find("no image size") != std::string::npos, why.c_str());
}

void TestImageFormats::everyFormatCountsAsAnImage() {
  for (const char* name : {"a.HEIC", "b.heif", "c.avif", "d.gif", "e.jxl", "f.CR2", "g.cr3", "h.nef", "i.arw", "j.raf",
                           "k.orf", "l.rw2", "m.dng", "n.jpg", "o.webp"})
    QVERIFY2(aia::is_image_file(name), name);
  QVERIFY(!aia::is_image_file("notes.txt"));
  QVERIFY(aia::is_raw_file_name("x.NEF") && !aia::is_raw_file_name("x.tif"));
  QVERIFY(QString::fromStdString(aia::image_file_patterns()).contains(QStringLiteral("*.heic")));
}

void TestImageFormats::fuzzSeedsReachEveryDecoder() {
  // The image fuzzer starts from these files: each must decode, so that every format's decoder is reached.
  std::set<std::string> formats;
  for (const auto& entry : std::filesystem::directory_iterator(AIA_FUZZ_DIR "/corpus/image")) {
    std::string why;
    QVERIFY2(aia::read_image_rgb(entry.path().string(), 0, 0, &why), (entry.path().string() + ": " + why).c_str());
    const auto header = aia::read_image_header(read_all(entry.path().string()));
    formats.insert(header->format);
  }
  QCOMPARE(formats, (std::set<std::string>{"AVIF", "BMP", "GIF", "HEIF", "JPEG", "JPEG XL", "PNG", "PNM", "RAW", "TIFF",
                                           "WebP"}));
}

QTEST_GUILESS_MAIN(TestImageFormats)
#include "tst_image_formats.moc"
