#include "aia/experiment/experiment.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/json_errors.h"
#include "aia/io/known_keys.h"
#include "aia/run/run_folder.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace aia {
namespace {

// LossOptions and TrainConfig travel through their own JSON spelling (train_config.h).
json loss_json(const LossOptions& options) {
  TrainConfig c;
  c.loss = options;
  return json::parse(to_json(c))["loss"];
}

LossOptions loss_from_json(const json& j, const std::string& source) {
  return train_config_from_json(json{{"loss", j}}.dump(), source).loss;
}

std::string safe_id_part(std::string text) {
  for (char& ch : text)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.') ch = '-';
  return text;
}

template <typename T>
std::vector<T> or_one(const std::vector<T>& values, const T& fallback) {
  return values.empty() ? std::vector<T>{fallback} : values;
}

}  // namespace

GridLoss parse_grid_loss(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ':');) parts.push_back(part);
  if (parts.empty() || parts[0].empty()) throw ConfigError("grid loss '" + text + "': no loss name");
  GridLoss loss{text, loss_preset(parts[0])};
  if (parts.size() == 1) return loss;
  json j = loss_json(loss.options);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    const std::string key = parts[i].substr(0, eq);
    if (eq == std::string::npos || !j.contains(key) || key == "name" || key == "plain_bce")
      throw ConfigError("grid loss '" + text + "': '" + parts[i] +
                        "' is not key=value with a key of gamma_neg, gamma_pos, margin_pos, margin_neg, "
                        "switch_threshold, eps");
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(parts[i].substr(eq + 1), &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != parts[i].size() - eq - 1 || !std::isfinite(value))
      throw ConfigError("grid loss '" + text + "': " + key + " needs a finite number");
    j[key] = value;
  }
  loss.options = loss_from_json(j, "grid loss '" + text + "'");
  loss.options.name = parts[0] == "custom" ? "custom" : loss_preset(parts[0]).name;
  if (const auto problems = validate(loss.options); !problems.empty())
    throw ConfigError("grid loss '" + text + "': " + problems.front());
  return loss;
}

std::vector<std::string> split_grid_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
    if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
  }
  return out;
}

std::vector<int> parse_grid_ints(const std::string& text, const std::string& field) {
  std::vector<int> out;
  for (const auto& s : split_grid_list(text)) {
    std::size_t used = 0;
    int value = 0;
    try {
      value = std::stoi(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != s.size()) throw ConfigError(field + ": '" + s + "' is not an integer");
    out.push_back(value);
  }
  return out;
}

std::string to_string(CellState state) {
  switch (state) {
    case CellState::Pending:
      return "pending";
    case CellState::Interrupted:
      return "interrupted";
    case CellState::Running:
      return "running";
    case CellState::Finished:
      return "finished";
    case CellState::Failed:
      return "failed";
  }
  return "pending";
}

std::vector<Cell> expand_grid(const ExperimentSpec& spec, const std::string& experiment_dir) {
  const ExperimentGrid& g = spec.grid;
  if (g.losses.empty()) throw ConfigError("experiment grid: no loss (grid.losses)");
  if (g.seeds.empty()) throw ConfigError("experiment grid: no seed (grid.seeds)");
  if (g.datasets.empty()) throw ConfigError("experiment grid: no dataset (grid.datasets)");
  const ExperimentFolder folder(experiment_dir);
  std::vector<Cell> cells;
  std::set<std::string> ids;
  for (const auto& dataset : g.datasets)
    for (const auto& backbone : or_one(g.backbones, spec.recipe.model.backbone))
      for (const auto& head : or_one(g.heads, spec.recipe.model.head))
        for (const auto size : or_one(g.image_sizes, spec.recipe.data.image_size))
          for (const auto mode : or_one(g.modes, spec.recipe.run.mode))
            for (const int seed : g.seeds)
              for (const auto& loss : g.losses) {
                Cell cell;
                cell.loss = loss.name;
                cell.seed = seed;
                cell.dataset = dataset;
                cell.head = head;
                std::string id = safe_id_part(fs::path(dataset).filename().string());
                if (!g.backbones.empty()) id += "_" + safe_id_part(backbone);
                if (!g.heads.empty()) id += "_" + safe_id_part(head);
                if (!g.image_sizes.empty()) id += "_" + std::to_string(size) + "px";
                if (!g.modes.empty()) id += "_" + to_string(mode);
                cell.group = id;
                id += "_" + safe_id_part(loss.name) + "_s" + std::to_string(seed);
                if (!ids.insert(id).second)
                  throw ConfigError("experiment grid: cell " + id +
                                    " appears twice (a loss, seed or dataset listed twice, or two losses whose names "
                                    "differ only in characters other than letters, digits, - and .)");
                cell.id = id;
                TrainConfig& c = cell.config;
                c = spec.recipe;
                c.data.dataset = dataset;
                c.model.backbone = backbone;
                c.model.head = head;
                c.data.image_size = size;
                c.run.mode = mode;
                c.run.seed = seed;
                c.loss = loss.options;
                c.run.out_dir = folder.cell_dir(id);
                if (const auto problems = validate(c); !problems.empty())
                  throw ConfigError("experiment cell " + id + ": " + problems.front());
                cells.push_back(std::move(cell));
              }
  return cells;
}

std::string to_json(const ExperimentSpec& spec) {
  json losses = json::array();
  for (const auto& l : spec.grid.losses) {
    json j = loss_json(l.options);
    j["grid_name"] = l.name;
    losses.push_back(j);
  }
  json modes = json::array();
  for (const auto m : spec.grid.modes) modes.push_back(to_string(m));
  json recipe = json::parse(to_json(spec.recipe));
  json grid = {{"losses", losses}, {"seeds", spec.grid.seeds}, {"datasets", spec.grid.datasets}};
  if (!spec.grid.backbones.empty()) grid["backbones"] = spec.grid.backbones;
  if (!spec.grid.heads.empty()) grid["heads"] = spec.grid.heads;
  if (!spec.grid.image_sizes.empty()) grid["image_sizes"] = spec.grid.image_sizes;
  if (!modes.empty()) grid["modes"] = modes;
  json doc = {{"format", "aia-experiment"}, {"version", spec.version}, {"recipe", recipe}, {"grid", grid}};
  return doc.dump(2) + "\n";
}

namespace {

// Every key an experiment file may hold: a spec with every optional axis
// given, written out by to_json (the recipe's keys are the config's own).
json known_experiment_keys() {
  ExperimentSpec full;
  full.grid.losses = {GridLoss{"bce", LossOptions{}}};
  full.grid.seeds = {1};
  full.grid.datasets = {"demo"};
  full.grid.backbones = {"tresnet_m"};
  full.grid.heads = {"gap"};
  full.grid.image_sizes = {448};
  full.grid.modes = {TrainMode::FineTune};
  return json::parse(to_json(full));
}

}  // namespace

ExperimentSpec experiment_spec_from_json(const std::string& text, const std::string& source) {
  ExperimentSpec spec;
  std::string field;
  try {
    const json doc = json::parse(text);
    if (const auto unknown = unknown_keys(doc, known_experiment_keys()); !unknown.empty())
      throw ConfigError(source + ": " + join_names(unknown, "; "));
    field = "version";
    const int version = doc.at("version").get<int>();
    if (version != kExperimentVersion)
      throw ConfigError(source + ": experiment format version " + std::to_string(version) +
                        "; this aia reads version " + std::to_string(kExperimentVersion));
    field = "recipe";
    spec.recipe = train_config_from_json(doc.at("recipe").dump(), source + " (recipe)");
    const json& grid = doc.at("grid");
    field = "grid.losses";
    for (const auto& l : grid.at("losses")) {
      if (l.is_string()) {
        spec.grid.losses.push_back(parse_grid_loss(l.get<std::string>()));
        continue;
      }
      json options = l;
      const std::string name = l.at("grid_name").get<std::string>();
      options.erase("grid_name");
      if (!options.contains("name")) throw ConfigError("loss " + name + " has no name (bce, focal, ...)");
      GridLoss g{name, loss_preset(options.at("name").get<std::string>())};
      json merged = loss_json(g.options);
      merged.update(options);
      g.options = loss_from_json(merged, source + " (grid loss " + name + ")");
      spec.grid.losses.push_back(g);
    }
    field = "grid.seeds";
    spec.grid.seeds = grid.at("seeds").get<std::vector<int>>();
    field = "grid.datasets";
    spec.grid.datasets = grid.at("datasets").get<std::vector<std::string>>();
    field = "grid.backbones";
    spec.grid.backbones = grid.value("backbones", std::vector<std::string>{});
    field = "grid.heads";
    spec.grid.heads = grid.value("heads", std::vector<std::string>{});
    field = "grid.image_sizes";
    spec.grid.image_sizes = grid.value("image_sizes", std::vector<int>{});
    field = "grid.modes";
    for (const auto& m : grid.value("modes", std::vector<std::string>{}))
      spec.grid.modes.push_back(parse_train_mode(m));
  } catch (const json::exception& e) {
    throw ConfigError(source + (field.empty() ? "" : ": " + field) + ": " + json_error_in_words(e));
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    if (what.rfind(source, 0) == 0) throw;
    throw ConfigError(source + ": " + field + ": " + what);
  }
  return spec;
}

ExperimentFolder::ExperimentFolder(std::string dir) : dir_(std::move(dir)) {}

std::string ExperimentFolder::spec_path() const { return (fs::path(dir_) / "experiment.json").string(); }
std::string ExperimentFolder::cell_dir(const std::string& cell_id) const {
  return (fs::path(dir_) / "cells" / cell_id).string();
}
std::string ExperimentFolder::failure_path(const std::string& cell_id) const {
  return (fs::path(dir_) / "failures" / (cell_id + ".txt")).string();
}

bool ExperimentFolder::exists() const { return fs::exists(spec_path()); }

ExperimentSpec ExperimentFolder::read_spec() const {
  if (!exists()) throw ConfigError(dir_ + ": not an experiment (no experiment.json)");
  return experiment_spec_from_json(read_file(spec_path()), spec_path());
}

void ExperimentFolder::create(const ExperimentSpec& spec) const {
  const std::string text = to_json(spec);
  expand_grid(spec, dir_);  // a bad grid fails before anything is written
  if (exists()) {
    if (read_file(spec_path()) == text) return;
    throw ConfigError(dir_ +
                      ": holds another experiment (its experiment.json differs); resume it with --resume or "
                      "choose another folder");
  }
  fs::create_directories(fs::path(dir_) / "cells");
  write_file_atomically(spec_path(), text);
}

std::vector<Cell> ExperimentFolder::cells() const {
  std::vector<Cell> cells = expand_grid(read_spec(), dir_);
  for (auto& cell : cells) {
    const RunFolder run(cell.config.run.out_dir);
    if (run.finished()) {
      cell.state = CellState::Finished;
    } else if (fs::exists(failure_path(cell.id))) {
      cell.state = CellState::Failed;
      cell.error = read_file(failure_path(cell.id));
      while (!cell.error.empty() && (cell.error.back() == '\n' || cell.error.back() == '\r')) cell.error.pop_back();
    } else if (run.has_checkpoint(Checkpoint::Last)) {
      cell.state = CellState::Interrupted;
    }
  }
  return cells;
}

void ExperimentFolder::record_failure(const std::string& cell_id, const std::string& error) const {
  fs::create_directories(fs::path(dir_) / "failures");
  write_file_atomically(failure_path(cell_id), error + "\n");
}

void ExperimentFolder::clear_failure(const std::string& cell_id) const {
  std::error_code ec;
  fs::remove(failure_path(cell_id), ec);
}

}  // namespace aia
