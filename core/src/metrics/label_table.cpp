#include "aia/metrics/label_table.h"

#include "aia/io/csv.h"

#include <cstdio>

namespace aia {

const std::vector<std::string>& label_table_columns() {
  static const std::vector<std::string> columns = {"label", "support",   "threshold", "tp", "fp",
                                                   "fn",    "precision", "recall",    "f1", "mcc"};
  return columns;
}

namespace {

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

}  // namespace

std::string label_table_csv(const std::vector<std::string>& labels, const std::vector<LabelRow>& rows) {
  std::string text;
  for (const auto& c : label_table_columns()) text += (text.empty() ? "" : ",") + c;
  text += "\n";
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const LabelRow& r = rows[k];
    text += csv::quote_inert(labels.at(k)) + "," + std::to_string(r.support) + "," + number(r.threshold) + "," +
            std::to_string(r.tp) + "," + std::to_string(r.fp) + "," + std::to_string(r.fn) + "," + number(r.precision) +
            "," + number(r.recall) + "," + number(r.f1) + "," + number(r.mcc) + "\n";
  }
  return text;
}

std::string label_table_text(const std::vector<std::string>& labels, const std::vector<LabelRow>& rows) {
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %7s %9s %6s %6s %6s %6s %6s %6s %7s\n", "label", "support", "threshold", "TP",
                "FP", "FN", "P", "R", "F1", "MCC");
  std::string text = line;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const LabelRow& r = rows[k];
    std::snprintf(line, sizeof line, "%-24s %7lld %9.4f %6lld %6lld %6lld %6.3f %6.3f %6.3f %7.3f\n",
                  labels.at(k).c_str(), static_cast<long long>(r.support), r.threshold, static_cast<long long>(r.tp),
                  static_cast<long long>(r.fp), static_cast<long long>(r.fn), r.precision, r.recall, r.f1, r.mcc);
    text += line;
  }
  return text;
}

nlohmann::ordered_json label_table_json(const std::vector<std::string>& labels, const std::vector<LabelRow>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const LabelRow& r = rows[k];
    out.push_back({{"label", labels.at(k)},
                   {"support", r.support},
                   {"threshold", r.threshold},
                   {"tp", r.tp},
                   {"fp", r.fp},
                   {"fn", r.fn},
                   {"precision", r.precision},
                   {"recall", r.recall},
                   {"f1", r.f1},
                   {"mcc", r.mcc}});
  }
  return out;
}

}  // namespace aia
