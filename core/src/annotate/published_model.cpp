// A published model from the Hub made a run (published_model.h).

#include "aia/annotate/published_model.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/json_errors.h"
#include "aia/run/run_records.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace aia {
namespace {

// What timm's config.json says of the model (push_to_hub writes it): the
// architecture, pretrained_cfg's input size and normalisation, label_names.
struct TimmConfig {
  bool present = false;
  std::string architecture;
  int image_size = 0;
  std::vector<float> mean, std;
  std::vector<std::string> label_names;
};

TimmConfig read_timm_config(const std::string& path) {
  TimmConfig c;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": " + json_error_in_words(e));
  }
  if (!j.is_object()) throw InputError(path + ": expected a JSON object (timm's config.json)");
  c.present = true;
  c.architecture = j.value("architecture", std::string());
  const nlohmann::json cfg = j.value("pretrained_cfg", nlohmann::json::object());
  try {
    if (cfg.contains("input_size") && cfg["input_size"].size() == 3) c.image_size = cfg["input_size"][2].get<int>();
    if (cfg.contains("mean")) c.mean = cfg["mean"].get<std::vector<float>>();
    if (cfg.contains("std")) c.std = cfg["std"].get<std::vector<float>>();
    const nlohmann::json& names =
        j.contains("label_names") ? j["label_names"] : cfg.value("label_names", nlohmann::json());
    if (names.is_array()) c.label_names = names.get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": " + json_error_in_words(e));
  }
  if ((!c.mean.empty() && c.mean.size() != 3) || (!c.std.empty() && c.std.size() != 3))
    throw InputError(path + ": pretrained_cfg.mean and std must hold 3 numbers");
  return c;
}

// config.json beside the weights; absent is not an error (the entry or the user says the rest).
TimmConfig fetch_timm_config(const HubFile& weights, const HubOptions& hub, std::string& note) {
  HubFile config = weights;
  config.file = "config.json";
  try {
    return read_timm_config(hub_download(config, hub).path);
  } catch (const HubCancelled&) {
    throw;
  } catch (const Error& e) {
    note = e.what();
    return {};
  }
}

std::vector<float> three(const float (&v)[3]) { return {v[0], v[1], v[2]}; }

}  // namespace

GetModelSummary get_published_model(const GetModelRequest& request, const HubProgressFn& progress) {
  const PublishedModel* entry = find_published_model(request.model);
  HubFile weights = entry ? HubFile{entry->repo, entry->revision, entry->file}
                          : parse_hub_repo(request.model, request.file.empty() ? "model.safetensors" : request.file);
  if (entry && !request.file.empty()) weights.file = request.file;
  if (request.out_dir.empty()) throw ConfigError("no run folder to make (--out)");
  std::string config_note;
  const TimmConfig config = fetch_timm_config(weights, request.hub, config_note);

  ModelImportOptions options;
  options.backbone = !request.backbone.empty() ? request.backbone : entry ? entry->backbone : config.architecture;
  const auto known = names_of(backbones());
  if (options.backbone.empty())
    throw ConfigError(weights.repo + ": no backbone given and the repo's config.json names none (" +
                      (config_note.empty() ? "it has no architecture" : config_note) + "); give --backbone " +
                      names_or(known));
  if (std::find(known.begin(), known.end(), options.backbone) == known.end())
    throw ConfigError(weights.repo + " is a " + options.backbone + "; this build reads " + names_or(known) +
                      " (give --backbone if the weights are one of these)");
  options.image_size = request.image_size > 0  ? request.image_size
                       : entry                 ? entry->image_size
                       : config.image_size > 0 ? config.image_size
                                               : 224;
  options.mean = entry ? three(entry->mean) : config.mean.empty() ? options.mean : config.mean;
  options.std = entry ? three(entry->std) : config.std.empty() ? options.std : config.std;

  GetModelSummary out;
  std::vector<std::string> labels;
  if (!request.labels.empty()) {
    out.labels_from = request.labels + " (your file)";
  } else if (!config.label_names.empty()) {
    labels = config.label_names;
    out.labels_from = "config.json's label_names of " + weights.repo;
  } else {
    throw ConfigError(weights.repo + " publishes no class names (its config.json has no label_names" +
                      (config_note.empty() ? "" : ": " + config_note) +
                      "); give a file of them, one per line in the classifier's order (--labels)");
  }

  out.weights = hub_download(weights, request.hub, progress);
  if (entry && !entry->sha256.empty() && sha256_of_file(out.weights.path) != entry->sha256)
    throw Error(out.weights.path + ": its sha256 is not the catalogue's " + entry->sha256 +
                " (the Hub serves other bytes than the ones catalogued)");
  options.source = weights.repo + "@" + out.weights.commit;
  out.run = request.labels.empty()
                ? import_pretrained_run(out.weights.path, labels, out.labels_from, request.out_dir, options)
                : import_pretrained_run(out.weights.path, request.labels, request.out_dir, options);
  RunInfo info;
  info.source = options.source;
  info.thresholds_uncalibrated = true;
  out.thresholds = thresholds_note(info);
  return out;
}

}  // namespace aia
