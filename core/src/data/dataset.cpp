#include "aia/data/dataset.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/contained_path.h"
#include "aia/io/csv.h"
#include "aia/io/json_errors.h"
#include "aia/io/name_list.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace aia {

std::size_t ValidationReport::count(DatasetIssue::Kind kind) const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [kind](const DatasetIssue& i) { return i.kind == kind; }));
}

std::string ValidationReport::summary(std::size_t max_listed) const {
  static const char* names[] = {"missing image",        "unreadable image", "label outside the vocabulary",
                                "image without labels", "duplicate entry",  "name escapes the images folder"};
  std::ostringstream o;
  if (issues.empty()) {
    o << "no problems found";
    return o.str();
  }
  o << issues.size() << " problem" << (issues.size() > 1 ? "s" : "") << ":";
  for (int k = 0; k < 6; ++k) {
    const auto n = count(static_cast<DatasetIssue::Kind>(k));
    if (n) o << " " << n << " " << names[k] << (n > 1 ? "s" : "") << ";";
  }
  for (std::size_t i = 0; i < issues.size() && i < max_listed; ++i)
    o << "\n  " << issues[i].split << ": " << issues[i].image << ": " << names[static_cast<int>(issues[i].kind)]
      << (issues[i].detail.empty() ? "" : " (" + issues[i].detail + ")");
  if (issues.size() > max_listed) o << "\n  ... and " << issues.size() - max_listed << " more";
  return o.str();
}

bool paper_normalization(const std::string& name, Normalization* out) {
  struct Row {
    const char* name;
    std::array<float, 3> mean, std;
  };
  static const Row rows[] = {
      {"Corel-5k", {0.3928f, 0.4079f, 0.3531f}, {0.2559f, 0.2436f, 0.2544f}},
      {"ESP-Game", {0.5377f, 0.5087f, 0.4845f}, {0.3244f, 0.3181f, 0.3254f}},
      {"IAPR-TC-12", {0.4901f, 0.4739f, 0.4489f}, {0.2557f, 0.2543f, 0.2769f}},
  };
  for (const auto& r : rows)
    if (name == r.name) {
      out->mean = r.mean;
      out->std = r.std;
      out->source = std::string("the paper's statistics for ") + r.name;
      return true;
    }
  return false;
}

std::string resolve_dataset_dir(const std::string& name) {
  if (fs::is_directory(name)) return fs::absolute(name).lexically_normal().string();
  std::vector<std::string> roots;
  if (const char* env = std::getenv("AIA_DATASETS_DIR")) roots.emplace_back(env);
  {  // installed: <prefix>/bin/aia-studio or <prefix>/lib/aia-studio/aia-full -> <prefix>/share/aia-studio/datasets
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      const fs::path prefix = exe.parent_path().filename() == "aia-studio"
                                  ? exe.parent_path().parent_path().parent_path()
                                  : exe.parent_path().parent_path();
      roots.push_back((prefix / "share" / "aia-studio" / "datasets").string());
    }
  }
#ifdef AIA_SOURCE_DATASETS_DIR
  roots.emplace_back(AIA_SOURCE_DATASETS_DIR);
#endif
  for (const auto& root : roots)
    if (fs::is_directory(fs::path(root) / name)) return (fs::path(root) / name).string();
  std::string where;
  for (const auto& r : roots) where += " " + r;
  throw DatasetError("dataset '" + name + "' is neither a folder nor one of Corel-5k, ESP-Game, IAPR-TC-12 (looked in" +
                     where + ")");
}

bool image_name_is_safe(const std::string& images_dir, const std::string& name) {
  const fs::path p(name);
  if (name.empty() || p.is_absolute() || name.find('\0') != std::string::npos) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  const fs::path full = fs::path(images_dir) / p;
  std::error_code ec;
  if (!fs::exists(full, ec)) return true;               // missing is reported separately
  return resolves_inside(full.string(), {images_dir});  // a link that leads out is not safe
}

namespace {

struct RawSample {
  std::string image;
  std::vector<std::string> labels;
};

std::vector<RawSample> read_json_split(const fs::path& file, std::vector<std::string>* labels_in_file) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(file.string()));
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
    throw DatasetError(file.string() + ": " + json_error_in_words(e));
  }
  const std::string f = file.string();
  if (!doc.is_object() || !doc.contains("samples") || !doc["samples"].is_array())
    throw DatasetError(f + ": expected an object with a 'samples' array");
  if (doc.contains("labels")) {
    if (!doc["labels"].is_array()) throw DatasetError(f + ": 'labels' is not an array");
    for (std::size_t i = 0; i < doc["labels"].size(); ++i) {
      if (!doc["labels"][i].is_string()) throw DatasetError(f + ": labels[" + std::to_string(i) + "] is not a string");
      labels_in_file->push_back(doc["labels"][i].get<std::string>());
    }
  }
  std::vector<RawSample> out;
  const auto& samples = doc["samples"];
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const auto& s = samples[i];
    const std::string where = f + ": samples[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("image_name") || !s["image_name"].is_string())
      throw DatasetError(where + ".image_name is missing or not a string");
    RawSample r;
    r.image = s["image_name"].get<std::string>();
    if (s.contains("image_labels")) {
      if (!s["image_labels"].is_array()) throw DatasetError(where + ".image_labels is not an array");
      for (std::size_t k = 0; k < s["image_labels"].size(); ++k) {
        if (!s["image_labels"][k].is_string())
          throw DatasetError(where + ".image_labels[" + std::to_string(k) + "] is not a string");
        r.labels.push_back(s["image_labels"][k].get<std::string>());
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<RawSample> read_csv_split(const fs::path& file) {
  const std::string f = file.string();
  const auto records = csv::parse(read_file(f), f);
  if (records.empty()) throw DatasetError(f + ":1:1: empty file (expected a header 'image,tags')");
  const auto& h = records.front().fields;
  if (h.size() < 2 || h[0].text != "image" || h[1].text != "tags")
    throw DatasetError(f + ":" + std::to_string(records.front().line) + ":1: header must be 'image,tags'");
  std::vector<RawSample> out;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != 2)
      throw DatasetError(f + ":" + std::to_string(rec.line) + ":1: expected 2 fields (image,tags), got " +
                         std::to_string(rec.fields.size()));
    RawSample s;
    s.image = rec.fields[0].text;
    s.labels = split_tag_list(rec.fields[1].text);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> read_vocabulary_file(const fs::path& root) {
  for (const auto& entry : fs::directory_iterator(root)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > 15 && name.substr(name.size() - 15) == "_vocabulary.txt") {
      try {
        return parse_name_list(read_file(entry.path().string()), entry.path().string());
      } catch (const InputError& e) {
        throw DatasetError(e.what());
      }
    }
  }
  return {};
}

std::vector<Sample> index_split(const std::string& split, const std::vector<RawSample>& raw,
                                const std::unordered_map<std::string, int>& index, const std::string& images_dir,
                                std::unordered_set<std::string>& seen, ValidationReport* report) {
  std::vector<Sample> out;
  auto issue = [&](DatasetIssue::Kind k, const std::string& image, const std::string& detail) {
    if (report) report->issues.push_back({k, split, image, detail});
  };
  for (const auto& r : raw) {
    if (!image_name_is_safe(images_dir, r.image)) {
      issue(DatasetIssue::Kind::EscapesFolder, r.image, "rejected");
      continue;
    }
    if (!seen.insert(r.image).second) {
      issue(DatasetIssue::Kind::Duplicate, r.image, "listed before; this entry skipped");
      continue;
    }
    Sample s;
    s.image = r.image;
    for (const auto& l : r.labels) {
      auto it = index.find(l);
      if (it == index.end())
        issue(DatasetIssue::Kind::UnknownLabel, r.image, "'" + l + "' ignored");
      else
        s.labels.push_back(it->second);
    }
    std::sort(s.labels.begin(), s.labels.end());
    s.labels.erase(std::unique(s.labels.begin(), s.labels.end()), s.labels.end());
    if (s.labels.empty()) {
      issue(DatasetIssue::Kind::NoLabels, r.image, "skipped");
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

// normalization.json: {"mean": [r, g, b], "std": [r, g, b], "source": "..."}, the
// statistics a model was trained with (an annotation project's fine-tuning keeps
// its base run's, not those of the few images it adds).
void read_normalization_file(const std::string& path, Dataset& d) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw DatasetError(path + ": " + json_error_in_words(e));
  }
  Normalization n;
  for (const char* field : {"mean", "std"}) {
    if (!doc.is_object() || !doc.contains(field) || !doc[field].is_array() || doc[field].size() != 3)
      throw DatasetError(path + ": '" + field + "' must be an array of 3 numbers");
    auto& target = std::string(field) == "mean" ? n.mean : n.std;
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& v = doc[field][i];
      if (!v.is_number() || !std::isfinite(v.get<double>()) || (std::string(field) == "std" && v.get<double>() <= 0))
        throw DatasetError(path + ": " + field + "[" + std::to_string(i) + "] must be a finite number" +
                           (std::string(field) == "std" ? " > 0" : ""));
      target[i] = v.get<float>();
    }
  }
  n.source = doc.value("source", std::string("normalization.json"));
  d.normalization = n;
  d.normalization_known = true;
}

}  // namespace

// Writes normalization.json into a dataset folder (atomically).
void write_normalization_file(const std::string& dataset_root, const Normalization& n) {
  nlohmann::json doc{{"mean", n.mean}, {"std", n.std}, {"source", n.source}};
  write_file_atomically((fs::path(dataset_root) / "normalization.json").string(), doc.dump(2) + "\n");
}

Dataset load_dataset(const std::string& name_or_path, ValidationReport* report) {
  Dataset d;
  d.root = resolve_dataset_dir(name_or_path);
  d.name = fs::path(d.root).filename().string();
  d.images_dir = images_dir_of(d.root);
  const fs::path root(d.root);

  std::vector<RawSample> train, test;
  std::vector<std::string> labels_train, labels_test;
  if (fs::exists(root / "train.json")) {
    train = read_json_split(root / "train.json", &labels_train);
    if (!fs::exists(root / "test.json")) throw DatasetError(d.root + ": train.json without test.json");
    test = read_json_split(root / "test.json", &labels_test);
  } else if (fs::exists(root / "train.csv")) {
    train = read_csv_split(root / "train.csv");
    if (!fs::exists(root / "test.csv")) throw DatasetError(d.root + ": train.csv without test.csv");
    test = read_csv_split(root / "test.csv");
  } else {
    throw DatasetError(d.root + ": no train.json/test.json or train.csv/test.csv");
  }

  d.vocabulary = labels_train;
  if (d.vocabulary.empty()) d.vocabulary = read_vocabulary_file(root);
  if (d.vocabulary.empty()) {  // the union of the training tags, sorted
    std::set<std::string> all;
    for (const auto& s : train) all.insert(s.labels.begin(), s.labels.end());
    d.vocabulary.assign(all.begin(), all.end());
  }
  std::unordered_map<std::string, int> index;
  for (std::size_t i = 0; i < d.vocabulary.size(); ++i)
    if (!index.emplace(d.vocabulary[i], static_cast<int>(i)).second)
      throw DatasetError(d.root + ": label '" + d.vocabulary[i] + "' appears twice in the vocabulary");
  if (d.vocabulary.empty()) throw DatasetError(d.root + ": empty vocabulary");

  std::unordered_set<std::string> seen;
  d.train = index_split("train", train, index, d.images_dir, seen, report);
  d.test = index_split("test", test, index, d.images_dir, seen, report);
  if (d.train.empty()) throw DatasetError(d.root + ": no usable training sample");
  if (d.test.empty()) throw DatasetError(d.root + ": no usable test sample");
  d.normalization_known = paper_normalization(d.name, &d.normalization);
  if (fs::exists(root / "normalization.json")) read_normalization_file((root / "normalization.json").string(), d);
  return d;
}

void carve_validation(Dataset& d, double fraction, int seed) {
  if (fraction <= 0) return;
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
  std::shuffle(d.train.begin(), d.train.end(), rng);
  const auto n = static_cast<std::size_t>(fraction * static_cast<double>(d.train.size()));
  if (n == 0 || n >= d.train.size())
    throw DatasetError("validation fraction leaves no validation or no training samples");
  d.validation.assign(d.train.end() - static_cast<std::ptrdiff_t>(n), d.train.end());
  d.train.resize(d.train.size() - n);
  std::sort(d.train.begin(), d.train.end(), [](const Sample& a, const Sample& b) { return a.image < b.image; });
  d.selection_split = Split::Validation;
}

void check_images_exist(Dataset& d, ValidationReport& report) {
  for (auto* split : {&d.train, &d.validation, &d.test}) {
    const char* name = split == &d.train ? "train" : split == &d.test ? "test" : "validation";
    std::vector<Sample> kept;
    for (auto& s : *split) {
      ++report.checked;
      std::error_code ec;
      if (!fs::is_regular_file(fs::path(d.images_dir) / s.image, ec)) {
        report.issues.push_back({DatasetIssue::Kind::MissingImage, name, s.image, ""});
        continue;
      }
      kept.push_back(std::move(s));
    }
    *split = std::move(kept);
  }
}

std::string to_string(Split split) {
  switch (split) {
    case Split::Train:
      return "train";
    case Split::Validation:
      return "validation";
    case Split::Test:
      return "test";
  }
  return "test";
}

const std::vector<Sample>& Dataset::split(Split which) const {
  return which == Split::Train ? train : which == Split::Validation ? validation : test;
}

std::string cache_dir() {
  if (const char* env = std::getenv("AIA_CACHE_DIR")) return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME")) return std::string(xdg) + "/aia-studio";
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.cache/aia-studio";
  return (fs::temp_directory_path() / "aia-studio").string();
}

std::vector<std::string> split_tag_list(std::string_view text) {
  std::vector<std::string> tags;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view t = text.substr(start, end - start);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.emplace_back(t);
    start = end + 1;
  }
  return tags;
}

std::string join_tag_list(const std::vector<std::string>& tags, std::string_view separator) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += separator;
    out += t;
  }
  return out;
}

std::string images_dir_of(const std::string& dataset_root) { return (fs::path(dataset_root) / "images").string(); }

std::vector<float> multi_hot(const std::vector<Sample>& samples, std::size_t vocabulary) {
  std::vector<float> out(samples.size() * vocabulary, 0.f);
  for (std::size_t i = 0; i < samples.size(); ++i)
    for (int l : samples[i].labels) out[i * vocabulary + static_cast<std::size_t>(l)] = 1.f;
  return out;
}

}  // namespace aia
