#include "browse_page.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/tagging.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListView>
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
  watcher->setFuture(QtConcurrent::run([path] {
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid()) reader.setScaledSize(size.scaled(kThumb, kThumb, Qt::KeepAspectRatio));
    return reader.read();
  }));
}

QVariant BrowseModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !m_run) return {};
  const int image = m_rows[index.row()];
  if (role == Qt::DisplayRole) return QString::fromStdString(m_run->scores.images[static_cast<std::size_t>(image)]);
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
  m_view->setGridSize(QSize(kThumb + 40, kThumb + 36));
  m_view->setModel(&m_model);
  m_details = new QTextBrowser;
  m_details->setObjectName(QStringLiteral("browseDetails"));
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Label:")));
  top->addWidget(m_filter, 1);
  top->addWidget(new QLabel(tr("Sort:")));
  top->addWidget(m_sort, 1);
  auto* split = new QSplitter;
  split->addWidget(m_view);
  split->addWidget(m_details);
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
    return;
  }
  const auto i = static_cast<std::size_t>(image);
  QString html =
      QStringLiteral("<h3>%1</h3><p>%2</p><table cellpadding=3><tr><th align=left>%3</th><th>%4</th><th>%5</th></tr>")
          .arg(QString::fromStdString(m_run->scores.images[i]).toHtmlEscaped())
          .arg(tr("per-image F1 %1").arg(m_model.imageF1(image), 0, 'f', 3))
          .arg(tr("tag"), tr("score"), tr("result"));
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t j = 0; j < m_run->scores.cols(); ++j) order.emplace_back(m_run->scores.at(i, j), j);
  std::sort(order.rbegin(), order.rend());
  for (const auto& [score, j] : order) {
    const bool p = m_model.predicted(image, static_cast<int>(j));
    const bool g = m_run->targets.at(i, j) > 0.5;
    if (!p && !g) continue;
    const QString colour = p && g ? QStringLiteral("#1a7f37")
                           : p    ? QStringLiteral("#c62828")
                                  : QStringLiteral("#e07b00");
    const QString what = p && g ? tr("true positive") : p ? tr("false positive") : tr("missed");
    html +=
        QStringLiteral("<tr><td><font color=%1><b>%2</b></font></td><td>%3</td><td><font color=%1>%4</font></td></tr>")
            .arg(colour, QString::fromStdString(m_run->scores.labels[j]).toHtmlEscaped())
            .arg(score, 0, 'f', 3)
            .arg(what);
  }
  html += QStringLiteral("</table>");
  m_details->setHtml(html);
}

bool BrowsePage::exportPredictions(const QString& path) const {
  if (!m_run) return false;
  aia::write_predictions_csv(path.toStdString(), m_run->scores, m_run->targets, m_thresholds);
  return true;
}

}  // namespace aia::ui
