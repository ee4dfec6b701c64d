#include "threshold_plots.h"

#include "plot_style.h"

#include <qcustomplot.h>

#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aia::ui {
namespace {

constexpr int kBins = 40;
constexpr double kGrab = 8;  // pixels either side of the threshold line that start a drag

QCPItemStraightLine* verticalLine(QCustomPlot* plot, const QColor& colour) {
  auto* line = new QCPItemStraightLine(plot);
  line->setPen(QPen(colour, 2));
  line->point1->setCoords(0.5, 0);
  line->point2->setCoords(0.5, 1);
  return line;
}

void placeLine(QCPItemStraightLine* line, double x) {
  if (!line) return;
  line->setVisible(!std::isnan(x));  // a label that abstains has no threshold to draw
  if (std::isnan(x)) return;
  line->point1->setCoords(x, 0);
  line->point2->setCoords(x, 1);
}

QCPGraph* graph(QCustomPlot* plot, const QString& name, const QColor& colour, Qt::PenStyle style = Qt::SolidLine) {
  auto* g = plot->addGraph();
  g->setName(name);
  g->setPen(QPen(colour, 2, style));
  return g;
}

}  // namespace

ThresholdPlots::ThresholdPlots(QWidget* parent) : QWidget(parent) {
  for (int i = 0; i <= 200; ++i) m_grid.push_back(i / 200.0);
  auto make = [this](const char* name) {
    auto* plot = new QCustomPlot;
    plot->setObjectName(QString::fromLatin1(name));
    stylePlot(plot);
    plot->setMinimumHeight(180);
    return plot;
  };
  m_hist = make("scoreHistogram");
  m_hist->xAxis->setLabel(tr("test score (drag the line to move the threshold)"));
  m_hist->yAxis->setLabel(tr("share of the class"));
  m_hist->installEventFilter(this);
  m_pr = make("precisionRecall");
  m_pr->xAxis->setLabel(tr("recall"));
  m_pr->yAxis->setLabel(tr("precision"));
  m_curves = make("thresholdCurves");
  m_curves->xAxis->setLabel(tr("threshold (drag the line)"));
  m_curves->yAxis->setLabel(tr("F1, MCC"));
  m_curves->installEventFilter(this);
  m_bars = make("labelF1Bars");
  m_bars->legend->setVisible(false);
  m_bars->xAxis->setLabel(tr("labels, sorted by F1 at their thresholds (click a bar to select its label)"));
  m_bars->yAxis->setLabel(tr("test F1"));
  m_bars->installEventFilter(this);
  m_global = make("globalThreshold");
  m_global->xAxis->setLabel(tr("one threshold for every label"));
  m_global->yAxis->setLabel(tr("F1"));
  m_global->yAxis2->setVisible(true);
  m_global->yAxis2->setLabel(tr("N+"));
  m_note = new QLabel;
  m_note->setWordWrap(true);

  auto* all = new QTabWidget;
  all->addTab(m_bars, tr("Per-label F1"));
  all->addTab(m_global, tr("One global threshold"));
  auto* grid = new QGridLayout;
  grid->addWidget(m_hist, 0, 0);
  grid->addWidget(m_pr, 0, 1);
  grid->addWidget(m_curves, 1, 0);
  grid->addWidget(all, 1, 1);
  grid->setColumnStretch(0, 1);
  grid->setColumnStretch(1, 1);
  for (auto* plot : {m_hist, m_pr, m_curves, m_bars, m_global}) plot->setMinimumWidth(280);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(grid, 1);
  layout->addWidget(m_note);
}

void ThresholdPlots::setRun(std::shared_ptr<const RunData> run) {
  m_run = std::move(run);
  m_label = -1;
  for (auto* plot : {m_hist, m_pr, m_curves, m_bars, m_global}) {
    plot->clearPlottables();
    plot->clearItems();
  }
  m_histLine = m_curvesLine = m_globalLine = nullptr;
  m_operating = nullptr;
  m_barsData = nullptr;
  if (!m_run) {
    for (auto* plot : {m_hist, m_pr, m_curves, m_bars, m_global}) plot->replot();
    return;
  }
  m_note->setText(m_run->trainSorted.empty()
                      ? tr("This run kept no training-split scores (runs from before they were kept): the curves show "
                           "the test split only.")
                      : QString());
  m_histLine = verticalLine(m_hist, plotColour(5));
  m_curvesLine = verticalLine(m_curves, plotColour(5));
  // One stepped, filled outline rather than a bar item per label: a single
  // polygon keeps the repaint cheap with hundreds of labels.
  m_barsData = m_bars->addGraph();
  m_barsData->setLineStyle(QCPGraph::lsStepCenter);
  m_barsData->setPen(QPen(plotColour(0)));
  m_barsData->setBrush(plotColour(0, 170));
  m_barsData->setAntialiased(false);
  m_barsData->setAntialiasedFill(false);

  // One global threshold: computed once per run, it does not depend on the per-label thresholds.
  const auto curve = aia::global_curve(m_run->testSorted, m_grid);
  auto* classF1 = graph(m_global, tr("per-class F1"), plotColour(2));
  auto* imageF1 = graph(m_global, tr("per-image F1"), plotColour(3));
  auto* nPlus = m_global->addGraph(m_global->xAxis, m_global->yAxis2);
  nPlus->setName(tr("N+"));
  nPlus->setPen(QPen(plotColour(7), 2));
  for (std::size_t i = 0; i < m_grid.size(); ++i) {
    classF1->addData(m_grid[i], curve[i].per_class_f1);
    imageF1->addData(m_grid[i], curve[i].per_image_f1);
    nPlus->addData(m_grid[i], curve[i].n_plus);
  }
  m_global->xAxis->setRange(0, 1);
  m_global->yAxis->setRange(0, 1);
  m_global->yAxis2->setRange(0, std::max<double>(1, static_cast<double>(m_run->testSorted.size())));
  m_global->replot();
  m_hist->xAxis->setRange(0, 1);
  m_curves->xAxis->setRange(0, 1);
  m_curves->yAxis->setRange(-0.2, 1);
  m_pr->xAxis->setRange(0, 1);
  m_pr->yAxis->setRange(0, 1.02);
}

int ThresholdPlots::barLabel(int bar) const {
  return bar >= 0 && bar < static_cast<int>(m_barOrder.size()) ? m_barOrder[static_cast<std::size_t>(bar)] : -1;
}

void ThresholdPlots::update(int label, const std::vector<aia::LabelRow>& rows) {
  if (!m_run || rows.size() != m_run->testSorted.size()) return;
  // Per-label F1 at the current thresholds, sorted.
  m_barOrder.resize(rows.size());
  std::iota(m_barOrder.begin(), m_barOrder.end(), 0);
  std::stable_sort(m_barOrder.begin(), m_barOrder.end(), [&](int a, int b) {
    return rows[static_cast<std::size_t>(a)].f1 > rows[static_cast<std::size_t>(b)].f1;
  });
  QVector<double> keys(static_cast<int>(rows.size())), values(static_cast<int>(rows.size()));
  for (int i = 0; i < keys.size(); ++i) {
    keys[i] = i;
    values[i] = rows[static_cast<std::size_t>(m_barOrder[static_cast<std::size_t>(i)])].f1;
  }
  m_barsData->setData(keys, values, true);
  if (rows.size() <= 30) {  // few enough to name
    auto names = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < keys.size(); ++i)
      names->addTick(i, QString::fromStdString(
                            m_run->scores.labels[static_cast<std::size_t>(m_barOrder[static_cast<std::size_t>(i)])]));
    m_bars->xAxis->setTicker(names);
    m_bars->xAxis->setTickLabelRotation(rows.size() > 10 ? 60 : 0);
  }
  m_bars->xAxis->setRange(-1, static_cast<double>(rows.size()));
  m_bars->yAxis->setRange(0, 1);
  m_bars->replot(QCustomPlot::rpQueuedReplot);
  if (label < 0 || label >= static_cast<int>(rows.size())) return;
  const double threshold = rows[static_cast<std::size_t>(label)].threshold;
  if (label != m_label) showLabel(label);
  m_threshold = threshold;
  placeLine(m_histLine, threshold);
  placeLine(m_curvesLine, threshold);
  const auto& r = rows[static_cast<std::size_t>(label)];
  if (m_operating) m_operating->setData({r.recall}, {r.precision});
  for (auto* plot : {m_hist, m_pr, m_curves}) plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThresholdPlots::showLabel(int label) {
  m_label = label;
  const aia::SortedLabel& test = m_run->testSorted[static_cast<std::size_t>(label)];
  const QString name = QString::fromStdString(m_run->scores.labels[static_cast<std::size_t>(label)]);

  // Histograms of the test scores, each as the share of its class.
  m_hist->clearPlottables();
  for (const auto& [scores, title, colour] :
       {std::tuple{&test.positives, tr("positives (%1 test images)"), plotColour(2, 150)},
        std::tuple{&test.negatives, tr("negatives (%1)"), plotColour(7, 110)}}) {
    QVector<double> counts(kBins, 0.0), centres(kBins);
    for (double s : *scores) counts[std::clamp(static_cast<int>(s * kBins), 0, kBins - 1)] += 1;
    for (int b = 0; b < kBins; ++b) {
      centres[b] = (b + 0.5) / kBins;
      if (!scores->empty()) counts[b] /= static_cast<double>(scores->size());
    }
    auto* bars = new QCPBars(m_hist->xAxis, m_hist->yAxis);
    bars->setName(title.arg(scores->size()));
    bars->setData(centres, counts, true);
    bars->setWidth(1.0 / kBins);
    bars->setPen(Qt::NoPen);
    bars->setBrush(colour);
  }
  m_hist->yAxis->rescale();
  m_hist->yAxis->setRangeLower(0);
  m_hist->legend->setVisible(true);

  // F1 and MCC against the threshold: the test split solid, the training split dashed.
  m_curves->clearPlottables();
  auto addCurves = [&](const aia::SortedLabel& sorted, const QString& split, Qt::PenStyle style) {
    const auto rows = aia::label_curve(sorted, m_grid);
    auto* f1 = graph(m_curves, tr("F1, %1").arg(split), plotColour(0), style);
    auto* mcc = graph(m_curves, tr("MCC, %1").arg(split), plotColour(1), style);
    for (std::size_t i = 0; i < m_grid.size(); ++i) {
      f1->addData(m_grid[i], rows[i].f1);
      mcc->addData(m_grid[i], rows[i].mcc);
    }
  };
  addCurves(test, tr("test"), Qt::SolidLine);
  if (!m_run->trainSorted.empty())
    addCurves(m_run->trainSorted[static_cast<std::size_t>(label)], tr("train"), Qt::DashLine);

  // Precision-recall over the thresholds, the current operating point and each strategy's.
  m_pr->clearPlottables();
  auto* curve = new QCPCurve(m_pr->xAxis, m_pr->yAxis);
  curve->setName(tr("%1, test").arg(name));
  curve->setPen(QPen(plotColour(0), 2));
  for (const auto& r : aia::label_curve(test, m_grid))
    if (r.tp + r.fp > 0) curve->addData(r.recall, r.precision);
  const std::pair<QString, double> strategies[] = {{tr("0.5"), 0.5},
                                                   {tr("MCC grid"), m_run->grid[static_cast<std::size_t>(label)]},
                                                   {tr("exact MCC"), m_run->exactMcc[static_cast<std::size_t>(label)]},
                                                   {tr("exact F1"), m_run->exactF1[static_cast<std::size_t>(label)]}};
  const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
                                                  QCPScatterStyle::ssDiamond, QCPScatterStyle::ssCross};
  for (std::size_t k = 0; k < 4; ++k) {
    const auto row = aia::label_curve(test, {strategies[k].second}).front();
    auto* point = m_pr->addGraph();
    point->setName(strategies[k].first);
    point->setLineStyle(QCPGraph::lsNone);
    point->setScatterStyle(QCPScatterStyle(shapes[k], plotColour(static_cast<int>(k) + 2), 9));
    point->addData(row.recall, row.precision);
  }
  addCertificate(label, test);
  m_operating = m_pr->addGraph();
  m_operating->setName(tr("current"));
  m_operating->setLineStyle(QCPGraph::lsNone);
  m_operating->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, plotColour(5), 11));
}

void ThresholdPlots::setCertified(std::vector<aia::Certified> certified, aia::CertifyOptions options) {
  m_certified = std::move(certified);
  m_certifyOptions = options;
  if (m_run && m_label >= 0) {
    const int label = m_label;
    showLabel(label);
    m_pr->replot(QCustomPlot::rpQueuedReplot);
  }
}

// The last certification on the precision-recall plot: the target, and the
// certified lower bound from the certified operating point on, or why the
// label abstains (in the legend).
void ThresholdPlots::addCertificate(int label, const aia::SortedLabel& test) {
  if (label < 0 || static_cast<std::size_t>(label) >= m_certified.size()) return;
  const aia::Certified& c = m_certified[static_cast<std::size_t>(label)];
  auto* target = graph(m_pr, tr("target precision %1").arg(m_certifyOptions.target), plotColour(6), Qt::DotLine);
  target->setObjectName(QStringLiteral("certifyTarget"));
  target->addData(0, m_certifyOptions.target);
  target->addData(1, m_certifyOptions.target);
  if (!c.certified) {
    target->setName(tr("target %1: abstains (%2)").arg(m_certifyOptions.target).arg(QString::fromStdString(c.reason)));
    return;
  }
  const auto row = aia::label_curve(test, {c.threshold}).front();
  auto* bound = graph(m_pr,
                      tr("certified \u2265 %1 at threshold %2 (\u03b4 %3)")
                          .arg(c.lower_bound, 0, 'f', 3)
                          .arg(c.threshold, 0, 'f', 2)
                          .arg(m_certifyOptions.delta),
                      plotColour(5), Qt::DashLine);
  bound->setObjectName(QStringLiteral("certifiedBound"));
  bound->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, plotColour(5), 10));
  bound->addData(0, c.lower_bound);  // the bound holds at the certified threshold: drawn across, marked there
  bound->addData(row.recall, c.lower_bound);
}

bool ThresholdPlots::eventFilter(QObject* watched, QEvent* event) {
  auto* plot = qobject_cast<QCustomPlot*>(watched);
  if (!plot || !m_run) return QWidget::eventFilter(watched, event);
  const auto type = event->type();
  if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove && type != QEvent::MouseButtonRelease)
    return QWidget::eventFilter(watched, event);
  const auto* e = static_cast<QMouseEvent*>(event);
  const double x = e->position().x();
  if (plot == m_bars) {
    if (type == QEvent::MouseButtonPress && e->button() == Qt::LeftButton) {
      const int bar = static_cast<int>(std::lround(m_bars->xAxis->pixelToCoord(x)));
      const int label = barLabel(bar);
      if (label >= 0) Q_EMIT labelClicked(label);
      return true;
    }
    return QWidget::eventFilter(watched, event);
  }
  if (m_label < 0) return QWidget::eventFilter(watched, event);
  if (type == QEvent::MouseButtonPress && e->button() == Qt::LeftButton &&
      std::abs(x - plot->xAxis->coordToPixel(m_threshold)) <= kGrab) {
    m_dragging = true;
    return true;
  }
  if (type == QEvent::MouseMove && !m_dragging) {  // the cursor says the line can be dragged
    const bool near = std::abs(x - plot->xAxis->coordToPixel(m_threshold)) <= kGrab;
    plot->setCursor(near ? Qt::SizeHorCursor : Qt::ArrowCursor);
  }
  if (type == QEvent::MouseMove && m_dragging) {
    Q_EMIT thresholdDragged(m_label, std::clamp(plot->xAxis->pixelToCoord(x), 0.0, 1.0));
    return true;
  }
  if (type == QEvent::MouseButtonRelease && m_dragging) {
    m_dragging = false;
    Q_EMIT dragFinished();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace aia::ui
