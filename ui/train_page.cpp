#include "train_page.h"

#include "plot_style.h"

#include "aia/catalogue/catalogue.h"
#include "aia/io/atomic_file.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/compute_format.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace aia::ui {
namespace {

QString clockText(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return QStringLiteral("--:--");
  const qint64 s = static_cast<qint64>(seconds);
  return s >= 3600 ? QStringLiteral("%1:%2:%3")
                         .arg(s / 3600)
                         .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                         .arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QCPGraph* addGraph(QCustomPlot* plot, const QString& name, const QColor& colour, QCPAxis* y = nullptr,
                   bool dots = true) {
  auto* g = plot->addGraph(plot->xAxis, y ? y : plot->yAxis);
  g->setName(name);
  g->setPen(QPen(colour, 2));
  if (dots) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  return g;
}

}  // namespace

TrainPage::TrainPage(TrainingController* controller, QWidget* parent) : QWidget(parent), m_controller(controller) {
  createChoices();
  createFields();
  auto* left = new QVBoxLayout;
  left->addLayout(createForm());
  left->addWidget(m_progress);
  left->addWidget(m_status);
  left->addStretch();
  createPlots();
  auto* plots = new QVBoxLayout;
  plots->addWidget(m_lossPlot);
  plots->addWidget(m_f1Plot);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 2);
  layout->addLayout(plots, 3);
  createReplotTimer();
  connectSignals();
  setDatasetUsable(false, {});
}

void TrainPage::createChoices() {
  m_loss = new QComboBox;
  for (const auto& name : aia::loss_names()) m_loss->addItem(QString::fromStdString(name));
  m_loss->setCurrentText(QString::fromStdString(aia::default_loss()));
  for (int i = 0; i < m_loss->count(); ++i)
    m_loss->setItemData(i, QString::fromStdString(aia::loss_presets()[std::size_t(i)].description), Qt::ToolTipRole);
  m_backbone = new QComboBox;
  for (const auto& b : aia::backbones()) {
    m_backbone->addItem(QString::fromStdString(b.name));
    m_backbone->setItemData(m_backbone->count() - 1, QString::fromStdString(b.description), Qt::ToolTipRole);
  }
  m_head = new QComboBox;
  m_head->setObjectName(QStringLiteral("head"));
  for (const auto& h : aia::heads()) {
    QString label = QString::fromStdString(h.name);
    if (h.name == "gap") label = tr("average pooling (2023 paper)");
    if (h.name == "attention") label = tr("attention pooling (2024 follow-up)");
    m_head->addItem(label, QString::fromStdString(h.name));
    m_head->setItemData(m_head->count() - 1, QString::fromStdString(h.description), Qt::ToolTipRole);
  }
}

void TrainPage::createFields() {
  m_pretrained = new QLineEdit;
  m_pretrained->setPlaceholderText(tr("optional: timm .safetensors or a .pth state_dict"));
  m_browse = new QPushButton(tr("Browse..."));
  m_epochs = new QSpinBox;
  m_epochs->setRange(1, 1000);
  m_epochs->setValue(40);
  m_batch = new QSpinBox;
  m_batch->setRange(1, 1024);
  m_batch->setValue(32);
  m_lr = new QDoubleSpinBox;
  m_lr->setDecimals(6);
  m_lr->setRange(1e-6, 1.0);
  m_lr->setSingleStep(1e-4);
  m_lr->setValue(1e-4);
  m_imageSize = new QSpinBox;
  m_imageSize->setRange(32, 2048);
  m_imageSize->setSingleStep(32);
  m_imageSize->setValue(448);
  m_device = new QComboBox;
  for (const auto& d : aia::devices()) {
    m_device->addItem(QString::fromStdString(d.name));
    m_device->setItemData(m_device->count() - 1, QString::fromStdString(d.description), Qt::ToolTipRole);
  }
  m_mode = new QComboBox;
  for (const auto& mode : aia::train_modes()) {
    QString label = QString::fromStdString(mode.description);
    if (mode.name == "finetune") label = tr("fine-tune the whole network");
    if (mode.name == "frozen") label = tr("frozen backbone (train the head on cached features)");
    m_mode->addItem(label, QString::fromStdString(mode.name));
  }
  m_ema = new QCheckBox(tr("EMA of the weights"));
  m_ema->setToolTip(
      tr("Evaluate and keep an exponential moving average of the weights (decay: the head's recipe, "
         "0.9997 for average pooling, 0.99 for attention pooling)"));
  m_mixup = new QCheckBox(tr("Mix&up (the follow-up's)"));
  m_mixup->setObjectName(QStringLiteral("mixup"));
  m_mixup->setToolTip(tr("Average the first half of every batch with the second half, with the union of their tags"));
  m_amp = new QCheckBox(tr("Mi&xed precision (bfloat16)"));
  m_amp->setObjectName(QStringLiteral("mixedPrecision"));
  // Ticked where core's rule picks bfloat16 for training on this CPU (today: never, see compute_format.h).
  const aia::ComputeFormat cpuDefault =
      aia::resolve_compute_format(aia::Precision::Auto, aia::MemoryFormat::Auto, "cpu", aia::Workload::Training);
  m_amp->setChecked(cpuDefault.bf16);
  m_amp->setToolTip(
      tr("bfloat16 autocast of the forward pass (the losses and metrics stay float32): several times faster than "
         "float32 on CPUs with bfloat16 instructions (AVX512_BF16 or AMX), much slower on others. On a GPU: faster, "
         "and about 40% of the memory.\nThis CPU: %1")
          .arg(QString::fromStdString(aia::describe(aia::cpu_features()))));
  m_outDir = new QLineEdit;
  m_outDir->setPlaceholderText(tr("default: runs/<dataset>-<loss>-<time>"));
  m_start = new QPushButton(tr("&Start"));
  m_start->setObjectName(QStringLiteral("startButton"));
  m_stop = new QPushButton(tr("S&top"));
  m_stop->setObjectName(QStringLiteral("stopButton"));
  m_resume = new QPushButton(tr("&Resume..."));
  m_loadConfig = new QPushButton(tr("&Load configuration..."));
  m_loadConfig->setObjectName(QStringLiteral("loadConfiguration"));
  m_loadConfig->setToolTip(tr("Start from a run's config.json: what you change in the form changes only that field"));
  m_stop->setEnabled(false);
  m_progress = new QProgressBar;
  m_status = new QLabel(tr("Pick a dataset on the Dataset page."));
  m_status->setObjectName(QStringLiteral("trainStatus"));
  m_status->setWordWrap(true);
  m_backbone->setObjectName(QStringLiteral("backbone"));
  m_pretrained->setObjectName(QStringLiteral("pretrained"));
  m_epochs->setObjectName(QStringLiteral("epochs"));
  m_batch->setObjectName(QStringLiteral("batchSize"));
  m_lr->setObjectName(QStringLiteral("learningRate"));
  m_imageSize->setObjectName(QStringLiteral("imageSize"));
  m_outDir->setObjectName(QStringLiteral("runFolder"));
  m_device->setObjectName(QStringLiteral("device"));
}

QLayout* TrainPage::createForm() {
  auto* form = new QFormLayout;
  form->addRow(tr("&Loss:"), m_loss);
  form->addRow(tr("&Backbone:"), m_backbone);
  form->addRow(tr("&Head:"), m_head);
  auto* pre = new QHBoxLayout;
  pre->addWidget(m_pretrained, 1);
  pre->addWidget(m_browse);
  auto* preLabel = new QLabel(tr("&Pretrained:"));
  preLabel->setBuddy(m_pretrained);
  form->addRow(preLabel, pre);
  form->addRow(tr("&Epochs:"), m_epochs);
  form->addRow(tr("Batch si&ze:"), m_batch);
  form->addRow(tr("Learning &rate:"), m_lr);
  form->addRow(tr("&Image size:"), m_imageSize);
  form->addRow(tr("&Device:"), m_device);
  form->addRow(tr("&Mode:"), m_mode);
  form->addRow(QString(), m_ema);
  form->addRow(QString(), m_mixup);
  form->addRow(QString(), m_amp);
  form->addRow(tr("&Run folder:"), m_outDir);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_start);
  buttons->addWidget(m_stop);
  buttons->addWidget(m_resume);
  buttons->addWidget(m_loadConfig);
  buttons->addStretch();
  auto* column = new QVBoxLayout;
  column->addLayout(form);
  column->addLayout(buttons);
  return column;
}

void TrainPage::createPlots() {
  m_lossPlot = new QCustomPlot;
  m_lossPlot->setObjectName(QStringLiteral("lossPlot"));
  stylePlot(m_lossPlot);
  m_lossPlot->xAxis->setLabel(tr("epoch"));
  m_lossPlot->yAxis->setLabel(tr("loss"));
  addGraph(m_lossPlot, tr("train loss"), plotColour(0));
  // Named after the selection split once the first epoch says which it is.
  addGraph(m_lossPlot, tr("selection-split loss"), plotColour(1));
  addGraph(m_lossPlot, tr("train loss (smoothed, per batch)"), plotColour(0, 90), nullptr, false);
  m_f1Plot = new QCustomPlot;
  m_f1Plot->setObjectName(QStringLiteral("f1Plot"));
  stylePlot(m_f1Plot);
  m_f1Plot->xAxis->setLabel(tr("epoch"));
  m_f1Plot->yAxis->setLabel(tr("F1 (at threshold 0.5)"));
  m_f1Plot->yAxis2->setVisible(true);
  m_f1Plot->yAxis2->setLabel(tr("N+ (labels with a true positive)"));
  addGraph(m_f1Plot, tr("per-class F1"), plotColour(2));
  addGraph(m_f1Plot, tr("per-image F1"), plotColour(3));
  addGraph(m_f1Plot, tr("N+"), plotColour(7), m_f1Plot->yAxis2);
  m_f1Plot->yAxis->setRange(0, 1);
  connect(m_controller, &TrainingController::datasetReady, this, [this](int labels) { m_labels = labels; });
}

void TrainPage::createReplotTimer() {
  m_replot = new QTimer(this);
  m_replot->setSingleShot(true);
  m_replot->setInterval(100);
  connect(m_replot, &QTimer::timeout, this, [this] {
    // Axes start where the data does: epochs from 1 (batches of the first
    // epoch from 0), F1 on 0-1, N+ on 0..labels with whole-number ticks.
    m_lossPlot->rescaleAxes();
    double last = 1;
    for (auto* plot : {m_lossPlot, m_f1Plot})
      for (int i = 0; i < plot->graphCount(); ++i) {
        bool found = false;
        const QCPRange r = plot->graph(i)->getKeyRange(found);
        if (found) last = std::max(last, r.upper);
      }
    const double first = m_lossPlot->graph(2)->dataCount() > 0 ? 0 : 1;
    m_lossPlot->xAxis->setRange(first, std::max(first + 1, last));
    m_lossPlot->yAxis->setRangeLower(0);
    m_f1Plot->xAxis->setRange(1, std::max(2.0, last));
    m_f1Plot->yAxis->setRange(0, 1);
    int top = m_labels;
    for (const auto& point : *m_f1Plot->graph(2)->data()) top = std::max(top, static_cast<int>(point.value));
    m_f1Plot->yAxis2->setRange(0, std::max(1, top));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(std::max(1, top / 8));
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_f1Plot->yAxis2->setTicker(ticker);
    for (auto* plot : {m_lossPlot, m_f1Plot}) {  // whole epochs
      auto epochs = QSharedPointer<QCPAxisTickerFixed>::create();
      epochs->setTickStep(1);
      epochs->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
      plot->xAxis->setTicker(epochs);
    }
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    m_f1Plot->replot(QCustomPlot::rpQueuedReplot);
  });
}

void TrainPage::connectSignals() {
  connect(m_browse, &QPushButton::clicked, this, [this] {
    const QString f =
        QFileDialog::getOpenFileName(this, tr("Pretrained weights"), {}, tr("Weights (*.safetensors *.pth *.pt)"));
    if (!f.isEmpty()) m_pretrained->setText(f);
  });
  connect(m_start, &QPushButton::clicked, this, &TrainPage::start);
  connect(m_stop, &QPushButton::clicked, m_controller, &TrainingController::requestStop);
  connect(m_resume, &QPushButton::clicked, this, &TrainPage::resume);
  connect(m_loadConfig, &QPushButton::clicked, this, &TrainPage::openConfiguration);
  connect(m_controller, &TrainingController::started, this, &TrainPage::onStarted);
  connect(m_controller, &TrainingController::batchProgressed, this, &TrainPage::onBatch);
  connect(m_controller, &TrainingController::epochFinished, this, &TrainPage::onEpoch);
  connect(m_controller, &TrainingController::finished, this, &TrainPage::onFinished);
  // An experiment's running cell has the curves: each cell starts them afresh.
  connect(m_controller, &TrainingController::cellStarted, this, &TrainPage::onStarted);
}

void TrainPage::setRecipeFor(const QString& dataset) {
  if (m_loaded) return;  // a loaded configuration is the recipe
  const aia::TrainConfig c = aia::recipe_config_for(dataset.toStdString());
  m_backbone->setCurrentText(QString::fromStdString(c.model.backbone));
  m_imageSize->setValue(c.data.image_size);
  m_epochs->setValue(c.optim.epochs);
  m_lr->setValue(c.optim.learning_rate);
  m_headDropout = c.model.head_dropout;
}

aia::ConfigOverrides TrainPage::formFields() const {
  aia::ConfigOverrides o;
  o.loss = m_loss->currentText().toStdString();
  o.backbone = m_backbone->currentText().toStdString();
  o.head = m_head->currentData().toString().toStdString();
  o.mixup = m_mixup->isChecked();
  o.pretrained = m_pretrained->text().trimmed().toStdString();
  o.epochs = m_epochs->value();
  o.batch_size = m_batch->value();
  o.learning_rate = m_lr->value();
  o.image_size = m_imageSize->value();
  o.device = m_device->currentText().toStdString();
  o.mode = aia::parse_train_mode(m_mode->currentData().toString().toStdString());
  o.ema = m_ema->isChecked();
  o.precision = m_amp->isChecked() ? "bfloat16" : "float32";
  return o;
}

void TrainPage::showConfig(const aia::TrainConfig& c) {
  m_loss->setCurrentText(QString::fromStdString(c.loss.name));
  m_backbone->setCurrentText(QString::fromStdString(c.model.backbone));
  m_head->setCurrentIndex(std::max(0, m_head->findData(QString::fromStdString(c.model.head))));
  m_mixup->setChecked(c.data.mixup);
  m_pretrained->setText(QString::fromStdString(c.model.pretrained));
  m_epochs->setValue(c.optim.epochs);
  m_batch->setValue(c.optim.batch_size);
  m_lr->setValue(c.optim.learning_rate);
  m_imageSize->setValue(c.data.image_size);
  m_device->setCurrentText(QString::fromStdString(c.run.device));
  m_mode->setCurrentIndex(m_mode->findData(QString::fromStdString(aia::to_string(c.run.mode))));
  m_ema->setChecked(c.run.ema);
  m_amp->setChecked(c.run.amp || c.run.precision == "bfloat16");
  m_headDropout = c.model.head_dropout;
  m_outDir->clear();  // a new run: its own folder
}

bool TrainPage::loadConfiguration(const QString& path) {
  try {
    const aia::TrainConfig c = aia::train_config_from_json(aia::read_file(path.toStdString()), path.toStdString());
    showConfig(c);
    m_loaded = c;
    m_loadedForm = formFields();  // what the form shows now is the file's; edits from here on override
  } catch (const std::exception& e) {
    m_status->setText(tr("Cannot load the configuration: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  m_status->setText(
      tr("Configuration %1 loaded (dataset %2).").arg(path, QString::fromStdString(m_loaded->data.dataset)));
  Q_EMIT datasetRequested(QString::fromStdString(m_loaded->data.dataset));
  return true;
}

void TrainPage::openConfiguration() {
  const QString f =
      QFileDialog::getOpenFileName(this, tr("Load configuration"), m_dataFolder, tr("Configuration (*.json)"));
  if (!f.isEmpty()) loadConfiguration(f);
}

aia::TrainConfig TrainPage::config(const QString& dataset) const {
  // Without a loaded configuration: the defaults and every field of the form
  // (filled with the dataset's recipe). With one: the file, and only the
  // fields changed since it was loaded (and the dataset, if another is picked).
  aia::TrainConfig c;
  if (m_loaded) {
    c = *m_loaded;
    aia::apply_overrides(aia::changed_fields(formFields(), m_loadedForm), c);
  } else {
    c.model.head_dropout = m_headDropout;
    aia::apply_overrides(formFields(), c);
  }
  c.data.dataset = dataset.toStdString();
  c.run.out_dir = m_outDir->text().trimmed().toStdString();
  if (c.run.out_dir.empty() && !m_dataFolder.isEmpty())
    c.run.out_dir = aia::default_run_dir(c, (m_dataFolder + QStringLiteral("/runs")).toStdString());
  return c;
}

void TrainPage::setDataFolder(const QString& folder) {
  m_dataFolder = folder;
  m_outDir->setPlaceholderText(tr("%1/runs/<dataset>-<loss>-<time>").arg(folder));
}

void TrainPage::setDatasetUsable(bool usable, const QString& name) {
  m_dataset = name;
  m_start->setEnabled(usable && !m_controller->isRunning());
  m_start->setToolTip(usable ? QString() : tr("Load a dataset with its images first (Dataset page)"));
  if (!m_controller->isRunning())
    m_status->setText(usable ? tr("Ready to train on %1.").arg(name)
                             : tr("Pick a dataset with images on the Dataset page."));
}

QString TrainPage::statusText() const { return m_status->text(); }

int TrainPage::epochPoints() const { return m_lossPlot->graph(0)->dataCount(); }

void TrainPage::start() {
  if (m_controller->isRunning() || !m_start->isEnabled()) return;  // F5 obeys the same rule as the button
  Q_EMIT startRequested(config(m_dataset), {});
}

void TrainPage::resume() {
  if (m_controller->isRunning()) return;
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder to resume"));
  if (!dir.isEmpty()) Q_EMIT startRequested(config(m_dataset), dir);
}

bool TrainPage::compareWith(const QString& runDir) {
  std::vector<aia::EpochReport> epochs;
  try {
    epochs = aia::RunFolder(runDir.toStdString()).read_metrics_log();
  } catch (const std::exception&) {
    return false;
  }
  if (epochs.empty()) return false;
  const QColor colour = plotColour(4 + m_comparisons++);
  const QString name = QFileInfo(runDir).fileName();
  auto dashed = [&](QCustomPlot* plot, const QString& what) {
    auto* g = addGraph(plot, QStringLiteral("%1: %2").arg(name, what), colour);
    QPen pen(colour, 1.5, Qt::DashLine);
    g->setPen(pen);
    g->setProperty("comparison", true);
    return g;
  };
  auto* loss = dashed(m_lossPlot, epochs.front().split == "test"
                                      ? tr("test loss")
                                      : tr("%1 loss").arg(QString::fromStdString(epochs.front().split)));
  auto* f1 = dashed(m_f1Plot, tr("per-class F1"));
  for (const auto& e : epochs) {
    loss->addData(e.epoch, e.val_loss);
    f1->addData(e.epoch, e.metrics.per_class_f1);
  }
  scheduleReplot();
  return true;
}

void TrainPage::clearComparisons() {
  for (auto* plot : {m_lossPlot, m_f1Plot})
    for (int i = plot->graphCount() - 1; i >= 0; --i)
      if (plot->graph(i)->property("comparison").toBool()) plot->removeGraph(i);
  m_comparisons = 0;
  scheduleReplot();
}

void TrainPage::onStarted() {
  for (auto* plot : {m_lossPlot, m_f1Plot})
    for (int i = 0; i < plot->graphCount(); ++i)
      if (!plot->graph(i)->property("comparison").toBool()) plot->graph(i)->data()->clear();
  m_batchX = 0;
  m_start->setEnabled(false);
  m_resume->setEnabled(false);
  m_stop->setEnabled(true);
  m_progress->setValue(0);
  m_status->setText(tr("Starting..."));
}

void TrainPage::onBatch(const aia::BatchProgress& b) {
  if (b.phase == aia::Phase::Training) {
    m_progress->setRange(0, static_cast<int>(b.batches * b.epochs));
    m_progress->setValue(static_cast<int>((b.epoch - 1) * b.batches + b.batch));
    m_status->setText(tr("Epoch %1/%2, batch %3/%4 — loss %5 — %6 images/s — ETA %7")
                          .arg(b.epoch)
                          .arg(b.epochs)
                          .arg(b.batch)
                          .arg(b.batches)
                          .arg(b.smoothed_loss, 0, 'f', 4)
                          .arg(b.images_per_second, 0, 'f', 1)
                          .arg(clockText(b.eta_seconds)));
    m_batchX = (b.epoch - 1) + static_cast<double>(b.batch) / static_cast<double>(std::max<std::size_t>(1, b.batches));
    m_lossPlot->graph(2)->addData(m_batchX, b.smoothed_loss);
  } else {
    m_status->setText(tr("Extracting features: batch %1/%2").arg(b.batch).arg(b.batches));
  }
  scheduleReplot();
}

void TrainPage::onEpoch(const aia::EpochReport& e) {
  if (!e.split.empty())
    m_lossPlot->graph(1)->setName(e.split == "test" ? tr("test loss (the selection split, as in the paper)")
                                                    : tr("%1 loss").arg(QString::fromStdString(e.split)));
  m_lossPlot->graph(0)->addData(e.epoch, e.train_loss);
  m_lossPlot->graph(1)->addData(e.epoch, e.val_loss);
  m_f1Plot->graph(0)->addData(e.epoch, e.metrics.per_class_f1);
  m_f1Plot->graph(1)->addData(e.epoch, e.metrics.per_image_f1);
  m_f1Plot->graph(2)->addData(e.epoch, e.metrics.n_plus);
  scheduleReplot();
}

void TrainPage::onFinished(aia::RunStatus outcome, const QString& message, const QString&) {
  m_start->setEnabled(!m_dataset.isEmpty());
  m_resume->setEnabled(true);
  m_stop->setEnabled(false);
  // Core's message already says "finished: ..." or "stopped at ...": shown once, capitalised.
  QString text = message;
  if (!text.isEmpty()) text[0] = text[0].toUpper();
  m_status->setText(outcome == aia::RunStatus::Failed ? tr("Failed: %1").arg(message) : text);
}

void TrainPage::scheduleReplot() {
  if (!m_replot->isActive()) m_replot->start();
}

}  // namespace aia::ui
