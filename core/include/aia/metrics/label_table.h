#pragma once
// The per-label table in one column order for every spelling of it:
//   label, support, threshold, tp, fp, fn, precision, recall, f1, mcc
// as CSV (Thresholds > Export table), as aligned text (aia metrics
// --per-label) and as JSON objects (per_label of aia metrics --json).
// Plain std types and nlohmann_json.

#include "aia/metrics/metrics.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aia {

const std::vector<std::string>& label_table_columns();

// `rows[k]` is the row of `labels[k]`. Numbers at full precision; label
// cells made inert for spreadsheets (csv::quote_inert).
std::string label_table_csv(const std::vector<std::string>& labels, const std::vector<LabelRow>& rows);
// A header line and one aligned line per label.
std::string label_table_text(const std::vector<std::string>& labels, const std::vector<LabelRow>& rows);
// One object per label, its keys the columns in order.
nlohmann::ordered_json label_table_json(const std::vector<std::string>& labels, const std::vector<LabelRow>& rows);

}  // namespace aia
