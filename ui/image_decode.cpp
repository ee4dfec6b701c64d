#include "image_decode.h"

#include "aia/data/image_reader.h"

namespace aia::ui {

QImage decodeToFit(const QString& path, const QSize& box) {
  // Core's one guarded decode: the header guard, the pixel cap, every format
  // core reads (HEIC, RAW and GIF included) and the orientation the file records.
  std::string why;
  const auto rgb = aia::read_image_rgb(path.toStdString(), box.width(), box.height(), &why);
  if (!rgb) return {};
  return QImage(rgb->pixels.data(), rgb->width, rgb->height, rgb->width * 3, QImage::Format_RGB888).copy();
}

}  // namespace aia::ui
