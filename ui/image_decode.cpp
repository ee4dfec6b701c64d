#include "image_decode.h"

#include "aia/data/image_header.h"

#include <QFile>
#include <QImageReader>

#include <string_view>

namespace aia::ui {

QImage decodeToFit(const QString& path, const QSize& box) {
  // Core's header guard first (a known format with a size in its header):
  // the same rule as every decode in core. 1 MiB reaches the frame header
  // behind the largest EXIF, XMP and ICC segments cameras write.
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QByteArray head = file.read(1 << 20);
  if (!aia::read_image_header(std::string_view(head.constData(), static_cast<std::size_t>(head.size())))) return {};
  file.close();
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize size = reader.size();
  if (size.isValid()) reader.setScaledSize(size.scaled(box, Qt::KeepAspectRatio));
  return reader.read();
}

}  // namespace aia::ui
