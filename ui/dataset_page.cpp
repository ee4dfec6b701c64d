#include "dataset_page.h"

#include "image_decode.h"

#include "plot_style.h"

#include "aia/catalogue/catalogue.h"
#include "aia/data/demo_dataset.h"
#include "aia/errors.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aia::ui {

DatasetPage::DatasetPage(QWidget* parent) : QWidget(parent) {
  m_choice = new QComboBox;
  for (const auto& d : aia::datasets()) {
    const QString name = QString::fromStdString(d.name);
    // The demos by what they are, in the user's language; the benchmarks by their names.
    QString label = name;
    if (d.name == "demo") label = tr("Demo (Fashion-MNIST mosaics)");
    if (d.name == "demo-longtail") label = tr("Demo, long-tailed labels");
    m_choice->addItem(label, name);
    m_choice->setItemData(m_choice->count() - 1, QString::fromStdString(d.description), Qt::ToolTipRole);
  }
  m_choice->setObjectName(QStringLiteral("datasetChoice"));
  m_folder = new QPushButton(tr("Open &folder..."));
  m_summary = new QLabel(tr("No dataset loaded."));
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_plot = new QCustomPlot;
  m_plot->setObjectName(QStringLiteral("labelFrequencyPlot"));
  stylePlot(m_plot);
  m_plot->legend->setVisible(false);
  m_plot->xAxis->setLabel(tr("labels, most frequent first"));
  m_plot->yAxis->setLabel(tr("training images"));
  m_report = new QPlainTextEdit;
  m_report->setReadOnly(true);
  m_report->setPlaceholderText(tr("Validation report"));

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("&Dataset:")));
  static_cast<QLabel*>(top->itemAt(0)->widget())->setBuddy(m_choice);
  top->addWidget(m_choice, 1);
  top->addWidget(m_folder);
  createViews();
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_summary);
  layout->addWidget(m_views, 3);
  layout->addWidget(m_report, 1);
  connect(m_reshuffle, &QPushButton::clicked, this, &DatasetPage::reshuffle);

  connect(m_choice, &QComboBox::activated, this, [this](int index) { load(m_choice->itemData(index).toString()); });
  connect(m_folder, &QPushButton::clicked, this, &DatasetPage::chooseFolder);
  connect(&m_watcher, &QFutureWatcher<LoadedDataset>::finished, this, [this] {
    m_loaded = m_watcher.result();
    showLoaded();
  });
}

// The four views of a loaded dataset: label frequency, labels per image,
// co-occurrence (with the hovered cell in words) and a gallery.
void DatasetPage::createViews() {
  m_views = new QTabWidget;
  m_perImagePlot = new QCustomPlot;
  m_perImagePlot->setObjectName(QStringLiteral("labelsPerImagePlot"));
  stylePlot(m_perImagePlot);
  m_perImagePlot->legend->setVisible(false);
  m_perImagePlot->xAxis->setLabel(tr("labels per training image"));
  m_perImagePlot->yAxis->setLabel(tr("training images"));
  m_coPlot = new QCustomPlot;
  m_coPlot->setObjectName(QStringLiteral("coOccurrencePlot"));
  stylePlot(m_coPlot);
  m_coPlot->legend->setVisible(false);
  m_coPlot->setMouseTracking(true);
  m_coPlot->installEventFilter(this);
  m_hover = new QLabel(
      tr("Point at a cell: the two labels and how many training images carry both (the diagonal, a label's own "
         "count, is off the colour scale)."));
  m_hover->setObjectName(QStringLiteral("coOccurrenceHover"));
  auto* coBox = new QWidget;
  auto* coLayout = new QVBoxLayout(coBox);
  coLayout->addWidget(m_coPlot, 1);
  coLayout->addWidget(m_hover);
  m_gallery = new QListWidget;
  m_gallery->setObjectName(QStringLiteral("gallery"));
  m_gallery->setViewMode(QListView::IconMode);
  m_gallery->setIconSize(QSize(128, 128));
  m_gallery->setGridSize(QSize(176, 200));
  m_gallery->setResizeMode(QListView::Adjust);
  m_gallery->setMovement(QListView::Static);
  m_gallery->setWordWrap(true);
  m_reshuffle = new QPushButton(tr("Re&shuffle"));
  m_reshuffle->setToolTip(tr("Show other training images"));
  auto* galleryBox = new QWidget;
  auto* galleryLayout = new QVBoxLayout(galleryBox);
  galleryLayout->addWidget(m_gallery, 1);
  galleryLayout->addWidget(m_reshuffle, 0, Qt::AlignLeft);
  m_views->addTab(m_plot, tr("Label frequency"));
  m_views->addTab(m_perImagePlot, tr("Labels per image"));
  m_views->addTab(coBox, tr("Co-occurrence"));
  m_views->addTab(galleryBox, tr("Gallery"));
}

bool DatasetPage::isUsable() const {
  return m_loaded.ok && !m_loaded.dataset.train.empty() && !m_loaded.dataset.test.empty();
}

void DatasetPage::chooseFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder (train.json + test.json + images/)"));
  if (!dir.isEmpty()) load(dir);
}

void DatasetPage::load(const QString& nameOrPath) {
  if (m_watcher.isRunning()) return;
  const int index = m_choice->findData(nameOrPath);
  if (index < 0) {
    QSignalBlocker block(m_choice);
    m_choice->addItem(nameOrPath, nameOrPath);
    m_choice->setCurrentIndex(m_choice->count() - 1);
  } else {
    m_choice->setCurrentIndex(index);
  }
  m_summary->setText(tr("Loading %1...").arg(nameOrPath));
  m_watcher.setFuture(QtConcurrent::run([nameOrPath] {
    LoadedDataset l;
    l.name = nameOrPath;
    try {
      const std::string path = aia::dataset_location(nameOrPath.toStdString(), nullptr);
      l.dataset = aia::load_dataset(path, &l.report);
      aia::check_images_exist(l.dataset, l.report);
      l.ok = true;
    } catch (const std::exception& e) {
      l.error = QString::fromUtf8(e.what());
    }
    return l;
  }));
}

void DatasetPage::showLoaded() {
  m_plot->clearPlottables();
  m_perImagePlot->clearPlottables();
  m_coPlot->clearPlottables();
  m_co = {};
  m_gallery->clear();
  ++m_galleryGeneration;
  if (!m_loaded.ok) {
    m_summary->setText(tr("Cannot use %1: %2").arg(m_loaded.name, m_loaded.error));
    m_report->clear();
    m_plot->replot();
    Q_EMIT messageLogged(m_summary->text());
    Q_EMIT datasetLoaded(false);
    return;
  }
  const auto& d = m_loaded.dataset;
  const aia::LabelStatistics stats = aia::label_statistics(d.train, d.vocabulary.size());
  double labels = 0;
  for (std::size_t k = 0; k < stats.labels_per_image.size(); ++k)
    labels += static_cast<double>(k) * static_cast<double>(stats.labels_per_image[k]);
  m_summary->setText(tr("<b>%1</b> — %2 training, %3 test images with their files present; %4 labels; "
                        "%5 labels per training image; normalisation: %6")
                         .arg(QString::fromStdString(d.name))
                         .arg(d.train.size())
                         .arg(d.test.size())
                         .arg(d.vocabulary.size())
                         .arg(d.train.empty() ? 0.0 : labels / static_cast<double>(d.train.size()), 0, 'f', 2)
                         .arg(d.normalization_known ? QString::fromStdString(d.normalization.source)
                                                    : tr("computed from the training images when training starts")));
  showFrequencies(stats);
  showCoOccurrence();
  showGallery();
  QString report = QString::fromStdString(m_loaded.report.summary(200));
  if (d.train.empty())
    report.prepend(tr("No training image was found in %1: put the images there to train.\n")
                       .arg(QString::fromStdString(d.images_dir)));
  m_report->setPlainText(report);
  Q_EMIT messageLogged(
      tr("dataset %1: %2").arg(QString::fromStdString(d.name), QString::fromStdString(m_loaded.report.summary(0))));
  Q_EMIT datasetLoaded(isUsable());
}

// Label frequency (most frequent first) and labels per training image.
void DatasetPage::showFrequencies(const aia::LabelStatistics& stats) {
  const auto& d = m_loaded.dataset;
  const std::vector<std::int64_t>& frequency = stats.frequency;
  std::vector<std::size_t> order(frequency.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return frequency[a] > frequency[b]; });
  QVector<double> x(static_cast<int>(frequency.size())), y(static_cast<int>(frequency.size()));
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < x.size(); ++i) {
    x[i] = i + 1;
    y[i] = frequency[order[static_cast<std::size_t>(i)]];
    if (x.size() <= 40)
      ticker->addTick(i + 1, QString::fromStdString(d.vocabulary[order[static_cast<std::size_t>(i)]]));
  }
  if (x.size() <= 40) {
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(x.size() > 12 ? 60 : 0);
  } else {
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
  bars->setData(x, y);
  bars->setWidth(0.8);
  bars->setPen(Qt::NoPen);
  bars->setBrush(plotColour(0));
  m_plot->rescaleAxes();
  m_plot->xAxis->setRange(0, x.size() + 1);
  m_plot->replot();

  m_perImagePlot->clearPlottables();
  auto* perImage = new QCPBars(m_perImagePlot->xAxis, m_perImagePlot->yAxis);
  perImage->setPen(Qt::NoPen);
  perImage->setBrush(plotColour(2));
  perImage->setWidth(0.8);
  double most = 1;
  for (std::size_t k = 0; k < stats.labels_per_image.size(); ++k) {
    perImage->addData(static_cast<double>(k), static_cast<double>(stats.labels_per_image[k]));
    most = std::max(most, static_cast<double>(stats.labels_per_image[k]));
  }
  auto whole = QSharedPointer<QCPAxisTickerFixed>::create();
  whole->setTickStep(1);
  whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_perImagePlot->xAxis->setTicker(whole);
  m_perImagePlot->xAxis->setRange(-0.6, static_cast<double>(stats.labels_per_image.size()) - 0.4);
  m_perImagePlot->yAxis->setRange(0, most * 1.08);
  m_perImagePlot->replot();
}

void DatasetPage::showCoOccurrence() {
  m_coPlot->clearPlottables();
  const auto& d = m_loaded.dataset;
  m_co = aia::co_occurrence(d.train, d.vocabulary.size(), 20);
  const int k = static_cast<int>(m_co.labels.size());
  if (k == 0) {
    m_coPlot->replot();
    return;
  }
  auto* map = new QCPColorMap(m_coPlot->xAxis, m_coPlot->yAxis);
  map->data()->setSize(k, k);
  map->data()->setRange(QCPRange(0, k - 1), QCPRange(0, k - 1));
  double top = 1;
  for (int a = 0; a < k; ++a)
    for (int b = 0; b < k; ++b) {
      // Row 0 (the most frequent label) at the top.
      const double n = static_cast<double>(m_co.at(static_cast<std::size_t>(a), static_cast<std::size_t>(b)));
      map->data()->setCell(b, k - 1 - a, n);
      if (a != b) top = std::max(top, n);
    }
  // The diagonal (each label's own frequency) would flatten the scale: the
  // colours span the pairs, and the diagonal saturates.
  QCPColorGradient gradient(QCPColorGradient::gpThermal);
  map->setGradient(gradient);
  map->setDataRange(QCPRange(0, top));
  map->setInterpolate(false);
  if (!m_coScale) {
    m_coScale = new QCPColorScale(m_coPlot);
    m_coPlot->plotLayout()->addElement(0, 1, m_coScale);
    m_coScale->setType(QCPAxis::atRight);
    m_coScale->axis()->setLabel(tr("images with both labels"));
    auto* margins = new QCPMarginGroup(m_coPlot);
    m_coPlot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_coScale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  }
  map->setColorScale(m_coScale);
  m_coScale->setGradient(gradient);
  m_coScale->setDataRange(QCPRange(0, top));
  auto names = [&](bool reversed) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < k; ++i)
      ticker->addTick(reversed ? k - 1 - i : i,
                      QString::fromStdString(d.vocabulary[m_co.labels[static_cast<std::size_t>(i)]]));
    return ticker;
  };
  m_coPlot->xAxis->setTicker(names(false));
  m_coPlot->xAxis->setTickLabelRotation(60);
  m_coPlot->yAxis->setTicker(names(true));
  m_coPlot->xAxis->setRange(-0.5, k - 0.5);
  m_coPlot->yAxis->setRange(-0.5, k - 0.5);
  m_coPlot->xAxis->grid()->setVisible(false);
  m_coPlot->yAxis->grid()->setVisible(false);
  m_coPlot->replot();
}

QString DatasetPage::hoverText() const { return m_hover->text(); }

bool DatasetPage::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_coPlot && event->type() == QEvent::MouseMove && !m_co.labels.empty()) {
    const auto* e = static_cast<QMouseEvent*>(event);
    const int k = static_cast<int>(m_co.labels.size());
    const int column = static_cast<int>(std::lround(m_coPlot->xAxis->pixelToCoord(e->position().x())));
    const int row = k - 1 - static_cast<int>(std::lround(m_coPlot->yAxis->pixelToCoord(e->position().y())));
    if (row >= 0 && row < k && column >= 0 && column < k) {
      const auto& v = m_loaded.dataset.vocabulary;
      const auto a = static_cast<std::size_t>(row), b = static_cast<std::size_t>(column);
      const QString text =
          a == b ? tr("%1: %2 training images").arg(QString::fromStdString(v[m_co.labels[a]])).arg(m_co.at(a, a))
                 : tr("%1 and %2: %3 training images")
                       .arg(QString::fromStdString(v[m_co.labels[a]]), QString::fromStdString(v[m_co.labels[b]]))
                       .arg(m_co.at(a, b));
      m_hover->setText(text);
      QToolTip::showText(e->globalPosition().toPoint(), text, m_coPlot);
    }
  }
  return QWidget::eventFilter(watched, event);
}

void DatasetPage::reshuffle() {
  ++m_gallerySeed;
  showGallery();
}

void DatasetPage::showGallery() {
  m_gallery->clear();
  const int generation = ++m_galleryGeneration;
  if (!m_loaded.ok) return;
  const auto& d = m_loaded.dataset;
  const auto picked = aia::gallery_sample(d.train.size(), 24, m_gallerySeed);
  QStringList paths;
  for (std::size_t i : picked) {
    const auto& sample = d.train[i];
    QStringList tags;
    for (int l : sample.labels) tags << QString::fromStdString(d.vocabulary[static_cast<std::size_t>(l)]);
    auto* item = new QListWidgetItem(tags.join(QStringLiteral(", ")));
    item->setToolTip(QString::fromStdString(sample.image) + QLatin1Char('\n') + tags.join(QStringLiteral(", ")));
    QPixmap placeholder(128, 128);
    placeholder.fill(palette().color(QPalette::Mid));
    item->setIcon(QIcon(placeholder));
    m_gallery->addItem(item);
    paths << QString::fromStdString(d.images_dir + "/" + sample.image);
  }
  // Decoded off the GUI thread at their final size; a later load or reshuffle wins.
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::resultReadyAt, this, [this, watcher, generation](int index) {
    if (generation != m_galleryGeneration || index >= m_gallery->count()) return;
    const QImage image = watcher->resultAt(index);
    if (!image.isNull()) m_gallery->item(index)->setIcon(QIcon(QPixmap::fromImage(image)));
  });
  connect(watcher, &QFutureWatcher<QImage>::finished, watcher, &QObject::deleteLater);
  watcher->setFuture(
      QtConcurrent::mapped(paths, [](const QString& path) { return decodeToFit(path, QSize(128, 128)); }));
}

}  // namespace aia::ui
