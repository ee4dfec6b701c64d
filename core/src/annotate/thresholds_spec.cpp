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
  if (text.empty())
    throw ConfigError("thresholds: empty (a number, mcc-grid, mcc, f1, precision:P[@DELTA] or a thresholds file)");
  if (is_precision_spec(text)) {
    spec.kind = ThresholdsSpec::Kind::Certified;
    spec.certify = parse_precision_spec(text);
    return spec;
  }
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
    case ThresholdsSpec::Kind::Certified: {
      if (!run) throw ConfigError("thresholds '" + spec.text + "' are certified on a run's test split: no run given");
      const ScoredSplit test = run->read_test_scores();
      if (test.scores.labels != labels)
        throw ConfigError("thresholds '" + spec.text + "': the run's test scores have other labels");
      std::vector<Certified> details;
      const LabelMatrix m(test.scores, test.targets);
      auto t = certified_thresholds(m, spec.certify, &details);
      if (note) {
        std::size_t certified = 0;
        for (const auto& c : details) certified += c.certified ? 1 : 0;
        *note = to_string(spec.certify) + ": " + std::to_string(certified) + " of " + std::to_string(labels.size()) +
                " labels certified on the run's " + std::to_string(m.images()) +
                " test images; the others abstain (never tagged)";
      }
      return t;
    }
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
