#pragma once
// One look for every plot of the application: a palette that stays apart for
// colour-blind readers (Okabe and Ito's eight colours), axes and text in the
// widget palette's colours (so a dark theme gets light axes), the legend
// outside the data, and a context menu that exports the plot as PNG, SVG or
// PDF.

#include <QColor>
#include <QString>

class QCustomPlot;

namespace aia::ui {

// The k-th colour of the palette (k wraps around); alpha 0-255.
QColor plotColour(int k, int alpha = 255);

// Applies the look above to `plot` (call once, after creating it): legend in a
// row below the axes when `legendBelow`, else in the top-right corner.
void stylePlot(QCustomPlot* plot, bool legendBelow = true);

// Writes `plot` to `path` (.png, .svg or .pdf by the suffix) under a temporary
// name first, then renamed; false if it could not be written.
bool savePlot(QCustomPlot* plot, const QString& path, int width = 0, int height = 0);

}  // namespace aia::ui
