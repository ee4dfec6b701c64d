#pragma once
// What an annotation project does beyond editing (aia/project/project.h):
// importing the tags a photo library has, scoring with a run, flagging likely
// label errors, fine-tuning on the reviewed images, exporting. The CLI's
// `aia project` and the GUI's Review page call these and nothing else.
// Plain std types.

#include "aia/annotate/annotator.h"
#include "aia/metrics/certify.h"
#include "aia/project/project.h"
#include "aia/run/train_config.h"
#include "aia/training/trainer.h"

#include <cstddef>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

namespace aia {

// --- importing existing tags ---------------------------------------------------

struct TagImport {
  std::size_t images = 0;             // images that received at least one tag
  std::size_t tags = 0;               // tags added
  std::vector<std::string> problems;  // "file: reason" (an unreadable sidecar, a tag refused, an unknown image)
  std::string summary() const;
};

// From every image's XMP: its sidecars (photo.jpg.xmp and photo.xmp) and the
// XMP and IPTC keywords embedded in the file; the fields dc:subject,
// digiKam:TagsList and MicrosoftPhoto:LastKeywordXMP ('/' between levels),
// lr:hierarchicalSubject and mediapro:CatalogSets ('|' between levels). A
// hierarchical keyword gives its last level ("Animals/Dog" -> "Dog").
TagImport import_xmp_tags(Project& project);
// From an annotations CSV (aia/annotate/annotations.h): rows are matched by
// path, else by file name when that is unique in the project.
TagImport import_annotations_csv(Project& project, const std::string& csv_path);
// From a dataset in the seed's JSON layout (train.json, test.json, images/):
// samples are matched by path, else by file name when unique.
TagImport import_dataset_tags(Project& project, const std::string& dataset_dir);

// --- scoring ---------------------------------------------------------------------

// The images a scoring pass covers: every present image that is not reviewed,
// has never been scored, or changed on disk; with `all`, every present one.
// Reviewed images keep the scores they had when reviewed: those came from a
// model that had not trained on them (out of fold), which the label-error
// flags rely on.
std::vector<std::string> images_to_score(const ProjectData& data, bool all);

// min over labels of |score - threshold|: how close the image's most
// uncertain label is to its decision boundary.
double decision_margin(const std::vector<float>& scores, const std::vector<double>& thresholds);

struct ScoringResult {
  std::string run_dir;
  std::vector<std::string> vocabulary;
  std::vector<double> thresholds;  // the run's per-label MCC thresholds
  std::vector<Annotator::Result> results;
};
// Scores `paths` with the run (decoding on worker threads, in batches); may
// run on any thread. Throws aia::Error when the run cannot be loaded.
ScoringResult score_images(const std::string& run_dir, const std::vector<std::string>& paths,
                           const Annotator::Options& options);
// Stores the results: suggestions (every label above its threshold, then the
// next best up to five chips), margins, the run's labels joining the
// vocabulary, and every score in scores/<run>.csv. Returns the failures as
// "path: reason".
std::vector<std::string> apply_scores(Project& project, const ScoringResult& scoring);

// --- likely label errors -----------------------------------------------------------

struct LabelFlag {
  std::size_t image = 0;  // index into the project's images
  std::string tag;
  float score = 0;         // the out-of-fold score
  double threshold = 0.5;  // that label's threshold
  bool kept = false;       // true: the user kept a tag the model finds unlikely; false: left out a likely one
  double strength = 0;     // how far past the rule's bound, 0..1
};
// Among reviewed images, tags the model strongly disagrees with, scored out
// of fold (by a run that had not trained on the image): a kept tag scoring
// below a third of its threshold, or a left-out label scoring above
// threshold + 2/3 of the way to 1. Strongest first.
std::vector<LabelFlag> likely_label_errors(const Project& project);

// --- learning from the corrections ---------------------------------------------------

struct ProjectTrainOptions {
  bool include_original = false;  // add the scoring run's own training set (and test on its test split)
  int epochs = 10;
  double learning_rate = 0;        // 0: the base run's
  std::string mode;                // "finetune" or "frozen"; empty: the base run's
  double holdout = 0.2;            // without the original set: this share of reviewed images is the test split
  int max_batches_per_epoch = -1;  // -1: the base run's
};

struct ProjectTraining {
  TrainConfig config;       // ready for aia::train
  std::string dataset_dir;  // the dataset built for it under training/
  std::size_t train_images = 0, test_images = 0;
  std::vector<std::string> new_labels;  // labels the base run did not have (the head grows)
  std::vector<std::string> trained_paths;
  std::string summary() const;
};
// Builds training/<name>/ (images hard-linked, or copied across file systems;
// train.json, test.json, the base run's normalisation) from the reviewed
// images, and the config: the base run's recipe, its best weights with the
// head mapped by label name, the run folder runs/<name>. Throws InputError
// when there is no scoring run or fewer than two reviewed images with tags.
ProjectTraining prepare_project_training(const Project& project, const ProjectTrainOptions& options);
// After aia::train finished: the run becomes the project's scoring run and
// the images it trained on are marked.
void finish_project_training(Project& project, const ProjectTraining& training);

// Runs f on the thread that owns the project (and returns when it has run,
// rethrowing what it threw). Empty: on the calling thread.
using OwnerThread = std::function<void(const std::function<void()>&)>;

struct ReviewedTrainingResult {
  RunResult run;                      // the fine-tuning run's outcome
  std::string summary;                // what it trained on (ProjectTraining::summary)
  std::size_t scored = 0;             // unreviewed images scored again with the new run
  std::vector<std::string> failures;  // "path: reason" of images that could not be scored
};
// "Train on reviewed images", the whole of it, for the CLI and the GUI alike:
// prepare_project_training, aia::train (reporting to `observer`, stopped by
// `stop`), finish_project_training, then the unreviewed images scored again
// with the new run (score_images and apply_scores; `scoring` gives progress,
// and a stop leaves the scores unchanged). Every step that reads or changes
// `project` runs through `on_owner`; training and scoring run on the calling
// thread. Throws what prepare_project_training throws (nothing trained yet).
ReviewedTrainingResult train_on_reviewed(Project& project, const ProjectTrainOptions& options, TrainObserver& observer,
                                         std::stop_token stop = {}, Annotator::Options scoring = {},
                                         const OwnerThread& on_owner = {});

// --- certified auto-accept -----------------------------------------------------------

struct LabelCertificate {
  std::string label;
  Certified accept;  // tagged when score > accept.threshold, at precision >= the target
  Certified reject;  // absent when score <= reject.threshold, at NPV >= the target
};
struct AcceptReport {
  CertifyOptions options;
  std::size_t calibration_images = 0;  // reviewed, scored out of fold by the project's run
  std::vector<LabelCertificate> labels;
  std::size_t accepted_tags = 0, decided_images = 0, need_review = 0;
  // "N tags auto-accepted at >= 95% precision (delta 0.1) · M images still need you · K images decided"
  std::string summary() const;
};
// Calibrates on the reviewed images that the project's run scored without
// having trained on them (their current tags are the truth): per label, the
// threshold certified at precision >= target (certify_precision) and the one
// certified absent at NPV >= target (certify_absence). Then every unreviewed
// image that run scored gets its auto-accepted tags, its hidden (certified
// absent) tags, and auto_decided when every label is decided; each changed
// record is journaled (set_image). Nothing is marked reviewed. Throws
// InputError when the project has no run or no scores of it.
AcceptReport auto_accept(Project& project, const CertifyOptions& options);

// --- exports --------------------------------------------------------------------------

enum class ProjectExport { Dataset, Csv, Xmp };
ProjectExport parse_project_export(const std::string& name);  // "json", "csv", "xmp"; throws InputError

struct ProjectExportOptions {
  bool include_unreviewed = false;   // also images nobody reviewed, with their current (suggested) tags
  bool include_auto_decided = true;  // images auto_accept decided entirely (their auto-accepted tags marked)
  bool link_images = true;           // the dataset export: hard links where possible, else copies
  double test_fraction = 0.2;        // the dataset export's test split (seeded by the project)
};
struct ExportSummary {
  std::size_t images = 0;
  std::size_t auto_decided = 0;        // of them, images decided by certified thresholds, not by a person
  std::size_t auto_accepted_tags = 0;  // tags marked auto-accepted in the export
  std::vector<std::string> failures;   // "path: reason"
};
// Dataset: `out` is a folder that receives train.json, test.json and images/.
// CSV: `out` is the annotations CSV. XMP: every image's sidecar is merged
// (other metadata and keywords kept); `out` is unused. Tags that certified
// thresholds accepted on an image no person reviewed are marked in each
// format (annotations.h, xmp_sidecar.h).
ExportSummary export_project(const Project& project, ProjectExport format, const std::string& out,
                             const ProjectExportOptions& options = {});

}  // namespace aia
