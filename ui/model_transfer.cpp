#include "model_transfer.h"

#include "aia/annotate/model_export.h"
#include "aia/annotate/model_import.h"
#include "aia/catalogue/catalogue.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtConcurrent>

namespace aia::ui {
namespace {

struct Outcome {
  QString text, run, error;
};

}  // namespace

static void runInPool(ModelTransfer* self, bool* busy, const QString& title, std::function<Outcome()> work) {
  *busy = true;
  auto* watcher = new QFutureWatcher<Outcome>(self);
  QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, self, [self, watcher, busy, title] {
    watcher->deleteLater();
    *busy = false;
    const Outcome o = watcher->result();
    if (o.error.isEmpty())
      Q_EMIT self->finished(o.text, o.run);
    else
      Q_EMIT self->failed(title, o.error);
  });
  watcher->setFuture(QtConcurrent::run([work = std::move(work)] {
    try {
      return work();
    } catch (const std::exception& e) {
      return Outcome{{}, {}, QString::fromUtf8(e.what())};
    }
  }));
}

void ModelTransfer::exportOnnx(const QString& runDir, const QString& path) {
  const std::string version = QCoreApplication::applicationVersion().toStdString();
  runInPool(this, &m_busy, tr("Cannot export the model"), [runDir, path, version] {
    const auto s = aia::export_run_onnx(runDir.toStdString(), path.toStdString(), version);
    return Outcome{tr("wrote %1: %2, %3 labels, input 3 x %4 x %4; thresholds: %5")
                       .arg(path, QString::fromStdString(s.backbone))
                       .arg(s.labels)
                       .arg(s.image_size)
                       .arg(QString::fromStdString(s.thresholds)),
                   {},
                   {}};
  });
}

void ModelTransfer::importPublished(const QString& weights, const QString& labels, const QString& outDir,
                                    const QString& backbone, int imageSize) {
  runInPool(this, &m_busy, tr("Cannot make a run from the model"), [=] {
    aia::ModelImportOptions options;
    options.backbone = backbone.toStdString();
    options.image_size = imageSize;
    const auto s =
        aia::import_pretrained_run(weights.toStdString(), labels.toStdString(), outDir.toStdString(), options);
    return Outcome{tr("made run %1 from %2: %3 labels; thresholds 0.5 until reviewed images calibrate them")
                       .arg(outDir, weights)
                       .arg(s.labels),
                   outDir,
                   {}};
  });
}

ImportModelDialog::ImportModelDialog(const QString& runsFolder, QWidget* parent)
    : QDialog(parent), m_runsFolder(runsFolder) {
  setWindowTitle(tr("New run from a published model"));
  m_weights = new QLineEdit;
  m_weights->setObjectName(QStringLiteral("importWeights"));
  m_labels = new QLineEdit;
  m_labels->setObjectName(QStringLiteral("importLabels"));
  m_out = new QLineEdit;
  m_out->setObjectName(QStringLiteral("importOut"));
  m_backbone = new QComboBox;
  for (const auto& b : aia::backbones()) m_backbone->addItem(QString::fromStdString(b.name));
  m_backbone->setCurrentText(QStringLiteral("tresnet_m"));
  m_size = new QSpinBox;
  m_size->setRange(32, 1024);
  m_size->setSingleStep(32);
  m_size->setValue(224);
  m_size->setToolTip(tr("The input size the model was trained at (timm's tresnet_m.miil_in21k: 224)"));
  auto browse = [this](QLineEdit* edit, const QString& title, const QString& filter) {
    auto* row = new QHBoxLayout;
    auto* button = new QPushButton(tr("Browse..."));
    connect(button, &QPushButton::clicked, this, [this, edit, title, filter] {
      const QString f = QFileDialog::getOpenFileName(this, title, {}, filter);
      if (!f.isEmpty()) edit->setText(f);
    });
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
  };
  connect(m_weights, &QLineEdit::textChanged, this, [this](const QString& w) {
    if (!w.isEmpty())
      m_out->setText(QDir(m_runsFolder)
                         .filePath(QFileInfo(QFileInfo(w).absolutePath()).fileName() + QStringLiteral("-") +
                                   QFileInfo(w).completeBaseName()));
  });
  auto* form = new QFormLayout(this);
  form->addRow(tr("&Weights (model.safetensors):"),
               browse(m_weights, tr("Weights"), tr("Weights (*.safetensors *.pth *.pt)")));
  form->addRow(tr("&Class names (one per line):"), browse(m_labels, tr("Class names"), tr("Text (*.txt)")));
  form->addRow(tr("Run &folder to make:"), m_out);
  form->addRow(tr("&Backbone:"), m_backbone);
  form->addRow(tr("&Input size:"), m_size);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

QString ImportModelDialog::weights() const { return m_weights->text(); }
QString ImportModelDialog::labels() const { return m_labels->text(); }
QString ImportModelDialog::outDir() const { return m_out->text(); }
QString ImportModelDialog::backbone() const { return m_backbone->currentText(); }
int ImportModelDialog::imageSize() const { return m_size->value(); }

}  // namespace aia::ui
