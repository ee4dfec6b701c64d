#include "review_toolbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace aia::ui {

ReviewToolbar::ReviewToolbar(QWidget* parent) : QWidget(parent) {
  auto* newButton = new QPushButton(tr("&New project..."));
  auto* openButton = new QPushButton(tr("&Open project..."));
  m_scoreButton = new QPushButton(tr("&Score"));
  m_scoreButton->setToolTip(tr("Score the unreviewed images with the project's run (or the open run)"));
  m_title = new QLabel(tr("No project. Make one from a folder of images, or open one."));
  m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
  createOrderChoices();
  createTrainChoices();
  createAcceptControls();
  createExportButton();
  // Clicking them leaves the keyboard in the review view (their mnemonics work):
  // a disabled button would otherwise hand its focus to the next field.
  for (auto* b : {newButton, openButton, m_scoreButton, m_trainButton}) b->setFocusPolicy(Qt::NoFocus);

  auto* top = new QHBoxLayout;
  top->addWidget(newButton);
  top->addWidget(openButton);
  top->addWidget(m_title, 1);
  for (QWidget* w : std::initializer_list<QWidget*>{m_scoreButton, m_trainButton, m_epochs, m_withOriginal,
                                                    m_acceptTarget, m_acceptButton, m_exportButton})
    top->addWidget(w);

  auto* second = new QHBoxLayout;
  second->addWidget(new QLabel(tr("Order:")));
  second->addWidget(m_order);
  second->addWidget(new QLabel(tr("Show:")));
  second->addWidget(m_show);
  m_progress = new QLabel;
  m_progress->setObjectName(QStringLiteral("reviewProgress"));
  second->addWidget(m_progress, 1);
  m_busyBar = new QProgressBar;
  m_busyBar->setVisible(false);
  m_busyBar->setMaximumWidth(260);
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setVisible(false);
  second->addWidget(m_busyBar);
  second->addWidget(m_cancel);

  auto* rows = new QVBoxLayout(this);
  rows->setContentsMargins(0, 0, 0, 0);
  rows->addLayout(top);
  rows->addLayout(second);

  connect(newButton, &QPushButton::clicked, this, &ReviewToolbar::newProjectClicked);
  connect(openButton, &QPushButton::clicked, this, &ReviewToolbar::openProjectClicked);
  connect(m_scoreButton, &QPushButton::clicked, this, &ReviewToolbar::scoreClicked);
  connect(m_trainButton, &QPushButton::clicked, this, &ReviewToolbar::trainClicked);
  connect(m_acceptButton, &QPushButton::clicked, this, [this] { Q_EMIT autoAcceptClicked(m_acceptTarget->value()); });
  connect(m_cancel, &QPushButton::clicked, this, &ReviewToolbar::cancelClicked);
  connect(m_order, &QComboBox::currentIndexChanged, this, &ReviewToolbar::orderChanged);
  connect(m_show, &QComboBox::currentIndexChanged, this, &ReviewToolbar::orderChanged);
}

// The review order and the filter (all images, or the likely label errors).
void ReviewToolbar::createOrderChoices() {
  m_order = new QComboBox;
  m_order->setObjectName(QStringLiteral("reviewOrder"));
  for (const auto& order : aia::review_orders()) {
    QString label = QString::fromStdString(order.description);
    if (order.name == "uncertain") label = tr("Most uncertain first");
    if (order.name == "file") label = tr("File order");
    if (order.name == "random") label = tr("Random order");
    m_order->addItem(label, QString::fromStdString(order.name));
  }
  m_order->setToolTip(
      tr("Most uncertain first: images whose closest label score is nearest that label's MCC threshold"));
  m_show = new QComboBox;
  m_show->setObjectName(QStringLiteral("reviewShow"));
  m_show->addItem(tr("All images"));
  m_show->addItem(tr("Likely label errors"));
  m_show->setToolTip(tr("Reviewed images with a tag the model, scored out of fold, strongly disagrees with"));
}

// Train on reviewed images: the button, its epochs, and whether the run's training set joins.
void ReviewToolbar::createTrainChoices() {
  m_trainButton = new QPushButton(tr("&Train on reviewed images"));
  m_trainButton->setObjectName(QStringLiteral("trainOnReviewed"));
  m_trainButton->setToolTip(
      tr("Fine-tune the project's run on the reviewed images (new tags grow the head); the unreviewed images are "
         "scored again with the new run"));
  m_withOriginal = new QCheckBox(tr("with the run's training set"));
  m_withOriginal->setToolTip(
      tr("Also train on the images the project's first run was trained on, and test on its "
         "test split (slower; keeps what it knew). Otherwise 20% of the reviewed images are "
         "held out as the test split."));
  m_epochs = new QSpinBox;
  m_epochs->setRange(1, 200);
  m_epochs->setValue(10);
  m_epochs->setSuffix(tr(" epochs"));
  m_epochs->setToolTip(tr("Epochs of fine-tuning"));
}

// Auto-accept: the precision to certify and the button.
void ReviewToolbar::createAcceptControls() {
  m_acceptTarget = new QDoubleSpinBox;
  m_acceptTarget->setObjectName(QStringLiteral("acceptPrecision"));
  m_acceptTarget->setRange(0.5, 0.999);
  m_acceptTarget->setDecimals(3);
  m_acceptTarget->setSingleStep(0.01);
  m_acceptTarget->setValue(0.95);
  m_acceptTarget->setToolTip(tr("The precision to certify for auto-accepted tags"));
  m_acceptButton = new QPushButton(tr("Auto-&accept"));
  m_acceptButton->setObjectName(QStringLiteral("autoAccept"));
  m_acceptButton->setFocusPolicy(Qt::NoFocus);
  m_acceptButton->setToolTip(
      tr("Accept tags whose precision is certified on your reviewed images (risk 0.1), hide tags certified absent; "
         "images with every label decided leave the queue. Nothing is marked reviewed; undo takes it back."));
}

// Export, with its menu: a dataset, a CSV, XMP sidecars.
void ReviewToolbar::createExportButton() {
  m_exportButton = new QPushButton(tr("E&xport"));
  m_exportButton->setFocusPolicy(Qt::NoFocus);
  auto* exportMenu = new QMenu(m_exportButton);
  exportMenu->addAction(tr("As a &dataset (JSON layout)..."), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the dataset"));
    if (!dir.isEmpty()) Q_EMIT exportDatasetChosen(dir);
  });
  exportMenu->addAction(tr("As an annotations &CSV..."), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Annotations CSV"), {}, tr("CSV (*.csv)"));
    if (!path.isEmpty()) Q_EMIT exportCsvChosen(path);
  });
  exportMenu->addAction(tr("Into &XMP sidecars"), this, &ReviewToolbar::exportXmpChosen);
  m_exportButton->setMenu(exportMenu);
}

void ReviewToolbar::setProjectState(const QString& dir, bool open, bool writable, bool busy) {
  m_title->setText(open ? dir : tr("No project. Make one from a folder of images, or open one."));
  m_scoreButton->setEnabled(writable && !busy);
  m_trainButton->setEnabled(writable && !busy);
  m_acceptButton->setEnabled(writable && !busy);
  m_exportButton->setEnabled(open);
}

void ReviewToolbar::setBusy(bool busy, const QString& what) {
  m_busyBar->setVisible(busy);
  m_cancel->setVisible(busy);
  m_busyBar->setFormat(what + QStringLiteral(" %v/%m"));
  m_busyBar->setRange(0, 0);
}

void ReviewToolbar::setBusyProgress(int done, int total, const QString& what) {
  if (!what.isEmpty()) m_busyBar->setFormat(what + QStringLiteral(" %v/%m"));
  m_busyBar->setRange(0, total);
  m_busyBar->setValue(done);
}

void ReviewToolbar::setCancelVisible(bool visible) { m_cancel->setVisible(visible); }

std::string ReviewToolbar::orderName() const { return m_order->currentData().toString().toStdString(); }

bool ReviewToolbar::showsLikelyErrors() const { return m_show->currentIndex() == 1; }

aia::ProjectTrainOptions ReviewToolbar::trainOptions() const {
  aia::ProjectTrainOptions options;
  options.include_original = m_withOriginal->isChecked();
  options.epochs = m_epochs->value();
  return options;
}

}  // namespace aia::ui
