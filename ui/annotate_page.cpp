#include "annotate_page.h"

#include "aia/annotator.h"
#include "aia/atomic_file.h"
#include "aia/csv.h"
#include "aia/dataset.h"
#include "aia/xmp_sidecar.h"

#include <QDirIterator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoCommand>
#include <QVBoxLayout>
#include <QHBoxLayout>
#include <QtConcurrent>

namespace aia::ui {
namespace {

class EditTagsCommand : public QUndoCommand {
 public:
  EditTagsCommand(QTableWidget* table, int row, QString before, QString after, bool* applying)
      : QUndoCommand(QObject::tr("edit tags")), m_table(table), m_row(row), m_before(std::move(before)),
        m_after(std::move(after)), m_applying(applying) {}
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

struct Outcome {
  QStringList paths;
  std::vector<std::vector<float>> scores;
  QStringList errors;
  QString failure;
  std::shared_ptr<aia::Annotator> annotator;
};

}  // namespace

AnnotatePage::AnnotatePage(QWidget* parent) : QWidget(parent) {
  m_pool.setMaxThreadCount(1);
  m_hint = new QLabel(tr("Drop images or folders here, or use File > Open images (Ctrl+O)."));
  m_table = new QTableWidget(0, 3);
  m_table->setObjectName(QStringLiteral("annotationTable"));
  m_table->setHorizontalHeaderLabels({tr("image"), tr("tags (editable, separated by ;)"), tr("scores")});
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->setIconSize(QSize(64, 64));
  m_table->verticalHeader()->setDefaultSectionSize(70);
  auto* open = new QPushButton(tr("&Open images..."));
  auto* xmp = new QPushButton(tr("Write &XMP sidecars"));
  xmp->setToolTip(tr("Write the tags into IMAGE.ext.xmp files (dc:subject, digiKam:TagsList) for photo managers"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(open);
  buttons->addWidget(xmp);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_hint);
  layout->addLayout(buttons);
  connect(xmp, &QPushButton::clicked, this, &AnnotatePage::writeXmpSidecars);
  layout->addWidget(m_table, 1);
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
  m_annotator.reset();  // loaded on the worker thread at the next request
  m_thresholds.clear();
}

QStringList AnnotatePage::imageFiles(const QStringList& paths, QStringList* rejected) {
  QStringList images;
  const auto formats = QImageReader::supportedImageFormats();
  auto isImage = [&](const QString& file) { return formats.contains(QFileInfo(file).suffix().toLower().toLatin1()); };
  for (const QString& p : paths) {
    const QFileInfo info(p);
    if (info.isDir()) {
      QDirIterator it(p, QDir::Files, QDirIterator::Subdirectories);
      while (it.hasNext()) {
        const QString f = it.next();
        if (isImage(f)) images << f;
      }
    } else if (info.isFile() && isImage(p)) {
      images << info.absoluteFilePath();
    } else if (rejected) {
      *rejected << p;
    }
  }
  return images;
}

void AnnotatePage::openFiles() {
  const QStringList files = QFileDialog::getOpenFileNames(this, tr("Images to annotate"), {}, tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp)"));
  if (!files.isEmpty()) addPaths(files);
}

void AnnotatePage::addPaths(const QStringList& paths) {
  QStringList rejected;
  const QStringList images = imageFiles(paths, &rejected);
  for (const QString& r : rejected) Q_EMIT messageLogged(tr("skipped %1: not an image file").arg(r));
  if (images.isEmpty()) return;
  if (m_runDir.isEmpty()) {
    Q_EMIT messageLogged(tr("no trained run to annotate with: train one or open a run folder (File > Open run)"));
    return;
  }
  m_busy = true;
  m_hint->setText(tr("Annotating %n image(s)...", nullptr, static_cast<int>(images.size())));
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
    watcher->deleteLater();
    Outcome o = watcher->result();
    m_busy = false;
    m_hint->setText(tr("Drop images or folders here, or use File > Open images (Ctrl+O)."));
    if (!o.failure.isEmpty()) {
      Q_EMIT messageLogged(tr("cannot annotate: %1").arg(o.failure));
      return;
    }
    m_annotator = o.annotator;
    if (m_thresholds.size() != m_annotator->vocabulary().size()) m_thresholds = m_annotator->default_thresholds();
    m_vocabulary = m_annotator->vocabulary();
    showResults(o.paths, o.scores, o.errors);
  });
  watcher->setFuture(QtConcurrent::run(&m_pool, [annotator = m_annotator, run = m_runDir, images]() mutable {
    Outcome o;
    try {
      if (!annotator) annotator = std::make_shared<aia::Annotator>(run.toStdString());
      std::vector<std::string> files;
      for (const QString& f : images) files.push_back(f.toStdString());
      for (auto& r : annotator->annotate(files)) {
        o.paths << QString::fromStdString(r.path);
        o.scores.push_back(r.scores);
        o.errors << QString::fromStdString(r.ok ? std::string() : (r.error.empty() ? "not decodable" : r.error));
      }
      o.annotator = annotator;
    } catch (const std::exception& e) {
      o.failure = QString::fromUtf8(e.what());
    }
    return o;
  }));
}

QString AnnotatePage::tagsFor(const std::vector<float>& scores) const {
  std::vector<std::pair<float, std::size_t>> tags;
  for (std::size_t j = 0; j < scores.size(); ++j)
    if (scores[j] > m_thresholds[j]) tags.emplace_back(scores[j], j);
  std::sort(tags.rbegin(), tags.rend());
  QStringList out;
  for (const auto& t : tags) out << QString::fromStdString(m_vocabulary[t.second]);
  return out.join(QStringLiteral("; "));
}

void AnnotatePage::showResults(const QStringList& paths, const std::vector<std::vector<float>>& scores, const QStringList& errors) {
  m_applying = true;
  int added = 0;
  for (int i = 0; i < paths.size(); ++i) {
    if (!errors[i].isEmpty()) {
      Q_EMIT messageLogged(tr("skipped %1: %2").arg(paths[i], errors[i]));
      continue;
    }
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* file = new QTableWidgetItem(QIcon(QPixmap::fromImage(QImage(paths[i]).scaled(64, 64, Qt::KeepAspectRatio))), QFileInfo(paths[i]).fileName());
    file->setToolTip(paths[i]);
    file->setFlags(file->flags() & ~Qt::ItemIsEditable);
    const QString tags = tagsFor(scores[static_cast<std::size_t>(i)]);
    auto* tagItem = new QTableWidgetItem(tags);
    tagItem->setData(Qt::UserRole, tags);
    QStringList top;
    std::vector<std::pair<float, std::size_t>> order;
    for (std::size_t j = 0; j < scores[static_cast<std::size_t>(i)].size(); ++j) order.emplace_back(scores[static_cast<std::size_t>(i)][j], j);
    std::sort(order.rbegin(), order.rend());
    for (std::size_t k = 0; k < std::min<std::size_t>(5, order.size()); ++k)
      top << QStringLiteral("%1 %2").arg(QString::fromStdString(m_vocabulary[order[k].second])).arg(order[k].first, 0, 'f', 3);
    auto* scoreItem = new QTableWidgetItem(top.join(QStringLiteral(", ")));
    scoreItem->setFlags(scoreItem->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, 0, file);
    m_table->setItem(row, 1, tagItem);
    m_table->setItem(row, 2, scoreItem);
    m_rows.push_back({paths[i], scores[static_cast<std::size_t>(i)]});
    ++added;
  }
  m_applying = false;
  m_table->resizeColumnToContents(0);
  m_table->setColumnWidth(1, std::max(m_table->columnWidth(1), 320));
  Q_EMIT messageLogged(tr("annotated %n image(s)", nullptr, added));
  Q_EMIT annotated(added);
}

void AnnotatePage::setThresholds(const std::vector<double>& thresholds) { m_thresholds = thresholds; }

std::vector<std::string> AnnotatePage::rowTags(int row) const {
  std::vector<std::string> tags;
  for (const QString& t : m_table->item(row, 1)->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
    if (!t.trimmed().isEmpty()) tags.push_back(t.trimmed().toStdString());
  return tags;
}

bool AnnotatePage::exportDatasetJson(const QString& path) const {
  if (m_table->rowCount() == 0) return false;
  std::vector<aia::Annotation> annotations;
  for (int r = 0; r < m_table->rowCount(); ++r)
    annotations.push_back({m_rows[static_cast<std::size_t>(r)].path.toStdString(), rowTags(r)});
  aia::write_annotations_json(path.toStdString(), m_vocabulary, annotations);
  return true;
}

int AnnotatePage::writeXmpSidecars() {
  int written = 0;
  for (int r = 0; r < m_table->rowCount(); ++r) {
    const QString& image = m_rows[static_cast<std::size_t>(r)].path;
    try {
      aia::write_xmp_tags(image.toStdString(), rowTags(r));
      ++written;
    } catch (const std::exception& e) {
      Q_EMIT messageLogged(tr("cannot write the sidecar of %1: %2").arg(image, QString::fromUtf8(e.what())));
    }
  }
  Q_EMIT messageLogged(tr("wrote %n XMP sidecar(s)", nullptr, written));
  return written;
}

bool AnnotatePage::exportAnnotations(const QString& path) const {
  std::string text = "image,tags";
  for (const auto& l : m_vocabulary) text += "," + aia::csv::quote_inert(l);
  text += "\n";
  for (int r = 0; r < m_table->rowCount(); ++r) {
    QStringList tags = m_table->item(r, 1)->text().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (auto& t : tags) t = t.trimmed();
    text += aia::csv::quote_inert(m_rows[static_cast<std::size_t>(r)].path.toStdString()) + "," +
            aia::csv::quote_inert(tags.join(QLatin1Char(';')).toStdString());
    for (float s : m_rows[static_cast<std::size_t>(r)].scores) text += "," + QString::number(s, 'g', 9).toStdString();
    text += "\n";
  }
  aia::write_file_atomically(path.toStdString(), text);
  return true;
}

}  // namespace aia::ui
