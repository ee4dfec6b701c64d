#include "browse_page.h"

#include "heatmap_view.h"
#include "image_decode.h"

#include "plot_style.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/annotator.h"
#include "aia/annotate/tagging.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QSlider>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace aia::ui {
namespace {
constexpr int kThumb = 96;
}

BrowseModel::BrowseModel(QObject* parent) : QAbstractListModel(parent) {}

void BrowseModel::setRun(std::shared_ptr<const RunData> run) {
  m_run = std::move(run);
  ++m_generation;
  m_thumbs.clear();
  m_pending.clear();
  m_thresholds = m_run ? m_run->grid : std::vector<double>{};
  m_filter = -1;
  rebuild();
}

void BrowseModel::setThresholds(const std::vector<double>& thresholds) {
  m_thresholds = thresholds;
  if (m_sort != 0 || m_filter >= 0)
    rebuild();
  else if (!m_rows.isEmpty())
    Q_EMIT dataChanged(index(0), index(m_rows.size() - 1));
}

void BrowseModel::setFilter(int label, int sort) {
  m_filter = label;
  m_sort = sort;
  rebuild();
}

bool BrowseModel::predicted(int image, int label) const {
  return aia::is_tagged(m_run->scores.at(static_cast<std::size_t>(image), static_cast<std::size_t>(label)),
                        m_thresholds[static_cast<std::size_t>(label)]);
}

double BrowseModel::imageF1(int image) const {
  int tp = 0, p = 0, g = 0;
  for (std::size_t j = 0; j < m_run->scores.cols(); ++j) {
    const bool pr = predicted(image, static_cast<int>(j));
    const bool gt = m_run->targets.at(static_cast<std::size_t>(image), j) > 0.5;
    tp += pr && gt;
    p += pr;
    g += gt;
  }
  return p + g ? 2.0 * tp / (p + g) : 1.0;
}

void BrowseModel::rebuild() {
  beginResetModel();
  m_rows.clear();
  if (m_run) {
    for (int i = 0; i < static_cast<int>(m_run->scores.rows()); ++i) {
      if (m_filter >= 0 && !(m_run->targets.at(static_cast<std::size_t>(i), static_cast<std::size_t>(m_filter)) > 0.5 ||
                             predicted(i, m_filter)))
        continue;
      m_rows.push_back(i);
    }
    if (m_sort == 0)
      std::sort(m_rows.begin(), m_rows.end(), [this](int a, int b) {
        return m_run->scores.images[static_cast<std::size_t>(a)] < m_run->scores.images[static_cast<std::size_t>(b)];
      });
    else
      std::stable_sort(m_rows.begin(), m_rows.end(), [this](int a, int b) {
        return m_sort == 1 ? imageF1(a) < imageF1(b) : imageF1(a) > imageF1(b);
      });
  }
  endResetModel();
}

int BrowseModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_rows.size(); }

void BrowseModel::requestThumbnail(int image) const {
  if (m_pending.contains(image)) return;
  m_pending.insert(image);
  const QString path = m_run->imagesDir + QLatin1Char('/') +
                       QString::fromStdString(m_run->scores.images[static_cast<std::size_t>(image)]);
  auto* watcher = new QFutureWatcher<QImage>(const_cast<BrowseModel*>(this));
  connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, image, generation = m_generation] {
    watcher->deleteLater();
    if (generation != m_generation) return;  // a stale answer for a run no longer shown
    const QImage img = watcher->result();
    m_thumbs.insert(image,
                    new QPixmap(img.isNull() ? QPixmap() : QPixmap::fromImage(img)));  // QPixmap in the GUI thread only
    const int row = m_rows.indexOf(image);
    if (row >= 0) Q_EMIT const_cast<BrowseModel*>(this)->dataChanged(index(row), index(row), {Qt::DecorationRole});
  });
  watcher->setFuture(QtConcurrent::run([path] { return decodeToFit(path, QSize(kThumb, kThumb)); }));
}

QString BrowseModel::badge(int image) const {
  int tp = 0, fp = 0, fn = 0;
  for (std::size_t j = 0; j < m_run->scores.cols(); ++j) {
    const bool p = predicted(image, static_cast<int>(j));
    const bool g = m_run->targets.at(static_cast<std::size_t>(image), j) > 0.5;
    tp += p && g;
    fp += p && !g;
    fn += !p && g;
  }
  return QStringLiteral("TP %1 · FP %2 · FN %3").arg(tp).arg(fp).arg(fn);
}

QVariant BrowseModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !m_run) return {};
  const int image = m_rows[index.row()];
  if (role == Qt::DisplayRole)
    return QString::fromStdString(m_run->scores.images[static_cast<std::size_t>(image)]) + QLatin1Char('\n') +
           badge(image);
  if (role == Qt::DecorationRole) {
    if (auto* p = m_thumbs.object(image)) return *p;
    requestThumbnail(image);
    QPixmap placeholder(kThumb, kThumb);
    placeholder.fill(QColor(230, 230, 230));
    return placeholder;
  }
  if (role == Qt::ToolTipRole) return QObject::tr("per-image F1 %1").arg(imageF1(image), 0, 'f', 3);
  return {};
}

BrowsePage::BrowsePage(QWidget* parent) : QWidget(parent) {
  m_filter = new QComboBox;
  m_sort = new QComboBox;
  m_sort->addItems({tr("by file name"), tr("by per-image F1, worst first"), tr("by per-image F1, best first")});
  m_view = new QListView;
  m_view->setObjectName(QStringLiteral("browseView"));
  m_view->setViewMode(QListView::IconMode);
  m_view->setUniformItemSizes(true);
  m_view->setLayoutMode(QListView::Batched);
  m_view->setBatchSize(200);
  m_view->setResizeMode(QListView::Adjust);
  m_view->setIconSize(QSize(kThumb, kThumb));
  m_view->setGridSize(QSize(kThumb + 56, kThumb + 48));
  m_view->setWordWrap(true);
  m_view->setModel(&m_model);
  m_details = new QTextBrowser;
  m_details->setObjectName(QStringLiteral("browseDetails"));
  m_preview = new QLabel(tr("Select an image."));
  m_preview->setObjectName(QStringLiteral("browsePreview"));
  m_preview->setAlignment(Qt::AlignCenter);
  m_preview->setMinimumSize(240, 240);
  m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  m_heatTag = new QComboBox;
  m_heatTag->setObjectName(QStringLiteral("heatmapTag"));
  m_heatTag->setToolTip(tr("Where in the image the model sees this tag (class activation map)"));
  m_opacity = new QSlider(Qt::Horizontal);
  m_opacity->setObjectName(QStringLiteral("heatmapOpacity"));
  m_opacity->setRange(0, 100);
  m_opacity->setValue(60);
  m_opacity->setToolTip(tr("Heatmap opacity"));
  m_heatMethod = new QComboBox;
  m_heatMethod->setObjectName(QStringLiteral("heatmapMethod"));
  m_heatNote = new QLabel;
  fillHeatmapMethods(false);
  m_heatNote->setWordWrap(true);
  auto* heatRow = new QHBoxLayout;
  heatRow->addWidget(new QLabel(tr("&Heatmap:")));
  static_cast<QLabel*>(heatRow->itemAt(0)->widget())->setBuddy(m_heatTag);
  heatRow->addWidget(m_heatTag, 1);
  heatRow->addWidget(m_heatMethod);
  heatRow->addWidget(new QLabel(tr("Opacity:")));
  heatRow->addWidget(m_opacity, 1);
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(m_preview, 3);
  sideLayout->addLayout(heatRow);
  sideLayout->addWidget(m_heatNote);
  sideLayout->addWidget(m_details, 2);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Label:")));
  top->addWidget(m_filter, 1);
  top->addWidget(new QLabel(tr("Sort:")));
  top->addWidget(m_sort, 1);
  auto* split = new QSplitter;
  split->addWidget(m_view);
  split->addWidget(side);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(split, 1);
  auto refilter = [this] { m_model.setFilter(m_filter->currentData().toInt(), m_sort->currentIndex()); };
  connect(m_filter, &QComboBox::activated, this, refilter);
  connect(m_sort, &QComboBox::activated, this, refilter);
  connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) { showDetails(current.row()); });
  connect(m_heatTag, &QComboBox::activated, this, [this] { showPreview(); });
  connect(m_heatMethod, &QComboBox::activated, this, [this] { showPreview(); });
  connect(m_opacity, &QSlider::valueChanged, this, [this] { showPreview(); });
}

void BrowsePage::fillHeatmapMethods(bool attention) {
  m_heatMethod->clear();
  using M = aia::Annotator::Method;
  const std::vector<M> methods = attention ? std::vector<M>{M::Attention} : std::vector<M>{M::Cam, M::GradCam};
  for (const M m : methods) m_heatMethod->addItem(heatmapMethodTitle(m), int(m));
  m_heatMethod->setEnabled(methods.size() > 1);
  m_heatMethod->setToolTip(attention ? tr("This run's attention head draws its own attention, averaged over its "
                                          "heads; the CAM identity of the gap head does not hold for it")
                                     : tr("CAM is exact for this network (a map's mean is the tag's logit); Grad-CAM "
                                          "is the same map with its negative evidence clipped"));
  m_heatTag->setToolTip(attention ? tr("Where in the image this tag's query attends (the attention head's weights)")
                                  : tr("Where in the image the model sees this tag (class activation map)"));
  m_heatNote->setText(heatmapScaleNote(methods.front()));
}

void BrowsePage::setRun(std::shared_ptr<const RunData> run) {
  m_run = std::move(run);
  m_thresholds = m_run ? m_run->grid : std::vector<double>{};
  m_filter->clear();
  m_filter->addItem(tr("all labels"), -1);
  if (m_run)
    for (std::size_t j = 0; j < m_run->scores.labels.size(); ++j)
      m_filter->addItem(QString::fromStdString(m_run->scores.labels[j]), static_cast<int>(j));
  m_model.setRun(m_run);
  m_details->clear();
  m_image = -1;
  if (!m_run || m_annotatorRun != m_run->dir) m_annotator.reset();
  fillHeatmapMethods(m_run && m_run->attentionHead);
  if (m_model.rowCount() > 0) m_view->setCurrentIndex(m_model.index(0));
}

void BrowsePage::setThresholds(const std::vector<double>& thresholds) {
  if (!m_run || thresholds.size() != m_run->scores.labels.size()) return;
  m_thresholds = thresholds;
  m_model.setThresholds(thresholds);
  showDetails(m_view->currentIndex().row());
}

void BrowsePage::showDetails(int row) {
  const int image = m_model.imageAt(row);
  if (!m_run || image < 0) {
    m_details->clear();
    m_image = -1;
    showPreview();
    return;
  }
  if (image != m_image) {
    // The heatmap menu lists this image's tags by score, highest first.
    const QString kept = m_heatTag->currentData().toInt() >= 0 ? m_heatTag->currentText() : QString();
    m_heatTag->clear();
    m_heatTag->addItem(tr("no heatmap"), -1);
    std::vector<std::pair<double, std::size_t>> byScore;
    for (std::size_t j = 0; j < m_run->scores.cols(); ++j)
      byScore.emplace_back(m_run->scores.at(static_cast<std::size_t>(image), j), j);
    std::sort(byScore.rbegin(), byScore.rend());
    for (const auto& [score, j] : byScore)
      m_heatTag->addItem(
          QStringLiteral("%1 (%2)").arg(QString::fromStdString(m_run->scores.labels[j])).arg(score, 0, 'f', 3),
          static_cast<int>(j));
    if (!kept.isEmpty()) {
      const QString name = kept.section(QLatin1String(" ("), 0, 0);
      for (int k = 1; k < m_heatTag->count(); ++k)
        if (m_heatTag->itemText(k).section(QLatin1String(" ("), 0, 0) == name) m_heatTag->setCurrentIndex(k);
    }
    m_image = image;
    showPreview();
  }
  const auto i = static_cast<std::size_t>(image);
  QString html = QStringLiteral("<h3>%1</h3><p>%2 — %3</p><p>")
                     .arg(QString::fromStdString(m_run->scores.images[i]).toHtmlEscaped())
                     .arg(tr("per-image F1 %1").arg(m_model.imageF1(image), 0, 'f', 3), m_model.badge(image));
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t j = 0; j < m_run->scores.cols(); ++j) order.emplace_back(m_run->scores.at(i, j), j);
  std::sort(order.rbegin(), order.rend());
  for (const auto& [score, j] : order) {
    const bool p = m_model.predicted(image, static_cast<int>(j));
    const bool g = m_run->targets.at(i, j) > 0.5;
    if (!p && !g) continue;
    // Chips in the plots' palette (bluish green, vermillion, sky blue): apart for colour-blind readers too.
    const QColor colour = p && g ? plotColour(2) : p ? plotColour(5) : plotColour(4);
    const QString what = p && g ? tr("true positive") : p ? tr("false positive") : tr("missed");
    html += QStringLiteral("<span style=\"background-color:%1; color:white\" title=\"%4\">&nbsp;%2 %3&nbsp;</span> ")
                .arg(colour.name(), QString::fromStdString(m_run->scores.labels[j]).toHtmlEscaped())
                .arg(score, 0, 'f', 2)
                .arg(what);
  }
  html += QStringLiteral(
              "</p><p><span style=\"background-color:%1; color:white\">&nbsp;%2&nbsp;</span> "
              "<span style=\"background-color:%3; color:white\">&nbsp;%4&nbsp;</span> "
              "<span style=\"background-color:%5; color:white\">&nbsp;%6&nbsp;</span></p>")
              .arg(plotColour(2).name(), tr("true positive"), plotColour(5).name(), tr("false positive"),
                   plotColour(4).name(), tr("missed"));
  m_details->setHtml(html);
}

QString BrowsePage::detailsHtml() const { return m_details->toHtml(); }

void BrowsePage::showPreview() {
  const int generation = ++m_previewGeneration;
  if (!m_run || m_image < 0) {
    m_preview->setPixmap({});
    m_preview->setText(tr("Select an image."));
    return;
  }
  const QString path = m_run->imagesDir + QLatin1Char('/') +
                       QString::fromStdString(m_run->scores.images[static_cast<std::size_t>(m_image)]);
  const int label = m_heatTag->currentData().toInt();
  const double opacity = m_opacity->value() / 100.0;
  const auto method = static_cast<aia::Annotator::Method>(m_heatMethod->currentData().toInt());
  const int side = std::max(240, std::min(m_preview->width(), m_preview->height()));
  // The model (for a heatmap) loads once per run, and everything runs off the GUI thread.
  std::shared_ptr<aia::Annotator> annotator = m_annotator;
  const std::string runDir = m_run->dir.toStdString();
  struct Shown {
    QImage image;
    QString error;
    std::shared_ptr<aia::Annotator> annotator;
  };
  auto* watcher = new QFutureWatcher<Shown>(this);
  connect(watcher, &QFutureWatcher<Shown>::finished, this, [this, watcher, generation, label] {
    watcher->deleteLater();
    Shown shown = watcher->result();
    if (shown.annotator && !m_annotator && m_run) {
      m_annotator = shown.annotator;
      m_annotatorRun = m_run->dir;
    }
    if (generation != m_previewGeneration) return;
    if (shown.image.isNull()) {
      m_preview->setText(shown.error);
      return;
    }
    m_preview->setPixmap(QPixmap::fromImage(shown.image));
    Q_EMIT previewShown(label >= 0);
  });
  watcher->setFuture(QtConcurrent::run([path, label, opacity, side, annotator, runDir, method]() mutable {
    Shown s;
    try {
      if (label < 0) {
        s.image = decodeToFit(path, QSize(side, side));
        if (s.image.isNull()) s.error = tr("Cannot show %1").arg(path);
        return s;
      }
      if (!annotator) annotator = std::make_shared<aia::Annotator>(runDir);
      s.annotator = annotator;
      s.image = heatmapImage(*annotator, path, static_cast<std::size_t>(label), method, opacity, side);
    } catch (const std::exception& e) {
      s.error = QString::fromUtf8(e.what());
    }
    return s;
  }));
}

bool BrowsePage::exportPredictions(const QString& path) const {
  if (!m_run) return false;
  aia::write_predictions_csv(path.toStdString(), m_run->scores, m_run->targets, m_thresholds);
  return true;
}

}  // namespace aia::ui
