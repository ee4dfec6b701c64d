// The run folder: its file names, and the readers and writers of its files.

#include "aia/run/run_folder.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/json_errors.h"
#include "aia/metrics/metrics_json.h"
#include "aia/metrics/thresholds_json.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace aia {

RunFolder::RunFolder(std::string dir) : dir_(std::move(dir)) {}

std::string RunFolder::file(const char* name) const { return (fs::path(dir_) / name).string(); }
std::string RunFolder::config_path() const { return file("config.json"); }
std::string RunFolder::info_path() const { return file("run.json"); }
std::string RunFolder::metrics_log_path() const { return file("metrics.jsonl"); }
std::string RunFolder::log_path() const { return file("log.txt"); }
std::string RunFolder::evaluation_path() const { return file("evaluation.json"); }
std::string RunFolder::checkpoints_dir() const { return file("checkpoints"); }
std::string RunFolder::test_scores_path() const { return file("test_scores.csv"); }
std::string RunFolder::test_targets_path() const { return file("test_targets.csv"); }
std::string RunFolder::train_scores_path() const { return file("train_scores.csv"); }
std::string RunFolder::train_targets_path() const { return file("train_targets.csv"); }

std::string RunFolder::checkpoint_path(Checkpoint which) const {
  return (fs::path(checkpoints_dir()) / (which == Checkpoint::Best ? "best.safetensors" : "last.safetensors")).string();
}

std::string RunFolder::thresholds_path(ThresholdMethod method) const {
  switch (method) {
    case ThresholdMethod::MccGrid:
      return file("thresholds.json");
    case ThresholdMethod::Mcc:
      return file("thresholds_mcc.json");
    case ThresholdMethod::F1:
      return file("thresholds_f1.json");
  }
  return file("thresholds.json");
}

bool RunFolder::has_checkpoint(Checkpoint which) const { return fs::exists(checkpoint_path(which)); }
bool RunFolder::has_thresholds(ThresholdMethod method) const { return fs::exists(thresholds_path(method)); }
bool RunFolder::finished() const { return fs::exists(test_scores_path()); }
void RunFolder::create() const { fs::create_directories(checkpoints_dir()); }

void RunFolder::write_info(const RunInfo& info) const {
  nlohmann::ordered_json j;
  j["dataset"] = info.dataset;
  j["dataset_dir"] = info.dataset_dir;
  j["backbone"] = info.backbone;
  j["image_size"] = info.image_size;
  j["head_dropout"] = info.head_dropout;
  j["head"] = info.head;
  if (info.head == "attention")
    j["attention"] = {{"hidden", info.attention_hidden},
                      {"heads", info.attention_heads},
                      {"feedforward", info.attention_feedforward}};
  j["normalization"] = {
      {"mean", info.normalization.mean}, {"std", info.normalization.std}, {"source", info.normalization.source}};
  j["vocabulary"] = info.vocabulary;
  if (!info.source.empty()) j["source"] = info.source;
  if (info.thresholds_uncalibrated) j["thresholds_uncalibrated"] = true;
  write_file_atomically(info_path(), j.dump(2) + "\n");
}

RunInfo RunFolder::read_info() const {
  const std::string path = info_path();
  if (!fs::exists(path)) throw ConfigError("'" + dir_ + "' is not a training run folder (no run.json)");
  try {
    auto j = nlohmann::json::parse(read_file(path));
    RunInfo info;
    info.dataset = j.value("dataset", "");
    info.dataset_dir = j.value("dataset_dir", "");
    info.backbone = j.at("backbone").get<std::string>();
    info.image_size = j.at("image_size").get<int>();
    info.head_dropout = j.value("head_dropout", 0.3);
    info.head = j.value("head", std::string("gap"));  // runs before the attention head had none
    if (j.contains("attention")) {
      info.attention_hidden = j.at("attention").at("hidden").get<int>();
      info.attention_heads = j.at("attention").at("heads").get<int>();
      info.attention_feedforward = j.at("attention").at("feedforward").get<int>();
    }
    info.vocabulary = j.at("vocabulary").get<std::vector<std::string>>();
    info.normalization.mean = j.at("normalization").at("mean").get<std::array<float, 3>>();
    info.normalization.std = j.at("normalization").at("std").get<std::array<float, 3>>();
    info.normalization.source = j.at("normalization").value("source", "");
    info.source = j.value("source", std::string());
    info.thresholds_uncalibrated = j.value("thresholds_uncalibrated", false);
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(path + ": " + json_error_in_words(e));
  }
}

TrainConfig RunFolder::read_config() const {
  const std::string path = config_path();
  if (!fs::exists(path)) throw ConfigError("'" + dir_ + "' has no config.json (is it a run folder?)");
  return train_config_from_json(read_file(path), path);
}

void RunFolder::write_config(const TrainConfig& config) const { write_file_atomically(config_path(), to_json(config)); }

namespace {

nlohmann::ordered_json epoch_json(const EpochReport& r) {
  nlohmann::ordered_json j;
  j["epoch"] = r.epoch;
  j["train_loss"] = r.train_loss;
  j["val_loss"] = r.val_loss;
  j["split"] = r.split;
  add_metrics_json(j, r.metrics);
  j["lr"] = r.learning_rate;
  j["images_per_second"] = r.images_per_second;
  j["seconds"] = r.seconds;
  j["best"] = r.best;
  j["skipped_images"] = r.skipped_images;
  return j;
}

EpochReport epoch_from_json(const nlohmann::json& j) {
  EpochReport r;
  r.epoch = j.at("epoch").get<int>();
  r.train_loss = j.value("train_loss", 0.0);
  r.val_loss = j.value("val_loss", 0.0);
  r.split = j.value("split", "test");
  r.metrics = metrics_from_json(j);
  r.learning_rate = j.value("lr", 0.0);
  r.images_per_second = j.value("images_per_second", 0.0);
  r.seconds = j.value("seconds", 0.0);
  r.best = j.value("best", false);
  r.skipped_images = j.value("skipped_images", std::size_t{0});
  return r;
}

}  // namespace

std::vector<EpochReport> RunFolder::read_metrics_log() const {
  const std::string path = metrics_log_path();
  if (!fs::exists(path)) throw InputError("'" + dir_ + "' has no metrics.jsonl (no epoch has finished)");
  std::vector<EpochReport> epochs;
  std::istringstream in(read_file(path));
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception&) {
      continue;  // a line cut short by a crash: the epoch is written again on resume
    }
    try {
      epochs.push_back(epoch_from_json(j));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(path + ": line " + std::to_string(line_number) + ": " + json_error_in_words(e));
    }
  }
  return epochs;
}

void RunFolder::record_epoch(const EpochReport& report) const {
  const std::string path = metrics_log_path();
  std::string lines;
  if (fs::exists(path)) {
    // Keep the lines of earlier epochs only (a resumed epoch replaces its line).
    std::istringstream in(read_file(path));
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      try {
        if (nlohmann::json::parse(line).value("epoch", 0) < report.epoch) lines += line + "\n";
      } catch (const nlohmann::json::exception&) {
      }
    }
  }
  lines += epoch_json(report).dump() + "\n";
  write_file_atomically(path, lines);
}

std::vector<double> RunFolder::read_thresholds(ThresholdMethod method, const std::vector<std::string>& labels) const {
  const std::string path = thresholds_path(method);
  if (!fs::exists(path)) throw InputError(path + ": no " + to_string(method) + " thresholds (has the run finished?)");
  return read_thresholds_json(path, labels);
}

std::vector<double> RunFolder::thresholds_or_half(ThresholdMethod method,
                                                  const std::vector<std::string>& labels) const {
  if (!has_thresholds(method)) return std::vector<double>(labels.size(), 0.5);
  return read_thresholds_json(thresholds_path(method), labels);
}

void RunFolder::write_thresholds(ThresholdMethod method, const std::vector<std::string>& labels,
                                 const std::vector<double>& thresholds) const {
  write_thresholds_json(thresholds_path(method), labels, thresholds);
}

Evaluation RunFolder::read_evaluation() const {
  const std::string path = evaluation_path();
  if (!fs::exists(path)) throw InputError("'" + dir_ + "' has no evaluation.json (the run has not finished)");
  try {
    const auto j = nlohmann::ordered_json::parse(read_file(path));
    Evaluation e;
    e.split = j.value("split", "test");
    e.images = j.value("images", std::size_t{0});
    e.thresholds_chosen_on = j.value("thresholds_chosen_on", "train");
    for (const auto& [name, metrics] : j.at("strategies").items())
      e.strategies.emplace_back(name, metrics_from_json(metrics));
    if (j.contains("certified"))
      for (const auto& [name, c] : j.at("certified").items())
        e.certified.push_back({name, c.at("calibration_images").get<std::size_t>(),
                               c.at("evaluation_images").get<std::size_t>(), c.at("labels").get<std::size_t>(),
                               c.at("labels_certified").get<std::size_t>(), c.at("labels_tagging").get<std::size_t>(),
                               c.at("labels_meeting_target").get<std::size_t>()});
    return e;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": " + json_error_in_words(e));
  }
}

void RunFolder::write_evaluation(const Evaluation& evaluation) const {
  nlohmann::ordered_json j;
  j["split"] = evaluation.split;
  j["images"] = evaluation.images;
  j["thresholds_chosen_on"] = evaluation.thresholds_chosen_on;
  j["strategies"] = nlohmann::ordered_json::object();
  for (const auto& [name, metrics] : evaluation.strategies) {
    nlohmann::ordered_json m;
    add_metrics_json(m, metrics);
    j["strategies"][name] = m;
  }
  if (!evaluation.certified.empty()) {
    j["certified"] = nlohmann::ordered_json::object();
    for (const auto& c : evaluation.certified)
      j["certified"][c.strategy] = {{"calibration_images", c.calibration_images},
                                    {"evaluation_images", c.evaluation_images},
                                    {"labels", c.labels},
                                    {"labels_certified", c.labels_certified},
                                    {"labels_tagging", c.labels_tagging},
                                    {"labels_meeting_target", c.labels_meeting_target}};
  }
  write_file_atomically(evaluation_path(), j.dump(2) + "\n");
}

ScoredSplit RunFolder::read_test_scores() const {
  if (!finished()) throw InputError("'" + dir_ + "' has no test_scores.csv (the run has not finished)");
  ScoredSplit s;
  s.scores = read_score_csv(test_scores_path(), CsvContent::Scores);
  s.targets = align_to(s.scores, test_scores_path(), read_score_csv(test_targets_path(), CsvContent::Targets),
                       test_targets_path());
  return s;
}

void RunFolder::write_test_scores(const ScoredSplit& split) const {
  write_score_csv(test_scores_path(), split.scores);
  write_score_csv(test_targets_path(), split.targets);
}

bool RunFolder::is_tagger_only() const {
  return fs::exists(info_path()) && has_checkpoint(Checkpoint::Best) && !fs::exists(test_scores_path());
}

bool RunFolder::has_train_scores() const { return fs::exists(train_scores_path()) && fs::exists(train_targets_path()); }

ScoredSplit RunFolder::read_train_scores() const {
  if (!has_train_scores())
    throw InputError("'" + dir_ + "' has no train_scores.csv (a run from before they were kept)");
  ScoredSplit s;
  s.scores = read_score_csv(train_scores_path(), CsvContent::Scores);
  s.targets = align_to(s.scores, train_scores_path(), read_score_csv(train_targets_path(), CsvContent::Targets),
                       train_targets_path());
  return s;
}

void RunFolder::write_train_scores(const ScoredSplit& split) const {
  write_score_csv(train_scores_path(), split.scores);
  write_score_csv(train_targets_path(), split.targets);
}

}  // namespace aia
