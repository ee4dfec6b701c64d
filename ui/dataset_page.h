#pragma once
// Pick a dataset (the three benchmarks, the demo, or a folder) and see its
// statistics, label imbalance and validation report before training.

#include "aia/data/dataset.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QCustomPlot;

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

 public Q_SLOTS:
  void load(const QString& nameOrPath);
  void chooseFolder();

 Q_SIGNALS:
  void datasetLoaded(bool usable);
  void messageLogged(const QString& text);

 private:
  void showLoaded();
  QComboBox* m_choice;
  QPushButton* m_folder;
  QLabel* m_summary;
  QCustomPlot* m_plot;
  QPlainTextEdit* m_report;
  QFutureWatcher<LoadedDataset> m_watcher;
  LoadedDataset m_loaded;
};

}  // namespace aia::ui
