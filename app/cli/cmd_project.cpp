// aia project init|status|score|train|export: annotation projects (core/src/project).

#include "commands.h"
#include "console.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/project/project_workflow.h"
#include "aia/training/trainer.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace aia::cli {
namespace {

Project open_for_edits(const std::string& dir) {
  Project project = Project::open(dir);
  if (project.read_only()) throw Error(project.dir() + ": " + project.read_only_reason());
  return project;
}

int score(Project& project, bool all) {
  if (project.data().run.empty())
    throw InputError(project.dir() + ": the project has no run to score with; pass --run RUN");
  const auto paths = images_to_score(project.data(), all);
  if (paths.empty()) {
    std::printf("nothing to score\n");
    return 0;
  }
  Annotator::Options options = Annotator::cached_options();
  options.progress = progress_printer();
  const ScoringResult result = score_images(project.data().run, paths, options);
  std::fprintf(stderr, "%s\n", Annotator::reuse_summary(result.results).c_str());
  const auto failures = apply_scores(project, result);
  for (const auto& f : failures) std::fprintf(stderr, "skipped %s\n", f.c_str());
  std::printf("scored %zu images with %s\n", paths.size() - failures.size(), project.data().run.c_str());
  return 0;
}

void print_status(const Project& project, const std::string& order, std::size_t listed, bool flags) {
  const ProjectProgress p = progress_of(project.data());
  std::printf("%s\n  %zu images: %zu reviewed, %zu skipped, %zu scored, %zu missing; %.1f s per reviewed image\n",
              project.dir().c_str(), p.total, p.reviewed, p.skipped, p.scored, p.missing, p.seconds_per_image);
  std::printf("  vocabulary: %zu labels; scoring run: %s\n", project.data().vocabulary.size(),
              project.data().run.empty() ? "none" : project.data().run.c_str());
  if (p.auto_decided || p.auto_accepted_tags)
    std::printf("  certified: %zu tags auto-accepted; %zu unreviewed images decided, %zu still need you\n",
                p.auto_accepted_tags, p.auto_decided, p.need_review);
  if (listed > 0) {
    std::printf("next to review (%s order):\n", order.c_str());
    std::size_t shown = 0;
    for (std::size_t i : review_order(project.data(), parse_review_order(order))) {
      const auto& image = project.data().images[i];
      if (image.state != ReviewState::Unreviewed || image.auto_decided) continue;
      std::printf("  %s  margin %s  [%s]\n", image.path.c_str(),
                  std::isnan(image.margin) ? "-" : std::to_string(image.margin).substr(0, 5).c_str(),
                  join_tag_list(current_tags(image), "; ").c_str());
      if (++shown == listed) break;
    }
  }
  if (flags) {
    const auto found = likely_label_errors(project);
    std::printf("likely label errors: %zu\n", found.size());
    for (const auto& f : found)
      std::printf("  %s  %s '%s' (out-of-fold score %.3f, threshold %.2f)\n",
                  project.data().images[f.image].path.c_str(), f.kept ? "kept" : "left out", f.tag.c_str(), f.score,
                  f.threshold);
  }
}

}  // namespace

namespace {

// The options of every `aia project` subcommand; the one given sets the runner.
struct ProjectArgs {
  std::string project, run, csv, dataset, order = "uncertain", format, out, mode;
  std::vector<std::string> images;
  bool no_xmp = false, all = false, with_original = false, unreviewed = false, flags = false, copy = false,
       reviewed_only = false;
  std::size_t next = 10;
  int epochs = 10, max_batches = -1;
  double learning_rate = 0, holdout = 0.2;
  double precision = 0.95, delta = 0.1;
};

void add_init(CLI::App* cmd, const std::shared_ptr<ProjectArgs>& a, const std::shared_ptr<Runner>& runner) {
  auto* init = cmd->add_subcommand("init", "Make a project over image folders, importing the tags they have");
  init->add_option("project", a->project, "project folder (created)")->required();
  init->add_option("--images", a->images, "image folders (several allowed)")->required();
  init->add_option("--run", a->run, "the run that suggests tags (scores the images at once)");
  init->add_option("--import-csv", a->csv, "tags from an annotations CSV (image,tags,...)");
  init->add_option("--import-dataset", a->dataset, "tags from a dataset in the JSON layout (train.json, test.json)");
  init->add_flag("--no-xmp", a->no_xmp, "do not read tags from XMP sidecars and embedded metadata");
  init->callback([a, runner] {
    *runner = [a] {
      Project project = Project::create(a->project, a->images);
      const ScanResult scan = project.rescan();  // what the folders hold that the project does not take
      for (const auto& s : scan.skipped) std::fprintf(stderr, "skipped %s: %s\n", s.path.c_str(), s.reason.c_str());
      std::printf("%s: %zu images%s\n", project.dir().c_str(), project.data().images.size(),
                  scan.skipped.empty() ? "" : ("; " + skip_counts(scan.skipped)).c_str());
      if (!a->no_xmp) std::printf("XMP: %s\n", import_xmp_tags(project).summary().c_str());
      if (!a->csv.empty())
        std::printf("%s: %s\n", a->csv.c_str(), import_annotations_csv(project, a->csv).summary().c_str());
      if (!a->dataset.empty())
        std::printf("%s: %s\n", a->dataset.c_str(), import_dataset_tags(project, a->dataset).summary().c_str());
      if (!a->run.empty()) {
        project.set_run(a->run);
        return score(project, false);
      }
      return 0;
    };
  });
}

void add_status(CLI::App* cmd, const std::shared_ptr<ProjectArgs>& a, const std::shared_ptr<Runner>& runner) {
  auto* status = cmd->add_subcommand("status", "Progress, the next images to review, likely label errors");
  status->add_option("project", a->project, "project folder")->required();
  status->add_option("--order", a->order, describe_choices(review_orders()))
      ->check(CLI::IsMember(names_of(review_orders())))
      ->capture_default_str();
  status->add_option("--next", a->next, "how many unreviewed images to list")->capture_default_str();
  status->add_flag("--flags", a->flags, "list tags of reviewed images the model strongly disagrees with");
  status->callback([a, runner] {
    *runner = [a] {
      const Project project = Project::open(a->project, true);
      print_status(project, a->order, a->next, a->flags);
      return 0;
    };
  });
}

void add_score(CLI::App* cmd, const std::shared_ptr<ProjectArgs>& a, const std::shared_ptr<Runner>& runner) {
  auto* score_cmd = cmd->add_subcommand("score", "Find new and removed images, then score the unreviewed ones");
  score_cmd->add_option("project", a->project, "project folder")->required();
  score_cmd->add_option("--run", a->run, "score with this run from now on");
  score_cmd->add_flag("--all", a->all, "also re-score reviewed images (their scores are then no longer out of fold)");
  score_cmd->callback([a, runner] {
    *runner = [a] {
      Project project = open_for_edits(a->project);
      const ScanResult scan = project.rescan();
      for (const auto& s : scan.skipped) std::fprintf(stderr, "skipped %s: %s\n", s.path.c_str(), s.reason.c_str());
      std::printf("scan: %s\n", scan.summary().c_str());
      if (!a->run.empty()) project.set_run(a->run);
      return score(project, a->all);
    };
  });
}

void add_train(CLI::App* cmd, const std::shared_ptr<ProjectArgs>& a, const std::shared_ptr<Runner>& runner) {
  auto* train_cmd = cmd->add_subcommand("train", "Fine-tune the project's run on the reviewed images, then re-score");
  train_cmd->add_option("project", a->project, "project folder")->required();
  train_cmd->add_flag("--with-original", a->with_original,
                      "also train on the run's own training set (and test on its test split)");
  train_cmd->add_option("--epochs", a->epochs, "epochs of fine-tuning")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  train_cmd->add_option("--learning-rate", a->learning_rate, "one-cycle max_lr (default: the run's)")
      ->check(finite_number())
      ->check(CLI::PositiveNumber);
  train_cmd->add_option("--mode", a->mode, names_or(names_of(train_modes())) + " (default: the run's)")
      ->check(CLI::IsMember(names_of(train_modes())));
  train_cmd->add_option("--holdout", a->holdout, "share of reviewed images held out as the test split")
      ->check(finite_number())
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  train_cmd->add_option("--max-batches-per-epoch", a->max_batches, "cut epochs short (smoke tests)");
  train_cmd->callback([a, runner] {
    *runner = [a] {
      Project project = open_for_edits(a->project);
      ProjectTrainOptions options;
      options.include_original = a->with_original;
      options.epochs = a->epochs;
      options.learning_rate = a->learning_rate;
      options.mode = a->mode;
      options.holdout = a->holdout;
      options.max_batches_per_epoch = a->max_batches;
      InterruptWatcher interrupts;
      ConsoleObserver observer(&interrupts.source());
      Annotator::Options scoring = Annotator::cached_options();
      scoring.progress = progress_printer();
      const ReviewedTrainingResult r = train_on_reviewed(project, options, observer, interrupts.token(), scoring);
      if (r.run.status == RunStatus::Cancelled) return 130;
      if (r.run.status != RunStatus::Succeeded) {
        std::fprintf(stderr, "aia: training failed: %s\n", r.run.message.c_str());
        return kExitFailure;
      }
      for (const auto& f : r.failures) std::fprintf(stderr, "skipped %s\n", f.c_str());
      std::printf("new run %s\nscored %zu images with %s\n", project.data().run.c_str(), r.scored,
                  project.data().run.c_str());
      return interrupts.token().stop_requested() ? 130 : 0;
    };
  });
}

void add_accept(CLI::App* cmd, const std::shared_ptr<ProjectArgs>& a, const std::shared_ptr<Runner>& runner) {
  auto* accept = cmd->add_subcommand(
      "accept",
      "Auto-accept tags at a certified precision, calibrated on the reviewed images (nothing is marked reviewed)");
  accept->add_option("project", a->project, "project folder")->required();
  accept->add_option("--precision", a->precision, "the precision to certify, in (0, 1)")
      ->check(finite_number())
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  accept->add_option("--delta", a->delta, "the risk that a certified label misses it, in (0, 1)")
      ->check(finite_number())
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  accept->callback([a, runner] {
    *runner = [a] {
      Project project = open_for_edits(a->project);
      const AcceptReport r = auto_accept(project, {a->precision, a->delta});
      std::printf("%s\n", r.summary().c_str());
      std::printf("calibrated on %zu reviewed images\n", r.calibration_images);
      for (const auto& l : r.labels) {
        if (l.accept.certified)
          std::printf("  %-20s accepted when > %.2f (precision >= %.3f)", l.label.c_str(), l.accept.threshold,
                      l.accept.lower_bound);
        else
          std::printf("  %-20s abstains: %s", l.label.c_str(), l.accept.reason.c_str());
        if (l.reject.certified) std::printf("; absent when <= %.2f", l.reject.threshold);
        std::printf("\n");
      }
      return 0;
    };
  });
}

void add_export(CLI::App* cmd, const std::shared_ptr<ProjectArgs>& a, const std::shared_ptr<Runner>& runner) {
  auto* export_cmd = cmd->add_subcommand("export", "Write the reviewed tags as a dataset, a CSV or XMP sidecars");
  export_cmd->add_option("project", a->project, "project folder")->required();
  export_cmd->add_option("--format", a->format, describe_choices(project_export_formats()))
      ->check(CLI::IsMember(names_of(project_export_formats())))
      ->required();
  export_cmd->add_option("--out", a->out, "the dataset folder or the CSV file (not used by xmp)");
  export_cmd->add_flag("--include-unreviewed", a->unreviewed, "also images nobody reviewed, with the suggested tags");
  export_cmd->add_flag("--reviewed-only", a->reviewed_only,
                       "leave out the images that certified thresholds decided (aia project accept)");
  export_cmd->add_flag("--copy", a->copy, "json: copy the images (default: hard links where possible)");
  export_cmd->callback([a, runner] {
    *runner = [a] {
      const ProjectExport format = parse_project_export(a->format);
      if (format != ProjectExport::Xmp && a->out.empty())
        throw InputError("--out is needed for the " + a->format + " export");
      const Project project = Project::open(a->project, true);
      ProjectExportOptions options;
      options.include_unreviewed = a->unreviewed;
      options.include_auto_decided = !a->reviewed_only;
      options.link_images = !a->copy;
      const ExportSummary s = export_project(project, format, a->out, options);
      for (const auto& f : s.failures) std::fprintf(stderr, "failed %s\n", f.c_str());
      std::printf("exported %zu images%s%s\n", s.images, a->out.empty() ? "" : " to ", a->out.c_str());
      if (s.auto_decided || s.auto_accepted_tags)
        std::printf(
            "%zu of them decided by certified thresholds, no person reviewed them; %zu auto-accepted tags "
            "marked\n",
            s.auto_decided, s.auto_accepted_tags);
      return s.failures.empty() ? 0 : kExitFailure;
    };
  });
}

}  // namespace

Runner add_project_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("project", command_description("project"));
  cmd->require_subcommand(1);
  auto a = std::make_shared<ProjectArgs>();
  auto runner = std::make_shared<Runner>();  // set by the subcommand that was given
  add_init(cmd, a, runner);
  add_status(cmd, a, runner);
  add_score(cmd, a, runner);
  add_train(cmd, a, runner);
  add_accept(cmd, a, runner);
  add_export(cmd, a, runner);
  return [runner] { return (*runner)(); };
}

}  // namespace aia::cli
