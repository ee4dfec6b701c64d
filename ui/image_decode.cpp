#include "image_decode.h"

#include "aia/data/image_reader.h"

namespace aia::ui {

QImage decodeToFit(const QString& path, const QSize& box) {
  // Core's one guarded decode: the header guard, the pixel cap, every format
  // core reads (HEIC, RAW and GIF included) and the orientation the file records.
  std::string why;
  const auto rgb = aia::read_image_rgb(path.toStdString(), box.width(), box.height(), &why);
  if (!rgb) return {};
  const QImage image(rgb->pixels.data(), rgb->width, rgb->height, rgb->width * 3, QImage::Format_RGB888);
  if (rgb->width < box.width() && rgb->height < box.height())  // a small image fills the box, as before
    return image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  return image.copy();
}

}  // namespace aia::ui
