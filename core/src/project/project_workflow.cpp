#include "aia/project/project_workflow.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/tagging.h"
#include "aia/catalogue/catalogue.h"
#include "aia/data/dataset.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/contained_path.h"
#include "aia/io/score_table.h"
#include "aia/io/xmp_sidecar.h"
#include "aia/metrics/certify.h"
#include "aia/run/run_folder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>

namespace fs = std::filesystem;

namespace aia {

std::string TagImport::summary() const {
  std::string s = std::to_string(tags) + " tags on " + std::to_string(images) + " images";
  if (!problems.empty()) s += "; " + std::to_string(problems.size()) + " problems (first: " + problems.front() + ")";
  return s;
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Adds tags to one image's imported list (in a copy of the images, stored in
// one snapshot afterwards); refused tags become problems.
void import_into(std::vector<ProjectImage>& images, std::size_t index, const std::vector<std::string>& tags,
                 const std::string& source, TagImport& report) {
  ProjectImage& image = images[index];
  std::size_t added = 0;
  for (const auto& raw : tags) {
    std::string tag;
    try {
      tag = normalize_tag(raw);
    } catch (const InputError& e) {
      report.problems.push_back(source + ": " + e.what());
      continue;
    }
    if (!contains(image.imported, tag)) {
      image.imported.push_back(tag);
      ++added;
    }
  }
  if (added == 0) return;
  report.tags += added;
  ++report.images;
}

void store(Project& project, std::vector<ProjectImage> images) {
  std::vector<std::string> vocabulary = project.data().vocabulary;
  for (const auto& image : images)
    for (const auto& t : image.imported)
      if (!contains(vocabulary, t)) vocabulary.push_back(t);
  project.replace_images(std::move(images), std::move(vocabulary));
}

// Index by path, else by a file name that is unique in the project.
class ImageMatcher {
 public:
  explicit ImageMatcher(const ProjectData& data) {
    for (std::size_t i = 0; i < data.images.size(); ++i) {
      const std::string name = fs::path(data.images[i].path).filename().string();
      auto [it, fresh] = by_name_.emplace(name, i);
      if (!fresh) it->second = Project::npos;  // ambiguous
    }
  }
  std::size_t find(const Project& project, const std::string& path) const {
    std::error_code ec;
    const std::string absolute = fs::absolute(path, ec).lexically_normal().string();
    if (auto i = project.index_of(absolute); i != Project::npos) return i;
    auto it = by_name_.find(fs::path(path).filename().string());
    return it == by_name_.end() ? Project::npos : it->second;
  }

 private:
  std::map<std::string, std::size_t> by_name_;
};

}  // namespace

TagImport import_xmp_tags(Project& project) {
  TagImport report;
  std::vector<ProjectImage> images = project.data().images;
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (images[i].missing) continue;
    std::vector<std::string> problems;
    const auto tags = read_image_keywords(images[i].path, &problems);
    for (auto& p : problems) report.problems.push_back(std::move(p));
    if (!tags.empty()) import_into(images, i, tags, images[i].path, report);
  }
  store(project, std::move(images));
  return report;
}

TagImport import_annotations_csv(Project& project, const std::string& csv_path) {
  TagImport report;
  const AnnotationsTable table = read_annotations_csv(csv_path);
  const ImageMatcher matcher(project.data());
  std::vector<ProjectImage> images = project.data().images;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const std::size_t i = matcher.find(project, row.image);
    const std::string where = csv_path + ": line " + std::to_string(r + 2);
    if (i == Project::npos) {
      report.problems.push_back(where + ": " + row.image + " is not an image of this project");
      continue;
    }
    import_into(images, i, row.tags, where, report);
  }
  store(project, std::move(images));
  return report;
}

TagImport import_dataset_tags(Project& project, const std::string& dataset_dir) {
  TagImport report;
  ValidationReport validation;
  const Dataset dataset = load_dataset(dataset_dir, &validation);
  const ImageMatcher matcher(project.data());
  std::vector<ProjectImage> images = project.data().images;
  for (const auto* split : {&dataset.train, &dataset.test}) {
    for (const auto& sample : *split) {
      const std::string path = (fs::path(dataset.images_dir) / sample.image).string();
      const std::size_t i = matcher.find(project, path);
      if (i == Project::npos) {
        report.problems.push_back(dataset.root + ": " + sample.image + " is not an image of this project");
        continue;
      }
      std::vector<std::string> tags;
      for (int l : sample.labels) tags.push_back(dataset.vocabulary[static_cast<std::size_t>(l)]);
      import_into(images, i, tags, dataset.root + ": " + sample.image, report);
    }
  }
  store(project, std::move(images));
  return report;
}

// --- scoring ---------------------------------------------------------------------

std::vector<std::string> images_to_score(const ProjectData& data, bool all) {
  std::vector<std::string> out;
  for (const auto& image : data.images) {
    if (image.missing) continue;
    const bool never = image.scored_by.empty() && !image.trained;
    if (all || image.state != ReviewState::Reviewed || never || image.changed) out.push_back(image.path);
  }
  return out;
}

double decision_margin(const std::vector<float>& scores, const std::vector<double>& thresholds) {
  if (scores.size() != thresholds.size() || scores.empty()) throw InputError("scores and thresholds differ in size");
  double margin = std::numeric_limits<double>::infinity();
  for (std::size_t l = 0; l < scores.size(); ++l)
    margin = std::min(margin, std::abs(static_cast<double>(scores[l]) - thresholds[l]));
  return margin;
}

ScoringResult score_images(const std::string& run_dir, const std::vector<std::string>& paths,
                           const Annotator::Options& options) {
  ScoringResult out;
  out.run_dir = fs::absolute(run_dir).lexically_normal().string();
  Annotator annotator(out.run_dir);
  out.vocabulary = annotator.vocabulary();
  out.thresholds = annotator.default_thresholds();
  out.results = annotator.annotate(paths, options);
  return out;
}

std::vector<std::string> apply_scores(Project& project, const ScoringResult& scoring) {
  std::vector<std::string> failures;
  ProjectData data = project.data();
  for (const auto& label : scoring.vocabulary)
    if (!contains(data.vocabulary, label)) data.vocabulary.push_back(label);
  const std::string run_name = fs::path(scoring.run_dir).filename().string();

  // Every score, merged with the rows this run scored before.
  const std::string scores_path = project.scores_path(scoring.run_dir);
  std::map<std::string, std::vector<double>> rows;
  if (fs::exists(scores_path)) {
    try {
      const ScoreTable old = read_score_csv(scores_path, CsvContent::Scores);
      if (old.labels == scoring.vocabulary)
        for (std::size_t r = 0; r < old.rows(); ++r)
          rows[old.images[r]].assign(old.values.begin() + static_cast<std::ptrdiff_t>(r * old.cols()),
                                     old.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * old.cols()));
    } catch (const InputError& e) {
      failures.push_back(std::string(e.what()) + " (rewritten)");
    }
  }

  for (const auto& result : scoring.results) {
    const std::size_t i = project.index_of(result.path);
    if (!result.ok) {
      failures.push_back(result.path + ": " + result.error);
      continue;
    }
    if (i == Project::npos) continue;
    ProjectImage& image = data.images[i];
    image.suggested.clear();
    const auto above = tags_above(std::span<const float>(result.scores), scoring.thresholds);
    for (const auto& t : above)
      if (image.suggested.size() < 20)
        image.suggested.push_back({scoring.vocabulary[t.label], static_cast<float>(t.score), true});
    for (const auto& t : top_scores(std::span<const float>(result.scores), 5)) {
      if (image.suggested.size() >= 5) break;
      if (is_tagged(t.score, scoring.thresholds[t.label])) continue;
      image.suggested.push_back({scoring.vocabulary[t.label], static_cast<float>(t.score), false});
    }
    image.margin = decision_margin(result.scores, scoring.thresholds);
    image.scored_by = run_name;
    image.changed = false;
    image.auto_accepted.clear();  // decided on the earlier scores: auto_accept decides again
    image.auto_rejected.clear();
    image.auto_decided = false;
    rows[image.path].assign(result.scores.begin(), result.scores.end());
  }
  ScoreTable table;
  table.labels = scoring.vocabulary;
  for (const auto& [path, values] : rows) {
    table.images.push_back(path);
    table.values.insert(table.values.end(), values.begin(), values.end());
  }
  fs::create_directories(fs::path(scores_path).parent_path());
  write_score_csv(scores_path, table);
  project.replace_images(std::move(data.images), std::move(data.vocabulary));
  return failures;
}

// --- likely label errors -----------------------------------------------------------

std::vector<LabelFlag> likely_label_errors(const Project& project) {
  std::vector<LabelFlag> flags;
  const ProjectData& data = project.data();
  std::map<std::string, std::vector<std::size_t>> by_run;
  for (std::size_t i = 0; i < data.images.size(); ++i)
    if (data.images[i].state == ReviewState::Reviewed && !data.images[i].missing && !data.images[i].scored_by.empty())
      by_run[data.images[i].scored_by].push_back(i);
  for (const auto& [run_name, indices] : by_run) {
    std::string run_dir;
    for (const auto& r : data.runs)
      if (fs::path(r).filename().string() == run_name) run_dir = r;
    if (run_dir.empty() && fs::path(data.run).filename().string() == run_name) run_dir = data.run;
    const std::string scores_path = project.scores_path(run_name);
    if (run_dir.empty() || !fs::exists(scores_path)) continue;
    const ScoreTable scores = read_score_csv(scores_path, CsvContent::Scores);
    const std::vector<double> thresholds =
        RunFolder(run_dir).thresholds_or_half(ThresholdMethod::MccGrid, scores.labels);
    std::map<std::string, std::size_t> row_of;
    for (std::size_t r = 0; r < scores.rows(); ++r) row_of[scores.images[r]] = r;
    for (std::size_t i : indices) {
      const ProjectImage& image = data.images[i];
      auto it = row_of.find(image.path);
      if (it == row_of.end()) continue;
      const auto tags = current_tags(image);
      for (std::size_t l = 0; l < scores.cols(); ++l) {
        const double s = scores.at(it->second, l), t = thresholds[l];
        const bool kept = contains(tags, scores.labels[l]);
        if (kept && s < t / 3)
          flags.push_back({i, scores.labels[l], static_cast<float>(s), t, true, (t / 3 - s) / (t / 3)});
        const double high = t + 2 * (1 - t) / 3;
        if (!kept && s > high && high < 1)
          flags.push_back({i, scores.labels[l], static_cast<float>(s), t, false, (s - high) / (1 - high)});
      }
    }
  }
  std::stable_sort(flags.begin(), flags.end(), [](const auto& a, const auto& b) { return a.strength > b.strength; });
  return flags;
}

// --- learning from the corrections ---------------------------------------------------

std::string ProjectTraining::summary() const {
  std::string s = std::to_string(train_images) + " training and " + std::to_string(test_images) + " test images";
  if (!new_labels.empty()) s += ", " + std::to_string(new_labels.size()) + " new labels (the head grows)";
  return s;
}

namespace {

void link_or_copy(const fs::path& source, const fs::path& target) {
  fs::create_directories(target.parent_path());
  std::error_code ec;
  fs::remove(target, ec);
  fs::create_hard_link(source, target, ec);
  if (!ec) return;
  fs::copy_file(source, target, fs::copy_options::overwrite_existing, ec);
  if (ec) throw Error(target.string() + ": cannot copy " + source.string() + ": " + ec.message());
}

std::string numbered(std::size_t n) {
  std::string s = std::to_string(n);
  return "finetune-" + std::string(s.size() < 3 ? 3 - s.size() : 0, '0') + s;
}

void write_split(const fs::path& file, const std::vector<std::string>& labels,
                 const std::vector<std::pair<std::string, std::vector<std::string>>>& samples) {
  nlohmann::ordered_json doc;
  doc["labels"] = labels;
  doc["samples"] = nlohmann::ordered_json::array();
  for (const auto& [name, tags] : samples) doc["samples"].push_back({{"image_name", name}, {"image_labels", tags}});
  write_file_atomically(file.string(), doc.dump(1) + "\n");
}

}  // namespace

namespace {

using TaggedImages = std::vector<std::pair<std::string, std::vector<std::string>>>;  // path, tags

void check_train_options(const ProjectTrainOptions& options) {
  if (!std::isfinite(options.learning_rate) || options.learning_rate < 0)
    throw InputError("the learning rate must be a finite number > 0 (0: the run's), got " +
                     std::to_string(options.learning_rate));
  if (!std::isfinite(options.holdout) || options.holdout < 0 || options.holdout > 0.9)
    throw InputError("the held-out share must be a number in [0, 0.9], got " + std::to_string(options.holdout));
  if (options.epochs < 1) throw InputError("epochs must be >= 1, got " + std::to_string(options.epochs));
}

// The reviewed images that have tags, with their current tags.
TaggedImages reviewed_images(const ProjectData& data) {
  TaggedImages reviewed;
  const ResolvedRoots roots(data.folders);
  for (const auto& image : data.images) {
    if (image.missing || image.state != ReviewState::Reviewed) continue;
    auto tags = current_tags(image);
    if (tags.empty()) continue;
    if (!roots.contains(image.path))  // its file would be linked into the training set
      throw InputError(image.path +
                       ": leads outside the project's image folders (a link changed since the last "
                       "scan?); rescan the project or remove the link");
    reviewed.emplace_back(image.path, std::move(tags));
  }
  if (reviewed.size() < 2)
    throw InputError("review at least two images with tags before training (" + std::to_string(reviewed.size()) +
                     " so far)");
  return reviewed;
}

// The dataset under training/<name>/ as it is built: images linked into
// images/, their tags per split, the vocabulary growing with new tags.
struct TrainingSet {
  fs::path root;
  std::vector<std::string> labels, new_labels;
  TaggedImages train, test;

  void add(const fs::path& source, const std::string& target, const std::vector<std::string>& tags,
           TaggedImages& split) {
    link_or_copy(source, root / "images" / target);
    split.emplace_back(target, tags);
    for (const auto& t : tags)
      if (!contains(labels, t)) {
        labels.push_back(t);
        new_labels.push_back(t);
      }
  }
};

// The run the project started from: a run this project trained already holds
// the reviewed images, so its chain is followed back (each one's pretrained
// weights are the previous run's best checkpoint).
std::string origin_run(const ProjectData& data) {
  std::string origin = data.run;
  for (int guard = 0; guard < 1000 && contains(data.runs, origin); ++guard) {
    const std::string pretrained = RunFolder(origin).read_config().model.pretrained;
    if (pretrained.empty()) break;
    origin = fs::path(pretrained).parent_path().parent_path().lexically_normal().string();
  }
  return origin;
}

// The origin run's own training set (and its test split as the test split).
void add_original(TrainingSet& set, const std::string& origin) {
  ValidationReport report;
  const Dataset original = load_dataset(RunFolder(origin).read_info().dataset_dir, &report);
  for (const auto* split : {&original.train, &original.validation, &original.test}) {
    auto& target_split = split == &original.test ? set.test : set.train;
    for (const auto& sample : *split) {
      std::vector<std::string> tags;
      for (int l : sample.labels) tags.push_back(original.vocabulary[static_cast<std::size_t>(l)]);
      set.add(fs::path(original.images_dir) / sample.image, "original/" + sample.image, tags, target_split);
    }
  }
}

}  // namespace

ProjectTraining prepare_project_training(const Project& project, const ProjectTrainOptions& options) {
  const ProjectData& data = project.data();
  check_train_options(options);
  if (data.run.empty()) throw InputError(project.dir() + ": the project has no run to start from; score it with one");
  const RunFolder base(data.run);
  if (!base.has_checkpoint(Checkpoint::Best))
    throw InputError(data.run + ": the run has no best checkpoint to fine-tune from");
  const RunInfo info = base.read_info();
  TrainConfig config = base.read_config();
  const TaggedImages reviewed = reviewed_images(data);

  ProjectTraining out;
  const std::string name = numbered(data.runs.size() + 1);
  TrainingSet set;
  set.root = fs::path(project.dir()) / "training" / name;
  std::error_code ec;
  fs::remove_all(set.root, ec);
  fs::create_directories(set.root / "images");
  out.dataset_dir = set.root.string();
  set.labels = info.vocabulary;

  std::vector<std::size_t> order(reviewed.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::size_t held = 0;
  if (!options.include_original) {
    std::mt19937_64 rng(data.seed + data.runs.size());
    std::shuffle(order.begin(), order.end(), rng);
    held = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(options.holdout * double(order.size()))));
    held = std::min(held, order.size() - 1);
  }
  for (std::size_t j = 0; j < order.size(); ++j) {
    const std::size_t k = order[j];
    const fs::path source(reviewed[k].first);
    const std::string target = "project/" + std::to_string(k) + "_" + source.filename().string();
    set.add(source, target, reviewed[k].second, j < held ? set.test : set.train);
    if (j >= held) out.trained_paths.push_back(reviewed[k].first);
  }
  if (options.include_original) add_original(set, origin_run(data));
  write_split(set.root / "train.json", set.labels, set.train);
  write_split(set.root / "test.json", set.labels, set.test);
  write_normalization_file(set.root.string(), info.normalization);
  out.train_images = set.train.size();
  out.test_images = set.test.size();
  out.new_labels = set.new_labels;

  config.data.dataset = set.root.string();
  config.data.val_fraction = 0;
  config.model.pretrained = base.checkpoint_path(Checkpoint::Best);
  config.model.pretrained_labels = info.vocabulary;
  config.optim.epochs = options.epochs;
  if (options.learning_rate > 0) config.optim.learning_rate = options.learning_rate;
  if (!options.mode.empty()) config.run.mode = parse_train_mode(options.mode);
  if (options.max_batches_per_epoch >= 0) config.run.max_batches_per_epoch = options.max_batches_per_epoch;
  config.run.out_dir = (fs::path(project.dir()) / "runs" / name).string();
  out.config = config;
  return out;
}

void finish_project_training(Project& project, const ProjectTraining& training) {
  ProjectData data = project.data();
  std::set<std::string> trained(training.trained_paths.begin(), training.trained_paths.end());
  for (auto& image : data.images)
    if (trained.count(image.path)) image.trained = true;
  project.replace_images(std::move(data.images), std::move(data.vocabulary));
  project.record_trained_run(training.config.run.out_dir);
}

ReviewedTrainingResult train_on_reviewed(Project& project, const ProjectTrainOptions& options, TrainObserver& observer,
                                         std::stop_token stop, Annotator::Options scoring,
                                         const OwnerThread& on_owner) {
  auto owner = [&](const std::function<void()>& f) { on_owner ? on_owner(f) : f(); };
  ReviewedTrainingResult out;
  ProjectTraining training;
  owner([&] { training = prepare_project_training(project, options); });
  out.summary = training.summary();
  observer.on_message("training on " + out.summary);
  out.run = train(training.config, observer, stop);
  if (out.run.status != RunStatus::Succeeded) return out;

  std::vector<std::string> paths;
  std::string run;
  owner([&] {
    finish_project_training(project, training);
    paths = images_to_score(project.data(), false);
    run = project.data().run;
  });
  if (paths.empty()) return out;
  observer.on_message("new run " + run + "; scoring " + std::to_string(paths.size()) + " unreviewed images again");
  scoring.cancelled = [stop, asked = scoring.cancelled] { return stop.stop_requested() || (asked && asked()); };
  const ScoringResult scored = score_images(run, paths, scoring);
  if (scoring.cancelled()) {
    observer.on_message("scoring stopped: the unreviewed images keep their earlier scores");
    return out;
  }
  owner([&] { out.failures = apply_scores(project, scored); });
  out.scored = scored.results.size() - out.failures.size();
  return out;
}

// --- certified auto-accept ----------------------------------------------------------

std::string AcceptReport::summary() const {
  char head[200];
  std::snprintf(head, sizeof head, "%zu tags auto-accepted at >= %g%% precision (delta %g) · %zu images still need you",
                accepted_tags, options.target * 100, options.delta, need_review);
  std::string s = head;
  s += " · " + std::to_string(decided_images) + " images decided";
  if (calibration_images == 0) s += " · no reviewed image scored by the project's run to calibrate on yet";
  return s;
}

AcceptReport auto_accept(Project& project, const CertifyOptions& options) {
  const ProjectData& data = project.data();
  if (data.run.empty()) throw InputError(project.dir() + ": the project has no run; score it with one first");
  const std::string run_name = fs::path(data.run).filename().string();
  const std::string scores_path = project.scores_path(data.run);
  if (!fs::exists(scores_path)) throw InputError(project.dir() + ": no scores of " + run_name + " yet; score first");
  const ScoreTable scores = read_score_csv(scores_path, CsvContent::Scores);
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < scores.rows(); ++r) row_of[scores.images[r]] = r;

  // Calibration: reviewed images this run scored and did not train on (out of
  // fold), their tags now as the truth.
  ScoreTable cal_scores, cal_targets;
  cal_scores.labels = cal_targets.labels = scores.labels;
  for (const auto& image : data.images) {
    const auto it = row_of.find(image.path);
    if (image.missing || image.state != ReviewState::Reviewed || image.trained || image.scored_by != run_name ||
        it == row_of.end())
      continue;
    const auto tags = current_tags(image);
    cal_scores.images.push_back(image.path);
    for (std::size_t l = 0; l < scores.cols(); ++l) {
      cal_scores.values.push_back(scores.at(it->second, l));
      cal_targets.values.push_back(contains(tags, scores.labels[l]) ? 1 : 0);
    }
  }
  cal_targets.images = cal_scores.images;
  AcceptReport report;
  report.options = options;
  report.calibration_images = cal_scores.rows();
  const LabelMatrix calibration(cal_scores, cal_targets);
  for (std::size_t l = 0; l < scores.cols(); ++l) {
    const SortedLabel sorted(calibration, l);
    report.labels.push_back({scores.labels[l], certify_precision(sorted, options), certify_absence(sorted, options)});
  }

  // Every unreviewed image this run scored: each label accepted, rejected or left to the user.
  for (std::size_t i = 0; i < data.images.size(); ++i) {
    ProjectImage image = data.images[i];
    const auto it = row_of.find(image.path);
    if (image.missing || image.state != ReviewState::Unreviewed || image.scored_by != run_name || it == row_of.end())
      continue;
    image.auto_accepted.clear();
    image.auto_rejected.clear();
    std::size_t decided = 0;
    for (std::size_t l = 0; l < scores.cols(); ++l) {
      const double s = scores.at(it->second, l);
      const LabelCertificate& c = report.labels[l];
      const bool accept = c.accept.certified && s > c.accept.threshold;
      const bool reject = c.reject.certified && s <= c.reject.threshold;
      if (accept && !reject) image.auto_accepted.push_back(c.label);
      if (reject && !accept) image.auto_rejected.push_back(c.label);
      decided += accept != reject ? 1 : 0;
    }
    image.auto_decided = decided == scores.cols();
    report.accepted_tags += image.auto_accepted.size();
    report.decided_images += image.auto_decided ? 1 : 0;
    report.need_review += image.auto_decided ? 0 : 1;
    const ProjectImage& before = data.images[i];
    if (image.auto_accepted != before.auto_accepted || image.auto_rejected != before.auto_rejected ||
        image.auto_decided != before.auto_decided)
      project.set_image(i, image);  // journaled
  }
  return report;
}

// --- exports --------------------------------------------------------------------------

ProjectExport parse_project_export(const std::string& name) {
  if (name == "json" || name == "dataset") return ProjectExport::Dataset;
  if (name == "csv") return ProjectExport::Csv;
  if (name == "xmp") return ProjectExport::Xmp;
  throw InputError("the export format must be " + names_or(names_of(project_export_formats())) + ", got '" + name +
                   "'");
}

ExportSummary export_project(const Project& project, ProjectExport format, const std::string& out,
                             const ProjectExportOptions& options) {
  const ProjectData& data = project.data();
  AnnotationsTable table;
  table.vocabulary = data.vocabulary;
  ExportSummary summary;
  const ResolvedRoots roots(data.folders);
  for (const auto& image : data.images) {
    if (image.missing) continue;
    if (!roots.contains(image.path)) {  // never read, never copied: it leads out of the folders
      summary.failures.push_back(image.path + ": leads outside the project's image folders; not exported");
      continue;
    }
    const bool reviewed = image.state == ReviewState::Reviewed;
    if (!reviewed && !options.include_unreviewed && !(image.auto_decided && options.include_auto_decided)) continue;
    AnnotatedImage row{image.path, current_tags(image), {}, {}};
    if (!reviewed)  // what a person has not confirmed is marked
      for (const auto& t : row.tags)
        if (std::find(image.auto_accepted.begin(), image.auto_accepted.end(), t) != image.auto_accepted.end())
          row.auto_accepted.push_back(t);
    summary.auto_decided += !reviewed && image.auto_decided ? 1 : 0;
    summary.auto_accepted_tags += row.auto_accepted.size();
    table.rows.push_back(std::move(row));
  }
  summary.images = table.rows.size();
  switch (format) {
    case ProjectExport::Csv:
      write_annotations_csv(out, table);
      break;
    case ProjectExport::Xmp:
      for (const auto& f : write_xmp_sidecars(table)) summary.failures.push_back(f.image + ": " + f.error);
      summary.images -= summary.failures.size();
      break;
    case ProjectExport::Dataset: {
      AnnotationsTable train = table, test = table;
      train.rows.clear();
      test.rows.clear();
      std::vector<std::size_t> order(table.rows.size());
      for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::mt19937_64 rng(data.seed);
      std::shuffle(order.begin(), order.end(), rng);
      std::size_t held = order.size() < 2
                             ? 0
                             : std::max<std::size_t>(1, std::size_t(std::lround(options.test_fraction * order.size())));
      held = std::min(held, order.size() > 0 ? order.size() - 1 : 0);
      for (std::size_t j = 0; j < order.size(); ++j) (j < held ? test : train).rows.push_back(table.rows[order[j]]);
      fs::create_directories(out);
      write_annotations_dataset((fs::path(out) / "train.json").string(), train, options.link_images);
      write_annotations_dataset((fs::path(out) / "test.json").string(), test, options.link_images);
      break;
    }
  }
  return summary;
}

}  // namespace aia
