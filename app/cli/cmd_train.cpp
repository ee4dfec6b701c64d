// aia train / evaluate / annotate / export-scores: the training engine and a
// trained run from the command line.

#include "commands.h"

#include "aia/atomic_file.h"
#include "aia/csv.h"
#include "aia/errors.h"
#include "aia/inference.h"
#include "aia/metrics.h"
#include "aia/runtime.h"
#include "aia/score_table.h"
#include "aia/thresholds.h"
#include "aia/trainer.h"
#include "aia/xmp_sidecar.h"

#include <torch/torch.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

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
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
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
    std::snprintf(line, sizeof line, "epoch %d/%d [%s%s] %zu/%zu loss %.4f  %.1f img/s  ETA %s", p.epoch, p.epochs,
                  std::string(static_cast<std::size_t>(filled), '#').c_str(),
                  std::string(static_cast<std::size_t>(width - filled), '.').c_str(), p.batch, p.batches,
                  p.smoothed_loss, p.images_per_second, clock_text(p.eta_seconds).c_str());
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


std::vector<double> run_thresholds(const std::string& run, const std::string& spec, const std::vector<std::string>& labels) {
  if (spec == "mcc-grid") return read_thresholds_json(run + "/thresholds.json", labels);
  if (spec == "mcc") return read_thresholds_json(run + "/thresholds_mcc.json", labels);
  if (spec == "f1") return read_thresholds_json(run + "/thresholds_f1.json", labels);
  char* end = nullptr;
  const double v = std::strtod(spec.c_str(), &end);
  if (!spec.empty() && end && *end == '\0') return std::vector<double>(labels.size(), v);
  return read_thresholds_json(spec, labels);
}

ScoreOptions score_options(const std::string& device) {
  ScoreOptions o;
  o.device = resolve_device(device);
  const bool tty = ::isatty(STDERR_FILENO);
  o.progress = [tty](std::size_t done, std::size_t total) {
    if (tty) std::fprintf(stderr, "\rscoring %zu/%zu\033[K%s", done, total, done == total ? "\n" : "");
  };
  return o;
}

bool is_image_file(const fs::path& p) {
  std::string ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".tif" || ext == ".tiff" ||
         ext == ".webp";
}

}  // namespace

int evaluate_run(const std::string& run, const std::string& split, const std::vector<std::string>& thresholds,
                 const std::string& device);

Runner add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("train", "Train a model (the paper's recipe by default; the demo dataset if no --data)");
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
  cmd->add_option("--data", a->data, "Corel-5k | ESP-Game | IAPR-TC-12 | demo | a dataset folder")->capture_default_str();
  cmd->add_option("--loss-function,--loss", a->loss, "BCELoss | FocalLoss | AsymmetricLoss | proposedLoss (or bce, focal, asymmetric, proposed)")
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
    c.run.mode = a->mode;
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

struct LoadedRun {
  RunInfo info;
  Dataset dataset;
  Classifier model;
};

LoadedRun load_run(const std::string& run, const std::string& device, bool need_dataset) {
  LoadedRun r;
  r.info = read_run_info(run);
  if (need_dataset) {
    ValidationReport report;
    r.dataset = load_dataset(r.info.dataset_dir.empty() ? r.info.dataset : r.info.dataset_dir, &report);
    check_images_exist(r.dataset, report);
    if (!report.issues.empty()) std::fprintf(stderr, "dataset: %s\n", report.summary().c_str());
    if (r.dataset.vocabulary != r.info.vocabulary)
      throw DatasetError(r.dataset.root + ": its vocabulary differs from the run's (" + run + "/run.json)");
  }
  r.model = load_run_model(run, r.info, "best");
  r.model->to(torch::Device(resolve_device(device)));
  return r;
}

// Scores of a split as a ScoreTable (rows of undecodable images dropped) and its targets.
std::pair<ScoreTable, ScoreTable> split_scores(LoadedRun& r, const std::string& split, const std::string& device) {
  const auto& samples = split == "train" ? r.dataset.train : r.dataset.test;
  std::vector<SkippedImage> skipped;
  const std::size_t v = r.info.vocabulary.size();
  const auto scores = score_samples(*r.model, r.dataset.images_dir, samples, v, r.info.image_size,
                                    r.info.normalization, score_options(device), &skipped);
  for (const auto& s : skipped) std::fprintf(stderr, "skipped %s: %s\n", s.image.c_str(), s.reason.c_str());
  const auto targets = multi_hot(samples, v);
  ScoreTable s, t;
  s.labels = t.labels = r.info.vocabulary;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isnan(scores[i * v])) continue;
    s.images.push_back(samples[i].image);
    for (std::size_t j = 0; j < v; ++j) {
      s.values.push_back(scores[i * v + j]);
      t.values.push_back(targets[i * v + j]);
    }
  }
  t.images = s.images;
  return {s, t};
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
  LoadedRun r = load_run(run, device, true);
  auto [s, t] = split_scores(r, split, device);
  const LabelMatrix m(s, t);
  std::printf("%s split of %s: %zu images, %zu labels\n", split.c_str(), r.info.dataset.c_str(), m.images(), m.labels());
  std::printf("%-10s %9s %9s %9s %9s %9s %9s %5s %7s\n", "thresholds", "class P", "class R", "class F1", "image P",
              "image R", "image F1", "N+", "mAP");
  for (const auto& spec : thresholds) {
    const Metrics x = compute_metrics(m, run_thresholds(run, spec, s.labels));
    std::printf("%-10s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %5d %7.4f\n", spec.c_str(), x.per_class_precision,
                x.per_class_recall, x.per_class_f1, x.per_image_precision, x.per_image_recall, x.per_image_f1,
                x.n_plus, x.map);
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
    LoadedRun r = load_run(a->run, a->device, true);
    auto [s, t] = split_scores(r, a->split, a->device);
    write_score_csv(a->out, s);
    if (!a->targets.empty()) write_score_csv(a->targets, t);
    std::printf("wrote %zu x %zu scores to %s\n", s.rows(), s.cols(), a->out.c_str());
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
  cmd->add_option("--csv", a->csv, "write image,tags,scores rows here");
  cmd->add_flag("--xmp", a->xmp, "write the tags into IMAGE.ext.xmp sidecars (dc:subject, digiKam:TagsList), merged with existing ones");
  cmd->add_option("--json", a->json,
                  "write a dataset file in the seed's JSON layout (train.json, test.json); the images are copied into "
                  "images/ beside it");
  cmd->add_option("--thresholds", a->thresholds, "mcc-grid (the run's), mcc, f1, a number, or a JSON file")->capture_default_str();
  cmd->add_option("--device", a->device, "auto | cpu | cuda")->capture_default_str();
  return [=] {
    LoadedRun r = load_run(a->run, a->device, false);
    std::vector<double> thresholds;
    if ((a->thresholds == "mcc-grid" && !fs::exists(a->run + "/thresholds.json")))
      thresholds.assign(r.info.vocabulary.size(), 0.5);
    else
      thresholds = run_thresholds(a->run, a->thresholds, r.info.vocabulary);
    std::vector<Sample> files;
    std::size_t ignored = 0;
    for (const auto& input : a->inputs) {
      const fs::path p(input);
      if (fs::is_directory(p)) {
        for (const auto& e : fs::recursive_directory_iterator(p))
          if (e.is_regular_file() && is_image_file(e.path())) files.push_back({fs::absolute(e.path()).string(), {}});
      } else if (fs::is_regular_file(p)) {
        files.push_back({fs::absolute(p).string(), {}});
      } else {
        std::fprintf(stderr, "skipped %s: no such file or folder\n", input.c_str());
        ++ignored;
      }
    }
    std::sort(files.begin(), files.end(), [](const Sample& x, const Sample& y) { return x.image < y.image; });
    std::vector<SkippedImage> skipped;
    const std::size_t v = r.info.vocabulary.size();
    const auto scores = score_samples(*r.model, "", files, v, r.info.image_size, r.info.normalization,
                                      score_options(a->device), &skipped);
    std::string csv_text = "image,tags,scores\n";
    std::vector<Annotation> annotations;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (std::isnan(scores[i * v])) continue;
      std::vector<std::pair<double, std::string>> tags;
      for (std::size_t j = 0; j < v; ++j)
        if (scores[i * v + j] > thresholds[j]) tags.emplace_back(scores[i * v + j], r.info.vocabulary[j]);
      std::sort(tags.rbegin(), tags.rend());
      std::string tag_list, score_list, shown;
      for (const auto& [score, tag] : tags) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3f", score);
        tag_list += (tag_list.empty() ? "" : ";") + tag;
        score_list += (score_list.empty() ? "" : ";") + std::string(buf);
        shown += (shown.empty() ? "" : ", ") + tag + " (" + buf + ")";
      }
      std::printf("%s: %s\n", files[i].image.c_str(), shown.empty() ? "(no tag above its threshold)" : shown.c_str());
      Annotation annotation{files[i].image, {}};
      for (const auto& t : tags) annotation.tags.push_back(t.second);
      if (a->xmp) write_xmp_tags(files[i].image, annotation.tags);
      annotations.push_back(std::move(annotation));
      csv_text += csv::quote_inert(files[i].image) + "," + csv::quote_inert(tag_list) + "," + score_list + "\n";
    }
    for (const auto& s : skipped) std::fprintf(stderr, "skipped %s: %s\n", s.image.c_str(), s.reason.c_str());
    if (!a->csv.empty()) write_file_atomically(a->csv, csv_text);
    if (!a->json.empty()) write_annotations_json(a->json, r.info.vocabulary, annotations);
    if (a->xmp) std::printf("wrote %zu XMP sidecars\n", annotations.size());
    return (skipped.empty() && ignored == 0) ? 0 : kExitBadInput;
  };
}

}  // namespace aia::cli
