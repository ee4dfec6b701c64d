#pragma once
// The test images of a run in a virtualised grid with thumbnails loaded off
// the GUI thread; predicted versus ground-truth tags, colour-coded, with
// scores; filter by label, sort by per-image F1.

#include "run_data.h"

#include <QAbstractListModel>
#include <QCache>
#include <QPixmap>
#include <QSet>
#include <QWidget>

#include <memory>

class QComboBox;
class QListView;
class QTextBrowser;

namespace aia::ui {

class BrowseModel : public QAbstractListModel {
  Q_OBJECT
 public:
  explicit BrowseModel(QObject* parent = nullptr);
  void setRun(std::shared_ptr<const RunData> run);
  void setThresholds(const std::vector<double>& thresholds);
  void setFilter(int label, int sort);  // label -1: all; sort 0 name, 1 worst F1 first, 2 best first
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  int imageAt(int row) const { return m_rows.value(row, -1); }
  double imageF1(int image) const;
  bool predicted(int image, int label) const;
  int thumbnailRequests() const { return m_pending.size(); }  // images whose thumbnail was asked for
  bool hasThumbnail(int image) const { return m_thumbs.contains(image); }

 private:
  void rebuild();
  void requestThumbnail(int image) const;
  std::shared_ptr<const RunData> m_run;
  std::vector<double> m_thresholds;
  QVector<int> m_rows;
  int m_filter = -1, m_sort = 0;
  mutable QCache<int, QPixmap> m_thumbs{2000};
  mutable QSet<int> m_pending;
  quint64 m_generation = 0;  // bumped by setRun: a thumbnail of an earlier run is dropped
};

class BrowsePage : public QWidget {
  Q_OBJECT
 public:
  explicit BrowsePage(QWidget* parent = nullptr);
  void setRun(std::shared_ptr<const RunData> run);
  BrowseModel* model() { return &m_model; }
  bool exportPredictions(const QString& path) const;
  QListView* view() const { return m_view; }

 public Q_SLOTS:
  void setThresholds(const std::vector<double>& thresholds);

 private:
  void showDetails(int row);
  BrowseModel m_model;
  std::shared_ptr<const RunData> m_run;
  std::vector<double> m_thresholds;
  QComboBox *m_filter, *m_sort;
  QListView* m_view;
  QTextBrowser* m_details;
};

}  // namespace aia::ui
