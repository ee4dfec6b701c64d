#pragma once
// Thresholds files: a JSON object {"label": threshold, ...}. Plain std types.

#include <string>
#include <vector>

namespace aia {

// Reading checks that every label of `labels` is present with a finite number
// and names the file and key otherwise; keys not in `labels` are an error too.
std::vector<double> read_thresholds_json(const std::string& path, const std::vector<std::string>& labels);
// Written atomically.
void write_thresholds_json(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<double>& thresholds);

}  // namespace aia
