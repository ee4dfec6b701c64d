#pragma once
// The test images of a run in a virtualised grid with thumbnails loaded off
// the GUI thread, each with a TP/FP/FN badge; the selected image large, its
// predicted versus ground-truth tags as coloured chips with scores, and a
// chosen tag's class activation map over it (core's heatmap_overlay, computed
// off the GUI thread, one colour scale for every tag and image, opacity
// slider); filter by label, sort by per-image F1; arrow keys move.

#include "run_data.h"

#include <QAbstractListModel>
#include <QCache>
#include <QPixmap>
#include <QSet>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QSlider;
class QTextBrowser;

namespace aia {
class Annotator;
}

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
  // "TP 3 · FP 1 · FN 2" at the current thresholds.
  QString badge(int image) const;

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
  QLabel* preview() const { return m_preview; }
  QComboBox* heatmapTag() const { return m_heatTag; }
  QSlider* opacity() const { return m_opacity; }
  QComboBox* heatmapMethod() const { return m_heatMethod; }
  QLabel* heatmapNote() const { return m_heatNote; }  // which maps these are and what the colours mean
  QString detailsHtml() const;

 public Q_SLOTS:
  void setThresholds(const std::vector<double>& thresholds);

 private:
  void showDetails(int row);
  void fillHeatmapMethods(bool attention);  // the methods the run's head draws, and what they mean
  void showPreview();                       // the current image, with the chosen tag's heatmap over it
  BrowseModel m_model;
  std::shared_ptr<const RunData> m_run;
  std::vector<double> m_thresholds;
  QComboBox *m_filter, *m_sort;
  QListView* m_view;
  QTextBrowser* m_details;
  QLabel* m_preview;
  QComboBox* m_heatTag;
  QSlider* m_opacity;
  QComboBox* m_heatMethod;
  QLabel* m_heatNote;
  int m_image = -1;
  int m_previewGeneration = 0;
  std::shared_ptr<aia::Annotator> m_annotator;  // loaded on the first heatmap, off the GUI thread
  QString m_annotatorRun;

 Q_SIGNALS:
  void previewShown(bool withHeatmap);
};

}  // namespace aia::ui
