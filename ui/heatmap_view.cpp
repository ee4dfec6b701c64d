#include "heatmap_view.h"

#include "aia/annotate/heatmap.h"
#include "aia/errors.h"

#include <QCoreApplication>

namespace aia::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("aia::ui::HeatmapView", text); }
}  // namespace

QString heatmapMethodTitle(aia::Annotator::Method method) {
  switch (method) {
    case aia::Annotator::Method::Cam:
      return tr("CAM");
    case aia::Annotator::Method::GradCam:
      return tr("Grad-CAM");
    case aia::Annotator::Method::Attention:
      return tr("Attention");
  }
  return tr("CAM");
}

QString heatmapScaleNote(aia::Annotator::Method method) {
  if (method == aia::Annotator::Method::Attention)
    return tr(
        "Attention map of the attention head. Colours: the tag's attention against an even spread, on a log "
        "scale (none: even or less; full: all of it on one spot), the same for every tag and image.");
  return tr("Class activation map. Colours: the sigmoid of the local logit, on one scale for every tag and image.");
}

QImage heatmapImage(aia::Annotator& annotator, const QString& path, std::size_t label, aia::Annotator::Method method,
                    double opacity, int side) {
  const auto maps = annotator.heatmaps(path.toStdString(), method);
  if (!maps.ok) throw aia::InputError(path.toStdString() + ": " + maps.error);
  const aia::RgbImage rgb = aia::heatmap_overlay(path.toStdString(), maps, label, opacity, side);
  return QImage(rgb.pixels.data(), rgb.width, rgb.height, rgb.width * 3, QImage::Format_RGB888).copy();
}

}  // namespace aia::ui
