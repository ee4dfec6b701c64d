#include "plot_style.h"

#include <qcustomplot.h>

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QPalette>
#include <QSvgGenerator>

#include <array>

namespace aia::ui {

QColor plotColour(int k, int alpha) {
  // Okabe & Ito (2008): blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, grey.
  static const std::array<QColor, 8> colours = {QColor(0, 114, 178),   QColor(230, 159, 0),  QColor(0, 158, 115),
                                                QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                                QColor(240, 228, 66),  QColor(128, 128, 128)};
  QColor c = colours[static_cast<std::size_t>(((k % 8) + 8) % 8)];
  c.setAlpha(alpha);
  return c;
}

void stylePlot(QCustomPlot* plot, bool legendBelow) {
  plot->setMinimumHeight(200);
  const QPalette pal = plot->palette();
  const QColor text = pal.color(QPalette::WindowText), grid = pal.color(QPalette::Mid);
  plot->setBackground(pal.brush(QPalette::Base));
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2}) {
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
  }
  plot->legend->setVisible(true);
  plot->legend->setTextColor(text);
  plot->legend->setBrush(pal.brush(QPalette::Base));
  plot->legend->setBorderPen(Qt::NoPen);
  QFont small = plot->font();
  small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
  plot->legend->setFont(small);
  if (legendBelow) {
    auto* below = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, below);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    below->setMargins(QMargins(5, 0, 5, 5));
    below->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(3);
  } else {
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  }
  plot->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot](const QPoint& at) {
    QMenu menu(plot);
    for (const auto& [label, suffix] : {std::pair{QObject::tr("Export as &PNG..."), QStringLiteral("png")},
                                        std::pair{QObject::tr("Export as &SVG..."), QStringLiteral("svg")},
                                        std::pair{QObject::tr("Export as P&DF..."), QStringLiteral("pdf")}})
      menu.addAction(label, plot, [plot, suffix] {
        const QString path =
            QFileDialog::getSaveFileName(plot, QObject::tr("Export the plot"), plot->objectName() + "." + suffix,
                                         suffix.toUpper() + QStringLiteral(" (*.") + suffix + QLatin1Char(')'));
        if (!path.isEmpty()) savePlot(plot, path);
      });
    menu.exec(plot->mapToGlobal(at));
  });
}

bool savePlot(QCustomPlot* plot, const QString& path, int width, int height) {
  const int w = width > 0 ? width : std::max(640, plot->width());
  const int h = height > 0 ? height : std::max(420, plot->height());
  const QString suffix = QFileInfo(path).suffix().toLower();
  const QString part = path + QStringLiteral(".part");
  bool written = false;
  if (suffix == QLatin1String("png")) {
    written = plot->savePng(part, w, h);
  } else if (suffix == QLatin1String("pdf")) {
    written = plot->savePdf(part, w, h);
  } else if (suffix == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setFileName(part);
    svg.setSize(QSize(w, h));
    svg.setViewBox(QRect(0, 0, w, h));
    svg.setTitle(plot->objectName());
    QCPPainter painter;
    written = painter.begin(&svg);
    if (written) {
      plot->toPainter(&painter, w, h);
      painter.end();
    }
  }
  if (written) {
    QFile::remove(path);
    written = QFile::rename(part, path);
  }
  if (!written) QFile::remove(part);
  return written;
}

}  // namespace aia::ui
