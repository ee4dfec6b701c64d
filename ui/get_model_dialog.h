#pragma once
// File > Get a published model...: a tagger from the Hugging Face Hub in two
// clicks. Pick a catalogued model (or name any REPO[@REVISION]), press Get:
// core's get_published_model (aia/annotate/published_model.h) runs on a pool
// thread, the dialog shows the bytes, the speed and the time left, Cancel
// stops it (the part fetched is kept for the next try), and the new run is
// handed to the window. The cache is huggingface_hub's, shared with Python.

#include <QDialog>
#include <QString>

#include <atomic>
#include <memory>

class QComboBox;
class QFutureWatcherBase;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace aia::ui {

class GetModelDialog : public QDialog {
  Q_OBJECT
 public:
  explicit GetModelDialog(const QString& runsFolder, QWidget* parent = nullptr);
  ~GetModelDialog() override;
  bool isBusy() const { return m_busy; }
  QString model() const;  // a catalogue name, or the repo typed
  QString outDir() const;

 public Q_SLOTS:
  void start();
  void cancel();  // while busy: stop the download; otherwise: close

 Q_SIGNALS:
  // The run made, and what to log about it (where its class names came from, its thresholds).
  void runMade(const QString& run, const QString& text);
  void failed(const QString& text);

 private:
  void chooseModel(int index);
  void setBusy(bool busy);
  void reject() override;

  QComboBox* m_model;
  QLineEdit *m_repo, *m_labels, *m_out;
  QProgressBar* m_progress;
  QLabel* m_status;
  QPushButton *m_get, *m_cancel;
  QString m_runsFolder;
  bool m_busy = false;
  std::shared_ptr<std::atomic<bool>> m_stop;
  QFutureWatcherBase* m_watcher = nullptr;  // the download in flight
};

}  // namespace aia::ui
