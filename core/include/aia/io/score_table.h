#pragma once
// Scores or 0/1 targets of images x labels, as exchanged in CSV files:
//   image,<label>,<label>,...
//   img001.jpg,0.91,0.02,...
// Plain std types only: used by the CLI, the GUI and the tests alike.

#include <cstddef>
#include <string>
#include <vector>

namespace aia {

struct ScoreTable {
  std::vector<std::string> images;  // one per row
  std::vector<std::string> labels;  // one per column
  std::vector<double> values;       // row-major, images.size() x labels.size(), as written in the file

  std::size_t rows() const { return images.size(); }
  std::size_t cols() const { return labels.size(); }
  double at(std::size_t image, std::size_t label) const { return values[image * cols() + label]; }
};

enum class CsvContent {
  Scores,   // every value a finite number in [0, 1]
  Targets,  // every value 0 or 1
};

// Reads a score or target CSV (RFC 4180 quoting, optional UTF-8 BOM, CRLF or LF).
// Throws InputError naming file, line and column for a ragged row, a value that
// is not a number, NaN, a value out of range, a duplicate image or label, or an
// empty file.
ScoreTable read_score_csv(const std::string& path, CsvContent content);

// Writes the table atomically (temporary file, then rename).
void write_score_csv(const std::string& path, const ScoreTable& table);

// Returns `targets` with its rows and columns in the order of `scores`.
// Throws InputError naming the first label or image that one file has and the
// other lacks, or the differing counts.
ScoreTable align_to(const ScoreTable& scores, const std::string& scores_path, const ScoreTable& targets,
                    const std::string& targets_path);

}  // namespace aia
