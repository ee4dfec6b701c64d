#pragma once
// A tag's heatmap for display, as Browse and Annotate show it: the run's own
// maps (the gap head's CAM or Grad-CAM, the attention head's attention) drawn
// by core's one overlay rule (aia/annotate/heatmap.h), and the words that say
// which maps they are and what their colours mean.

#include "aia/annotate/annotator.h"

#include <QImage>
#include <QString>

#include <cstddef>

namespace aia::ui {

QString heatmapMethodTitle(aia::Annotator::Method method);  // "CAM", "Grad-CAM", "Attention"
QString heatmapScaleNote(aia::Annotator::Method method);    // what the colours mean
// `label`'s map of `path` over the image, its longer side `side`. Called on a
// pool thread; throws aia::Error with the reason when it cannot be drawn.
QImage heatmapImage(aia::Annotator& annotator, const QString& path, std::size_t label, aia::Annotator::Method method,
                    double opacity, int side);

}  // namespace aia::ui
