// aia train / evaluate / annotate / export-scores: the training engine and a
// trained run from the command line.

#include "commands.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/annotator.h"
#include "aia/annotate/image_files.h"
#include "aia/annotate/tagging.h"
#include "aia/annotate/thresholds_spec.h"
#include "aia/errors.h"
#include "aia/inference/inference.h"
#include "aia/io/atomic_file.h"
#include "aia/io/score_table.h"
#include "aia/metrics/metrics.h"
#include "aia/run/run_folder.h"
#include "aia/runtime/runtime.h"
#include "aia/training/trainer.h"

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace aia::cli {
namespace {

std::atomic<int> g_interrupts{0};
void on_sigint(int) {
  if (g_interrupts.fetch_add(1) >= 1) std::_Exit(130);  // second Ctrl-C: leave now
}

std::string clock_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const long s = static_cast<long>(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// A progress bar on a terminal, plain lines otherwise.
class ConsoleObserver : public TrainObserver {
 public:
  // `stop_after` > 0: ask `stop` to stop after that many optimiser steps.
  explicit ConsoleObserver(std::stop_source* stop = nullptr, long stop_after = 0)
      : tty_(::isatty(STDERR_FILENO)), stop_(stop), stop_after_(stop_after) {
    // In a data-parallel launch every line says which rank wrote it.
    const char* world = std::getenv("WORLD_SIZE");
    const char* rank = std::getenv("RANK");
    if (world && std::atoi(world) > 1) {
      prefix_ = std::string("[rank ") + (rank ? rank : "0") + "] ";
      quiet_progress_ = rank && std::atoi(rank) > 0;  // rank 0 speaks for the batch progress
    }
  }
  void on_message(const std::string& text) override {
    clear_bar();
    std::fprintf(stderr, "%s%s\n", prefix_.c_str(), text.c_str());
  }
  void on_batch(const BatchProgress& p) override {
    if (stop_ && stop_after_ > 0 && ++steps_ == stop_after_) {
      on_message("stopping after " + std::to_string(stop_after_) + " steps (--stop-after-steps)");
      stop_->request_stop();
    }
    if (quiet_progress_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(tty_ ? 200 : 15000) && p.batch != p.batches) return;
    last_ = now;
    const int width = 24;
    const int filled = p.batches ? static_cast<int>(width * p.batch / p.batches) : 0;
    char line[256];
    const std::string bar =
        std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.');
    if (p.phase == Phase::ExtractingFeatures)
      std::snprintf(line, sizeof line, "extracting features [%s] %zu/%zu", bar.c_str(), p.batch, p.batches);
    else
      std::snprintf(line, sizeof line, "epoch %d/%d [%s] %zu/%zu loss %.4f  %.1f img/s  ETA %s", p.epoch, p.epochs,
                    bar.c_str(), p.batch, p.batches, p.smoothed_loss, p.images_per_second,
                    clock_text(p.eta_seconds).c_str());
    if (tty_) {
      std::fprintf(stderr, "\r%s%s\033[K", prefix_.c_str(), line);
      bar_ = true;
    } else {
      std::fprintf(stderr, "%s%s\n", prefix_.c_str(), line);
    }
  }

 private:
  void clear_bar() {
    if (bar_) std::fprintf(stderr, "\r\033[K");
    bar_ = false;
  }
  bool tty_;
  bool bar_ = false;
  std::string prefix_;
  bool quiet_progress_ = false;
  std::stop_source* stop_;
  long stop_after_;
  long steps_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

std::function<void(std::size_t, std::size_t)> progress_printer() {
  const bool tty = ::isatty(STDERR_FILENO);
  return [tty](std::size_t done, std::size_t total) {
    if (tty) std::fprintf(stderr, "\rscoring %zu/%zu\033[K%s", done, total, done == total ? "\n" : "");
  };
}

ScoreOptions score_options(const std::string& device) {
  ScoreOptions o;
  o.device = resolve_device(device);
  o.progress = progress_printer();
  return o;
}

}  // namespace

int evaluate_run(const std::string& run, const std::string& split, const std::vector<std::string>& thresholds,
                 const std::string& device);

Runner add_train_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("train", "Train a model (the paper's recipe by default; the demo dataset if no --data)");
  struct Args {
    std::string config_file, data = "demo", loss = "proposedLoss", backbone, pretrained, device = "auto", resume, out,
                             mode = "finetune";
    int image_size = 0, epochs = 0, batch_size = 0, seed = 1, workers = 2, cache_mb = 1024, max_batches = 0;
    long stop_after_steps = 0;
    double lr = 0, val_fraction = 0;
    bool evaluate = false, ema = false, no_flips = false, amp = false, no_sync_bn = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--config", a->config_file, "a config.json to start from (options below override it)");
  cmd->add_option("--data", a->data, "Corel-5k | ESP-Game | IAPR-TC-12 | demo | a dataset folder")
      ->capture_default_str();
  cmd->add_option("--loss-function,--loss", a->loss,
                  "BCELoss | FocalLoss | AsymmetricLoss | proposedLoss (or bce, focal, asymmetric, proposed)")
      ->capture_default_str();
  cmd->add_option("--backbone", a->backbone, "tresnet_m (default) or tresnet_nano (default for the demo)");
  cmd->add_option("--pretrained", a->pretrained, "weights to start from: timm safetensors or a torch.save state_dict");
  cmd->add_option("--image-size", a->image_size, "pixels (default 448; 64 for the demo)");
  cmd->add_option("--epochs", a->epochs, "default 40 (30 for the demo)");
  cmd->add_option("--batch-size", a->batch_size, "default 32");
  cmd->add_option("--learning-rate", a->lr, "one-cycle max lr (default 1e-4; 2e-3 for the demo)");
  cmd->add_option("--seed", a->seed, "random seed")->capture_default_str();
  cmd->add_option("--device", a->device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  cmd->add_option("--val-fraction", a->val_fraction, "carve a validation split from train for model selection");
  cmd->add_option("--workers", a->workers, "image decoding threads")->capture_default_str();
  cmd->add_option("--cache-mb", a->cache_mb, "decoded-image cache (0: off)")->capture_default_str();
  cmd->add_flag("--ema", a->ema, "evaluate and keep an exponential moving average of the weights");
  cmd->add_flag("--no-flips", a->no_flips, "no random flips");
  cmd->add_flag("--no-sync-bn", a->no_sync_bn,
                "data-parallel runs: BatchNorm statistics per rank, not over all ranks (faster; no longer equal to one "
                "process)");
  cmd->add_flag("--amp", a->amp, "mixed precision: bfloat16 autocast of the forward pass (pays on CUDA; slow on CPUs)");
  cmd->add_option("--mode", a->mode,
                  "finetune (the whole network) or frozen (backbone features extracted once and cached, only the "
                  "head trained: seconds per epoch on a CPU)")
      ->check(CLI::IsMember({"finetune", "frozen"}))
      ->capture_default_str();
  cmd->add_option("--max-batches", a->max_batches, "cut every epoch after this many batches (smoke tests)");
  cmd->add_option("--stop-after-steps", a->stop_after_steps,
                  "stop as Ctrl-C does (state saved, resume with --resume) after this many optimiser steps, e.g. "
                  "to fit a cluster job's time limit");
  cmd->add_option("--resume", a->resume, "continue the run in this folder");
  cmd->add_option("--out", a->out, "run folder (default runs/<dataset>-<loss>-<time>)");
  cmd->add_flag("--evaluate", a->evaluate, "with --resume: evaluate the run's best checkpoint instead of training");
  return [=] {
    if (a->evaluate) {
      if (a->resume.empty()) throw ConfigError("--evaluate needs --resume RUN (the run to evaluate)");
      return evaluate_run(a->resume, "test", {"0.5", "mcc-grid", "mcc", "f1"}, a->device);
    }
    TrainConfig c;
    if (!a->config_file.empty()) c = train_config_from_json(read_file(a->config_file), a->config_file);
    c.data.dataset = a->data;
    if (a->data == "demo") {  // a recipe that trains in minutes on a CPU
      c.model.backbone = "tresnet_nano";
      c.data.image_size = 64;
      c.optim.epochs = 30;
      c.optim.learning_rate = 2e-3;
      c.model.head_dropout = 0.1;
    }
    c.loss = loss_preset(a->loss);
    if (!a->backbone.empty()) c.model.backbone = a->backbone;
    if (!a->pretrained.empty()) c.model.pretrained = a->pretrained;
    if (a->image_size) c.data.image_size = a->image_size;
    if (a->epochs) c.optim.epochs = a->epochs;
    if (a->batch_size) c.optim.batch_size = a->batch_size;
    if (a->lr > 0) c.optim.learning_rate = a->lr;
    c.run.seed = a->seed;
    c.run.device = a->device;
    c.run.ema = a->ema;
    if (a->amp) c.run.amp = true;
    if (a->no_sync_bn) c.run.sync_batch_norm = false;
    c.run.mode = parse_train_mode(a->mode);
    c.run.max_batches_per_epoch = a->max_batches;
    c.data.val_fraction = a->val_fraction;
    c.data.workers = a->workers;
    c.data.cache_mb = a->cache_mb;
    c.data.flips = !a->no_flips;
    c.run.out_dir = a->out;

    std::stop_source stop;
    std::signal(SIGINT, on_sigint);
    std::atomic<bool> done{false};
    std::thread watcher([&] {
      while (!done) {
        if (g_interrupts > 0) {
          std::fprintf(stderr, "\nstopping after this batch (Ctrl-C again to quit at once)\n");
          stop.request_stop();
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    ConsoleObserver observer(&stop, a->stop_after_steps);
    const RunResult r = train(c, observer, stop.get_token(), a->resume);
    done = true;
    watcher.join();
    std::signal(SIGINT, SIG_DFL);
    if (r.status == RunStatus::Succeeded) return 0;  // the observer printed the summary
    if (r.status == RunStatus::Cancelled) return 130;
    std::fprintf(stderr, "aia: training failed: %s\n", r.message.c_str());
    return kExitFailure;
  };
}

namespace {

ScoredSplit scored(const std::string& run, const std::string& split, const std::string& device) {
  ValidationReport report;
  std::vector<SkippedImage> skipped;
  ScoredSplit s = score_run_split(RunFolder(run), split, score_options(device), &report, &skipped);
  if (!report.issues.empty()) std::fprintf(stderr, "dataset: %s\n", report.summary().c_str());
  for (const auto& k : skipped) std::fprintf(stderr, "skipped %s: %s\n", k.image.c_str(), k.reason.c_str());
  return s;
}

}  // namespace

Runner add_evaluate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("evaluate", "Metrics of a run's best checkpoint on its dataset's test split");
  struct Args {
    std::string run, device = "auto", split = "test";
    std::vector<std::string> thresholds{"0.5", "mcc-grid", "mcc", "f1"};
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--split", a->split, "test or train")->check(CLI::IsMember({"test", "train"}))->capture_default_str();
  cmd->add_option("--thresholds", a->thresholds, "0.5, mcc-grid, mcc, f1 or a thresholds JSON file (several allowed)");
  cmd->add_option("--device", a->device, "auto | cpu | cuda")->capture_default_str();
  return [=] { return evaluate_run(a->run, a->split, a->thresholds, a->device); };
}

int evaluate_run(const std::string& run, const std::string& split, const std::vector<std::string>& thresholds,
                 const std::string& device) {
  const RunFolder folder(run);
  std::vector<ThresholdsSpec> specs;
  for (const auto& t : thresholds) specs.push_back(parse_thresholds_spec(t));  // bad input fails before scoring
  const ScoredSplit s = scored(run, split, device);
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
  auto* cmd = app.add_subcommand("export-scores", "Write a split's scores (and targets) as CSV for `aia metrics`");
  struct Args {
    std::string run, split = "test", out, targets, device = "auto";
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--split", a->split, "test or train")->check(CLI::IsMember({"test", "train"}))->capture_default_str();
  cmd->add_option("--out", a->out, "scores CSV to write")->required();
  cmd->add_option("--targets", a->targets, "also write the ground truth CSV here");
  cmd->add_option("--device", a->device, "auto | cpu | cuda")->capture_default_str();
  return [=] {
    const ScoredSplit s = scored(a->run, a->split, a->device);
    write_score_csv(a->out, s.scores);
    if (!a->targets.empty()) write_score_csv(a->targets, s.targets);
    std::printf("wrote %zu x %zu scores to %s\n", s.scores.rows(), s.scores.cols(), a->out.c_str());
    return 0;
  };
}

Runner add_annotate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("annotate", "Tag image files or folders with a trained run");
  struct Args {
    std::string run, csv, json, thresholds = "mcc-grid", device = "auto";
    std::vector<std::string> inputs;
    bool xmp = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("inputs", a->inputs, "image files or folders (searched recursively)")->required();
  cmd->add_option("--csv", a->csv, "write the annotations CSV here (image, tags, then every label's score)");
  cmd->add_flag("--xmp", a->xmp,
                "write the tags into IMAGE.ext.xmp sidecars (dc:subject, digiKam:TagsList), merged with existing ones");
  cmd->add_option("--json", a->json,
                  "write a dataset file in the seed's JSON layout (train.json, test.json); the images are copied into "
                  "images/ beside it");
  cmd->add_option("--thresholds", a->thresholds, "mcc-grid (the run's), mcc, f1, a number, or a JSON file")
      ->capture_default_str();
  cmd->add_option("--device", a->device, "auto | cpu | cuda")->capture_default_str();
  return [=] {
    ThresholdsSpec spec = parse_thresholds_spec(a->thresholds);  // bad input fails before the model loads
    spec.half_when_missing = true;
    const ImageFiles files = collect_image_files(a->inputs);
    for (const auto& r : files.rejected) std::fprintf(stderr, "skipped %s: %s\n", r.path.c_str(), r.reason.c_str());
    Annotator annotator(a->run, a->device);
    const RunFolder folder(a->run);
    std::string note;
    const auto thresholds = resolve_thresholds(spec, annotator.vocabulary(), &folder, &note);
    if (!note.empty()) std::fprintf(stderr, "%s\n", note.c_str());
    Annotator::Options options;
    options.progress = progress_printer();
    AnnotationsTable table;
    table.vocabulary = annotator.vocabulary();
    std::size_t failed = files.rejected.size();
    for (auto& r : annotator.annotate(files.images, options)) {
      if (!r.ok) {
        std::fprintf(stderr, "skipped %s: %s\n", r.path.c_str(), r.error.c_str());
        ++failed;
        continue;
      }
      const auto tags = tags_above(std::span<const float>(r.scores), thresholds);
      AnnotatedImage row{r.path, tag_names(tags, table.vocabulary), std::move(r.scores)};
      std::string shown;
      for (const auto& t : tags) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", t.score);
        shown += (shown.empty() ? "" : ", ") + table.vocabulary[t.label] + " (" + buf + ")";
      }
      std::printf("%s: %s\n", row.image.c_str(), shown.empty() ? "(no tag above its threshold)" : shown.c_str());
      table.rows.push_back(std::move(row));
    }
    if (!a->csv.empty()) write_annotations_csv(a->csv, table);
    if (!a->json.empty()) write_annotations_dataset(a->json, table);
    if (a->xmp) {
      const auto xmp_failed = write_xmp_sidecars(table);
      for (const auto& f : xmp_failed)
        std::fprintf(stderr, "no sidecar for %s: %s\n", f.image.c_str(), f.error.c_str());
      std::printf("wrote %zu XMP sidecars\n", table.rows.size() - xmp_failed.size());
      failed += xmp_failed.size();
    }
    return failed == 0 ? 0 : kExitBadInput;
  };
}

}  // namespace aia::cli
