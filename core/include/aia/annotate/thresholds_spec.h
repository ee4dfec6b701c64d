#pragma once
// "Which thresholds": what --thresholds and the GUI accept, parsed once.
//   a finite number           the same threshold for every label ("0.5")
//   mcc-grid | mcc | f1       the run's thresholds chosen by that strategy
//   precision:P[@DELTA]       certified at precision >= P with risk DELTA
//                             (certify.h), calibrated on the run's test split
//                             (held out from training); abstaining labels NaN
//   anything else             a thresholds file: JSON {"label": threshold, ...} or CSV label,threshold
// Plain std types.

#include "aia/metrics/certify.h"
#include "aia/metrics/thresholds.h"

#include <string>
#include <vector>

namespace aia {

class RunFolder;

struct ThresholdsSpec {
  enum class Kind { Value, Strategy, File, Certified };
  Kind kind = Kind::Value;
  double value = 0.5;                                 // Kind::Value
  ThresholdMethod method = ThresholdMethod::MccGrid;  // Kind::Strategy
  std::string file;                                   // Kind::File
  CertifyOptions certify;                             // Kind::Certified
  std::string text;                                   // as the user wrote it

  // Where the run has not chosen the strategy's thresholds (yet): 0.5 for
  // every label instead of an error, with `note` saying so.
  bool half_when_missing = false;
};

// Throws ConfigError for an empty text or a number that is not finite ("nan", "inf", "1e999").
ThresholdsSpec parse_thresholds_spec(const std::string& text);

// One threshold per label. A strategy needs `run` (ConfigError without one);
// files (JSON or CSV) are read strictly (aia::read_thresholds_file). `note`, if given, is
// set when the 0.5 fallback was taken.
std::vector<double> resolve_thresholds(const ThresholdsSpec& spec, const std::vector<std::string>& labels,
                                       const RunFolder* run = nullptr, std::string* note = nullptr);

}  // namespace aia
