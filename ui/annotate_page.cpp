#include "annotate_page.h"

#include "heatmap_view.h"
#include "image_decode.h"

#include "aia/annotate/annotator.h"
#include "aia/annotate/image_files.h"
#include "aia/annotate/tagging.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QUndoCommand>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace aia::ui {
namespace {

class EditTagsCommand : public QUndoCommand {
 public:
  EditTagsCommand(QTableWidget* table, int row, QString before, QString after, bool* applying)
      : QUndoCommand(QObject::tr("edit tags")),
        m_table(table),
        m_row(row),
        m_before(std::move(before)),
        m_after(std::move(after)),
        m_applying(applying) {}
  void undo() override { set(m_before); }
  void redo() override { set(m_after); }

 private:
  void set(const QString& text) {
    *m_applying = true;
    m_table->item(m_row, 1)->setText(text);
    m_table->item(m_row, 1)->setData(Qt::UserRole, text);
    *m_applying = false;
  }
  QTableWidget* m_table;
  int m_row;
  QString m_before, m_after;
  bool* m_applying;
};

constexpr int kThumb = 64;

// A thumbnail decoded at its final size (the reader scales while decoding):
// a 24-megapixel photo never exists in full in memory, and never on the GUI thread.
QImage thumbnail(const QString& path) { return decodeToFit(path, QSize(kThumb, kThumb)); }

}  // namespace

// What the worker thread hands back: per image its scores or why it failed, and its thumbnail.
struct AnnotatePage::Outcome {
  std::vector<aia::Annotator::Result> results;
  std::vector<QImage> thumbnails;
  QString failure;
  std::shared_ptr<aia::Annotator> annotator;
  quint64 generation = 0;
  QStringList images;
  std::vector<aia::RejectedPath> collected;  // what the collection of the inputs did not take
  std::vector<std::string> cacheNotes;       // how many scores the score cache gave, and a failure to write it
};

// The selected image, large, with the heatmap box under it.
QWidget* AnnotatePage::createPreviewSide() {
  m_preview = new QLabel(tr("Select an image to see it large."));
  m_preview->setObjectName(QStringLiteral("annotatePreview"));
  m_preview->setAlignment(Qt::AlignCenter);
  m_preview->setMinimumWidth(240);
  m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  m_heatTag = new QComboBox;
  m_heatTag->setObjectName(QStringLiteral("annotateHeatmapTag"));
  m_heatTag->setToolTip(tr("Show where in the image the model sees the chosen tag"));
  m_heatNote = new QLabel;
  m_heatNote->setWordWrap(true);
  auto* side = new QWidget;
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(m_preview, 1);
  auto* heatRow = new QHBoxLayout;
  auto* heatLabel = new QLabel(tr("&Heatmap:"));
  heatLabel->setBuddy(m_heatTag);
  heatRow->addWidget(heatLabel);
  heatRow->addWidget(m_heatTag, 1);
  sideLayout->addLayout(heatRow);
  sideLayout->addWidget(m_heatNote);
  return side;
}

AnnotatePage::AnnotatePage(QWidget* parent) : QWidget(parent) {
  m_pool.setMaxThreadCount(1);
  m_hint = new QLabel(tr("Drop images or folders here, or use File > Open images (Ctrl+O)."));
  m_table = new QTableWidget(0, 3);
  m_table->setObjectName(QStringLiteral("annotationTable"));
  m_table->setHorizontalHeaderLabels({tr("image"), tr("tags (editable, separated by ;)"), tr("scores")});
  // Columns fit their content (headers included); the scores take what is left.
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
  m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  m_table->setColumnWidth(1, std::max(320, m_table->horizontalHeader()->sectionSizeHint(1)));
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setIconSize(QSize(kThumb, kThumb));
  m_table->verticalHeader()->setDefaultSectionSize(70);
  auto* open = new QPushButton(tr("&Open images..."));
  auto* xmp = new QPushButton(tr("Write &XMP sidecars"));
  xmp->setToolTip(tr("Write the tags into IMAGE.ext.xmp files (dc:subject, digiKam:TagsList) for photo managers"));
  auto* clearButton = new QPushButton(tr("&Clear list"));
  clearButton->setToolTip(tr("Remove every image from the list (the files stay)"));
  m_reviewButton = new QPushButton(tr("&Review as a project..."));
  m_reviewButton->setObjectName(QStringLiteral("reviewAsProject"));
  m_reviewButton->setToolTip(
      tr("Make an annotation project of these images' folders: every edit saved as you go, "
         "the most uncertain images first, and training on your corrections (Review page)"));
  connect(m_reviewButton, &QPushButton::clicked, this, [this] {
    QStringList folders;
    for (const auto& row : m_rows) {
      const QString folder = QFileInfo(QString::fromStdString(row.image)).absolutePath();
      if (!folders.contains(folder)) folders << folder;
    }
    if (!folders.isEmpty()) Q_EMIT reviewRequested(folders);
  });
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(open);
  buttons->addWidget(xmp);
  buttons->addWidget(clearButton);
  buttons->addWidget(m_reviewButton);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_hint);
  layout->addLayout(buttons);
  connect(xmp, &QPushButton::clicked, this, &AnnotatePage::writeXmpSidecars);
  connect(clearButton, &QPushButton::clicked, this, &AnnotatePage::clear);
  auto* split = new QSplitter(Qt::Horizontal);
  m_summary = new QLabel;
  m_summary->setObjectName(QStringLiteral("annotateSummary"));
  m_skipped = new QTreeWidget;
  m_skipped->setObjectName(QStringLiteral("skippedFiles"));
  m_skipped->setHeaderLabels({tr("skipped file"), tr("reason")});
  m_skipped->setRootIsDecorated(false);
  m_skipped->setToolTip(tr("Files under the dropped folders that were not tagged, and why"));
  m_skipped->hide();
  auto* tables = new QSplitter(Qt::Vertical);
  tables->addWidget(m_table);
  tables->addWidget(m_skipped);
  tables->setStretchFactor(0, 4);
  tables->setStretchFactor(1, 1);
  layout->addWidget(m_summary);
  split->addWidget(tables);
  split->addWidget(createPreviewSide());
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);
  connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
    fillHeatmapTags(row);
    showPreview(row);
  });
  connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (item->column() == 1 && item->row() == m_table->currentRow()) fillHeatmapTags(item->row());  // edited tags
  });
  connect(m_heatTag, &QComboBox::activated, this, [this] { showPreview(m_table->currentRow()); });
  connect(open, &QPushButton::clicked, this, &AnnotatePage::openFiles);
  connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (m_applying || item->column() != 1) return;
    const QString before = item->data(Qt::UserRole).toString();
    if (before == item->text()) return;
    m_undo.push(new EditTagsCommand(m_table, item->row(), before, item->text(), &m_applying));
  });
}

AnnotatePage::~AnnotatePage() { m_pool.waitForDone(); }

void AnnotatePage::setRun(const QString& runDir) {
  if (runDir == m_runDir) return;
  m_runDir = runDir;
  ++m_runGeneration;    // a job still scoring belongs to the old run
  m_annotator.reset();  // loaded on the worker thread at the next request
  m_thresholds.clear();
}

void AnnotatePage::openFiles() {
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Images to annotate"), {}, tr("Images (%1)").arg(QString::fromStdString(aia::image_file_patterns())));
  if (!files.isEmpty()) addPaths(files);
}

void AnnotatePage::addPaths(const QStringList& paths) {
  std::vector<std::string> inputs;
  for (const QString& p : paths) inputs.push_back(p.toStdString());
  const aia::ImageFiles files = aia::collect_image_files(inputs);  // core's rule of what an image is
  for (const auto& r : files.rejected)
    Q_EMIT messageLogged(tr("skipped %1: %2").arg(QString::fromStdString(r.path), QString::fromStdString(r.reason)));
  listSkipped(files.rejected);  // never silent: each file not taken is listed with its reason
  if (files.images.empty()) {
    m_summary->setText(QString::fromStdString(aia::skipped_summary(0, files.rejected)));
    return;
  }
  if (m_runDir.isEmpty()) {
    Q_EMIT messageLogged(tr("no trained run to annotate with: train one or open a run folder (File > Open run)"));
    return;
  }
  QStringList images;
  for (const auto& f : files.images) images << QString::fromStdString(f);
  m_busy = true;
  m_hint->setText(tr("Annotating %n image(s)...", nullptr, static_cast<int>(images.size())));
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
    watcher->deleteLater();
    Outcome o = watcher->result();
    m_busy = false;
    m_hint->setText(tr("Drop images or folders here, or use File > Open images (Ctrl+O)."));
    if (o.generation != m_runGeneration) {
      // The run changed while these were scored: the old model must not tag them, nor stay loaded.
      Q_EMIT messageLogged(tr("the run changed while annotating; annotating again with %1").arg(m_runDir));
      addPaths(o.images);
      return;
    }
    if (!o.failure.isEmpty()) {
      Q_EMIT messageLogged(tr("cannot annotate: %1").arg(o.failure));
      return;
    }
    if (m_annotator != o.annotator)  // a model just loaded: say how it computes (core's rule for this CPU)
      Q_EMIT messageLogged(
          tr("model loaded for annotation: %1").arg(QString::fromStdString(o.annotator->compute_format().reason)));
    m_annotator = o.annotator;
    if (m_thresholds.size() != m_annotator->vocabulary().size()) m_thresholds = m_annotator->default_thresholds();
    if (!m_rows.empty() && m_vocabulary != m_annotator->vocabulary()) {
      // Rows tagged by a run with another vocabulary keep their tags; their
      // scores do not belong to the new labels and are exported as unknown.
      for (auto& row : m_rows) row.scores.clear();
      Q_EMIT messageLogged(tr("this run has another vocabulary: the scores of the images listed before are dropped"));
    }
    m_vocabulary = m_annotator->vocabulary();
    showResults(o);
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [annotator = m_annotator, run = m_runDir, generation = m_runGeneration,
                                                 images, collected = files.rejected]() mutable {
    Outcome o;
    o.collected = std::move(collected);
    o.generation = generation;
    o.images = images;
    try {
      if (!annotator) annotator = std::make_shared<aia::Annotator>(run.toStdString());
      std::vector<std::string> files;
      for (const QString& f : images) files.push_back(f.toStdString());
      o.results = annotator->annotate(files, aia::Annotator::cached_options());
      o.cacheNotes = {aia::Annotator::reuse_summary(o.results), annotator->cache_warning()};
      for (const auto& r : o.results)
        o.thumbnails.push_back(r.ok ? thumbnail(QString::fromStdString(r.path)) : QImage());
      o.annotator = annotator;
    } catch (const std::exception& e) {
      o.failure = QString::fromUtf8(e.what());
    }
    return o;
  }));
}

void AnnotatePage::showResults(const Outcome& o) {
  for (const auto& note : o.cacheNotes)
    if (!note.empty()) Q_EMIT messageLogged(QString::fromStdString(note));
  m_applying = true;
  int added = 0;
  std::vector<aia::RejectedPath> undecodable;
  for (std::size_t i = 0; i < o.results.size(); ++i) {
    const auto& r = o.results[i];
    const QString path = QString::fromStdString(r.path);
    if (!r.ok) {
      Q_EMIT messageLogged(tr("skipped %1: %2").arg(path, QString::fromStdString(r.error)));
      undecodable.push_back({r.path, r.error, "not decodable"});
      continue;
    }
    aia::AnnotatedImage row = aia::tag_image(r.path, r.scores, m_vocabulary, m_thresholds);
    const int at = m_table->rowCount();
    m_table->insertRow(at);
    auto* file = new QTableWidgetItem(QIcon(QPixmap::fromImage(o.thumbnails[i])), QFileInfo(path).fileName());
    file->setToolTip(path);
    file->setFlags(file->flags() & ~Qt::ItemIsEditable);
    const QString tags = QString::fromStdString(aia::join_tag_list(row.tags, "; "));
    auto* tagItem = new QTableWidgetItem(tags);
    tagItem->setData(Qt::UserRole, tags);
    QStringList top;
    for (const auto& t : aia::top_scores(std::span<const float>(row.scores), 5))
      top << QStringLiteral("%1 %2").arg(QString::fromStdString(m_vocabulary[t.label])).arg(t.score, 0, 'f', 3);
    auto* scoreItem = new QTableWidgetItem(top.join(QStringLiteral(", ")));
    scoreItem->setFlags(scoreItem->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(at, 0, file);
    m_table->setItem(at, 1, tagItem);
    m_table->setItem(at, 2, scoreItem);
    m_rows.push_back(std::move(row));
    ++added;
  }
  m_applying = false;
  m_table->setColumnWidth(1, std::max(m_table->columnWidth(1), 320));
  listSkipped(undecodable);
  std::vector<aia::RejectedPath> skipped = o.collected;
  skipped.insert(skipped.end(), undecodable.begin(), undecodable.end());
  m_summary->setText(QString::fromStdString(aia::skipped_summary(static_cast<std::size_t>(added), skipped)));
  Q_EMIT messageLogged(tr("annotated %n image(s)", nullptr, added));
  Q_EMIT annotated(added);
}

void AnnotatePage::setThresholds(const std::vector<double>& thresholds) { m_thresholds = thresholds; }

void AnnotatePage::clear() {
  m_undo.clear();
  m_table->setRowCount(0);
  m_rows.clear();
  m_skipped->clear();
  m_skipped->hide();
  m_summary->clear();
}

void AnnotatePage::listSkipped(const std::vector<aia::RejectedPath>& skipped) {
  for (const auto& s : skipped) {
    auto* item = new QTreeWidgetItem(m_skipped, {QString::fromStdString(s.path), QString::fromStdString(s.reason)});
    item->setToolTip(0, QString::fromStdString(s.path));
  }
  m_skipped->setVisible(m_skipped->topLevelItemCount() > 0);
}

std::vector<std::string> AnnotatePage::rowTags(int row) const {
  return aia::split_tag_list(m_table->item(row, 1)->text().toStdString());
}

aia::AnnotationsTable AnnotatePage::annotations() const {
  aia::AnnotationsTable table;
  table.vocabulary = m_vocabulary;
  for (int r = 0; r < m_table->rowCount(); ++r) {
    aia::AnnotatedImage row = m_rows[static_cast<std::size_t>(r)];
    row.tags = rowTags(r);
    table.rows.push_back(std::move(row));
  }
  return table;
}

bool AnnotatePage::exportDatasetJson(const QString& path) const {
  if (m_table->rowCount() == 0) return false;
  aia::write_annotations_dataset(path.toStdString(), annotations());
  return true;
}

int AnnotatePage::writeXmpSidecars() {
  const auto table = annotations();
  const auto failed = aia::write_xmp_sidecars(table);
  for (const auto& f : failed)
    Q_EMIT messageLogged(tr("cannot write the sidecar of %1: %2")
                             .arg(QString::fromStdString(f.image), QString::fromUtf8(f.error.c_str())));
  const int written = static_cast<int>(table.rows.size() - failed.size());
  Q_EMIT messageLogged(tr("wrote %n XMP sidecar(s)", nullptr, written));
  return written;
}

bool AnnotatePage::exportAnnotations(const QString& path) const {
  aia::write_annotations_csv(path.toStdString(), annotations());
  return true;
}

void AnnotatePage::fillHeatmapTags(int row) {
  const QString kept = m_heatTag->currentData().toInt() >= 0 ? m_heatTag->currentText() : QString();
  m_heatTag->clear();
  m_heatTag->addItem(tr("no heatmap"), -1);
  if (row >= 0 && row < static_cast<int>(m_rows.size()))
    for (const auto& tag : rowTags(row)) {
      const auto at = std::find(m_vocabulary.begin(), m_vocabulary.end(), tag);
      if (at == m_vocabulary.end()) continue;  // a tag typed by hand that the run does not know: no map
      m_heatTag->addItem(QString::fromStdString(tag), static_cast<int>(at - m_vocabulary.begin()));
    }
  const int again = kept.isEmpty() ? -1 : m_heatTag->findText(kept);
  m_heatTag->setCurrentIndex(std::max(0, again));
  m_heatNote->setText(m_annotator ? heatmapScaleNote(m_annotator->own_method()) : QString());
}

void AnnotatePage::showPreview(int row) {
  const int generation = ++m_previewGeneration;
  if (row < 0 || row >= static_cast<int>(m_rows.size())) {
    m_preview->setPixmap({});
    m_preview->setText(tr("Select an image to see it large."));
    return;
  }
  const QString path = QString::fromStdString(m_rows[static_cast<std::size_t>(row)].image);
  const QSize box = m_preview->size().boundedTo(QSize(1600, 1600)).expandedTo(QSize(240, 240));
  const int label = m_heatTag->currentData().toInt();
  auto annotator = m_annotator;
  // Decoded (and the heatmap drawn) at its final size off the GUI thread; a later selection wins.
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation, path] {
    watcher->deleteLater();
    if (generation != m_previewGeneration) return;
    const QImage image = watcher->result();
    if (image.isNull()) {
      m_preview->setText(tr("Cannot show %1").arg(path));
      return;
    }
    m_preview->setPixmap(QPixmap::fromImage(image));
    Q_EMIT previewShown();
  });
  if (label < 0 || !annotator) {
    watcher->setFuture(QtConcurrent::run([path, box] { return decodeToFit(path, box); }));
    return;
  }
  // The model is used on the page's one inference thread.
  watcher->setFuture(QtConcurrent::run(&m_pool, [this, annotator, path, box, label, generation]() -> QImage {
    try {
      return heatmapImage(*annotator, path, static_cast<std::size_t>(label), annotator->own_method(), 0.6,
                          std::max(box.width(), box.height()));
    } catch (const std::exception& e) {
      const QString why = QString::fromUtf8(e.what());
      QMetaObject::invokeMethod(this, [this, why, generation] {
        if (generation == m_previewGeneration) Q_EMIT messageLogged(tr("no heatmap: %1").arg(why));
      });
      return {};
    }
  }));
}

}  // namespace aia::ui
