// --thresholds NUMBER | STRATEGY | FILE.

#include "aia/annotate/thresholds_spec.h"

#include "aia/errors.h"
#include "aia/metrics/thresholds_json.h"
#include "aia/run/run_folder.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace aia {

ThresholdsSpec parse_thresholds_spec(const std::string& text) {
  ThresholdsSpec spec;
  spec.text = text;
  if (text.empty()) throw ConfigError("thresholds: empty (a number, mcc-grid, mcc, f1 or a JSON file)");
  if (text == "mcc-grid" || text == "mcc" || text == "f1") {
    spec.kind = ThresholdsSpec::Kind::Strategy;
    spec.method = parse_threshold_method(text);
    return spec;
  }
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (end && end != text.c_str() && *end == '\0') {
    if (!std::isfinite(v) || errno == ERANGE) throw ConfigError("thresholds: '" + text + "' is not a finite number");
    spec.kind = ThresholdsSpec::Kind::Value;
    spec.value = v;
    return spec;
  }
  spec.kind = ThresholdsSpec::Kind::File;
  spec.file = text;
  return spec;
}

std::vector<double> resolve_thresholds(const ThresholdsSpec& spec, const std::vector<std::string>& labels,
                                       const RunFolder* run, std::string* note) {
  switch (spec.kind) {
    case ThresholdsSpec::Kind::Value:
      return std::vector<double>(labels.size(), spec.value);
    case ThresholdsSpec::Kind::File:
      return read_thresholds_file(spec.file, labels);
    case ThresholdsSpec::Kind::Strategy:
      break;
  }
  if (!run) throw ConfigError("thresholds '" + spec.text + "' are a run's: no run given");
  if (spec.half_when_missing && !run->has_thresholds(spec.method)) {
    if (note) *note = "the run has no " + to_string(spec.method) + " thresholds yet: 0.5 for every label";
    return std::vector<double>(labels.size(), 0.5);
  }
  return run->read_thresholds(spec.method, labels);
}

}  // namespace aia
