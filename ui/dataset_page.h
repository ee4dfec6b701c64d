#pragma once
// Pick a dataset (the three benchmarks, the demo, or a folder) and see its
// statistics before training: label frequencies, labels per image, the
// co-occurrence of the most frequent labels (hover names the pair), a gallery
// of sample images with their tags (reshuffle), and the validation report.

#include "aia/data/dataset.h"
#include "aia/data/dataset_stats.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QTabWidget;
class QPlainTextEdit;
class QPushButton;
class QCustomPlot;
class QCPColorScale;

namespace aia::ui {

struct LoadedDataset {
  bool ok = false;
  QString error;
  aia::Dataset dataset;
  aia::ValidationReport report;
  QString name;  // what the user chose: "demo", "Corel-5k" or a folder
};

class DatasetPage : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetPage(QWidget* parent = nullptr);
  QString currentName() const { return m_loaded.name; }
  bool isUsable() const;  // loaded, with training images present
  const LoadedDataset& loaded() const { return m_loaded; }
  QListWidget* gallery() const { return m_gallery; }
  QCustomPlot* coOccurrencePlot() const { return m_coPlot; }
  QCustomPlot* labelsPerImagePlot() const { return m_perImagePlot; }
  const aia::CoOccurrence& coOccurrence() const { return m_co; }
  QString hoverText() const;
  QTabWidget* views() const { return m_views; }

 public Q_SLOTS:
  void load(const QString& nameOrPath);
  void chooseFolder();
  void reshuffle();  // another sample of images in the gallery

 Q_SIGNALS:
  void datasetLoaded(bool usable);
  void messageLogged(const QString& text);

 private:
  void createViews();
  void showLoaded();
  void showFrequencies(const aia::LabelStatistics& stats);
  void showCoOccurrence();
  void showGallery();
  bool eventFilter(QObject* watched, QEvent* event) override;
  QComboBox* m_choice;
  QPushButton* m_folder;
  QLabel* m_summary;
  QCustomPlot* m_plot;
  QCustomPlot *m_perImagePlot, *m_coPlot;
  QCPColorScale* m_coScale = nullptr;
  QLabel* m_hover;
  QListWidget* m_gallery;
  QPushButton* m_reshuffle;
  QTabWidget* m_views;
  aia::CoOccurrence m_co;
  std::uint64_t m_gallerySeed = 1;
  int m_galleryGeneration = 0;
  QPlainTextEdit* m_report;
  QFutureWatcher<LoadedDataset> m_watcher;
  LoadedDataset m_loaded;
};

}  // namespace aia::ui
