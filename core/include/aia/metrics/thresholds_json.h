#pragma once
// Thresholds files, in two spellings that every reader accepts: a JSON object
// {"label": threshold, ...} and a CSV with the header label,threshold and a
// row per label (what Thresholds > Export writes). A label whose threshold
// is null (JSON) or null/empty (CSV) abstains: it reads as NaN, which the
// tagging rule never tags (certified thresholds, certify.h). Plain std types.

#include <string>
#include <vector>

namespace aia {

// Reading checks that every label of `labels` is present with a finite number
// and names the file and key otherwise; keys not in `labels` are an error too.
std::vector<double> read_thresholds_json(const std::string& path, const std::vector<std::string>& labels);
// The same rules for the CSV spelling; errors name the file and line.
std::vector<double> read_thresholds_csv(const std::string& path, const std::vector<std::string>& labels);
// Either spelling, told apart by the content (JSON starts with '{').
std::vector<double> read_thresholds_file(const std::string& path, const std::vector<std::string>& labels);

// The files' text, and the files written atomically.
std::string thresholds_json_text(const std::vector<std::string>& labels, const std::vector<double>& thresholds);
std::string thresholds_csv_text(const std::vector<std::string>& labels, const std::vector<double>& thresholds);
void write_thresholds_json(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<double>& thresholds);
void write_thresholds_csv(const std::string& path, const std::vector<std::string>& labels,
                          const std::vector<double>& thresholds);

}  // namespace aia
