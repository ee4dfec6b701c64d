#pragma once
// The Review page's toolbar, two rows. Above: New and Open, the project's
// folder, Score, Train on reviewed images (its epochs and whether the run's
// training set joins), certified auto-accept (the precision to certify) and
// Export with its menu. Below: the review order, the filter (all images or the
// likely label errors), the progress line, and the busy bar with Cancel. It
// holds no project: the page says what is open and what may be clicked, and
// hears back through the signals.

#include "aia/project/project_workflow.h"

#include <QWidget>

#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace aia::ui {

class ReviewToolbar : public QWidget {
  Q_OBJECT
 public:
  explicit ReviewToolbar(QWidget* parent = nullptr);

  // The project's folder ("" when none), and which buttons a project that is
  // open, writable and not busy allows.
  void setProjectState(const QString& dir, bool open, bool writable, bool busy);
  // The busy bar and Cancel: shown while `busy`, `what` before its count;
  // indeterminate until setBusyProgress.
  void setBusy(bool busy, const QString& what = {});
  void setBusyProgress(int done, int total, const QString& what = {});
  void setCancelVisible(bool visible);

  std::string orderName() const;                  // aia::review_orders()'s name of the chosen order
  bool showsLikelyErrors() const;                 // the filter: likely label errors rather than all images
  aia::ProjectTrainOptions trainOptions() const;  // epochs and the run's training set, as chosen

  QLabel* progressLabel() const { return m_progress; }
  QProgressBar* busyBar() const { return m_busyBar; }
  QComboBox* orderBox() const { return m_order; }
  QComboBox* showBox() const { return m_show; }
  QPushButton* scoreButton() const { return m_scoreButton; }
  QPushButton* trainButton() const { return m_trainButton; }

 Q_SIGNALS:
  void newProjectClicked();
  void openProjectClicked();
  void scoreClicked();
  void trainClicked();
  void autoAcceptClicked(double precision);
  void cancelClicked();
  void orderChanged();  // the order or the filter
  void exportDatasetChosen(const QString& folder);
  void exportCsvChosen(const QString& path);
  void exportXmpChosen();

 private:
  void createOrderChoices();
  void createTrainChoices();
  void createAcceptControls();
  void createExportButton();
  QLabel* m_title;
  QComboBox* m_order;
  QComboBox* m_show;
  QLabel* m_progress;
  QProgressBar* m_busyBar;
  QPushButton* m_cancel;
  QPushButton* m_scoreButton;
  QPushButton* m_trainButton;
  QPushButton* m_exportButton;
  QCheckBox* m_withOriginal;
  QSpinBox* m_epochs;
  QDoubleSpinBox* m_acceptTarget;
  QPushButton* m_acceptButton;
};

}  // namespace aia::ui
