#include "thresholds_page.h"

#include "threshold_plots.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/csv.h"
#include "aia/metrics/certify.h"
#include "aia/metrics/label_table.h"
#include "aia/metrics/thresholds.h"
#include "aia/metrics/thresholds_json.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QUndoCommand>
#include <QVBoxLayout>

namespace aia::ui {
namespace {

constexpr int kSliderSteps = 1000;

class SetThresholdCommand : public QUndoCommand {
 public:
  // `gesture`: the drag this edit belongs to; the edits of one drag of one
  // label merge into one undo step, -1 never merges (a typed value).
  SetThresholdCommand(ThresholdModel* model, int label, double before, double after, int gesture)
      : m_model(model), m_label(label), m_gesture(gesture), m_before(before), m_after(after) {
    setText(QObject::tr("threshold of %1")
                .arg(model->data(model->index(label, ThresholdModel::Label), Qt::DisplayRole).toString()));
  }
  void undo() override { m_model->applyThreshold(m_label, m_before); }
  void redo() override { m_model->applyThreshold(m_label, m_after); }
  int id() const override { return 1; }
  bool mergeWith(const QUndoCommand* other) override {  // one drag is one step
    auto* o = static_cast<const SetThresholdCommand*>(other);
    if (o->m_label != m_label || o->m_gesture != m_gesture || m_gesture < 0) return false;
    m_after = o->m_after;
    return true;
  }

 private:
  ThresholdModel* m_model;
  int m_label, m_gesture;
  double m_before, m_after;
};

class SetAllCommand : public QUndoCommand {
 public:
  SetAllCommand(ThresholdModel* model, std::vector<double> before, std::vector<double> after, const QString& what)
      : QUndoCommand(what), m_model(model), m_before(std::move(before)), m_after(std::move(after)) {}
  void undo() override { m_model->applyAll(m_before); }
  void redo() override { m_model->applyAll(m_after); }

 private:
  ThresholdModel* m_model;
  std::vector<double> m_before, m_after;
};

QString metricsLine(const aia::Metrics& m) {
  return QObject::tr("per-class P %1  R %2  F1 %3   per-image P %4  R %5  F1 %6   N+ %7   mAP %8")
      .arg(m.per_class_precision, 0, 'f', 4)
      .arg(m.per_class_recall, 0, 'f', 4)
      .arg(m.per_class_f1, 0, 'f', 4)
      .arg(m.per_image_precision, 0, 'f', 4)
      .arg(m.per_image_recall, 0, 'f', 4)
      .arg(m.per_image_f1, 0, 'f', 4)
      .arg(m.n_plus)
      .arg(m.map, 0, 'f', 4);
}

}  // namespace

void ThresholdModel::reset(std::shared_ptr<const RunData> run, const std::vector<double>& thresholds) {
  beginResetModel();
  m_run = std::move(run);
  m_metrics = m_run ? std::make_unique<aia::IncrementalMetrics>(m_run->matrix, thresholds) : nullptr;
  m_certified.clear();
  endResetModel();
  Q_EMIT metricsChanged();
}

int ThresholdModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !m_run ? 0 : static_cast<int>(m_run->scores.labels.size());
}
int ThresholdModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ThresholdModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {QT_TR_NOOP("label"), QT_TR_NOOP("frequency"), QT_TR_NOOP("threshold"), QT_TR_NOOP("P"),
                                QT_TR_NOOP("R"),     QT_TR_NOOP("F1"),        QT_TR_NOOP("MCC"),       QT_TR_NOOP("TP"),
                                QT_TR_NOOP("FP"),    QT_TR_NOOP("FN"),        QT_TR_NOOP("certified")};
  return tr(names[section]);
}

QVariant ThresholdModel::data(const QModelIndex& index, int role) const {
  if (!m_metrics || !index.isValid()) return {};
  const auto label = static_cast<std::size_t>(index.row());
  const aia::LabelRow row = m_metrics->row(label);  // core's numbers, not recomputed here
  if (role == Qt::TextAlignmentRole && index.column() != Label) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case Label:
      return QString::fromStdString(m_run->scores.labels[label]);
    case Frequency:
      return qlonglong(row.support);
    case Threshold:
      if (role == Qt::EditRole) return row.threshold;
      return std::isnan(row.threshold) ? tr("none (never tagged)") : QString::number(row.threshold, 'f', 4);
    case Precision:
      return QString::number(row.precision, 'f', 3);
    case Recall:
      return QString::number(row.recall, 'f', 3);
    case F1:
      return QString::number(row.f1, 'f', 3);
    case Mcc:
      return QString::number(row.mcc, 'f', 3);
    case TP:
      return qlonglong(row.tp);
    case FP:
      return qlonglong(row.fp);
    case FN:
      return qlonglong(row.fn);
    case Certificate:
      return certificateText(label, row.threshold);
  }
  return {};
}

// "≥ 0.912" while the label's threshold is the certified one; why it abstains; or that it moved.
QVariant ThresholdModel::certificateText(std::size_t label, double threshold) const {
  if (label >= m_certified.size()) return QString();
  const aia::Certified& c = m_certified[label];
  if (!c.certified)
    return std::isnan(threshold) ? tr("abstains: %1").arg(QString::fromStdString(c.reason))
                                 : tr("none (abstained: %1)").arg(QString::fromStdString(c.reason));
  if (threshold != c.threshold) return tr("none (moved from the certified %1)").arg(c.threshold, 0, 'f', 2);
  return tr("precision \u2265 %1 (\u03b4 %2)").arg(c.lower_bound, 0, 'f', 3).arg(m_certifyOptions.delta);
}

void ThresholdModel::setCertified(std::vector<aia::Certified> certified, aia::CertifyOptions options) {
  m_certified = std::move(certified);
  m_certifyOptions = options;
  if (rowCount() > 0) Q_EMIT dataChanged(index(0, Certificate), index(rowCount() - 1, Certificate));
}

Qt::ItemFlags ThresholdModel::flags(const QModelIndex& index) const {
  auto f = QAbstractTableModel::flags(index);
  return index.column() == Threshold ? f | Qt::ItemIsEditable : f;
}

bool ThresholdModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::EditRole || index.column() != Threshold || !m_metrics) return false;
  bool ok = false;
  const double v = value.toDouble(&ok);
  if (!ok || !std::isfinite(v)) return false;
  Q_EMIT thresholdEditRequested(index.row(), m_metrics->threshold(static_cast<std::size_t>(index.row())), v);
  return true;
}

void ThresholdModel::applyThreshold(int label, double value) {
  m_metrics->set_threshold(static_cast<std::size_t>(label), value);
  Q_EMIT dataChanged(index(label, Threshold), index(label, Certificate));
  Q_EMIT metricsChanged();
}

void ThresholdModel::applyAll(const std::vector<double>& values) {
  for (std::size_t j = 0; j < values.size(); ++j) m_metrics->set_threshold(j, values[j]);
  Q_EMIT dataChanged(index(0, Threshold), index(rowCount() - 1, Certificate));
  Q_EMIT metricsChanged();
}

std::vector<double> ThresholdModel::thresholds() const {
  return m_metrics ? m_metrics->thresholds() : std::vector<double>{};
}

namespace {

QDoubleSpinBox* numberBox(const QString& name, double low, double high, int decimals, double step, double value) {
  auto* box = new QDoubleSpinBox;
  box->setObjectName(name);
  box->setRange(low, high);
  box->setDecimals(decimals);
  box->setSingleStep(step);
  box->setValue(value);
  return box;
}

}  // namespace

ThresholdsPage::ThresholdsPage(QWidget* parent) : QWidget(parent) {
  m_table = new QTableView;
  m_table->setObjectName(QStringLiteral("thresholdTable"));
  m_table->setModel(&m_model);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  // Sized to the contents once per run (setRun), not on every edit: a drag
  // would otherwise measure every row's text at each step.
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  m_table->verticalHeader()->setVisible(false);
  m_slider = new QSlider(Qt::Horizontal);
  m_slider->setObjectName(QStringLiteral("thresholdSlider"));
  m_slider->setRange(0, kSliderSteps);
  m_slider->setPageStep(50);
  m_slider->setEnabled(false);
  m_sliderLabel = new QLabel(tr("Select a label to move its threshold."));
  m_summary = new QLabel;
  m_summary->setObjectName(QStringLiteral("metricsSummary"));
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_strategies = new QTableWidget(0, 5);
  m_strategies->setHorizontalHeaderLabels(
      {tr("strategy"), tr("per-class P"), tr("per-class R"), tr("per-class F1"), tr("N+")});
  m_strategies->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_strategies->verticalHeader()->setVisible(false);
  m_strategies->setMaximumHeight(150);
  m_global = numberBox(QStringLiteral("oneThreshold"), 0, 1, 3, 0.05, 0.5);
  m_target = numberBox(QStringLiteral("certifyTarget"), 0.5, 0.99, 2, 0.01, aia::CertifyOptions{}.target);
  m_target->setToolTip(tr("The precision to certify"));
  m_delta = numberBox(QStringLiteral("certifyDelta"), 0.01, 0.5, 2, 0.01, aia::CertifyOptions{}.delta);
  m_delta->setPrefix(tr("\u03b4 "));
  m_delta->setToolTip(tr("The risk that a certified label's precision on new images is below the target"));

  QLayout* buttons = createStrategyButtons();
  auto* sliderRow = new QHBoxLayout;
  sliderRow->addWidget(m_sliderLabel);
  sliderRow->addWidget(m_slider, 1);
  m_plots = new ThresholdPlots;
  auto* upper = new QWidget;
  auto* upperLayout = new QVBoxLayout(upper);
  upperLayout->setContentsMargins(0, 0, 0, 0);
  upperLayout->addWidget(m_summary);
  upperLayout->addLayout(buttons);
  upperLayout->addWidget(m_strategies);
  upperLayout->addWidget(m_table, 1);
  upperLayout->addLayout(sliderRow);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(upper);
  split->addWidget(m_plots);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split);
  // Dragging the line edits the threshold like the table and the slider (one drag, one undo step).
  connect(m_plots, &ThresholdPlots::thresholdDragged, this, &ThresholdsPage::setThreshold);
  connect(m_plots, &ThresholdPlots::dragFinished, this, &ThresholdsPage::endGesture);
  connect(m_slider, &QSlider::sliderReleased, this, &ThresholdsPage::endGesture);
  connect(m_plots, &ThresholdPlots::labelClicked, this, [this](int label) { m_table->selectRow(label); });

  connect(&m_model, &ThresholdModel::thresholdEditRequested, this, [this](int label, double before, double after) {
    m_undo.push(new SetThresholdCommand(&m_model, label, before, after, -1));
  });
  connect(&m_model, &ThresholdModel::metricsChanged, this, [this] {
    updateSummary();
    updatePlots();
    Q_EMIT thresholdsChanged(m_model.thresholds());
  });
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { selectLabel(current.row()); });
  connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
    const double current =
        m_selected >= 0 && m_model.metrics() ? m_model.metrics()->threshold(static_cast<std::size_t>(m_selected)) : 0;
    if (m_selected >= 0 && m_model.metrics() &&
        (std::isnan(current) || std::abs(current * kSliderSteps - value) >= 0.5))
      setThreshold(m_selected, double(value) / kSliderSteps);
    if (!m_slider->isSliderDown()) endGesture();  // a key or a click on the groove: one step each
  });
}

// The strategy buttons (the run's MCC grid, exact MCC, exact F1) and one threshold for all.
QLayout* ThresholdsPage::createStrategyButtons() {
  auto* grid = new QPushButton(tr("MCC &grid (paper)"));
  auto* mcc = new QPushButton(tr("Exact &MCC"));
  auto* f1 = new QPushButton(tr("Exact &F1"));
  auto* global = new QPushButton(tr("Set all &to"));
  grid->setObjectName(QStringLiteral("gridButton"));
  for (auto* b : {grid, mcc, f1, global})
    b->setToolTip(tr("Thresholds chosen on the training split when the run finished"));
  global->setToolTip(tr("The same threshold for every label"));
  auto* certified = new QPushButton(tr("Pre&cision \u2265"));
  certified->setObjectName(QStringLiteral("certifyButton"));
  certified->setToolTip(
      tr("Per label, the lowest threshold certified to keep this precision on new images like the test split's, "
         "with probability 1 - \u03b4; a label that cannot be certified is never tagged"));
  auto* buttons = new QHBoxLayout;
  for (auto* b : {grid, mcc, f1}) buttons->addWidget(b);
  buttons->addWidget(global);
  buttons->addWidget(m_global);
  buttons->addWidget(certified);
  buttons->addWidget(m_target);
  buttons->addWidget(m_delta);
  buttons->addStretch();
  connect(certified, &QPushButton::clicked, this, [this] { certify(m_target->value(), m_delta->value()); });
  connect(grid, &QPushButton::clicked, this, [this] {
    if (m_run) setAll(m_run->grid, tr("MCC-grid thresholds"));
  });
  connect(mcc, &QPushButton::clicked, this, [this] {
    if (m_run) setAll(m_run->exactMcc, tr("exact MCC thresholds"));
  });
  connect(f1, &QPushButton::clicked, this, [this] {
    if (m_run) setAll(m_run->exactF1, tr("exact F1 thresholds"));
  });
  connect(global, &QPushButton::clicked, this, [this] {
    if (m_run) setAll(std::vector<double>(m_run->scores.labels.size(), m_global->value()), tr("global threshold"));
  });
  return buttons;
}

void ThresholdsPage::setRun(std::shared_ptr<const RunData> run) {
  m_run = std::move(run);
  m_undo.clear();
  m_selected = -1;
  m_plots->setRun(m_run);
  m_model.reset(m_run, m_run ? m_run->grid : std::vector<double>{});
  m_strategies->setRowCount(0);
  m_plots->setCertified({}, {});
  if (!m_run) return;
  const std::pair<QString, std::vector<double>> rows[] = {
      {tr("0.5"), std::vector<double>(m_run->scores.labels.size(), 0.5)},
      {tr("MCC grid (paper)"), m_run->grid},
      {tr("exact MCC"), m_run->exactMcc},
      {tr("exact F1"), m_run->exactF1}};
  for (const auto& [name, t] : rows) addStrategyRow(name, aia::compute_metrics(m_run->matrix, t));
  addCertifiedRow();
  m_table->resizeColumnsToContents();
  if (m_model.rowCount() > 0) m_table->selectRow(0);
}

void ThresholdsPage::addStrategyRow(const QString& name, const aia::Metrics& m) {
  const int r = m_strategies->rowCount();
  m_strategies->insertRow(r);
  m_strategies->setItem(r, 0, new QTableWidgetItem(name));
  m_strategies->setItem(r, 1, new QTableWidgetItem(QString::number(m.per_class_precision, 'f', 4)));
  m_strategies->setItem(r, 2, new QTableWidgetItem(QString::number(m.per_class_recall, 'f', 4)));
  m_strategies->setItem(r, 3, new QTableWidgetItem(QString::number(m.per_class_f1, 'f', 4)));
  m_strategies->setItem(r, 4, new QTableWidgetItem(QString::number(m.n_plus)));
}

// The certified strategy measured honestly: certified on one half of the test
// images, its metrics on the other (the row evaluation.json and reports have).
void ThresholdsPage::addCertifiedRow() {
  const std::vector<std::string>& images = m_run->scores.images;
  std::size_t calibration = 0;
  for (const auto& image : images) calibration += aia::in_calibration_half(image) ? 1 : 0;
  if (calibration == 0 || calibration == images.size()) return;
  const aia::CertifyOptions options;
  const auto h = aia::certify_held_out(m_run->matrix, images, options);
  addStrategyRow(tr("precision \u2265 %1, \u03b4 %2: certified on %3 images, measured on the other %4")
                     .arg(options.target)
                     .arg(options.delta)
                     .arg(h.calibration.size())
                     .arg(h.evaluation.size()),
                 aia::compute_metrics(aia::select_images(m_run->matrix, h.evaluation), h.thresholds));
}

void ThresholdsPage::certify(double target, double delta) {
  if (!m_run) return;
  const aia::CertifyOptions options{target, delta};
  std::vector<aia::Certified> details;
  const auto thresholds = aia::certified_thresholds(m_run->matrix, options, &details);
  const auto certified = std::count_if(details.begin(), details.end(), [](const auto& c) { return c.certified; });
  m_model.setCertified(details, options);
  m_plots->setCertified(details, options);
  setAll(thresholds, tr("thresholds certified at precision \u2265 %1 (\u03b4 %2)").arg(target).arg(delta));
  Q_EMIT messageLogged(tr("%1 of %2 labels certified at precision \u2265 %3 with risk \u03b4 %4 on the run's %5 test "
                          "images; the others abstain (never tagged). The numbers on this page are on those same "
                          "images, so they do not check the promise: the strategies table's certified row does.")
                           .arg(certified)
                           .arg(details.size())
                           .arg(target)
                           .arg(delta)
                           .arg(m_run->matrix.images()));
}

QString ThresholdsPage::summaryText() const { return m_summary->text(); }

void ThresholdsPage::updateSummary() {
  if (!m_model.metrics()) {
    m_summary->setText(tr("Open a finished run (File > Open run) or train one to tune its thresholds."));
    return;
  }
  m_summary->setText(tr("Test split, current thresholds: %1").arg(metricsLine(m_model.metrics()->summary())));
  if (m_selected >= 0) {
    const double t = m_model.metrics()->threshold(static_cast<std::size_t>(m_selected));
    m_sliderLabel->setText(tr("%1: %2")
                               .arg(m_model.data(m_model.index(m_selected, 0), Qt::DisplayRole).toString())
                               .arg(std::isnan(t) ? tr("never tagged") : QString::number(t, 'f', 3)));
    const QSignalBlocker block(m_slider);
    if (!std::isnan(t)) m_slider->setValue(static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps)));
  }
}

void ThresholdsPage::selectLabel(int label) {
  m_selected = label;
  m_slider->setEnabled(label >= 0);
  updateSummary();
  updatePlots();
}

void ThresholdsPage::updatePlots() {
  const aia::IncrementalMetrics* m = m_model.metrics();
  if (!m) return;
  std::vector<aia::LabelRow> rows;
  rows.reserve(m->thresholds().size());
  for (std::size_t j = 0; j < m->thresholds().size(); ++j) rows.push_back(m->row(j));
  m_plots->update(m_selected, rows);
}

void ThresholdsPage::setThreshold(int label, double value) {
  if (!m_model.metrics()) return;
  m_undo.push(new SetThresholdCommand(&m_model, label, m_model.metrics()->threshold(static_cast<std::size_t>(label)),
                                      value, m_gesture));
}

void ThresholdsPage::endGesture() { ++m_gesture; }

void ThresholdsPage::setAll(const std::vector<double>& values, const QString& what) {
  if (!m_model.metrics()) return;
  m_undo.push(new SetAllCommand(&m_model, m_model.thresholds(), values, what));
}

void ThresholdsPage::save(const QString& path) {
  if (!m_run) return;
  try {
    aia::write_thresholds_json(path.toStdString(), m_run->scores.labels, m_model.thresholds());
    Q_EMIT messageLogged(tr("thresholds saved to %1").arg(path));
  } catch (const std::exception& e) {
    Q_EMIT messageLogged(tr("cannot save thresholds: %1").arg(QString::fromUtf8(e.what())));
  }
}

void ThresholdsPage::load(const QString& path) {
  if (!m_run) return;
  try {
    setAll(aia::read_thresholds_file(path.toStdString(), m_run->scores.labels), tr("thresholds from %1").arg(path));
  } catch (const std::exception& e) {
    Q_EMIT messageLogged(tr("cannot load thresholds: %1").arg(QString::fromUtf8(e.what())));
  }
}

void ThresholdsPage::saveAs() {
  const QString f = QFileDialog::getSaveFileName(this, tr("Save thresholds"), {}, tr("JSON (*.json)"));
  if (!f.isEmpty()) save(f);
}

void ThresholdsPage::open() {
  const QString f =
      QFileDialog::getOpenFileName(this, tr("Load thresholds"), {}, tr("Thresholds (*.json *.csv);;All files (*)"));
  if (!f.isEmpty()) load(f);
}

bool ThresholdsPage::exportTable(const QString& path) {
  if (!m_model.metrics()) return false;
  try {
    aia::write_file_atomically(path.toStdString(),
                               aia::label_table_csv(m_run->scores.labels, m_model.metrics()->metrics().per_label));
  } catch (const std::exception& e) {
    Q_EMIT messageLogged(QString::fromUtf8(e.what()));
    return false;
  }
  return true;
}

}  // namespace aia::ui

namespace aia::ui {

bool ThresholdsPage::exportThresholds(const QString& path) {
  if (!m_model.metrics()) return false;
  aia::write_thresholds_csv(path.toStdString(), m_run->scores.labels, m_model.thresholds());
  return true;
}

}  // namespace aia::ui
