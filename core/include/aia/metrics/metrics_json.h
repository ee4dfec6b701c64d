#pragma once
// The metrics as JSON, one spelling for every file and output that carries
// them (aia metrics --json, metrics.jsonl, evaluation.json).

#include "aia/metrics/metrics.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aia {

// Appends per_class_precision .. per_image_f1, n_plus and map to `out`; with
// `labels`, also per_label (one object per label, with its name).
void add_metrics_json(nlohmann::ordered_json& out, const Metrics& m, const std::vector<std::string>* labels = nullptr);

// The aggregates back from such an object (per_label left empty); throws
// nlohmann::json::exception for a missing or mistyped field.
Metrics metrics_from_json(const nlohmann::json& j);
Metrics metrics_from_json(const nlohmann::ordered_json& j);

}  // namespace aia
