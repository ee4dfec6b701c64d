#pragma once
// The annotation project's review view: the image large, its suggested tags
// as chips (keys 1-9 or a click toggle one; Enter accepts the image and moves
// on; arrows move; typing adds a tag with completion), undo and redo, progress
// and the time per image; the review order (file, random, most uncertain
// first) or the likely label errors; scoring and "Train on reviewed images" in
// the background; exports. Every rule is core's (aia/project/).
//
// The page is split by what each part does: review_toolbar (the buttons, the
// order, progress), chip_editor (the chips and the tag field), review_page.cpp
// (opening, the list and the image, edits and keys), review_scoring.cpp
// (scoring, training on the reviewed images, certified auto-accept),
// review_exports.cpp (dataset, CSV, XMP) and review_commands.h (undo steps).

#include "aia/project/project_workflow.h"
#include "aia/training/trainer.h"

#include <QUndoStack>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QToolButton;

namespace aia::ui {

class ChipEditor;
class ReviewListModel;
class ReviewToolbar;

class ReviewPage : public QWidget {
  Q_OBJECT
 public:
  struct RecordChange {
    std::size_t index;
    aia::ProjectImage before, after;
  };
  explicit ReviewPage(QWidget* parent = nullptr);
  ~ReviewPage() override;

  // A new project in `dir` over `folders` (tags read from their XMP), or an
  // existing one (new and vanished images found), made or opened on a pool
  // thread while the page is disabled and the event loop turns; then
  // projectOpened(ok), with a message box on failure unless `quiet`. False
  // (and no signal) while another opening or a training run is in progress.
  bool createProject(const QString& dir, const QStringList& folders, bool quiet = false);
  bool openProject(const QString& dir, bool quiet = false);
  void closeProject();  // ignored while "Train on reviewed images" runs (it holds the project)
  const aia::Project* project() const { return m_project.get(); }
  aia::Project* editableProject() { return m_project.get(); }

  void setRun(const QString& runDir);  // the application's current run: the default scorer
  void setDataFolder(const QString& folder);
  QUndoStack* undoStack() { return &m_undo; }
  bool isBusy() const { return m_busy; }

  // What the tests drive and read.
  QListView* list() const { return m_list; }
  QLabel* imageLabel() const { return m_image; }
  QLineEdit* tagEdit() const;
  QComboBox* orderBox() const;
  QComboBox* showBox() const;
  QLabel* progressLabel() const;
  QPushButton* trainButton() const;
  QPushButton* scoreButton() const;
  QList<QToolButton*> chipButtons() const;
  int currentImage() const;  // index into the project's images, -1 when none

 public Q_SLOTS:
  void newProjectDialog();
  void openProjectDialog();
  void scoreImages(bool all = false);
  void cancelScoring();
  void trainOnReviewed();
  // Certified auto-accept at `precision` (risk 0.1) over the reviewed images: one undo step.
  void autoAccept(double precision);
  // From the TrainingController running aia::train_on_reviewed for this page.
  void scoringProgressed(int done, int total);
  void reviewedTrainingFinished(const QString& summary, int scored, const QStringList& failures);
  void trainingFinished(aia::RunStatus outcome, const QString& message, const QString& runDir);
  void acceptAndNext();
  void skipAndNext();
  void next();
  void previous();
  void toggleChip(int position);
  void addTypedTag();
  void exportDataset(const QString& folder);
  void exportCsv(const QString& path);
  void exportXmp();

 Q_SIGNALS:
  void messageLogged(const QString& text);
  // "Train on reviewed images" clicked: the main window runs it through the
  // TrainingController (startReviewedTraining) on editableProject().
  void trainRequested(const aia::ProjectTrainOptions& options);
  void projectOpened(bool ok);
  void scoringFinished(int images);
  void autoAccepted(int tags, int imagesLeft);
  void imageShown(int index);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  static QString autoDecidedNote(const aia::ExportSummary& s);
  friend class ImageEditCommand;
  friend class AutoAcceptCommand;
  void connectToolbar();
  QWidget* createReviewPane();
  void applyRecord(std::size_t index, const aia::ProjectImage& record);  // from the undo stack
  void edit(const aia::ProjectImage& after, const QString& what);
  void rebuildOrder();
  void showImage(int row);
  void refresh();  // chips, progress, the list row
  void updateProgress();
  void moveToNextUnreviewed();
  void showFirstToReview();  // the first image in the order that needs the user
  void setBusy(bool busy, const QString& what = {});
  void updateToolbar();  // the project's folder and what may be clicked
  void applyRecords(const std::vector<RecordChange>& changes, bool after);
  void storeScores(const aia::ScoringResult& result, const QString& failure);
  void fail(const QString& title, const QString& text);
  QString runForScoring() const;
  struct Opened {
    std::shared_ptr<aia::Project> project;
    QString error, info;
    bool made = false;  // a new project (info: the XMP import) rather than an opened one (info: the scan)
    std::vector<aia::RejectedPath> skipped;  // the files under its folders that are not taken, with their reasons
  };
  bool openInBackground(std::function<Opened()> work, const QString& failure, bool quiet);
  void adoptProject(const Opened& opened, bool quiet);

  std::unique_ptr<aia::Project> m_project;
  std::vector<std::size_t> m_rows;  // project image per list row
  std::vector<aia::LabelFlag> m_flags;
  ReviewListModel* m_model;
  QListView* m_list;
  ReviewToolbar* m_toolbar;
  ChipEditor* m_chips;
  QLabel* m_readOnly;
  QLabel* m_image;
  QLabel* m_imageCaption;
  std::optional<aia::CertifyOptions> m_lastAccept;  // the last auto-accept's target and risk
  QUndoStack m_undo;
  QString m_runDir;
  QString m_dataFolder;
  int m_row = -1;
  int m_previewGeneration = 0;
  qint64 m_shownAt = 0;  // ms since epoch when the image was shown (the time per image)
  bool m_busy = false;
  std::shared_ptr<std::atomic<bool>> m_cancelScoring;
  bool m_opening = false;           // a project is being made or opened on a pool thread
  bool m_trainingReviewed = false;  // train_on_reviewed runs on m_project
  int m_reviewedScored = 0;
};

}  // namespace aia::ui
