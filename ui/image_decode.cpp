#include "image_decode.h"

#include <QImageReader>

namespace aia::ui {

QImage decodeToFit(const QString& path, const QSize& box) {
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize size = reader.size();
  if (size.isValid()) reader.setScaledSize(size.scaled(box, Qt::KeepAspectRatio));
  return reader.read();
}

}  // namespace aia::ui
