#pragma once
// Models that travel, from the File menu: a run's model exported as ONNX, and
// a run made from a published model (a timm model.safetensors and its class
// names). Both run core (aia/annotate/model_export.h, model_import.h) on a
// pool thread; the window stays responsive and is told when they end.

#include <QDialog>
#include <QObject>
#include <QString>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace aia::ui {

class ModelTransfer : public QObject {
  Q_OBJECT
 public:
  explicit ModelTransfer(QObject* parent = nullptr) : QObject(parent) {}
  bool busy() const { return m_busy; }

 public Q_SLOTS:
  // The run's best checkpoint as ONNX at `path`.
  void exportOnnx(const QString& runDir, const QString& path);
  // A run at `outDir` from `weights` and the class names in `labels`.
  void importPublished(const QString& weights, const QString& labels, const QString& outDir, const QString& backbone,
                       int imageSize);

 Q_SIGNALS:
  // `text` says what was written; `run` is the new run folder after an import (empty after an export).
  void finished(const QString& text, const QString& run);
  void failed(const QString& title, const QString& text);

 private:
  bool m_busy = false;
};

// The form of File > New run from a published model...: the weight file, the
// label file, the run folder to make, the backbone and the input size.
class ImportModelDialog : public QDialog {
  Q_OBJECT
 public:
  ImportModelDialog(const QString& runsFolder, QWidget* parent = nullptr);
  QString weights() const;
  QString labels() const;
  QString outDir() const;
  QString backbone() const;
  int imageSize() const;
  QLineEdit* weightsEdit() const { return m_weights; }
  QLineEdit* labelsEdit() const { return m_labels; }
  QLineEdit* outEdit() const { return m_out; }

 private:
  QLineEdit *m_weights, *m_labels, *m_out;
  QComboBox* m_backbone;
  QSpinBox* m_size;
  QString m_runsFolder;
};

}  // namespace aia::ui
