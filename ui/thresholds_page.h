#pragma once
// Every label's threshold, editable in a table, with a slider or by dragging
// the line in the plots (threshold_plots.h); the global metrics and the
// pictures follow live from cached scores (IncrementalMetrics, no
// re-inference). Strategies fill all thresholds at once and are compared side
// by side; every change can be undone.

#include "aia/metrics/certify.h"
#include "aia/metrics/metrics.h"
#include "run_data.h"

#include <QAbstractTableModel>
#include <QUndoStack>
#include <QWidget>

#include <memory>

class QLabel;
class QLayout;
class QSlider;
class QTableView;
class QTableWidget;
class QDoubleSpinBox;

namespace aia::ui {
class ThresholdPlots;
}

namespace aia::ui {

class ThresholdModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Label, Frequency, Threshold, Precision, Recall, F1, Mcc, TP, FP, FN, Certificate, ColumnCount };
  using QAbstractTableModel::QAbstractTableModel;
  void reset(std::shared_ptr<const RunData> run, const std::vector<double>& thresholds);
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;

  // Applies without recording (the undo commands call these).
  void applyThreshold(int label, double value);
  void applyAll(const std::vector<double>& values);
  const aia::IncrementalMetrics* metrics() const { return m_metrics.get(); }
  std::vector<double> thresholds() const;
  // The last certification (Precision >=): each label's certificate, shown
  // while its threshold is the certified one. Empty: none made.
  void setCertified(std::vector<aia::Certified> certified, aia::CertifyOptions options);
  const std::vector<aia::Certified>& certified() const { return m_certified; }

 Q_SIGNALS:
  void thresholdEditRequested(int label, double oldValue, double newValue);
  void metricsChanged();

 private:
  QVariant certificateText(std::size_t label, double threshold) const;
  std::shared_ptr<const RunData> m_run;
  std::unique_ptr<aia::IncrementalMetrics> m_metrics;
  std::vector<aia::Certified> m_certified;
  aia::CertifyOptions m_certifyOptions;
};

class ThresholdsPage : public QWidget {
  Q_OBJECT
 public:
  explicit ThresholdsPage(QWidget* parent = nullptr);
  void setRun(std::shared_ptr<const RunData> run);
  QUndoStack* undoStack() { return &m_undo; }
  ThresholdModel* model() { return &m_model; }
  QSlider* slider() const { return m_slider; }
  QTableView* table() const { return m_table; }
  QString summaryText() const;
  ThresholdPlots* plots() const { return m_plots; }

 public Q_SLOTS:
  // Recorded for undo: the edits of one label until endGesture() (a drag of
  // the line or the slider released) are one undo step.
  void setThreshold(int label, double value);
  void endGesture();
  void setAll(const std::vector<double>& values, const QString& what);
  // Every label's threshold certified at precision >= target with risk delta
  // on the run's test split (abstaining labels get none); one undo step.
  void certify(double target, double delta);
  void save(const QString& path);
  void load(const QString& path);
  void saveAs();
  void open();
  bool exportTable(const QString& path);
  bool exportThresholds(const QString& path);

 Q_SIGNALS:
  void messageLogged(const QString& text);
  void thresholdsChanged(const std::vector<double>& values);

 private:
  QLayout* createStrategyButtons();
  void addStrategyRow(const QString& name, const aia::Metrics& m);
  void addCertifiedRow();
  void updateSummary();
  void selectLabel(int label);
  ThresholdModel m_model;
  QUndoStack m_undo;
  std::shared_ptr<const RunData> m_run;
  QTableView* m_table;
  QSlider* m_slider;
  QLabel* m_sliderLabel;
  QLabel* m_summary;
  QTableWidget* m_strategies;
  QDoubleSpinBox* m_global;
  QDoubleSpinBox* m_target;
  QDoubleSpinBox* m_delta;
  int m_selected = -1;
  int m_gesture = 0;  // which drag the next setThreshold belongs to
  ThresholdPlots* m_plots;
  void updatePlots();
};

}  // namespace aia::ui
