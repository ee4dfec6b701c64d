#pragma once
// Images for display, decoded at the size they are shown: the reader scales
// while decoding, so a 24-megapixel photo never exists in full in memory, and
// the EXIF orientation is applied. Called on pool threads, never the GUI's.

#include <QImage>
#include <QSize>
#include <QString>

namespace aia::ui {

// `path` scaled to fit `box` (aspect ratio kept); a null image when it cannot be decoded.
QImage decodeToFit(const QString& path, const QSize& box);

}  // namespace aia::ui
