#include "aia/io/score_table.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/csv.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace aia {
namespace {

std::string where(const std::string& path, std::size_t line, std::size_t column) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

std::string trimmed(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

double parse_cell(const std::string& path, const csv::Field& field, std::size_t line, CsvContent content) {
  const std::string text = trimmed(field.text);
  double value = 0.0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size())
    throw InputError(where(path, line, field.column) + "'" + field.text + "' is not a number");
  if (std::isnan(value)) throw InputError(where(path, line, field.column) + "value is NaN");
  if (content == CsvContent::Targets) {
    if (value != 0.0 && value != 1.0)
      throw InputError(where(path, line, field.column) + "target '" + text + "' is not 0 or 1");
  } else if (!(value >= 0.0 && value <= 1.0)) {
    throw InputError(where(path, line, field.column) + "score '" + text + "' is outside [0, 1]");
  }
  return value;
}

}  // namespace

ScoreTable read_score_csv(const std::string& path, CsvContent content) {
  const std::string bytes = read_file(path);
  const auto records = csv::parse(bytes, path);
  if (records.empty()) throw InputError(path + ":1:1: file is empty (expected a header 'image,<label>,...')");

  ScoreTable table;
  const auto& header = records.front();
  if (header.fields.size() < 2)
    throw InputError(where(path, header.line, 1) + "header needs 'image' and at least one label column");
  std::unordered_map<std::string, std::size_t> label_column;
  for (std::size_t c = 1; c < header.fields.size(); ++c) {
    std::string label = trimmed(header.fields[c].text);
    if (label.empty()) throw InputError(where(path, header.line, c + 1) + "empty label name in header");
    auto [it, inserted] = label_column.emplace(label, c + 1);
    if (!inserted)
      throw InputError(where(path, header.line, c + 1) + "duplicate label '" + label + "' (also column " +
                       std::to_string(it->second) + ")");
    table.labels.push_back(std::move(label));
  }
  if (records.size() == 1) throw InputError(where(path, header.line, 1) + "header only, no image rows");

  const std::size_t width = header.fields.size();
  table.values.reserve((records.size() - 1) * table.labels.size());
  std::unordered_map<std::string, std::size_t> image_line;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != width)
      throw InputError(where(path, rec.line, std::min(rec.fields.size(), width) + 1) + "row has " +
                       std::to_string(rec.fields.size()) + " fields, header has " + std::to_string(width));
    std::string image = trimmed(rec.fields[0].text);
    if (image.empty()) throw InputError(where(path, rec.line, 1) + "empty image name");
    auto [it, inserted] = image_line.emplace(image, rec.line);
    if (!inserted)
      throw InputError(where(path, rec.line, 1) + "duplicate image '" + image + "' (first on line " +
                       std::to_string(it->second) + ")");
    table.images.push_back(std::move(image));
    for (std::size_t c = 1; c < width; ++c) table.values.push_back(parse_cell(path, rec.fields[c], rec.line, content));
  }
  return table;
}

void write_score_csv(const std::string& path, const ScoreTable& table) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "image";
    for (const auto& label : table.labels) out << ',' << csv::quote_inert(label);
    out << '\n';
    char buf[32];
    for (std::size_t i = 0; i < table.rows(); ++i) {
      out << csv::quote_inert(table.images[i]);
      for (std::size_t j = 0; j < table.cols(); ++j) {
        auto res = std::to_chars(buf, buf + sizeof buf, table.at(i, j));
        out << ',' << std::string_view(buf, static_cast<std::size_t>(res.ptr - buf));
      }
      out << '\n';
    }
  });
}

namespace {

// Position of each name, or the first name of `wanted` missing from `have`.
std::vector<std::size_t> positions(const std::vector<std::string>& wanted, const std::vector<std::string>& have,
                                   std::string* missing) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < have.size(); ++i) index.emplace(have[i], i);
  std::vector<std::size_t> pos;
  pos.reserve(wanted.size());
  for (const auto& name : wanted) {
    auto it = index.find(name);
    if (it == index.end()) {
      *missing = name;
      return {};
    }
    pos.push_back(it->second);
  }
  return pos;
}

}  // namespace

ScoreTable align_to(const ScoreTable& scores, const std::string& scores_path, const ScoreTable& targets,
                    const std::string& targets_path) {
  if (scores.labels == targets.labels && scores.images == targets.images) return targets;
  std::string missing;
  if (scores.cols() != targets.cols() || positions(scores.labels, targets.labels, &missing).empty()) {
    if (scores.cols() != targets.cols())
      throw InputError("label columns differ: " + scores_path + " has " + std::to_string(scores.cols()) + " labels, " +
                       targets_path + " has " + std::to_string(targets.cols()));
    throw InputError("label '" + missing + "' of " + scores_path + " is not a column of " + targets_path);
  }
  if (scores.rows() != targets.rows())
    throw InputError("image rows differ: " + scores_path + " has " + std::to_string(scores.rows()) + " images, " +
                     targets_path + " has " + std::to_string(targets.rows()));
  auto col = positions(scores.labels, targets.labels, &missing);
  auto row = positions(scores.images, targets.images, &missing);
  if (row.empty()) throw InputError("image '" + missing + "' of " + scores_path + " has no row in " + targets_path);
  ScoreTable aligned;
  aligned.images = scores.images;
  aligned.labels = scores.labels;
  aligned.values.resize(scores.values.size());
  for (std::size_t i = 0; i < row.size(); ++i)
    for (std::size_t j = 0; j < col.size(); ++j) aligned.values[i * col.size() + j] = targets.at(row[i], col[j]);
  return aligned;
}

}  // namespace aia
