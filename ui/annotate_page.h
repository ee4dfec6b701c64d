#pragma once
// Drop images or folders (or open them) to tag them with the current run and
// thresholds: thumbnails, tags (editable, with undo) and scores. Inference
// runs on one background thread that owns the model.

#include <QThreadPool>
#include <QUndoStack>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QTableWidget;
class QTableWidgetItem;

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
  bool exportAnnotations(const QString& path) const;
  // The edited tags as a dataset file in the seed's JSON layout (images copied beside it).
  bool exportDatasetJson(const QString& path) const;
  // Writes (merges) IMAGE.ext.xmp sidecars with the edited tags; returns how many.
  int writeXmpSidecars();
  bool isBusy() const { return m_busy; }
  // Image files of `paths` (folders searched recursively); the rest in `rejected`.
  static QStringList imageFiles(const QStringList& paths, QStringList* rejected);

 public Q_SLOTS:
  void addPaths(const QStringList& paths);
  void openFiles();
  void setThresholds(const std::vector<double>& thresholds);

 Q_SIGNALS:
  void messageLogged(const QString& text);
  void annotated(int images);

 private:
  struct Row {
    QString path;
    std::vector<float> scores;
  };
  void showResults(const QStringList& paths, const std::vector<std::vector<float>>& scores, const QStringList& errors);
  QString tagsFor(const std::vector<float>& scores) const;
  std::vector<std::string> rowTags(int row) const;

  QTableWidget* m_table;
  QLabel* m_hint;
  QUndoStack m_undo;
  QThreadPool m_pool;  // one thread: the model is used by one thread at a time
  std::shared_ptr<aia::Annotator> m_annotator;
  QString m_runDir;
  std::vector<std::string> m_vocabulary;
  std::vector<double> m_thresholds;
  std::vector<Row> m_rows;
  bool m_busy = false;
  bool m_applying = false;
};

}  // namespace aia::ui
