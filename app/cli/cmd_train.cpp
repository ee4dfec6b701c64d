// aia train / evaluate / annotate / export-scores: the training engine and a
// trained run from the command line.

#include "commands.h"
#include "console.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/annotator.h"
#include "aia/annotate/heatmap.h"
#include "aia/annotate/image_files.h"
#include "aia/annotate/tagging.h"
#include "aia/annotate/thresholds_spec.h"
#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/inference/inference.h"
#include "aia/io/atomic_file.h"
#include "aia/io/score_table.h"
#include "aia/metrics/metrics.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/runtime.h"
#include "aia/training/trainer.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace aia::cli {
namespace {

ScoreOptions score_options(const std::string& device, const ComputeArgs& compute) {
  ScoreOptions o;
  o.device = resolve_device(device);
  o.precision = parse_precision(compute.precision, "--precision");
  o.memory_format = parse_memory_format(compute.memory_format, "--memory-format");
  o.progress = progress_printer();
  std::fprintf(stderr, "%s\n", inference_format(o).reason.c_str());
  return o;
}

}  // namespace

int evaluate_run(const std::string& run, const std::string& split, const std::vector<std::string>& thresholds,
                 const std::string& device, const ComputeArgs& compute);

Runner add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", command_description("train"));
  struct Args {
    RecipeArgs recipe;
    std::string resume;
    long stop_after_steps = 0;
    bool evaluate = false, print_config = false;
  };
  auto a = std::make_shared<Args>();
  add_recipe_options(cmd, a->recipe);
  ConfigOverrides& given = a->recipe.given;
  cmd->add_option(
      "--loss-function,--loss", given.loss,
      join_names(loss_names()) + " (or the seed's BCELoss, FocalLoss, ...; default " + default_loss() + ")");
  cmd->add_option("--seed", given.seed, "random seed (default 1)");
  cmd->add_option("--stop-after-steps", a->stop_after_steps,
                  "stop as Ctrl-C does (state saved, resume with --resume) after this many optimiser steps, e.g. "
                  "to fit a cluster job's time limit");
  cmd->add_option("--resume", a->resume, "continue the run in this folder");
  cmd->add_option("--out", given.out_dir, "run folder (default: the config's, else runs/<dataset>-<loss>-<time>)");
  cmd->add_flag("--evaluate", a->evaluate, "with --resume: evaluate the run's best checkpoint instead of training");
  cmd->add_flag("--print-config", a->print_config,
                "print the config.json this command would train with, and train nothing");
  return [=] {
    if (a->evaluate) {
      if (a->resume.empty()) throw ConfigError("--evaluate needs --resume RUN (the run to evaluate)");
      return evaluate_run(a->resume, "test", {"0.5", "mcc-grid", "mcc", "f1"}, a->recipe.given.device.value_or("auto"),
                          a->recipe.compute);
    }
    const TrainConfig c = recipe_config(a->recipe);
    if (a->print_config) {
      std::fputs(to_json(c).c_str(), stdout);
      return 0;
    }

    InterruptWatcher interrupts;
    ConsoleObserver observer(&interrupts.source(), a->stop_after_steps);
    const RunResult r = train(c, observer, interrupts.token(), a->resume);
    if (r.status == RunStatus::Succeeded) return 0;  // the observer printed the summary
    if (r.status == RunStatus::Cancelled) return 130;
    std::fprintf(stderr, "aia: training failed: %s\n", r.message.c_str());
    return kExitFailure;
  };
}

namespace {

ScoredSplit scored(const std::string& run, const std::string& split, const std::string& device,
                   const ComputeArgs& compute) {
  ValidationReport report;
  std::vector<SkippedImage> skipped;
  ScoredSplit s = score_run_split(RunFolder(run), split, score_options(device, compute), &report, &skipped);
  if (!report.issues.empty()) std::fprintf(stderr, "dataset: %s\n", report.summary().c_str());
  for (const auto& k : skipped) std::fprintf(stderr, "skipped %s: %s\n", k.image.c_str(), k.reason.c_str());
  return s;
}

}  // namespace

Runner add_evaluate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("evaluate", command_description("evaluate"));
  struct Args {
    std::string run, device = "auto", split = "test";
    std::vector<std::string> thresholds{"0.5", "mcc-grid", "mcc", "f1"};
    ComputeArgs compute;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--split", a->split, "test or train")->check(CLI::IsMember({"test", "train"}))->capture_default_str();
  cmd->add_option("--thresholds", a->thresholds,
                  "a number, " + names_or(names_of(threshold_strategies())) +
                      " (the run's), or a thresholds JSON or CSV file (several allowed)");
  cmd->add_option("--device", a->device, join_names(names_of(devices())))->capture_default_str();
  add_compute_options(cmd, a->compute);
  return [=] { return evaluate_run(a->run, a->split, a->thresholds, a->device, a->compute); };
}

int evaluate_run(const std::string& run, const std::string& split, const std::vector<std::string>& thresholds,
                 const std::string& device, const ComputeArgs& compute) {
  const RunFolder folder(run);
  std::vector<ThresholdsSpec> specs;
  for (const auto& t : thresholds) specs.push_back(parse_thresholds_spec(t));  // bad input fails before scoring
  const ScoredSplit s = scored(run, split, device, compute);
  const LabelMatrix m(s.scores, s.targets);
  std::printf("%s split of %s: %zu images, %zu labels\n", split.c_str(), folder.read_info().dataset.c_str(), m.images(),
              m.labels());
  std::printf("%-10s %9s %9s %9s %9s %9s %9s %5s %7s\n", "thresholds", "class P", "class R", "class F1", "image P",
              "image R", "image F1", "N+", "mAP");
  for (const auto& spec : specs) {
    const Metrics x = compute_metrics(m, resolve_thresholds(spec, s.scores.labels, &folder));
    std::printf("%-10s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %5d %7.4f\n", spec.text.c_str(), x.per_class_precision,
                x.per_class_recall, x.per_class_f1, x.per_image_precision, x.per_image_recall, x.per_image_f1, x.n_plus,
                x.map);
  }
  return 0;
}

Runner add_export_scores_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export-scores", command_description("export-scores"));
  struct Args {
    std::string run, split = "test", out, targets, device = "auto";
    ComputeArgs compute;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--split", a->split, "test or train")->check(CLI::IsMember({"test", "train"}))->capture_default_str();
  cmd->add_option("--out", a->out, "scores CSV to write")->required();
  cmd->add_option("--targets", a->targets, "also write the ground truth CSV here");
  cmd->add_option("--device", a->device, join_names(names_of(devices())))->capture_default_str();
  add_compute_options(cmd, a->compute);
  return [=] {
    const ScoredSplit s = scored(a->run, a->split, a->device, a->compute);
    write_score_csv(a->out, s.scores);
    if (!a->targets.empty()) write_score_csv(a->targets, s.targets);
    std::printf("wrote %zu x %zu scores to %s\n", s.scores.rows(), s.scores.cols(), a->out.c_str());
    return 0;
  };
}

namespace {

// "label (0.912), other (0.634)", or a note when no tag is above its threshold.
std::string tags_text(const std::vector<Tag>& tags, const std::vector<std::string>& vocabulary) {
  std::string shown;
  for (const auto& t : tags) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", t.score);
    shown += (shown.empty() ? "" : ", ") + vocabulary[t.label] + " (" + buf + ")";
  }
  return shown.empty() ? "(no tag above its threshold)" : shown;
}

// Every tag's map over the image into `dir`; returns how many could not be written.
std::size_t write_heatmaps(Annotator& annotator, const std::string& image, const std::vector<Tag>& tags,
                           const std::vector<std::string>& vocabulary, const std::string& dir,
                           Annotator::Method method) {
  const auto maps = annotator.heatmaps(image, method);
  std::filesystem::create_directories(dir);
  std::size_t failed = 0;
  for (const auto& t : tags) {
    try {
      write_png(heatmap_file(dir, image, vocabulary[t.label]), heatmap_overlay(image, maps, t.label));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "no heatmap for %s: %s\n", image.c_str(), e.what());
      ++failed;
    }
  }
  return failed;
}

// The files `aia annotate` was asked for: the annotations CSV, a dataset, XMP sidecars. Returns the sidecars
// that could not be written.
std::size_t write_annotation_files(const std::string& csv, const std::string& json, bool xmp,
                                   const AnnotationsTable& table) {
  if (!csv.empty()) write_annotations_csv(csv, table);
  if (!json.empty()) write_annotations_dataset(json, table);
  if (!xmp) return 0;
  const auto xmp_failed = write_xmp_sidecars(table);
  for (const auto& f : xmp_failed) std::fprintf(stderr, "no sidecar for %s: %s\n", f.image.c_str(), f.error.c_str());
  std::printf("wrote %zu XMP sidecars\n", table.rows.size() - xmp_failed.size());
  return xmp_failed.size();
}

}  // namespace

Runner add_annotate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("annotate", command_description("annotate"));
  struct Args {
    std::string run, csv, json, thresholds = "mcc-grid", device = "auto", heatmaps, heatmap_method = "auto";
    std::vector<std::string> inputs;
    bool xmp = false, no_cache = false;
    ComputeArgs compute;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("inputs", a->inputs, "image files or folders (searched recursively)")->required();
  cmd->add_flag("--no-cache", a->no_cache,
                "score every image again: neither read nor write the score cache (~/.cache/aia-studio/scores)");
  cmd->add_option("--csv", a->csv, "write the annotations CSV here (image, tags, then every label's score)");
  cmd->add_flag("--xmp", a->xmp,
                "write the tags into IMAGE.ext.xmp sidecars (dc:subject, digiKam:TagsList), merged with existing ones");
  cmd->add_option("--json", a->json,
                  "write a dataset file in the seed's JSON layout (train.json, test.json); the images are copied into "
                  "images/ beside it");
  cmd->add_option(
         "--thresholds", a->thresholds,
         names_or(names_of(threshold_strategies())) + " (the run's), a number, or a thresholds JSON or CSV file")
      ->capture_default_str();
  cmd->add_option("--heatmaps", a->heatmaps,
                  "write, for every image and tag, the tag's map over the image as DIR/<image>.<tag>.png (the "
                  "gap head's class activation map, the attention head's attention; one shared colour scale)");
  cmd->add_option("--heatmap-method", a->heatmap_method, describe_choices(heatmap_methods()))
      ->check(CLI::IsMember(names_of(heatmap_methods())))
      ->capture_default_str();
  cmd->add_option("--device", a->device, "auto | cpu | cuda")->capture_default_str();
  add_compute_options(cmd, a->compute);
  return [=] {
    ThresholdsSpec spec = parse_thresholds_spec(a->thresholds);  // bad input fails before the model loads
    spec.half_when_missing = true;
    const ImageFiles files = collect_image_files(a->inputs);
    for (const auto& r : files.rejected) std::fprintf(stderr, "skipped %s: %s\n", r.path.c_str(), r.reason.c_str());
    Annotator annotator(a->run, a->device, parse_precision(a->compute.precision, "--precision"),
                        parse_memory_format(a->compute.memory_format, "--memory-format"));
    std::fprintf(stderr, "%s\n", annotator.compute_format().reason.c_str());
    const Annotator::Method method = heatmap_method(a->heatmap_method, annotator);  // refused before any image
    if (!a->heatmaps.empty()) std::fprintf(stderr, "heatmaps: %s maps\n", heatmap_method_title(method).c_str());
    const RunFolder folder(a->run);
    std::string note;
    const auto thresholds = resolve_thresholds(spec, annotator.vocabulary(), &folder, &note);
    if (!note.empty()) std::fprintf(stderr, "%s\n", note.c_str());
    Annotator::Options options = a->no_cache ? Annotator::Options{} : Annotator::cached_options();
    options.progress = progress_printer();
    AnnotationsTable table;
    table.vocabulary = annotator.vocabulary();
    std::vector<RejectedPath> skipped = files.rejected;
    std::size_t failed = 0;
    auto results = annotator.annotate(files.images, options);
    if (!a->no_cache) std::fprintf(stderr, "%s\n", Annotator::reuse_summary(results).c_str());
    if (const auto w = annotator.cache_warning(); !w.empty()) std::fprintf(stderr, "%s\n", w.c_str());
    for (auto& r : results) {
      if (!r.ok) {
        std::fprintf(stderr, "skipped %s: %s\n", r.path.c_str(), r.error.c_str());
        skipped.push_back({r.path, r.error, "not decodable"});
        continue;
      }
      const auto tags = tags_above(std::span<const float>(r.scores), thresholds);
      AnnotatedImage row{r.path, tag_names(tags, table.vocabulary), std::move(r.scores), {}};
      std::printf("%s: %s\n", row.image.c_str(), tags_text(tags, table.vocabulary).c_str());
      if (!a->heatmaps.empty() && !tags.empty())
        failed += write_heatmaps(annotator, row.image, tags, table.vocabulary, a->heatmaps, method);
      table.rows.push_back(std::move(row));
    }
    failed += write_annotation_files(a->csv, a->json, a->xmp, table);
    // Never silent: what was tagged and, by reason, what was not. Files in a folder that are not images
    // only inform; a named input that is not taken, or an image that cannot be decoded, makes the exit status 2.
    std::fprintf(stderr, "%s\n", skipped_summary(table.rows.size(), skipped).c_str());
    for (const auto& s : skipped)
      failed += s.kind == "not decodable" || s.kind == "unreadable" ||
                std::find(a->inputs.begin(), a->inputs.end(), s.path) != a->inputs.end();
    return failed == 0 ? 0 : kExitBadInput;
  };
}

}  // namespace aia::cli
