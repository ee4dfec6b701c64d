// The command table and the top level shared by `aia` and `aia-full`.

#include "commands.h"

#include "aia/errors.h"

#include <iostream>

namespace aia::cli {

const std::vector<CommandInfo>& command_list() {
  static const std::vector<CommandInfo> commands{
      {"train", "Train a model (the paper's recipe by default; the demo dataset if no --data)", true},
      {"experiment",
       "Train a grid of runs (losses x seeds x datasets) under one recipe, one cell after another; resumable", true},
      {"report",
       "An experiment's table (mean ± sd over seeds per loss and thresholds), paired bootstrap against the baseline "
       "loss, per-label gains; from its run folders alone",
       false},
      {"evaluate", "Metrics of a run's best checkpoint on its dataset's test split", true},
      {"annotate", "Tag image files or folders with a trained run", true},
      {"project", "Annotation projects: review suggested tags, train on the corrections", true},
      {"export-scores", "Write a split's scores (and targets) as CSV for `aia metrics`", true},
      {"metrics", "Per-class and per-image P/R/F1, N+, mAP and a per-label table", false},
      {"thresholds", "Choose a threshold per label (paper's MCC grid, exact MCC or F1)", false},
      {"export-model",
       "Write a run's model for other tools: an ONNX file with its labels, thresholds and normalisation", true},
      {"import-model",
       "Make a run from a published model (a timm model.safetensors and its class names): a tagger without training",
       true},
      {"get-model",
       "Get a published tagger from the Hugging Face Hub (cached as huggingface_hub caches it) and make it a run",
       true},
      {"backbones", "List the backbones this build can train", true},
      {"convert",
       "Import a weight file (safetensors or torch.save state_dict, timm/legacy/paper keys) and write it in our key "
       "layout as safetensors or a PyTorch state_dict",
       true},
  };
  return commands;
}

std::string command_description(const std::string& name) {
  for (const auto& c : command_list())
    if (name == c.name) return c.description;
  return {};
}

void configure_app(CLI::App& app, int& threads) {
  app.description("AIA Studio command line: automatic image annotation (Salar & Ahmadi, 2023)");
  app.name("aia");
  app.set_version_flag("--version", std::string("aia ") + AIA_VERSION);
  app.require_subcommand(1);
  app.add_option("--threads", threads, "CPU threads for LibTorch (default: every core, or $AIA_THREADS)");
}

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  return std::nullopt;
}

int run_guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const aia::Error& e) {  // InputError, ConfigError and the rest: the input's fault
    std::cerr << "aia: error: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "aia: error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace aia::cli
