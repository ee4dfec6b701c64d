#pragma once
// The Thresholds page's pictures. For the selected label: the test scores of
// its positives and negatives as two histograms with the threshold as a line
// that can be dragged; its precision-recall curve with the current operating
// point and each strategy's; F1 and MCC against the threshold on the training
// split (where strategies choose) and the test split (where they are judged).
// For all labels: per-label F1 sorted (click a bar to select its label), and
// per-class F1, per-image F1 and N+ under one global threshold. Every number
// comes from core (label_curve, global_curve, IncrementalMetrics' rows).

#include "aia/metrics/certify.h"
#include "aia/metrics/metrics.h"
#include "run_data.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QCPGraph;
class QLabel;

namespace aia::ui {

class ThresholdPlots : public QWidget {
  Q_OBJECT
 public:
  explicit ThresholdPlots(QWidget* parent = nullptr);
  void setRun(std::shared_ptr<const RunData> run);
  // The selected label and its threshold; `rows` every label's row at the current thresholds.
  void update(int label, const std::vector<aia::LabelRow>& rows);
  // Each label's certificate (aia::certified_thresholds' details), drawn on
  // the precision-recall plot; empty: none.
  void setCertified(std::vector<aia::Certified> certified, aia::CertifyOptions options);

  QCustomPlot* histogram() const { return m_hist; }
  QCustomPlot* precisionRecall() const { return m_pr; }
  QCustomPlot* curves() const { return m_curves; }
  QCustomPlot* labelBars() const { return m_bars; }
  QCustomPlot* globalCurves() const { return m_global; }
  int barLabel(int bar) const;  // the label drawn as the bar-th bar (sorted by F1), -1 if none

 Q_SIGNALS:
  void thresholdDragged(int label, double value);
  void dragFinished();
  void labelClicked(int label);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void showLabel(int label);
  void addCertificate(int label, const aia::SortedLabel& test);
  QCustomPlot *m_hist, *m_pr, *m_curves, *m_bars, *m_global;
  QCPItemStraightLine *m_histLine = nullptr, *m_curvesLine = nullptr, *m_globalLine = nullptr;
  QCPGraph* m_operating = nullptr;
  QCPGraph* m_barsData = nullptr;
  QLabel* m_note;
  std::shared_ptr<const RunData> m_run;
  std::vector<double> m_grid;  // thresholds the curves are drawn at
  std::vector<int> m_barOrder;
  std::vector<aia::Certified> m_certified;
  aia::CertifyOptions m_certifyOptions;
  int m_label = -1;
  double m_threshold = 0.5;
  bool m_dragging = false;
};

}  // namespace aia::ui
