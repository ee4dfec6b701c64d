#include "experiments_page.h"

#include "plot_style.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace aia::ui {
namespace {

QString stateText(aia::CellState state) {
  switch (state) {
    case aia::CellState::Pending:
      return ExperimentsPage::tr("waiting");
    case aia::CellState::Interrupted:
      return ExperimentsPage::tr("interrupted (resumes)");
    case aia::CellState::Running:
      return ExperimentsPage::tr("running");
    case aia::CellState::Finished:
      return ExperimentsPage::tr("finished");
    case aia::CellState::Failed:
      return ExperimentsPage::tr("failed");
  }
  return {};
}

QString valueText(const aia::MeanSd& v, aia::ReportColumn c) {
  if (v.n == 0) return QStringLiteral("–");
  const int decimals = c == aia::ReportColumn::NPlus ? 1 : 3;
  QString s = QString::number(v.mean, 'f', decimals);
  if (!std::isnan(v.sd)) s += QStringLiteral(" ± ") + QString::number(v.sd, 'f', decimals);
  return s;
}

}  // namespace

ExperimentsPage::ExperimentsPage(TrainingController* controller, std::function<aia::TrainConfig(const QString&)> recipe,
                                 QWidget* parent)
    : QWidget(parent), m_controller(controller), m_recipe(std::move(recipe)) {
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(createForm());
  layout->addWidget(createReportArea(), 1);
  connectSignals();
  updateButtons();
}

// The grid (losses, seeds), the folder, the buttons and the status line.
QLayout* ExperimentsPage::createForm() {
  auto* form = new QFormLayout;
  auto* losses = new QHBoxLayout;
  for (const auto& preset : aia::loss_presets()) {
    const QString name = QString::fromStdString(preset.name);
    auto* box = new QCheckBox(name);
    box->setObjectName(QStringLiteral("loss_%1").arg(name));
    box->setToolTip(QString::fromStdString(preset.description));
    box->setChecked(true);
    connect(box, &QCheckBox::toggled, this, &ExperimentsPage::updateButtons);
    losses->addWidget(box);
    m_losses.push_back(box);
  }
  losses->addStretch();
  form->addRow(tr("Losses:"), losses);
  auto* heads = new QHBoxLayout;
  for (const auto& head : aia::heads()) {
    const QString name = QString::fromStdString(head.name);
    auto* box = new QCheckBox(name);
    box->setObjectName(QStringLiteral("head_%1").arg(name));
    box->setToolTip(QString::fromStdString(head.description));
    heads->addWidget(box);
    m_heads.push_back(box);
  }
  heads->addWidget(new QLabel(tr("(none ticked: the Train page's head; two: each cell once per head)")));
  heads->addStretch();
  form->addRow(tr("Heads:"), heads);
  m_seeds = new QLineEdit(QStringLiteral("1"));
  m_seeds->setToolTip(tr("Comma-separated seeds: each loss trains once per seed"));
  connect(m_seeds, &QLineEdit::textChanged, this, &ExperimentsPage::updateButtons);
  form->addRow(tr("&Seeds:"), m_seeds);
  m_folder = new QLineEdit;
  m_folder->setPlaceholderText(tr("experiments/<dataset>-<date and time>"));
  form->addRow(tr("&Folder:"), m_folder);
  form->addRow(tr("Recipe:"), new QLabel(tr("the Train page's settings, on the Dataset page's dataset")));

  m_start = new QPushButton(tr("S&tart experiment"));
  m_stopButton = new QPushButton(tr("Sto&p"));
  m_resume = new QPushButton(tr("&Resume or open..."));
  m_exportTable = new QPushButton(tr("Export &table..."));
  m_exportPlots = new QPushButton(tr("Export p&lots..."));
  auto* buttons = new QHBoxLayout;
  for (auto* b : {m_start, m_stopButton, m_resume, m_exportTable, m_exportPlots}) buttons->addWidget(b);
  buttons->addStretch();
  m_status = new QLabel;
  m_status->setWordWrap(true);
  auto* column = new QVBoxLayout;
  column->addLayout(form);
  column->addLayout(buttons);
  column->addWidget(m_status);
  return column;
}

// The queue of cells, the report table with its thresholds choice, the
// statistics and the three plots, one above the other.
QWidget* ExperimentsPage::createReportArea() {
  m_queue = new QTableWidget(0, 5);
  m_queue->setObjectName(QStringLiteral("queue"));
  m_queue->setHorizontalHeaderLabels({tr("Cell"), tr("Loss"), tr("Seed"), tr("State"), tr("Progress")});
  m_queue->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_queue->horizontalHeader()->setStretchLastSection(true);
  m_queue->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_queue->verticalHeader()->hide();

  m_strategy = new QComboBox;
  for (const auto& s : aia::report_strategies()) m_strategy->addItem(QString::fromStdString(s));
  m_strategy->setCurrentIndex(1);  // the paper's MCC grid
  m_table = new QTableWidget(0, 2 + static_cast<int>(aia::kReportColumns));
  m_table->setObjectName(QStringLiteral("reportTable"));
  QStringList headers{tr("Loss"), tr("Seeds")};
  for (std::size_t c = 0; c < aia::kReportColumns; ++c)
    headers << QString::fromStdString(aia::column_name(static_cast<aia::ReportColumn>(c)));
  m_table->setHorizontalHeaderLabels(headers);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_statistics = new QPlainTextEdit;
  m_statistics->setReadOnly(true);
  m_statistics->setObjectName(QStringLiteral("statistics"));

  m_bars = new QCustomPlot;
  m_bars->setObjectName(QStringLiteral("barPlot"));
  stylePlot(m_bars);
  m_bars->legend->setVisible(false);
  m_bars->yAxis->setLabel(tr("per-class F1, 95% interval"));
  m_bars->setToolTip(tr("Per-class F1 by loss; whiskers: the 95% paired-bootstrap interval over test images"));
  m_scatter = new QCustomPlot;
  m_scatter->setObjectName(QStringLiteral("scatterPlot"));
  stylePlot(m_scatter);
  m_gains = new QCustomPlot;
  m_gains->setObjectName(QStringLiteral("gainPlot"));
  stylePlot(m_gains);
  m_gains->xAxis->setScaleType(QCPAxis::stLogarithmic);
  m_gains->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  m_gains->xAxis->setLabel(tr("label frequency (positives among the test images)"));
  m_scatterLoss = new QComboBox;
  m_scatterLoss->setToolTip(tr("The loss plotted against the baseline, label by label"));

  auto* strategyRow = new QHBoxLayout;
  strategyRow->addWidget(new QLabel(tr("Thresholds:")));
  strategyRow->addWidget(m_strategy);
  strategyRow->addSpacing(20);
  strategyRow->addWidget(new QLabel(tr("Per label:")));
  strategyRow->addWidget(m_scatterLoss);
  strategyRow->addStretch();

  auto* plots = new QSplitter(Qt::Horizontal);
  plots->addWidget(m_bars);
  plots->addWidget(m_scatter);
  plots->addWidget(m_gains);
  auto* lower = new QSplitter(Qt::Vertical);
  auto* reportBox = new QWidget;
  auto* reportLayout = new QVBoxLayout(reportBox);
  reportLayout->setContentsMargins(0, 0, 0, 0);
  reportLayout->addLayout(strategyRow);
  reportLayout->addWidget(m_table);
  lower->addWidget(m_queue);
  lower->addWidget(reportBox);
  lower->addWidget(m_statistics);
  lower->addWidget(plots);
  return lower;
}

void ExperimentsPage::connectSignals() {
  connect(m_start, &QPushButton::clicked, this, &ExperimentsPage::start);
  connect(m_stopButton, &QPushButton::clicked, m_controller, &TrainingController::requestStop);
  connect(m_resume, &QPushButton::clicked, this, &ExperimentsPage::resume);
  connect(m_exportTable, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the report table"), m_dir + "/report.md",
                                                      tr("Markdown (*.md);;CSV (*.csv);;LaTeX (*.tex)"));
    if (!path.isEmpty()) exportTable(path);
  });
  connect(m_exportPlots, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the plots (PNG, SVG and PDF)"), m_dir + "/plot");
    if (!path.isEmpty()) exportPlots(path);
  });
  connect(m_strategy, &QComboBox::currentIndexChanged, this, &ExperimentsPage::showReport);
  connect(m_scatterLoss, &QComboBox::currentIndexChanged, this, &ExperimentsPage::showReport);
  connect(m_controller, &TrainingController::cellStarted, this, &ExperimentsPage::onCellStarted);
  connect(m_controller, &TrainingController::cellFinished, this, &ExperimentsPage::onCellFinished);
  connect(m_controller, &TrainingController::batchProgressed, this, &ExperimentsPage::onBatch);
  connect(m_controller, &TrainingController::started, this, &ExperimentsPage::updateButtons);
  connect(m_controller, &TrainingController::finished, this,
          [this](aia::RunStatus outcome, const QString& message, const QString&) { onFinished(outcome, message); });
  connect(&m_watcher, &QFutureWatcher<ReportResult>::finished, this, [this] {
    const ReportResult r = m_watcher.result();
    if (r.report) {
      m_report = r.report;
      showReport();
    } else {
      Q_EMIT messageLogged(tr("Report: %1").arg(r.error));
    }
    if (m_refreshAgain) {
      m_refreshAgain = false;
      refreshReport();
    } else {
      Q_EMIT reportUpdated();
    }
  });
}

QCheckBox* ExperimentsPage::lossBox(const QString& loss) const {
  for (auto* b : m_losses)
    if (b->text() == loss) return b;
  return nullptr;
}

QCheckBox* ExperimentsPage::headBox(const QString& head) const {
  for (auto* b : m_heads)
    if (b->text() == head) return b;
  return nullptr;
}

void ExperimentsPage::setDataFolder(const QString& folder) {
  m_dataFolder = folder;
  m_folder->setPlaceholderText(tr("%1/experiments/<dataset>-<date and time>").arg(folder));
}

void ExperimentsPage::setDataset(const QString& name, bool usable) {
  m_dataset = name;
  m_datasetUsable = usable;
  updateButtons();
}

void ExperimentsPage::updateButtons() {
  const bool running = m_controller->isRunning();
  bool anyLoss = false;
  for (auto* b : m_losses) anyLoss = anyLoss || b->isChecked();
  m_start->setEnabled(!running && m_datasetUsable && anyLoss && !m_seeds->text().trimmed().isEmpty());
  m_start->setToolTip(m_datasetUsable ? QString() : tr("Load a dataset with its images first (Dataset page)"));
  m_stopButton->setEnabled(running && m_ours);
  m_resume->setEnabled(!running);
  m_exportTable->setEnabled(m_report != nullptr);
  m_exportPlots->setEnabled(m_report != nullptr);
}

void ExperimentsPage::start() {
  if (!m_start->isEnabled()) return;
  aia::ExperimentSpec spec;
  try {
    spec.recipe = m_recipe(m_dataset);
    spec.recipe.run.out_dir.clear();
    for (auto* b : m_losses)
      if (b->isChecked()) spec.grid.losses.push_back(aia::parse_grid_loss(b->text().toStdString()));
    spec.grid.seeds = aia::parse_grid_ints(m_seeds->text().toStdString(), "Seeds");
    spec.grid.datasets = {m_dataset.toStdString()};
    for (auto* b : m_heads)
      if (b->isChecked()) spec.grid.heads.push_back(b->text().toStdString());
    QString dir = m_folder->text().trimmed();
    if (dir.isEmpty())
      dir = QStringLiteral("%1/experiments/%2-%3")
                .arg(m_dataFolder, QFileInfo(m_dataset).fileName(),
                     QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    aia::ExperimentFolder(dir.toStdString()).create(spec);
    m_dir = QFileInfo(dir).absoluteFilePath();
  } catch (const std::exception& e) {
    m_status->setText(tr("Cannot start: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  loadQueue();
  m_ours = true;
  m_controller->startExperiment(m_dir);
}

void ExperimentsPage::resume() {
  if (m_controller->isRunning()) return;
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Experiment folder to resume or open"));
  if (!dir.isEmpty()) resumeFolder(dir);
}

bool ExperimentsPage::resumeFolder(const QString& dir) {
  if (m_controller->isRunning() || !open(dir)) return false;
  bool unfinished = false;
  for (int r = 0; r < m_queue->rowCount(); ++r)
    unfinished = unfinished || m_queue->item(r, 3)->data(Qt::UserRole).toInt() != int(aia::CellState::Finished);
  if (unfinished) {
    m_ours = true;
    m_controller->startExperiment(m_dir);
  }
  return true;
}

bool ExperimentsPage::open(const QString& dir) {
  try {
    aia::ExperimentFolder(dir.toStdString()).read_spec();
  } catch (const std::exception& e) {
    m_status->setText(tr("Cannot open %1: %2").arg(dir, QString::fromUtf8(e.what())));
    return false;
  }
  m_dir = QFileInfo(dir).absoluteFilePath();
  loadQueue();
  refreshReport();
  return true;
}

void ExperimentsPage::loadQueue() {
  std::vector<aia::Cell> cells;
  try {
    cells = aia::ExperimentFolder(m_dir.toStdString()).cells();
  } catch (const std::exception& e) {
    m_status->setText(QString::fromUtf8(e.what()));
    return;
  }
  m_queue->setRowCount(static_cast<int>(cells.size()));
  int finished = 0;
  for (int r = 0; r < static_cast<int>(cells.size()); ++r) {
    const auto& c = cells[static_cast<std::size_t>(r)];
    auto* state = new QTableWidgetItem(stateText(c.state));
    state->setData(Qt::UserRole, int(c.state));
    if (!c.error.empty()) state->setToolTip(QString::fromStdString(c.error));
    m_queue->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(c.id)));
    m_queue->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(c.loss)));
    m_queue->setItem(r, 2, new QTableWidgetItem(QString::number(c.seed)));
    m_queue->setItem(r, 3, state);
    m_queue->setItem(r, 4,
                     new QTableWidgetItem(c.state == aia::CellState::Finished ? QStringLiteral("100%") : QString()));
    finished += c.state == aia::CellState::Finished ? 1 : 0;
  }
  m_status->setText(tr("%1: %2 of %3 cells finished.").arg(m_dir).arg(finished).arg(cells.size()));
  updateButtons();
}

void ExperimentsPage::onCellStarted(const QString& id, int index, int count) {
  if (!m_ours) return;
  m_runningCell = id;
  if (index < m_queue->rowCount()) {
    m_queue->item(index, 3)->setText(stateText(aia::CellState::Running));
    m_queue->item(index, 3)->setData(Qt::UserRole, int(aia::CellState::Running));
    m_queue->scrollToItem(m_queue->item(index, 0));
  }
  m_status->setText(tr("Cell %1 of %2: %3 (its live curves are on the Train page).").arg(index + 1).arg(count).arg(id));
}

void ExperimentsPage::onBatch(const aia::BatchProgress& b) {
  if (!m_ours || m_runningCell.isEmpty() || b.phase != aia::Phase::Training || b.batches == 0) return;
  const auto items = m_queue->findItems(m_runningCell, Qt::MatchExactly);
  if (items.isEmpty()) return;
  const double done = ((b.epoch - 1) + static_cast<double>(b.batch) / static_cast<double>(b.batches)) / b.epochs;
  m_queue->item(items[0]->row(), 4)->setText(tr("%1% (epoch %2/%3)").arg(int(done * 100)).arg(b.epoch).arg(b.epochs));
}

void ExperimentsPage::onCellFinished(const QString& id, aia::RunStatus outcome, const QString& message) {
  if (!m_ours) return;
  m_runningCell.clear();
  if (outcome == aia::RunStatus::Failed) Q_EMIT messageLogged(message);
  loadQueue();
  Q_UNUSED(id);
  if (outcome == aia::RunStatus::Succeeded) refreshReport();
}

void ExperimentsPage::onFinished(aia::RunStatus outcome, const QString& message) {
  if (!m_ours) {
    updateButtons();
    return;
  }
  m_ours = false;
  loadQueue();
  m_status->setText(outcome == aia::RunStatus::Cancelled
                        ? tr("Stopped: %1 Resume continues where it stopped.").arg(message)
                        : message);
  refreshReport();
}

void ExperimentsPage::refreshReport() {
  if (m_dir.isEmpty()) return;
  if (m_watcher.isRunning()) {
    m_refreshAgain = true;
    return;
  }
  const std::string dir = m_dir.toStdString();
  m_watcher.setFuture(QtConcurrent::run([dir] {
    ReportResult r;
    try {
      r.report = std::make_shared<const aia::Report>(aia::build_report(dir));
    } catch (const std::exception& e) {
      r.error = QString::fromUtf8(e.what());
    }
    return r;
  }));
}

void ExperimentsPage::showReport() {
  updateButtons();
  m_table->setRowCount(0);
  m_bars->clearPlottables();
  m_scatter->clearPlottables();
  m_gains->clearPlottables();
  if (!m_report || m_report->groups.empty()) {
    m_bars->replot();
    m_scatter->replot();
    m_gains->replot();
    return;
  }
  const aia::ReportGroup& g = m_report->groups.front();
  const std::string strategy = m_strategy->currentText().toStdString();
  // Every group's rows (a heads axis gives a group per head; the published rows once, from the first).
  const bool heads = m_report->groups.size() > 1 && !g.head.empty();
  std::vector<const aia::ReportRow*> rows;
  QStringList names;
  for (const auto& group : m_report->groups)
    for (const auto& r : group.rows) {
      if (r.strategy != strategy || (r.published && &group != &g)) continue;
      rows.push_back(&r);
      const QString loss = QString::fromStdString(r.loss);
      names << (r.published ? tr("%1 (published %2, not ours)").arg(loss, QString::fromStdString(r.paper))
                : heads     ? tr("%1, %2 head").arg(loss, QString::fromStdString(group.head))
                            : loss);
    }
  showTable(rows, names);
  // The statistics in words.
  QString text;
  for (const auto& n : m_report->notes) text += QString::fromStdString(n) + QLatin1Char('\n');
  for (const auto& group : m_report->groups)
    for (const auto& c : group.comparisons)
      if (c.strategy == strategy) text += QString::fromStdString(c.sentence()) + QLatin1Char('\n');
  if (text.isEmpty()) text = tr("The paired bootstrap needs the baseline and another loss finished on the same seed.");
  m_statistics->setPlainText(text);

  const QStringList losses = showBars(rows, names);
  showScatter(g, strategy, losses);
  showGains(g, strategy);
}

// The table: our rows and the published ones for this strategy.
void ExperimentsPage::showTable(const std::vector<const aia::ReportRow*>& rows, const QStringList& names) {
  m_table->setRowCount(static_cast<int>(rows.size()));
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    const auto& r = *rows[static_cast<std::size_t>(i)];
    auto* name = new QTableWidgetItem(names[i]);
    if (r.published) name->setToolTip(QString::fromStdString(r.source));
    m_table->setItem(i, 0, name);
    QStringList seeds;
    for (int s : r.seeds) seeds << QString::number(s);
    m_table->setItem(i, 1, new QTableWidgetItem(r.published ? QStringLiteral("–") : seeds.join(QLatin1Char(','))));
    for (std::size_t c = 0; c < aia::kReportColumns; ++c) {
      auto* item = new QTableWidgetItem(valueText(r.values[c], static_cast<aia::ReportColumn>(c)));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (r.best[c]) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
      }
      if (r.published) item->setForeground(palette().color(QPalette::PlaceholderText));
      m_table->setItem(i, 2 + static_cast<int>(c), item);
    }
  }
}

// Bars: per-class F1 by loss, with the bootstrap interval. Returns the losses shown.
QStringList ExperimentsPage::showBars(const std::vector<const aia::ReportRow*>& rows, const QStringList& names) {
  auto* bars = new QCPBars(m_bars->xAxis, m_bars->yAxis);
  bars->setBrush(plotColour(0, 190));
  bars->setPen(QPen(plotColour(0)));
  auto* errors = new QCPErrorBars(m_bars->xAxis, m_bars->yAxis);
  errors->setDataPlottable(bars);
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  QVector<double> keys, values, minus, plus;
  QStringList losses;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto* r = rows[i];
    if (r->published) continue;
    const double key = keys.size() + 1;
    const double f1 = r->values[static_cast<std::size_t>(aia::ReportColumn::ClassF1)].mean;
    keys << key;
    values << f1;
    minus << (std::isnan(r->f1_low) ? 0 : f1 - r->f1_low);
    plus << (std::isnan(r->f1_high) ? 0 : r->f1_high - f1);
    ticker->addTick(key, names[static_cast<int>(i)]);
    if (!losses.contains(QString::fromStdString(r->loss))) losses << QString::fromStdString(r->loss);
  }
  bars->setData(keys, values);
  errors->setData(minus, plus);
  m_bars->xAxis->setTicker(ticker);
  m_bars->xAxis->setRange(0.4, keys.size() + 0.6);
  double top = 0.05;
  for (int i = 0; i < values.size(); ++i) top = std::max(top, values[i] + plus[i]);
  m_bars->yAxis->setRange(0, std::min(1.0, top * 1.15));
  m_bars->replot();

  return losses;
}

// Scatter: per-label F1 of one loss (the combo box's) against the baseline; size = test support.
void ExperimentsPage::showScatter(const aia::ReportGroup& g, const std::string& strategy, const QStringList& losses) {
  const QString baseline = QString::fromStdString(m_report->baseline);
  {
    QSignalBlocker block(m_scatterLoss);
    const QString chosen = m_scatterLoss->currentText();
    m_scatterLoss->clear();
    for (const auto& l : losses)
      if (l != baseline) m_scatterLoss->addItem(l);
    const int keep = m_scatterLoss->findText(chosen);
    if (keep >= 0) m_scatterLoss->setCurrentIndex(keep);
  }
  const aia::ReportRow* base = g.row(m_report->baseline, strategy);
  const aia::ReportRow* other = g.row(m_scatterLoss->currentText().toStdString(), strategy);
  m_scatter->xAxis->setLabel(tr("per-label F1, %1").arg(m_scatterLoss->currentText()));
  m_scatter->yAxis->setLabel(tr("per-label F1, %1").arg(baseline));
  m_scatter->xAxis->setRange(0, 1);
  m_scatter->yAxis->setRange(0, 1);
  if (base && other && !g.support.empty()) {
    auto* diagonal = m_scatter->addGraph();
    diagonal->setData({0, 1}, {0, 1});
    diagonal->setPen(QPen(plotColour(7), 1, Qt::DashLine));
    diagonal->setName(tr("equal F1"));
    // Point size by label frequency, in four classes (quartiles of test support).
    std::vector<std::int64_t> sorted(g.support.begin(), g.support.end());
    std::sort(sorted.begin(), sorted.end());
    const int classes = 4;
    for (int k = 0; k < classes; ++k) {
      const std::int64_t lo = sorted[sorted.size() * static_cast<std::size_t>(k) / classes];
      const std::int64_t hi =
          sorted[std::min(sorted.size() - 1, sorted.size() * static_cast<std::size_t>(k + 1) / classes)];
      auto* graph = m_scatter->addGraph();
      graph->setLineStyle(QCPGraph::lsNone);
      graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, plotColour(5, 150), 4 + 3 * k));
      std::int64_t least = hi, most = lo;
      for (std::size_t j = 0; j < g.support.size(); ++j) {
        const bool in = k == classes - 1 ? g.support[j] >= lo : (g.support[j] >= lo && g.support[j] < hi);
        if (!in) continue;
        graph->addData(other->label_f1[j], base->label_f1[j]);
        least = std::min(least, g.support[j]);
        most = std::max(most, g.support[j]);
      }
      graph->setName(least == most ? tr("support %1").arg(least) : tr("support %1-%2").arg(least).arg(most));
      if (graph->dataCount() == 0) m_scatter->removeGraph(graph);
    }
  }
  m_scatter->replot();
}

// The baseline's gain over the chosen loss by label frequency: every label,
// and the mean per frequency bin.
void ExperimentsPage::showGains(const aia::ReportGroup& g, const std::string& strategy) {
  const QString baseline = QString::fromStdString(m_report->baseline);
  const aia::ReportRow* base = g.row(m_report->baseline, strategy);
  const aia::ReportRow* other = g.row(m_scatterLoss->currentText().toStdString(), strategy);
  m_gains->yAxis->setLabel(tr("F1 gain, %1 − %2").arg(baseline, m_scatterLoss->currentText()));
  if (base && other && !g.support.empty()) {
    std::vector<double> gains;
    auto* points = m_gains->addGraph();
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, plotColour(0, 160), 6));
    points->setName(tr("labels"));
    double low = 0, high = 0;
    for (std::size_t j = 0; j < g.support.size(); ++j) {
      gains.push_back(base->label_f1[j] - other->label_f1[j]);
      low = std::min(low, gains.back());
      high = std::max(high, gains.back());
      if (g.support[j] > 0) points->addData(static_cast<double>(g.support[j]), gains.back());
    }
    auto* means = m_gains->addGraph();
    means->setPen(QPen(plotColour(5), 2));
    means->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 7));
    means->setName(tr("mean per frequency bin"));
    for (const auto& bin : aia::frequency_bins(g.support, gains, m_report->options.frequency_bins))
      if (bin.max_support > 0)
        means->addData(std::sqrt(std::max<double>(1, bin.min_support) * static_cast<double>(bin.max_support)),
                       bin.mean_gain);
    auto* zero = m_gains->addGraph();
    zero->setPen(QPen(plotColour(7), 1, Qt::DashLine));
    zero->setName(tr("no gain"));
    const auto [least, most] = std::minmax_element(g.support.begin(), g.support.end());
    const double x0 = std::max<double>(1, static_cast<double>(*least)) / 1.5, x1 = static_cast<double>(*most) * 1.5;
    zero->setData({x0, x1}, {0, 0});
    m_gains->xAxis->setRange(x0, x1);
    const double margin = std::max(0.02, (high - low) * 0.1);
    m_gains->yAxis->setRange(low - margin, high + margin);
  }
  m_gains->replot();
}

void ExperimentsPage::exportTable(const QString& path) {
  if (!m_report) return;
  const QString suffix = QFileInfo(path).suffix().toLower();
  const aia::ReportFormat format = suffix == QLatin1String("csv")   ? aia::ReportFormat::Csv
                                   : suffix == QLatin1String("tex") ? aia::ReportFormat::Latex
                                                                    : aia::ReportFormat::Markdown;
  try {
    aia::write_file_atomically(path.toStdString(), aia::render_report(*m_report, format));
    Q_EMIT messageLogged(tr("Wrote %1").arg(path));
  } catch (const std::exception& e) {
    m_status->setText(tr("Cannot write %1: %2").arg(path, QString::fromUtf8(e.what())));
  }
}

bool ExperimentsPage::exportPlots(const QString& basePath) {
  QString base = basePath;
  for (const char* suffix : {".png", ".svg", ".pdf"})
    if (base.endsWith(QLatin1String(suffix))) base.chop(4);
  bool ok = true;
  for (const auto& [plot, name] :
       {std::pair{m_bars, QStringLiteral("bars")}, std::pair{m_scatter, QStringLiteral("labels")},
        std::pair{m_gains, QStringLiteral("gains")}})
    for (const char* suffix : {".png", ".svg", ".pdf"})
      ok = savePlot(plot, base + QLatin1Char('-') + name + QLatin1String(suffix)) && ok;
  Q_EMIT messageLogged(ok ? tr("Wrote the plots as %1-*.png, .svg and .pdf").arg(base)
                          : tr("Could not write every plot under %1").arg(base));
  return ok;
}

}  // namespace aia::ui
