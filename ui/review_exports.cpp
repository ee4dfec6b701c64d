// The Review page's exports: the reviewed tags as a dataset, an annotations
// CSV or XMP sidecars, each saying what in it no person reviewed.

#include "review_page.h"

#include "aia/project/project_workflow.h"

namespace aia::ui {

// What an export holds that no person reviewed, in words ("" when nothing).
QString ReviewPage::autoDecidedNote(const aia::ExportSummary& s) {
  if (!s.auto_decided && !s.auto_accepted_tags) return {};
  return tr(" (%1 of them decided by certified thresholds, not reviewed; %2 auto-accepted tags marked)")
      .arg(s.auto_decided)
      .arg(s.auto_accepted_tags);
}

void ReviewPage::exportDataset(const QString& folder) {
  if (!m_project) return;
  try {
    const auto s = aia::export_project(*m_project, aia::ProjectExport::Dataset, folder.toStdString());
    Q_EMIT messageLogged(tr("exported %1 images as a dataset in %2").arg(s.images).arg(folder) + autoDecidedNote(s));
  } catch (const std::exception& e) {
    fail(tr("Export failed"), QString::fromStdString(e.what()));
  }
}

void ReviewPage::exportCsv(const QString& path) {
  if (!m_project) return;
  try {
    const auto s = aia::export_project(*m_project, aia::ProjectExport::Csv, path.toStdString());
    Q_EMIT messageLogged(tr("exported %1 images to %2").arg(s.images).arg(path) + autoDecidedNote(s));
  } catch (const std::exception& e) {
    fail(tr("Export failed"), QString::fromStdString(e.what()));
  }
}

void ReviewPage::exportXmp() {
  if (!m_project) return;
  try {
    const auto s = aia::export_project(*m_project, aia::ProjectExport::Xmp, {});
    for (const auto& f : s.failures) Q_EMIT messageLogged(QString::fromStdString(f));
    Q_EMIT messageLogged(tr("wrote the XMP sidecars of %1 images").arg(s.images) + autoDecidedNote(s));
  } catch (const std::exception& e) {
    fail(tr("Export failed"), QString::fromStdString(e.what()));
  }
}

}  // namespace aia::ui
