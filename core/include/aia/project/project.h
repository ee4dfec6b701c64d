#pragma once
// An annotation project: image folders, a vocabulary that may grow, and per
// image the model's suggested tags, the user's decisions and a review state.
// The project is a folder:
//   project.json      the snapshot (format_version 1)
//   project.json.bak  the snapshot before the last one (the last good copy)
//   journal.jsonl     every edit since the snapshot, one JSON line each, flushed
//                     to disk before the edit returns; replayed on open (a line
//                     cut by a kill is dropped: at most the last edit is lost)
//   lock              "pid host" of the one writer; a second opener is read-only
//   scores/<run>.csv  every label's score of the images that run scored
//   runs/, training/  runs fine-tuned on the reviewed images, and their datasets
// Image paths are absolute. Plain std types and nlohmann_json.

#include "aia/annotate/image_files.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace aia {

enum class ReviewState { Unreviewed, Reviewed, Skipped };
std::string to_string(ReviewState state);  // "unreviewed", "reviewed", "skipped"

struct Suggestion {
  std::string tag;
  float score = 0;
  bool above = false;  // above the label's threshold: proposed as a tag
};

struct ProjectImage {
  std::string path;  // absolute
  std::int64_t size = -1;
  std::int64_t mtime = 0;  // seconds, as last seen
  bool missing = false;    // not found at the last scan; kept, so nothing the user made is lost
  bool changed = false;    // the file changed since it was scored: its suggestions are stale
  ReviewState state = ReviewState::Unreviewed;
  std::vector<Suggestion> suggested;                         // highest score first
  double margin = std::numeric_limits<double>::quiet_NaN();  // min over labels |score - threshold|; NaN: not scored
  std::string scored_by;              // the run (folder name under the project's scores/) that scored it
  std::vector<std::string> imported;  // tags read from XMP, a CSV or a dataset when it joined
  std::vector<std::string> accepted;  // suggested or imported tags the user kept
  std::vector<std::string> rejected;  // suggested or imported tags the user turned down
  std::vector<std::string> added;     // tags the user typed
  double review_seconds = 0;          // time spent on it in the review view
  bool trained = false;               // a project run was fine-tuned on it
  // Decided by certified thresholds (auto_accept in project_workflow.h), never
  // by the user: tags certified present (on, unless the user turns them off)
  // and tags certified absent (hidden, unless the user turns them on). An
  // unreviewed image whose every label is decided leaves the review queue; it
  // is not counted as reviewed.
  std::vector<std::string> auto_accepted, auto_rejected;
  bool auto_decided = false;
};

// The tag chips of an image, in display order: suggestions by score, then
// imported tags, then added ones. Keys 1-9 address the first nine.
struct Chip {
  // Kept: accepted earlier from a suggestion list that a later scoring replaced.
  enum class Source { Suggested, Imported, Kept, Added };
  std::string tag;
  float score = std::numeric_limits<float>::quiet_NaN();  // NaN: the model has no score for it
  Source source = Source::Suggested;
  bool on = false;             // part of the image's tags now
  bool auto_accepted = false;  // on because certified thresholds accepted it, not the user
};
std::vector<Chip> chips_of(const ProjectImage& image);

// The image's tags now: accepted and added tags, plus the proposals nobody
// decided on (imported tags, and suggestions above their threshold). After a
// review this is exactly accepted + added.
std::vector<std::string> current_tags(const ProjectImage& image);

// Edits as pure functions (the project stores the result; undo stores the old record).
ProjectImage toggle_tag(ProjectImage image, const std::string& tag);
ProjectImage add_tag(ProjectImage image, const std::string& tag);      // accepts it if it is a chip already
ProjectImage mark_reviewed(ProjectImage image, double seconds_spent);  // undecided proposals become accepted
ProjectImage mark_skipped(ProjectImage image, double seconds_spent);

// A tag as typed: trimmed; empty, ';' (the CSV tag separator), '|' and '/'
// (the hierarchy separators of photo managers) and control characters are
// refused with an InputError saying which. Quotes, commas, '&', '<', spaces
// and any Unicode letter are fine: the CSV, JSON and XMP writers escape them.
std::string normalize_tag(const std::string& text);

enum class ReviewOrder { File, Random, Uncertain };
std::string to_string(ReviewOrder order);                 // "file", "random", "uncertain"
ReviewOrder parse_review_order(const std::string& name);  // throws InputError

struct ProjectData {
  int format_version = 1;
  std::vector<std::string> folders;  // absolute image folders
  std::vector<std::string> vocabulary;
  std::string run;                   // the run that scores (absolute folder), or empty
  std::vector<std::string> runs;     // every run this project trained, oldest first
  std::uint64_t seed = 1;            // the random order's seed
  std::vector<ProjectImage> images;  // sorted by path
};

// The images in review order, missing ones left out:
//  - file: by path;
//  - random: a fixed shuffle (the project's seed), the same every time;
//  - uncertain: by margin, smallest first, where an image's margin is the
//    minimum over labels of |score - that label's threshold| and the thresholds
//    are the scoring run's per-label MCC thresholds (thresholds.json, the
//    paper's MCC grid), not 0.5: the image with a label closest to its decision
//    boundary comes first. Unscored images come last, in file order.
// In every order, unreviewed images that certified thresholds decided
// (auto_decided) come after those that still need the user.
std::vector<std::size_t> review_order(const ProjectData& data, ReviewOrder order);

struct ProjectProgress {
  std::size_t total = 0, reviewed = 0, skipped = 0, missing = 0, scored = 0;
  std::size_t auto_decided = 0, auto_accepted_tags = 0;  // unreviewed images decided, tags accepted, by certification
  std::size_t need_review = 0;                           // unreviewed images not decided
  double seconds_per_image = 0;                          // mean review time of the reviewed images
};
ProjectProgress progress_of(const ProjectData& data);

struct ScanResult {
  std::size_t added = 0, missing = 0, returned = 0, changed = 0;
  std::vector<RejectedPath> skipped;  // every file under the folders that is not taken, with its reason
  std::string summary() const;
};

class Project {
 public:
  // A new project in `dir` (created; refused if it holds a project already)
  // over `folders`, scanned at once. Holds the lock.
  static Project create(const std::string& dir, const std::vector<std::string>& folders);
  // Opens `dir`: the snapshot, then the journal. Throws InputError naming the
  // file and line of a damaged snapshot (the file is left as it is; the last
  // good copy is project.json.bak). When another process holds the lock, or
  // `read_only` is asked, the project opens read-only and read_only_reason()
  // says why; edits then throw.
  static Project open(const std::string& dir, bool read_only = false);

  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;
  ~Project();  // writes the snapshot when there are journaled edits, releases the lock

  const std::string& dir() const;
  const ProjectData& data() const;
  bool read_only() const;
  const std::string& read_only_reason() const;

  // Replaces one image's record (an edit, or its undo); new tags join the
  // vocabulary. Journaled before it returns.
  void set_image(std::size_t index, const ProjectImage& image);
  // Finds new, missing, returned and changed images in the folders.
  ScanResult rescan();
  void add_folders(const std::vector<std::string>& folders);
  // Bulk changes, written as a new snapshot.
  void set_run(const std::string& run_dir);
  // A run trained from this project: recorded in `runs` and made the scoring run.
  void record_trained_run(const std::string& run_dir);
  void replace_images(std::vector<ProjectImage> images, std::vector<std::string> vocabulary);
  // Writes the snapshot now and empties the journal.
  void save();

  std::size_t index_of(const std::string& path) const;        // npos when not in the project
  std::string scores_path(const std::string& run_dir) const;  // scores/<run folder name>.csv
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  struct Impl;
  explicit Project(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where a new project over `images_folder` goes by default:
// <data_folder>/projects/<the folder's name>, then -2, -3, ... while a
// project already lives there.
std::string new_project_dir(const std::string& data_folder, const std::string& images_folder);

// The project file's JSON, for tests and tools.
std::string project_to_json(const ProjectData& data);
ProjectData project_from_json(const std::string& text, const std::string& source);

}  // namespace aia
