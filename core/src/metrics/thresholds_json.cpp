// The thresholds files: {"label": threshold, ...}, read strictly.

#include "aia/metrics/thresholds_json.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_set>

namespace aia {

std::vector<double> read_thresholds_json(const std::string& path, const std::vector<std::string>& labels) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
    throw InputError(path + ": not valid JSON (" + std::string(e.what()) + ")");
  }
  if (!doc.is_object()) throw InputError(path + ": expected a JSON object {\"label\": threshold, ...}");
  std::unordered_set<std::string> known(labels.begin(), labels.end());
  for (const auto& item : doc.items())
    if (!known.count(item.key())) throw InputError(path + ": key '" + item.key() + "' is not a label of the scores");
  std::vector<double> thresholds;
  thresholds.reserve(labels.size());
  for (const auto& label : labels) {
    auto it = doc.find(label);
    if (it == doc.end()) throw InputError(path + ": no threshold for label '" + label + "'");
    if (!it->is_number()) throw InputError(path + ": threshold of '" + label + "' is not a number");
    const double value = it->get<double>();
    if (!std::isfinite(value)) throw InputError(path + ": threshold of '" + label + "' is not finite");
    thresholds.push_back(value);
  }
  return thresholds;
}

void write_thresholds_json(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<double>& thresholds) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (std::size_t j = 0; j < labels.size(); ++j) doc[labels[j]] = thresholds.at(j);
  write_file_atomically(path, doc.dump(2) + "\n");
}

}  // namespace aia
