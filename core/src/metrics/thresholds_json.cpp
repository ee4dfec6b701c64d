// The thresholds files: {"label": threshold, ...} or label,threshold rows, read strictly.

#include "aia/metrics/thresholds_json.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/csv.h"
#include "aia/io/json_errors.h"
#include "aia/io/known_keys.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace aia {
namespace {

// "; did you mean 'sky'?" for a label one or two edits away.
std::string did_you_mean(const std::string& label, const std::vector<std::string>& labels) {
  const std::string near = nearest_name(label, labels);
  return near.empty() ? std::string() : "; did you mean '" + near + "'?";
}

}  // namespace

std::vector<double> read_thresholds_json(const std::string& path, const std::vector<std::string>& labels) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
    throw InputError(path + ": " + json_error_in_words(e));
  }
  if (!doc.is_object()) throw InputError(path + ": expected a JSON object {\"label\": threshold, ...}");
  std::unordered_set<std::string> known(labels.begin(), labels.end());
  for (const auto& item : doc.items())
    if (!known.count(item.key()))
      throw InputError(path + ": key '" + item.key() + "' is not a label of the scores" +
                       did_you_mean(item.key(), labels));
  std::vector<double> thresholds;
  thresholds.reserve(labels.size());
  for (const auto& label : labels) {
    auto it = doc.find(label);
    if (it == doc.end()) throw InputError(path + ": no threshold for label '" + label + "'");
    if (it->is_null()) {  // an abstained label (certified thresholds): never tagged
      thresholds.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    if (!it->is_number()) throw InputError(path + ": threshold of '" + label + "' is not a number");
    const double value = it->get<double>();
    if (!std::isfinite(value)) throw InputError(path + ": threshold of '" + label + "' is not finite");
    thresholds.push_back(value);
  }
  return thresholds;
}

std::vector<double> read_thresholds_csv(const std::string& path, const std::vector<std::string>& labels) {
  const auto records = csv::parse(read_file(path), path);
  auto at = [&](const csv::Record& r) { return path + ":" + std::to_string(r.line) + ": "; };
  if (records.empty()) throw InputError(path + ": empty (expected the header label,threshold)");
  const auto& header = records.front();
  if (header.fields.size() != 2 || header.fields[0].text != "label" || header.fields[1].text != "threshold")
    throw InputError(at(header) + "the header must be label,threshold");
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t j = 0; j < labels.size(); ++j) index.emplace(labels[j], j);
  std::vector<double> thresholds(labels.size(), 0.0);
  std::vector<bool> seen(labels.size(), false);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.fields.size() != 2)
      throw InputError(at(r) + "expected 2 fields (label,threshold), got " + std::to_string(r.fields.size()));
    std::string label = r.fields[0].text;
    // Export made a label that a spreadsheet would run inert with a leading quote.
    if (!index.count(label) && label.size() > 1 && label[0] == '\'') label.erase(0, 1);
    const auto it = index.find(label);
    if (it == index.end())
      throw InputError(at(r) + "'" + r.fields[0].text + "' is not a label of the scores" + did_you_mean(label, labels));
    if (seen[it->second]) throw InputError(at(r) + "label '" + label + "' appears twice");
    const std::string& text = r.fields[1].text;
    if (text.empty() || text == "null") {  // an abstained label: never tagged
      thresholds[it->second] = std::numeric_limits<double>::quiet_NaN();
      seen[it->second] = true;
      continue;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
      throw InputError(at(r) + "threshold of '" + label + "' is not a number: '" + text + "'");
    if (!std::isfinite(value)) throw InputError(at(r) + "threshold of '" + label + "' is not finite");
    thresholds[it->second] = value;
    seen[it->second] = true;
  }
  for (std::size_t j = 0; j < labels.size(); ++j)
    if (!seen[j]) throw InputError(path + ": no threshold for label '" + labels[j] + "'");
  return thresholds;
}

std::vector<double> read_thresholds_file(const std::string& path, const std::vector<std::string>& labels) {
  const std::string text = read_file(path);
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && text[first] == '{') return read_thresholds_json(path, labels);
  return read_thresholds_csv(path, labels);
}

std::string thresholds_json_text(const std::vector<std::string>& labels, const std::vector<double>& thresholds) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (std::size_t j = 0; j < labels.size(); ++j) {
    if (std::isnan(thresholds.at(j)))
      doc[labels[j]] = nullptr;  // abstained
    else
      doc[labels[j]] = thresholds[j];
  }
  return doc.dump(2) + "\n";
}

std::string thresholds_csv_text(const std::vector<std::string>& labels, const std::vector<double>& thresholds) {
  std::string text = "label,threshold\n";
  char number[32];
  for (std::size_t j = 0; j < labels.size(); ++j) {
    if (std::isnan(thresholds.at(j)))
      std::snprintf(number, sizeof number, "null");  // abstained
    else
      std::snprintf(number, sizeof number, "%.17g", thresholds[j]);
    text += csv::quote_inert(labels[j]) + "," + number + "\n";
  }
  return text;
}

void write_thresholds_json(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<double>& thresholds) {
  write_file_atomically(path, thresholds_json_text(labels, thresholds));
}

void write_thresholds_csv(const std::string& path, const std::vector<std::string>& labels,
                          const std::vector<double>& thresholds) {
  write_file_atomically(path, thresholds_csv_text(labels, thresholds));
}

}  // namespace aia
