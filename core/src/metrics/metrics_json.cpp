#include "aia/metrics/metrics_json.h"

#include "aia/metrics/label_table.h"

namespace aia {

void add_metrics_json(nlohmann::ordered_json& j, const Metrics& m, const std::vector<std::string>* labels) {
  j["per_class_precision"] = m.per_class_precision;
  j["per_class_recall"] = m.per_class_recall;
  j["per_class_f1"] = m.per_class_f1;
  j["per_image_precision"] = m.per_image_precision;
  j["per_image_recall"] = m.per_image_recall;
  j["per_image_f1"] = m.per_image_f1;
  j["n_plus"] = m.n_plus;
  j["map"] = m.map;
  if (!labels) return;
  j["per_label"] = label_table_json(*labels, m.per_label);
}

namespace {

template <class Json>
Metrics metrics_from(const Json& j) {
  Metrics m;
  m.per_class_precision = j.at("per_class_precision").template get<double>();
  m.per_class_recall = j.at("per_class_recall").template get<double>();
  m.per_class_f1 = j.at("per_class_f1").template get<double>();
  m.per_image_precision = j.at("per_image_precision").template get<double>();
  m.per_image_recall = j.at("per_image_recall").template get<double>();
  m.per_image_f1 = j.at("per_image_f1").template get<double>();
  m.n_plus = j.at("n_plus").template get<int>();
  m.map = j.value("map", 0.0);
  return m;
}

}  // namespace

Metrics metrics_from_json(const nlohmann::json& j) { return metrics_from(j); }
Metrics metrics_from_json(const nlohmann::ordered_json& j) { return metrics_from(j); }

}  // namespace aia
