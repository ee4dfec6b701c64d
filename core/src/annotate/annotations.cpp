// The annotations table: tagging, its CSV (both formats), the dataset and XMP exports.

#include "aia/annotate/annotations.h"

#include "aia/annotate/tagging.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/csv.h"
#include "aia/io/xmp_sidecar.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <unordered_map>

namespace fs = std::filesystem;

namespace aia {

AnnotatedImage tag_image(std::string image, std::vector<float> scores, const std::vector<std::string>& vocabulary,
                         const std::vector<double>& thresholds) {
  AnnotatedImage a;
  a.image = std::move(image);
  a.tags = tag_names(tags_above(std::span<const float>(scores), thresholds), vocabulary);
  a.scores = std::move(scores);
  return a;
}

namespace {

std::string score_text(double v) {  // 9 significant digits: a float's value, exactly
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Undoes csv::quote_inert's protective quote.
std::string plain(const std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos)
    return cell.substr(1);
  return cell;
}

std::vector<std::string> split_fields(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find(';', start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  out.push_back(text.substr(start));
  return out;
}

float parse_score(const csv::Field& f, const std::string& path, std::size_t line) {
  if (f.text.empty()) return std::numeric_limits<float>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(f.text.c_str(), &end);
  if (end == f.text.c_str() || *end != '\0' || !std::isfinite(v))
    throw InputError(path + ":" + std::to_string(line) + ":" + std::to_string(f.column) + ": score '" + f.text +
                     "' is not a finite number");
  return static_cast<float>(v);
}

}  // namespace

void write_annotations_csv(const std::string& path, const AnnotationsTable& table) {
  const bool marked = std::any_of(table.rows.begin(), table.rows.end(),
                                  [](const AnnotatedImage& row) { return !row.auto_accepted.empty(); });
  std::string text = marked ? "image,tags,auto_accepted" : "image,tags";
  for (const auto& l : table.vocabulary) {
    text += ',';
    text += csv::quote_inert(l);
  }
  text += '\n';
  for (const auto& row : table.rows) {
    text += csv::quote_inert(row.image);
    text += ',';
    text += csv::quote_inert(join_tag_list(row.tags));
    if (marked) {
      text += ',';
      text += csv::quote_inert(join_tag_list(row.auto_accepted));
    }
    for (std::size_t j = 0; j < table.vocabulary.size(); ++j) {
      text += ',';
      if (j < row.scores.size()) text += score_text(row.scores[j]);
    }
    text += '\n';
  }
  write_file_atomically(path, text);
}

void write_predictions_csv(const std::string& path, const ScoreTable& scores, const ScoreTable& targets,
                           const std::vector<double>& thresholds) {
  if (thresholds.size() != scores.cols() || targets.rows() != scores.rows() || targets.cols() != scores.cols())
    throw InputError(path + ": scores, targets and thresholds do not match in size");
  std::string text = "image,ground_truth,predicted";
  for (const auto& l : scores.labels) {
    text += ',';
    text += csv::quote_inert(l);
  }
  text += '\n';
  for (std::size_t i = 0; i < scores.rows(); ++i) {
    std::vector<std::string> truth, predicted;
    std::string values;
    for (std::size_t j = 0; j < scores.cols(); ++j) {
      if (targets.at(i, j) > 0.5) truth.push_back(scores.labels[j]);
      if (is_tagged(scores.at(i, j), thresholds[j])) predicted.push_back(scores.labels[j]);
      values += ',';
      values += score_text(scores.at(i, j));
    }
    text += csv::quote_inert(scores.images[i]);
    text += ',';
    text += csv::quote_inert(join_tag_list(truth));
    text += ',';
    text += csv::quote_inert(join_tag_list(predicted));
    text += values;
    text += '\n';
  }
  write_file_atomically(path, text);
}

AnnotationsTable read_annotations_csv(const std::string& path) {
  const auto records = csv::parse(read_file(path), path);
  if (records.empty()) throw InputError(path + ": empty (expected a header image,tags,...)");
  const auto& header = records[0].fields;
  auto cell = [](const csv::Record& r, std::size_t k) {
    return k < r.fields.size() ? r.fields[k].text : std::string();
  };
  if (header.size() < 2 || header[0].text != "image" || header[1].text != "tags")
    throw InputError(path + ":1: expected a header starting image,tags");
  AnnotationsTable table;
  const bool older = header.size() == 3 && header[2].text == "scores";  // image,tags,scores (tag scores only)
  const std::size_t first = header.size() > 2 && header[2].text == "auto_accepted" ? 3 : 2;  // the first label's
  if (!older)
    for (std::size_t k = first; k < header.size(); ++k) table.vocabulary.push_back(plain(header[k].text));
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t j = 0; j < table.vocabulary.size(); ++j) index[table.vocabulary[j]] = j;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != header.size())
      throw InputError(path + ":" + std::to_string(rec.line) + ": " + std::to_string(rec.fields.size()) +
                       " fields, the header has " + std::to_string(header.size()));
    AnnotatedImage row;
    row.image = plain(cell(rec, 0));
    row.tags = split_tag_list(plain(cell(rec, 1)));
    if (first == 3) row.auto_accepted = split_tag_list(plain(cell(rec, 2)));
    if (!older) {
      for (std::size_t k = first; k < rec.fields.size(); ++k)
        row.scores.push_back(parse_score(rec.fields[k], path, rec.line));
    } else {
      const std::vector<std::string> scores = split_fields(cell(rec, 2));  // one per tag, repeats allowed
      if (!scores.empty() && scores.size() != row.tags.size())
        throw InputError(path + ":" + std::to_string(rec.line) + ": " + std::to_string(row.tags.size()) + " tags but " +
                         std::to_string(scores.size()) + " scores");
      for (const auto& t : row.tags)
        if (!index.count(t)) {
          index[t] = table.vocabulary.size();
          table.vocabulary.push_back(t);
        }
      row.scores.assign(table.vocabulary.size(), std::numeric_limits<float>::quiet_NaN());
      for (std::size_t k = 0; k < scores.size(); ++k)
        row.scores[index[row.tags[k]]] = parse_score({scores[k], 3}, path, rec.line);
    }
    table.rows.push_back(std::move(row));
  }
  if (older)  // rows read before a label was first seen get NaN for it
    for (auto& row : table.rows) row.scores.resize(table.vocabulary.size(), std::numeric_limits<float>::quiet_NaN());
  return table;
}

void write_annotations_dataset(const std::string& json_path, const AnnotationsTable& table, bool link) {
  const fs::path images = fs::absolute(json_path).parent_path() / "images";
  fs::create_directories(images);
  std::vector<std::string> labels = table.vocabulary;
  nlohmann::ordered_json samples = nlohmann::ordered_json::array();
  for (const auto& a : table.rows) {
    for (const auto& t : a.tags)
      if (std::find(labels.begin(), labels.end(), t) == labels.end()) labels.push_back(t);
    const fs::path source(a.image);
    fs::path target = images / source.filename();
    std::error_code ec;
    const bool same = fs::exists(target) && fs::equivalent(source, target, ec);
    for (int n = 1; !same && fs::exists(target); ++n)
      target = images / (source.stem().string() + "-" + std::to_string(n) + source.extension().string());
    if (!same) {
      if (link) fs::create_hard_link(source, target, ec);
      if (!link || ec) fs::copy_file(source, target, ec);
      if (ec) throw DatasetError(target.string() + ": cannot copy " + a.image + ": " + ec.message());
    }
    nlohmann::ordered_json sample = {{"image_name", target.filename().string()}, {"image_labels", a.tags}};
    if (!a.auto_accepted.empty()) sample["auto_accepted_labels"] = a.auto_accepted;  // which no person confirmed
    samples.push_back(sample);
  }
  nlohmann::ordered_json doc;
  doc["samples"] = samples;
  doc["labels"] = labels;
  write_file_atomically(json_path, doc.dump() + "\n");
}

std::vector<FailedImage> write_xmp_sidecars(const AnnotationsTable& table) {
  std::vector<FailedImage> failed;
  for (const auto& row : table.rows) {
    try {
      write_xmp_tags(row.image, row.tags, row.auto_accepted);
    } catch (const std::exception& e) {
      failed.push_back({row.image, e.what()});
    }
  }
  return failed;
}

}  // namespace aia
