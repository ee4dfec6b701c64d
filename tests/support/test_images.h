#pragma once
// Test images in the formats people have, made by real encoders where Debian
// ships one (heif-enc for HEIC and AVIF, cjxl for JPEG XL, Pillow for GIF) and
// written after the specification where it does not (dng_writer.h).

#include "dng_writer.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <string>

namespace aia::test {

// A picture whose content shows its orientation: a bright red block in the
// top-left corner, a green one bottom-right, blue background (few colours,
// so that a GIF palette keeps them exactly).
inline cv::Mat orientation_picture(int width = 96, int height = 64) {
  cv::Mat bgr(height, width, CV_8UC3, cv::Scalar(160, 40, 30));
  bgr(cv::Rect(0, 0, width / 3, height / 3)).setTo(cv::Scalar(20, 30, 230));
  bgr(cv::Rect(width - width / 3, height - height / 3, width / 3, height / 3)).setTo(cv::Scalar(40, 220, 40));
  return bgr;
}

// Runs `program` with `args`; "" when it exited 0, else what went wrong.
inline QString run_tool(const QString& program, const QStringList& args) {
  if (QStandardPaths::findExecutable(program).isEmpty() && !program.startsWith(QLatin1Char('/')))
    return program + QStringLiteral(" is not installed (bash packaging/install-deps.sh)");
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
    return program + QStringLiteral(" failed: ") + QString::fromUtf8(p.readAllStandardError());
  return {};
}

}  // namespace aia::test
