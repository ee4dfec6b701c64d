#pragma once
// The one list of every name a user chooses from, with its description and
// the defaults: losses (with their presets), backbones, heads, datasets (the
// demos included), threshold strategies, precisions, memory formats, training
// modes, devices, review orders, report and export formats. The CLI's
// choices, help texts and error messages and the GUI's combo boxes are made
// from these lists; adding a loss preset is one entry in catalogue.cpp.
// Plain std types.

#include "aia/loss/loss_options.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aia {

// One choice: the name a config file, the CLI and the GUI use, and a
// sentence for help texts and tooltips.
struct Choice {
  std::string name;
  std::string description;
};

struct LossPreset {
  std::string name;       // bce | focal | asymmetric | proposed
  std::string seed_name;  // the seed's spelling (BCELoss, ...), accepted too
  std::string description;
  LossOptions options;
};
const std::vector<LossPreset>& loss_presets();
// The preset the paper proposes (the default of every run).
const std::string& default_loss();
// The preset by our name or the seed's ("asl" too). Throws ConfigError
// listing the known names for anything else.
LossOptions loss_preset(const std::string& name);
std::vector<std::string> loss_names();

struct BackboneEntry {
  std::string name, description;
  int default_image_size = 448;
};
const std::vector<BackboneEntry>& backbones();
const std::string& default_backbone();
// The classification heads over a backbone's features.
const std::vector<Choice>& heads();

struct DatasetEntry {
  std::string name, description;
  bool demo = false;  // built from Debian's fashion-mnist, trained with the demo recipe
};
// The datasets known by name (any dataset folder is accepted besides).
const std::vector<DatasetEntry>& datasets();
bool is_demo_dataset(const std::string& name);

// How per-label thresholds are chosen from a run's training scores (besides a
// fixed number and a thresholds file).
const std::vector<Choice>& threshold_strategies();
// The certified strategy, which takes its target and risk: precision:P[@DELTA].
const Choice& certified_strategy();
const std::vector<Choice>& precisions();
const std::vector<Choice>& memory_formats();
const std::vector<Choice>& train_modes();
const std::vector<Choice>& devices();
const std::vector<Choice>& review_orders();
const std::vector<Choice>& report_formats();
// How a tag's heatmap is computed (aia annotate --heatmap-method, Browse).
const std::vector<Choice>& heatmap_methods();
// What an annotation project exports to.
const std::vector<Choice>& project_export_formats();
// What a run's model exports to (aia export-model --format, File > Export model...).
const std::vector<Choice>& model_export_formats();

// A published tagger on the Hugging Face Hub that `aia get-model NAME` and
// File > Get a published model... fetch and turn into a run. The revision is
// pinned where its whole commit is known; the sha256 where it is known (else
// the Hub's own etag, which is the file's sha256 for an LFS file, is checked).
struct PublishedModel {
  std::string name, description;
  std::string repo, revision, file;  // on the Hub
  std::int64_t size = 0;             // bytes of `file`, 0: unknown before the Hub says
  std::string sha256;                // "": the Hub's etag checks it
  std::string backbone;              // a name of backbones()
  int image_size = 224;
  float mean[3] = {0, 0, 0}, std[3] = {1, 1, 1};
  std::size_t classes = 0;
  // Where the class names come from, said to the user as it is: "config.json"
  // (timm's label_names in the repo's config.json, fetched beside the
  // weights, when the repo has them) or a file the user gives (--labels).
  std::string labels_from;
};
const std::vector<PublishedModel>& published_models();
// The entry named `name` or whose repo is `name`; nullptr when none is.
const PublishedModel* find_published_model(const std::string& name);

// The names of a list, in its order.
template <class Entry>
std::vector<std::string> names_of(const std::vector<Entry>& list) {
  std::vector<std::string> out;
  for (const auto& e : list) out.push_back(e.name);
  return out;
}
// "a | b | c" (help texts) or "a, b or c" (error messages) from a list of names.
std::string join_names(const std::vector<std::string>& names, const std::string& separator = " | ");
std::string names_or(const std::vector<std::string>& names);
// "a: what a is; b: what b is" (help texts and tooltips).
std::string describe_choices(const std::vector<Choice>& list);

}  // namespace aia
