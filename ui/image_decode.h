#pragma once
// Images for display through core's one decode (aia/data/image_reader.h):
// every format core reads, the orientation the file records, a JPEG decoded
// at 1/2, 1/4 or 1/8 when that still fills the box (a 24-megapixel photo never
// exists in full in memory), a RAW file's embedded preview. Called on pool
// threads, never the GUI's.

#include <QImage>
#include <QSize>
#include <QString>

namespace aia::ui {

// `path` scaled to fit `box` (aspect ratio kept); a null image when it cannot be decoded.
QImage decodeToFit(const QString& path, const QSize& box);

}  // namespace aia::ui
