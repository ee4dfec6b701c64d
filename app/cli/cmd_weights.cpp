// aia backbones / aia convert / aia export-model / aia import-model / aia get-model: the model
// registry and weight-file interop.

#include "commands.h"
#include "console.h"

#include "aia/annotate/model_export.h"
#include "aia/annotate/model_import.h"
#include "aia/annotate/published_model.h"
#include "aia/catalogue/catalogue.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

namespace aia::cli {

Runner add_backbones_command(CLI::App& app) {
  app.add_subcommand("backbones", command_description("backbones"));
  return [] {
    for (const auto& b : list_backbones())
      std::printf("%-14s features %-5lld default size %-4lld %s\n", b.name.c_str(),
                  static_cast<long long>(b.feature_dim), static_cast<long long>(b.default_image_size),
                  b.description.c_str());
    for (const auto& h : heads()) std::printf("head %-9s %s\n", h.name.c_str(), h.description.c_str());
    return 0;
  };
}

Runner add_convert_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("convert", command_description("convert"));
  struct Args {
    std::string in, out, backbone = default_backbone(), format, prefix;
    long long classes = 0;
    bool timm_head = false, strict = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("input", a->in, "weight file to import")->required()->check(CLI::ExistingFile);
  cmd->add_option("output", a->out, "file to write (.safetensors, .pth or .pt)")->required();
  cmd->add_option("--backbone", a->backbone, "model the weights belong to")->capture_default_str();
  cmd->add_option("--num-classes", a->classes, "classes of the model's head (default: as in the file)");
  cmd->add_option("--format", a->format, "safetensors or pytorch (default: by the output's extension)");
  cmd->add_flag("--timm-head", a->timm_head, "write head.fc.* (timm's tresnet_m) instead of head.fc.1.*");
  cmd->add_flag("--strict", a->strict, "fail on any missing or unexpected key");
  cmd->add_option("--prefix", a->prefix, "prefix every key, e.g. net. for the paper's wrapper module");
  return [=] {
    const auto format = weight_format_for(a->out, a->format);
    const NamedTensors file = read_weights(a->in);
    std::int64_t classes = a->classes > 0 ? a->classes : classifier_rows(file);
    if (classes <= 0) classes = 1000;
    Classifier model = make_model(a->backbone, classes);
    ImportOptions options;
    options.strict = a->strict;
    const ImportReport report = import_weights(*model, file, options);
    std::printf("%s: %s\n", a->in.c_str(), report.summary().c_str());
    ExportOptions ex;
    ex.timm_head = a->timm_head;
    ex.prefix = a->prefix;
    export_weights(*model, a->out, format, ex);
    std::printf("wrote %s\n", a->out.c_str());
    return 0;
  };
}

Runner add_export_model_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export-model", command_description("export-model"));
  struct Args {
    std::string run, out, format = model_export_formats().front().name;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("run", a->run, "run folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--format", a->format, describe_choices(model_export_formats()))
      ->check(CLI::IsMember(names_of(model_export_formats())))
      ->capture_default_str();
  cmd->add_option("--out", a->out, "file to write (model.onnx)")->required();
  return [=] {
    const ModelExportSummary s = export_run_onnx(a->run, a->out, AIA_VERSION);
    std::printf("%s: %s, %zu labels, input 3 x %lld x %lld; thresholds: %s\n", s.path.c_str(), s.backbone.c_str(),
                s.labels, static_cast<long long>(s.image_size), static_cast<long long>(s.image_size),
                s.thresholds.c_str());
    return 0;
  };
}

Runner add_import_model_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("import-model", command_description("import-model"));
  auto a = std::make_shared<std::pair<ModelImportOptions, std::array<std::string, 3>>>();  // options; file, labels, out
  cmd->add_option("file", a->second[0], "weight file with its classifier (timm's model.safetensors, a .pth)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--labels", a->second[1], "the classes' names, one per line, in the classifier's order")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", a->second[2], "the run folder to make")->required();
  cmd->add_option("--backbone", a->first.backbone, "the model the weights belong to")->capture_default_str();
  cmd->add_option("--image-size", a->first.image_size, "the input size the model was trained at")
      ->capture_default_str();
  return [=] {
    const ModelImportSummary s = import_pretrained_run(a->second[0], a->second[1], a->second[2], a->first);
    std::printf("%s: %zu labels (%s keys); thresholds 0.5 until reviewed images calibrate them\n", s.run_dir.c_str(),
                s.labels, s.key_style.c_str());
    return 0;
  };
}

namespace {

// "model.safetensors: 45.2 of 210.0 MB, 12.3 MB/s, 0:14 left" on a terminal,
// at most ten times a second; Ctrl-C cancels (the part fetched is kept).
HubProgressFn download_printer(const InterruptWatcher& interrupt, const std::string& file) {
  const bool tty = ::isatty(STDERR_FILENO);
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [tty, last, &interrupt, file](const HubProgress& p) {
    if (interrupt.token().stop_requested()) return false;
    const auto now = std::chrono::steady_clock::now();
    if (tty && (now - *last > std::chrono::milliseconds(100) || p.done == p.total)) {
      *last = now;
      std::fprintf(stderr, "\r%s: %s\033[K", file.c_str(), describe_download(p).c_str());
    }
    return true;
  };
}

}  // namespace

Runner add_get_model_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("get-model", command_description("get-model"));
  auto r = std::make_shared<GetModelRequest>();
  std::string names;
  for (const auto& m : published_models()) names += "\n  " + m.name + ": " + m.description;
  cmd->add_option("model", r->model, "a published model by name, or REPO[@REVISION] on the Hub:" + names)->required();
  cmd->add_option("--file", r->file, "the weight file in the repo (default: the entry's, else model.safetensors)");
  cmd->add_option("--labels", r->labels,
                  "the classes' names, one per line, in the classifier's order (default: the repo's config.json "
                  "label_names)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", r->out_dir, "the run folder to make")->required();
  cmd->add_option("--backbone", r->backbone, "the model the weights belong to (default: the entry's or config.json's)");
  cmd->add_option("--image-size", r->image_size, "the input size (default: the entry's or config.json's, else 224)");
  cmd->footer(
      "The file is cached as huggingface_hub caches it ($HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub), "
      "so Python's downloads are reused and ours are Python's. HF_HUB_OFFLINE=1 resolves from the cache alone; "
      "HF_ENDPOINT names a mirror; HF_TOKEN reads gated or private models.");
  return [=] {
    InterruptWatcher interrupt;
    const std::string shown = r->file.empty() ? "download" : r->file;
    const GetModelSummary s = get_published_model(*r, download_printer(interrupt, shown));
    if (::isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
    std::printf("%s: %s at %s (%s)\n", s.weights.from_cache ? "from the cache" : "downloaded", s.weights.path.c_str(),
                s.weights.commit.c_str(), s.weights.note.empty() ? "checked" : s.weights.note.c_str());
    std::printf("%s: %zu labels from %s (%s keys)\n", s.run.run_dir.c_str(), s.run.labels, s.labels_from.c_str(),
                s.run.key_style.c_str());
    std::printf("%s\n", s.thresholds.c_str());
    return 0;
  };
}

}  // namespace aia::cli
