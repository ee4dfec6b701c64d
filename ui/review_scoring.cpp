// The Review page's work in the background: scoring the unreviewed images
// with the project's run on a pool thread (progress, Cancel), training on the
// reviewed images through the TrainingController (the Train page shows it),
// and certified auto-accept as one undo step.

#include "review_commands.h"
#include "review_page.h"
#include "review_toolbar.h"

#include "aia/annotate/annotator.h"

#include <QFutureWatcher>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QtConcurrent>

namespace aia::ui {

QString ReviewPage::runForScoring() const {
  if (m_project && !m_project->data().run.empty()) return QString::fromStdString(m_project->data().run);
  return m_runDir;
}

void ReviewPage::setBusy(bool busy, const QString& what) {
  m_busy = busy;
  m_toolbar->setBusy(busy, what);
  updateToolbar();
}

void ReviewPage::scoreImages(bool all) {
  if (!m_project || m_project->read_only() || m_busy) return;
  const QString run = runForScoring();
  if (run.isEmpty()) {
    fail(tr("No run to score with"), tr("Open a trained run first (File > Open run), or train one."));
    return;
  }
  try {
    if (m_project->data().run.empty()) m_project->set_run(run.toStdString());
    const aia::ScanResult scan = m_project->rescan();  // images added, removed or changed since the project opened
    if (scan.added || scan.missing || scan.returned || scan.changed)
      Q_EMIT messageLogged(tr("images on disk: %1").arg(QString::fromStdString(scan.summary())));
  } catch (const std::exception& e) {
    fail(tr("Cannot score"), QString::fromStdString(e.what()));
    return;
  }
  const std::vector<std::string> paths = aia::images_to_score(m_project->data(), all);
  if (paths.empty()) {
    Q_EMIT messageLogged(tr("every image is scored"));
    Q_EMIT scoringFinished(0);
    return;
  }
  setBusy(true, tr("scoring"));
  m_cancelScoring = std::make_shared<std::atomic<bool>>(false);
  struct Outcome {
    aia::ScoringResult result;
    QString failure;
  };
  auto* watcher = new QFutureWatcher<Outcome>(this);
  connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
    watcher->deleteLater();
    const Outcome o = watcher->result();
    setBusy(false);
    storeScores(o.result, o.failure);
  });
  auto cancel = m_cancelScoring;
  QPointer<QProgressBar> bar = m_toolbar->busyBar();
  watcher->setFuture(QtConcurrent::run([run = run.toStdString(), paths, cancel, bar] {
    Outcome o;
    aia::Annotator::Options options = aia::Annotator::cached_options();
    options.cancelled = [cancel] { return cancel->load(); };
    options.progress = [bar](std::size_t done, std::size_t total) {
      QMetaObject::invokeMethod(
          bar.data(),
          [bar, done, total] {
            if (!bar) return;
            bar->setRange(0, static_cast<int>(total));
            bar->setValue(static_cast<int>(done));
          },
          Qt::QueuedConnection);
    };
    try {
      o.result = aia::score_images(run, paths, options);
    } catch (const std::exception& e) {
      o.failure = QString::fromStdString(e.what());
    }
    return o;
  }));
}

// The scores of a finished scoring run (on the GUI thread, which owns the project).
void ReviewPage::storeScores(const aia::ScoringResult& result, const QString& failure) {
  if (!failure.isEmpty()) {
    fail(tr("Scoring failed"), failure);
    Q_EMIT scoringFinished(-1);
    return;
  }
  if (*m_cancelScoring) {
    Q_EMIT messageLogged(tr("scoring cancelled; nothing was changed"));
    Q_EMIT scoringFinished(-1);
    return;
  }
  if (!m_project) return;
  try {
    const auto failures = aia::apply_scores(*m_project, result);
    for (const auto& f : failures) Q_EMIT messageLogged(tr("skipped %1").arg(QString::fromStdString(f)));
    Q_EMIT messageLogged(QString::fromStdString(aia::Annotator::reuse_summary(result.results)));
    Q_EMIT messageLogged(tr("scored %1 images with %2")
                             .arg(result.results.size() - failures.size())
                             .arg(QString::fromStdString(result.run_dir)));
  } catch (const std::exception& e) {
    fail(tr("Cannot store the scores"), QString::fromStdString(e.what()));
  }
  m_undo.clear();  // the records changed under the undo history
  rebuildOrder();
  showFirstToReview();  // the new order's first, not the image that was current
  Q_EMIT scoringFinished(static_cast<int>(result.results.size()));
}

void ReviewPage::cancelScoring() {
  if (m_cancelScoring) *m_cancelScoring = true;
}

void ReviewPage::trainOnReviewed() {
  if (!m_project || m_project->read_only() || m_busy) return;
  try {
    if (m_project->data().run.empty() && !m_runDir.isEmpty()) m_project->set_run(m_runDir.toStdString());
  } catch (const std::exception& e) {
    fail(tr("Cannot train yet"), QString::fromStdString(e.what()));
    return;
  }
  const aia::ProjectTrainOptions options = m_toolbar->trainOptions();
  m_trainingReviewed = true;
  m_reviewedScored = 0;
  setBusy(true, tr("training"));
  m_toolbar->setCancelVisible(false);  // the Train page's Stop stops it
  Q_EMIT trainRequested(options);
}

void ReviewPage::scoringProgressed(int done, int total) {
  if (!m_trainingReviewed) return;
  m_toolbar->setBusyProgress(done, total, tr("scoring"));
}

void ReviewPage::reviewedTrainingFinished(const QString& summary, int scored, const QStringList& failures) {
  if (!m_trainingReviewed) return;
  Q_EMIT messageLogged(tr("training on the reviewed images: %1").arg(summary));
  for (const auto& f : failures) Q_EMIT messageLogged(tr("skipped %1").arg(f));
  m_reviewedScored = scored;
}

void ReviewPage::trainingFinished(aia::RunStatus outcome, const QString& message, const QString& runDir) {
  if (!m_trainingReviewed) return;
  m_trainingReviewed = false;
  setBusy(false);
  if (outcome != aia::RunStatus::Succeeded || !m_project) {
    // Nothing trained (too few reviewed images, another run in progress): say why at once.
    if (outcome == aia::RunStatus::Failed && runDir.isEmpty())
      fail(tr("Cannot train yet"), message);
    else
      Q_EMIT messageLogged(tr("training on the reviewed images did not finish: %1").arg(message));
    return;
  }
  Q_EMIT messageLogged(tr("scored %1 images with %2").arg(m_reviewedScored).arg(runDir));
  m_undo.clear();  // the records changed under the undo history
  rebuildOrder();
  showFirstToReview();
  Q_EMIT scoringFinished(m_reviewedScored);
}

// --- certified auto-accept ----------------------------------------------------------

void ReviewPage::autoAccept(double precision) {
  if (!m_project || m_project->read_only() || m_busy) return;
  const std::vector<aia::ProjectImage> before = m_project->data().images;
  const aia::CertifyOptions options{precision, 0.1};
  aia::AcceptReport report;
  try {
    report = aia::auto_accept(*m_project, options);
  } catch (const std::exception& e) {
    fail(tr("Cannot auto-accept"), QString::fromStdString(e.what()));
    return;
  }
  std::vector<RecordChange> changes;
  const auto& after = m_project->data().images;
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i)
    if (before[i].auto_accepted != after[i].auto_accepted || before[i].auto_rejected != after[i].auto_rejected ||
        before[i].auto_decided != after[i].auto_decided)
      changes.push_back({i, before[i], after[i]});
  m_lastAccept = options;
  QStringList abstained;
  for (const auto& l : report.labels)
    if (!l.accept.certified)
      abstained << tr("%1: %2").arg(QString::fromStdString(l.label), QString::fromStdString(l.accept.reason));
  m_toolbar->progressLabel()->setToolTip(
      abstained.isEmpty() ? QString() : tr("Labels that abstain:\n%1").arg(abstained.join('\n')));
  Q_EMIT messageLogged(QString::fromStdString(report.summary()));
  for (const auto& line : abstained) Q_EMIT messageLogged(tr("abstains: %1").arg(line));
  if (!changes.empty()) m_undo.push(new AutoAcceptCommand(this, std::move(changes), tr("auto-accept")));
  rebuildOrder();
  Q_EMIT autoAccepted(static_cast<int>(report.accepted_tags), static_cast<int>(report.need_review));
}

void ReviewPage::applyRecords(const std::vector<RecordChange>& changes, bool after) {
  if (!m_project) return;
  try {
    for (const auto& c : changes) m_project->set_image(c.index, after ? c.after : c.before);
  } catch (const std::exception& e) {
    fail(tr("The edit was not saved"), QString::fromStdString(e.what()));
  }
  rebuildOrder();
}

// --- exports ----------------------------------------------------------------------------

}  // namespace aia::ui
