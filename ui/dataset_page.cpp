#include "dataset_page.h"

#include "plot_style.h"

#include "aia/data/demo_dataset.h"
#include "aia/errors.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <numeric>

namespace aia::ui {

DatasetPage::DatasetPage(QWidget* parent) : QWidget(parent) {
  m_choice = new QComboBox;
  m_choice->addItem(tr("Demo (Fashion-MNIST mosaics)"), QStringLiteral("demo"));
  m_choice->addItem(tr("Demo, long-tailed labels"), QStringLiteral("demo-longtail"));
  for (const char* name : {"Corel-5k", "ESP-Game", "IAPR-TC-12"})
    m_choice->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
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
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_summary);
  layout->addWidget(m_plot, 2);
  layout->addWidget(m_report, 1);

  connect(m_choice, &QComboBox::activated, this, [this](int index) { load(m_choice->itemData(index).toString()); });
  connect(m_folder, &QPushButton::clicked, this, &DatasetPage::chooseFolder);
  connect(&m_watcher, &QFutureWatcher<LoadedDataset>::finished, this, [this] {
    m_loaded = m_watcher.result();
    showLoaded();
  });
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
  if (!m_loaded.ok) {
    m_summary->setText(tr("Cannot use %1: %2").arg(m_loaded.name, m_loaded.error));
    m_report->clear();
    m_plot->replot();
    Q_EMIT messageLogged(m_summary->text());
    Q_EMIT datasetLoaded(false);
    return;
  }
  const auto& d = m_loaded.dataset;
  std::vector<int> frequency(d.vocabulary.size(), 0);
  double labels = 0;
  for (const auto& s : d.train) {
    labels += static_cast<double>(s.labels.size());
    for (int l : s.labels) ++frequency[static_cast<std::size_t>(l)];
  }
  m_summary->setText(tr("<b>%1</b> — %2 training, %3 test images with their files present; %4 labels; "
                        "%5 labels per training image; normalisation: %6")
                         .arg(QString::fromStdString(d.name))
                         .arg(d.train.size())
                         .arg(d.test.size())
                         .arg(d.vocabulary.size())
                         .arg(d.train.empty() ? 0.0 : labels / static_cast<double>(d.train.size()), 0, 'f', 2)
                         .arg(d.normalization_known ? QString::fromStdString(d.normalization.source)
                                                    : tr("computed from the training images when training starts")));
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
  QString report = QString::fromStdString(m_loaded.report.summary(200));
  if (d.train.empty())
    report.prepend(tr("No training image was found in %1: put the images there to train.\n")
                       .arg(QString::fromStdString(d.images_dir)));
  m_report->setPlainText(report);
  Q_EMIT messageLogged(
      tr("dataset %1: %2").arg(QString::fromStdString(d.name), QString::fromStdString(m_loaded.report.summary(0))));
  Q_EMIT datasetLoaded(isUsable());
}

}  // namespace aia::ui
