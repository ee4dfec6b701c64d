#include "get_model_dialog.h"

#include "aia/annotate/published_model.h"
#include "aia/catalogue/catalogue.h"
#include "aia/io/hub.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QtConcurrent>

namespace aia::ui {
namespace {

struct Outcome {
  QString run, text, error;
  bool cancelled = false;
};

}  // namespace

GetModelDialog::GetModelDialog(const QString& runsFolder, QWidget* parent)
    : QDialog(parent), m_runsFolder(runsFolder), m_stop(std::make_shared<std::atomic<bool>>(false)) {
  setObjectName(QStringLiteral("getModelDialog"));
  setWindowTitle(tr("Get a published model"));
  setMinimumWidth(640);
  m_model = new QComboBox;
  m_model->setObjectName(QStringLiteral("getModelChoice"));
  for (const auto& m : aia::published_models())
    m_model->addItem(QString::fromStdString(m.name), QString::fromStdString(m.description));
  m_model->addItem(tr("Another model on the Hub"), tr("a timm weight file in any repo: ORG/NAME[@REVISION]"));
  m_repo = new QLineEdit;
  m_repo->setObjectName(QStringLiteral("getModelRepo"));
  m_repo->setPlaceholderText(tr("ORG/NAME[@REVISION]"));
  m_labels = new QLineEdit;
  m_labels->setObjectName(QStringLiteral("getModelLabels"));
  m_labels->setPlaceholderText(tr("optional: else the repo's config.json label_names"));
  m_out = new QLineEdit;
  m_out->setObjectName(QStringLiteral("getModelOut"));
  auto* describe = new QLabel;
  describe->setWordWrap(true);
  m_progress = new QProgressBar;
  m_progress->setObjectName(QStringLiteral("getModelProgress"));
  m_progress->setRange(0, 1000);
  m_progress->setValue(0);
  m_status = new QLabel;
  m_status->setObjectName(QStringLiteral("getModelStatus"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* cache = new QLabel(tr("Cache: %1 (shared with Python's huggingface_hub)")
                               .arg(QString::fromStdString(aia::resolve_hub_options({}).cache_dir)));
  cache->setWordWrap(true);
  m_get = new QPushButton(tr("&Get"));
  m_get->setObjectName(QStringLiteral("getModelGet"));
  m_get->setDefault(true);
  m_cancel = new QPushButton(tr("Close"));
  m_cancel->setObjectName(QStringLiteral("getModelCancel"));
  auto* labelsRow = new QHBoxLayout;
  auto* browse = new QPushButton(tr("Browse..."));
  labelsRow->addWidget(m_labels, 1);
  labelsRow->addWidget(browse);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Class names"), {}, tr("Text (*.txt)"));
    if (!f.isEmpty()) m_labels->setText(f);
  });
  auto* form = new QFormLayout(this);
  form->addRow(tr("&Model:"), m_model);
  form->addRow(QString(), describe);
  form->addRow(tr("&Repo:"), m_repo);
  auto* labelsLabel = new QLabel(tr("&Class names (one per line):"));
  labelsLabel->setBuddy(m_labels);
  form->addRow(labelsLabel, labelsRow);
  form->addRow(tr("Run &folder to make:"), m_out);
  form->addRow(m_progress);
  form->addRow(m_status);
  form->addRow(cache);
  auto* buttons = new QDialogButtonBox;
  buttons->addButton(m_get, QDialogButtonBox::AcceptRole);
  buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
  form->addRow(buttons);
  connect(m_get, &QPushButton::clicked, this, &GetModelDialog::start);
  connect(m_cancel, &QPushButton::clicked, this, &GetModelDialog::cancel);
  connect(m_model, &QComboBox::currentIndexChanged, this, [this, describe](int index) {
    describe->setText(m_model->itemData(index).toString());
    chooseModel(index);
  });
  connect(m_repo, &QLineEdit::textChanged, this, [this] { chooseModel(m_model->currentIndex()); });
  describe->setText(m_model->itemData(0).toString());
  chooseModel(0);
}

GetModelDialog::~GetModelDialog() {
  m_stop->store(true);  // the download sees it at its next progress call (libcurl calls at least once a second)
  if (m_watcher) m_watcher->waitForFinished();
}

QString GetModelDialog::model() const {
  return m_model->currentIndex() == m_model->count() - 1 ? m_repo->text().trimmed() : m_model->currentText();
}

QString GetModelDialog::outDir() const { return m_out->text(); }

void GetModelDialog::chooseModel(int index) {
  const bool other = index == m_model->count() - 1;
  m_repo->setEnabled(other && !m_busy);
  QString name = model().section(QLatin1Char('@'), 0, 0).section(QLatin1Char('/'), -1);
  m_out->setText(name.isEmpty() ? QString() : QDir(m_runsFolder).filePath(name));
  m_get->setEnabled(!m_busy && !model().isEmpty());
}

void GetModelDialog::setBusy(bool busy) {
  m_busy = busy;
  m_model->setEnabled(!busy);
  m_labels->setEnabled(!busy);
  m_out->setEnabled(!busy);
  m_repo->setEnabled(!busy && m_model->currentIndex() == m_model->count() - 1);
  m_get->setEnabled(!busy && !model().isEmpty());
  m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
}

void GetModelDialog::start() {
  if (m_busy || model().isEmpty()) return;
  aia::GetModelRequest request;
  request.model = model().toStdString();
  request.labels = m_labels->text().trimmed().toStdString();
  request.out_dir = m_out->text().trimmed().toStdString();
  m_stop = std::make_shared<std::atomic<bool>>(false);
  setBusy(true);
  m_progress->setValue(0);
  m_status->setText(tr("Asking the Hub for %1...").arg(model()));
  auto stop = m_stop;
  // Progress reaches the dialog as queued calls; the destructor stops the work and waits for it.
  auto progress = [this, stop](const aia::HubProgress& p) {
    if (stop->load()) return false;
    const int permille = p.total > 0 ? int(1000.0 * double(p.done) / double(p.total)) : 0;
    const QString text = QString::fromStdString(aia::describe_download(p));
    QMetaObject::invokeMethod(
        this,
        [this, permille, text] {
          m_progress->setValue(permille);
          m_status->setText(text);
        },
        Qt::QueuedConnection);
    return true;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  m_watcher = watcher;
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
    watcher->deleteLater();
    m_watcher = nullptr;
    setBusy(false);
    const Outcome o = watcher->result();
    if (o.cancelled) {
      m_status->setText(tr("Cancelled; the part fetched is kept, and Get resumes it."));
    } else if (!o.error.isEmpty()) {
      m_status->setText(o.error);
      Q_EMIT failed(o.error);
    } else {
      m_progress->setValue(1000);
      m_status->setText(o.text);
      Q_EMIT runMade(o.run, o.text);
    }
  });
  watcher->setFuture(QtConcurrent::run([request, progress] {
    try {
      const auto s = aia::get_published_model(request, progress);
      const QString text = tr("made run %1 from %2 (%3): %4 labels from %5. %6")
                               .arg(QString::fromStdString(s.run.run_dir), QString::fromStdString(request.model),
                                    s.weights.from_cache ? tr("from the cache") : tr("downloaded"))
                               .arg(s.run.labels)
                               .arg(QString::fromStdString(s.labels_from), QString::fromStdString(s.thresholds));
      return Outcome{QString::fromStdString(s.run.run_dir), text, {}, false};
    } catch (const aia::HubCancelled&) {
      return Outcome{{}, {}, {}, true};
    } catch (const std::exception& e) {
      return Outcome{{}, {}, QString::fromUtf8(e.what()), false};
    }
  }));
}

void GetModelDialog::cancel() {
  if (m_busy) {
    m_stop->store(true);
    m_status->setText(tr("Cancelling..."));
    return;
  }
  QDialog::reject();
}

void GetModelDialog::reject() { cancel(); }  // Esc cancels a download first, then closes

}  // namespace aia::ui
