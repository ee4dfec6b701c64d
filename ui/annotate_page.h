#pragma once
// Drop images or folders (or open them) to tag them with the current run and
// thresholds: thumbnails, tags (editable, with undo) and scores. Inference
// runs on one background thread that owns the model.

#include <QThreadPool>
#include <QUndoStack>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;
class QTreeWidget;

#include "aia/annotate/annotations.h"
#include "aia/annotate/image_files.h"

namespace aia {
class Annotator;
}

namespace aia::ui {

class AnnotatePage : public QWidget {
  Q_OBJECT
 public:
  explicit AnnotatePage(QWidget* parent = nullptr);
  ~AnnotatePage() override;
  void setRun(const QString& runDir);
  QUndoStack* undoStack() { return &m_undo; }
  QTableWidget* table() const { return m_table; }
  QLabel* preview() const { return m_preview; }  // the selected image, large
  // "no heatmap", then the selected row's tags: the chosen tag's map (the run's own: CAM or attention) over the
  // preview.
  QComboBox* heatmapTag() const { return m_heatTag; }
  QLabel* heatmapNote() const { return m_heatNote; }  // which maps they are and what the colours mean
  QPushButton* reviewButton() const { return m_reviewButton; }
  QTreeWidget* skippedList() const { return m_skipped; }  // files not tagged, with their reasons
  QLabel* summary() const { return m_summary; }           // "N tagged, M skipped: ..." of the last batch
  bool exportAnnotations(const QString& path) const;
  // The edited tags as a dataset file in the seed's JSON layout (images copied beside it).
  bool exportDatasetJson(const QString& path) const;
  // Writes (merges) IMAGE.ext.xmp sidecars with the edited tags; returns how many.
  int writeXmpSidecars();
  bool isBusy() const { return m_busy; }
  // The rows as core's annotations table (the tags as edited).
  aia::AnnotationsTable annotations() const;

 public Q_SLOTS:
  void addPaths(const QStringList& paths);
  void openFiles();
  void setThresholds(const std::vector<double>& thresholds);
  void clear();  // every row, and the edits' undo history

 Q_SIGNALS:
  void messageLogged(const QString& text);
  void annotated(int images);
  void previewShown();
  // The user asked to review these images as an annotation project (their folders).
  void reviewRequested(const QStringList& folders);

 private:
  struct Outcome;
  void showResults(const Outcome& outcome);
  void listSkipped(const std::vector<aia::RejectedPath>& skipped);
  std::vector<std::string> rowTags(int row) const;
  QWidget* createPreviewSide();
  void showPreview(int row);
  void fillHeatmapTags(int row);

  QTableWidget* m_table;
  QLabel* m_hint;
  QLabel* m_preview;
  QComboBox* m_heatTag;
  QLabel* m_heatNote;
  QLabel* m_summary;
  QTreeWidget* m_skipped;
  QPushButton* m_reviewButton;
  int m_previewGeneration = 0;
  QUndoStack m_undo;
  QThreadPool m_pool;  // one thread: the model is used by one thread at a time
  std::shared_ptr<aia::Annotator> m_annotator;
  QString m_runDir;
  std::vector<std::string> m_vocabulary;
  std::vector<double> m_thresholds;
  std::vector<aia::AnnotatedImage> m_rows;  // path and scores; the tags live in the table (editable)
  quint64 m_runGeneration = 0;              // bumped by setRun: results of an older run are scored again
  bool m_busy = false;
  bool m_applying = false;
};

}  // namespace aia::ui
