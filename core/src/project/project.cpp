#include "aia/project/project.h"

#include "aia/annotate/image_files.h"
#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/contained_path.h"
#include "aia/io/json_errors.h"
#include "aia/io/known_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace aia {

std::string to_string(ReviewState state) {
  switch (state) {
    case ReviewState::Reviewed:
      return "reviewed";
    case ReviewState::Skipped:
      return "skipped";
    case ReviewState::Unreviewed:
      break;
  }
  return "unreviewed";
}

std::string to_string(ReviewOrder order) {
  switch (order) {
    case ReviewOrder::Random:
      return "random";
    case ReviewOrder::Uncertain:
      return "uncertain";
    case ReviewOrder::File:
      break;
  }
  return "file";
}

ReviewOrder parse_review_order(const std::string& name) {
  if (name == "file") return ReviewOrder::File;
  if (name == "random") return ReviewOrder::Random;
  if (name == "uncertain") return ReviewOrder::Uncertain;
  throw InputError("the review order must be " + names_or(names_of(review_orders())) + ", got '" + name + "'");
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (!contains(list, item)) list.push_back(item);
}

void remove_item(std::vector<std::string>& list, const std::string& item) {
  list.erase(std::remove(list.begin(), list.end(), item), list.end());
}

// A proposal nobody decided on is part of the tags: imported tags, and
// suggestions above their threshold.
bool proposed(const ProjectImage& image, const std::string& tag) {
  if (contains(image.imported, tag)) return true;
  for (const auto& s : image.suggested)
    if (s.tag == tag) return s.above;
  return false;
}

bool is_on(const ProjectImage& image, const std::string& tag) {
  if (contains(image.rejected, tag)) return false;
  if (contains(image.accepted, tag) || contains(image.added, tag)) return true;
  if (contains(image.auto_accepted, tag)) return true;
  if (contains(image.auto_rejected, tag)) return false;
  return proposed(image, tag);
}

}  // namespace

std::vector<Chip> chips_of(const ProjectImage& image) {
  std::vector<Chip> chips;
  std::set<std::string> seen;
  for (const auto& s : image.suggested)
    if (seen.insert(s.tag).second && !(contains(image.auto_rejected, s.tag) && !is_on(image, s.tag)))
      chips.push_back({s.tag, s.score, Chip::Source::Suggested, is_on(image, s.tag)});
  for (const auto& t : image.auto_accepted)  // certified present, though not among the suggestions
    if (seen.insert(t).second)
      chips.push_back({t, std::numeric_limits<float>::quiet_NaN(), Chip::Source::Suggested, is_on(image, t)});
  for (const auto& t : image.imported)
    if (seen.insert(t).second)
      chips.push_back({t, std::numeric_limits<float>::quiet_NaN(), Chip::Source::Imported, is_on(image, t)});
  for (const auto& t : image.accepted)  // kept from an earlier suggestion list
    if (seen.insert(t).second)
      chips.push_back({t, std::numeric_limits<float>::quiet_NaN(), Chip::Source::Kept, is_on(image, t)});
  for (const auto& t : image.added)
    if (seen.insert(t).second)
      chips.push_back({t, std::numeric_limits<float>::quiet_NaN(), Chip::Source::Added, is_on(image, t)});
  for (auto& chip : chips)
    chip.auto_accepted = chip.on && contains(image.auto_accepted, chip.tag) && !contains(image.accepted, chip.tag) &&
                         !contains(image.added, chip.tag);
  return chips;
}

std::vector<std::string> current_tags(const ProjectImage& image) {
  std::vector<std::string> tags;
  for (const auto& chip : chips_of(image))
    if (chip.on) tags.push_back(chip.tag);
  return tags;
}

ProjectImage toggle_tag(ProjectImage image, const std::string& tag) {
  const bool on = is_on(image, tag);
  if (on) {
    remove_item(image.accepted, tag);
    if (contains(image.added, tag)) {
      remove_item(image.added, tag);  // a typed tag clicked off is gone
      if (proposed(image, tag)) add_unique(image.rejected, tag);
    } else {
      add_unique(image.rejected, tag);
    }
  } else {
    remove_item(image.rejected, tag);
    if (!proposed(image, tag)) add_unique(image.accepted, tag);
  }
  return image;
}

ProjectImage add_tag(ProjectImage image, const std::string& text) {
  const std::string tag = normalize_tag(text);
  remove_item(image.rejected, tag);
  bool chip = contains(image.imported, tag);
  for (const auto& s : image.suggested) chip = chip || s.tag == tag;
  if (chip) {
    if (!proposed(image, tag)) add_unique(image.accepted, tag);
  } else {
    add_unique(image.added, tag);
  }
  return image;
}

ProjectImage mark_reviewed(ProjectImage image, double seconds_spent) {
  for (const auto& chip : chips_of(image))
    if (chip.on && !contains(image.added, chip.tag)) add_unique(image.accepted, chip.tag);
  image.state = ReviewState::Reviewed;
  image.review_seconds += std::max(0.0, seconds_spent);
  return image;
}

ProjectImage mark_skipped(ProjectImage image, double seconds_spent) {
  image.state = ReviewState::Skipped;
  image.review_seconds += std::max(0.0, seconds_spent);
  return image;
}

std::string normalize_tag(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) throw InputError("a tag cannot be empty");
  auto end = text.find_last_not_of(" \t\r\n");
  std::string tag = text.substr(begin, end - begin + 1);
  for (unsigned char c : tag) {
    if (c < 0x20 || c == 0x7f)
      throw InputError("the tag '" + tag + "' contains a control character (tabs and line breaks are not allowed)");
    if (c == ';') throw InputError("the tag '" + tag + "' contains ';', which separates tags in the CSV files");
    if (c == '|' || c == '/')
      throw InputError("the tag '" + tag + "' contains '" + std::string(1, static_cast<char>(c)) +
                       "', which separates levels of hierarchical tags in photo managers");
  }
  if (tag.size() > 200) throw InputError("a tag may have at most 200 bytes, '" + tag.substr(0, 40) + "...' has more");
  return tag;
}

std::vector<std::size_t> review_order(const ProjectData& data, ReviewOrder order) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < data.images.size(); ++i)
    if (!data.images[i].missing) out.push_back(i);
  std::sort(out.begin(), out.end(),
            [&](std::size_t a, std::size_t b) { return data.images[a].path < data.images[b].path; });
  if (order == ReviewOrder::Random) {
    std::mt19937_64 rng(data.seed);
    std::shuffle(out.begin(), out.end(), rng);
  } else if (order == ReviewOrder::Uncertain) {
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
      const double ma = data.images[a].margin, mb = data.images[b].margin;
      if (std::isnan(ma) || std::isnan(mb)) return !std::isnan(ma) && std::isnan(mb);
      return ma < mb;
    });
  }
  // Images certified thresholds decided wait behind those that need the user.
  std::stable_partition(out.begin(), out.end(), [&](std::size_t i) {
    return !(data.images[i].auto_decided && data.images[i].state == ReviewState::Unreviewed);
  });
  return out;
}

ProjectProgress progress_of(const ProjectData& data) {
  ProjectProgress p;
  double seconds = 0;
  for (const auto& image : data.images) {
    if (image.missing) {
      ++p.missing;
      continue;
    }
    ++p.total;
    if (image.state == ReviewState::Reviewed) {
      ++p.reviewed;
      seconds += image.review_seconds;
    }
    if (image.state == ReviewState::Skipped) ++p.skipped;
    if (!std::isnan(image.margin)) ++p.scored;
    if (image.state == ReviewState::Unreviewed) {
      if (image.auto_decided)
        ++p.auto_decided;
      else
        ++p.need_review;
      p.auto_accepted_tags += image.auto_accepted.size();
    }
  }
  p.seconds_per_image = p.reviewed ? seconds / static_cast<double>(p.reviewed) : 0.0;
  return p;
}

std::string ScanResult::summary() const {
  std::string s = std::to_string(added) + " new, " + std::to_string(missing) + " missing, " + std::to_string(returned) +
                  " back, " + std::to_string(changed) + " changed";
  if (!skipped.empty()) s += "; " + skip_counts(skipped);
  return s;
}

// --- JSON -------------------------------------------------------------------

namespace {

json image_to_json(const ProjectImage& im) {
  json suggested = json::array();
  for (const auto& s : im.suggested) suggested.push_back({{"tag", s.tag}, {"score", s.score}, {"above", s.above}});
  json j{{"path", im.path},         {"size", im.size},
         {"mtime", im.mtime},       {"state", to_string(im.state)},
         {"suggested", suggested},  {"imported", im.imported},
         {"accepted", im.accepted}, {"rejected", im.rejected},
         {"added", im.added},       {"review_seconds", im.review_seconds}};
  j["margin"] = std::isnan(im.margin) ? json(nullptr) : json(im.margin);
  if (!im.scored_by.empty()) j["scored_by"] = im.scored_by;
  if (im.missing) j["missing"] = true;
  if (im.changed) j["changed"] = true;
  if (im.trained) j["trained"] = true;
  if (!im.auto_accepted.empty()) j["auto_accepted"] = im.auto_accepted;
  if (!im.auto_rejected.empty()) j["auto_rejected"] = im.auto_rejected;
  if (im.auto_decided) j["auto_decided"] = true;
  return j;
}

std::vector<std::string> string_list(const json& j, const char* field, const std::string& where) {
  std::vector<std::string> out;
  if (!j.contains(field)) return out;
  if (!j[field].is_array()) throw InputError(where + ": '" + field + "' must be an array of strings");
  for (std::size_t i = 0; i < j[field].size(); ++i) {
    if (!j[field][i].is_string())
      throw InputError(where + ": " + field + "[" + std::to_string(i) + "] must be a string");
    out.push_back(j[field][i].get<std::string>());
  }
  return out;
}

// A project is shared between people: an image path that leaves its folders
// ("../../etc/passwd") is refused, naming the file and the entry.
void refuse_outside(const std::string& path, const std::vector<std::string>& folders, const std::string& where) {
  if (lexically_inside(path, folders)) return;
  std::string list;
  for (const auto& f : folders) list += (list.empty() ? "" : ", ") + f;
  throw InputError(where + ": the image path '" + path + "' lies outside the project's image folders (" + list +
                   "); the project file was not changed");
}

ProjectImage image_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) throw InputError(where + ": must be an object");
  ProjectImage im;
  if (!j.contains("path") || !j["path"].is_string() || j["path"].get<std::string>().empty())
    throw InputError(where + ": 'path' must be a non-empty string");
  im.path = j["path"].get<std::string>();
  auto number = [&](const char* field, auto fallback) {
    if (!j.contains(field) || j[field].is_null()) return fallback;
    if (!j[field].is_number()) throw InputError(where + ": '" + field + "' must be a number");
    return j[field].get<decltype(fallback)>();
  };
  im.size = number("size", std::int64_t{-1});
  im.mtime = number("mtime", std::int64_t{0});
  im.review_seconds = number("review_seconds", 0.0);
  im.margin = number("margin", std::numeric_limits<double>::quiet_NaN());
  const std::string state = j.value("state", std::string("unreviewed"));
  if (state == "reviewed")
    im.state = ReviewState::Reviewed;
  else if (state == "skipped")
    im.state = ReviewState::Skipped;
  else if (state != "unreviewed")
    throw InputError(where + ": 'state' must be unreviewed, reviewed or skipped, got '" + state + "'");
  if (j.contains("suggested")) {
    if (!j["suggested"].is_array()) throw InputError(where + ": 'suggested' must be an array");
    for (std::size_t i = 0; i < j["suggested"].size(); ++i) {
      const auto& s = j["suggested"][i];
      const std::string w = where + ": suggested[" + std::to_string(i) + "]";
      if (!s.is_object() || !s.contains("tag") || !s["tag"].is_string() || !s.contains("score") ||
          !s["score"].is_number())
        throw InputError(w + " must be {\"tag\": string, \"score\": number}");
      im.suggested.push_back({s["tag"].get<std::string>(), s["score"].get<float>(), s.value("above", false)});
    }
  }
  im.imported = string_list(j, "imported", where);
  im.accepted = string_list(j, "accepted", where);
  im.rejected = string_list(j, "rejected", where);
  im.added = string_list(j, "added", where);
  im.scored_by = j.value("scored_by", std::string());
  im.missing = j.value("missing", false);
  im.changed = j.value("changed", false);
  im.trained = j.value("trained", false);
  im.auto_accepted = string_list(j, "auto_accepted", where);
  im.auto_rejected = string_list(j, "auto_rejected", where);
  if (j.contains("auto_decided") && !j["auto_decided"].is_boolean())
    throw InputError(where + ": 'auto_decided' must be true or false");
  im.auto_decided = j.value("auto_decided", false);
  return im;
}

// "file: parse error at line L, column C: ..." (nlohmann names the place).
std::string parse_error_at(const std::string& source, const json::exception& e) {
  std::string what = json_error_in_words(e);
  if (auto p = what.find("parse error"); p != std::string::npos) what = what.substr(p);
  return source + ": " + what;
}

}  // namespace

std::string project_to_json(const ProjectData& data) {
  json images = json::array();
  for (const auto& im : data.images) images.push_back(image_to_json(im));
  json j{{"format_version", data.format_version},
         {"folders", data.folders},
         {"vocabulary", data.vocabulary},
         {"run", data.run},
         {"runs", data.runs},
         {"seed", data.seed},
         {"images", images}};
  return j.dump(1) + "\n";
}

namespace {

// Every key project.json may hold: a project of one image with every
// optional field set, written out by project_to_json.
json known_project_keys() {
  ProjectImage im;
  im.suggested = {Suggestion{"tag", 0.5f, true}};
  im.scored_by = "run", im.missing = im.changed = im.trained = im.auto_decided = true;
  im.auto_accepted = im.auto_rejected = {"tag"};
  ProjectData full;
  full.images = {im};
  return json::parse(project_to_json(full));
}

}  // namespace

ProjectData project_from_json(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e999
    throw InputError(parse_error_at(source, e));
  }
  if (!j.is_object()) throw InputError(source + ": expected a JSON object");
  if (const auto unknown = unknown_keys(j, known_project_keys()); !unknown.empty())
    throw InputError(source + ": " + join_names(unknown, "; "));
  ProjectData d;
  if (!j.contains("format_version") || !j["format_version"].is_number_integer())
    throw InputError(source + ": 'format_version' is missing");
  d.format_version = j["format_version"].get<int>();
  if (d.format_version != 1)
    throw InputError(source + ": format_version " + std::to_string(d.format_version) +
                     " is not one this version reads (1)");
  d.folders = string_list(j, "folders", source);
  d.vocabulary = string_list(j, "vocabulary", source);
  d.runs = string_list(j, "runs", source);
  d.run = j.value("run", std::string());
  if (j.contains("seed") && j["seed"].is_number_unsigned()) d.seed = j["seed"].get<std::uint64_t>();
  if (j.contains("images")) {
    if (!j["images"].is_array()) throw InputError(source + ": 'images' must be an array");
    for (std::size_t i = 0; i < j["images"].size(); ++i) {
      const std::string where = source + ": images[" + std::to_string(i) + "]";
      d.images.push_back(image_from_json(j["images"][i], where));
      refuse_outside(d.images.back().path, d.folders, where);
    }
  }
  std::sort(d.images.begin(), d.images.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return d;
}

// --- the project folder --------------------------------------------------------

namespace {

constexpr std::size_t kCompactAfter = 500;  // journal lines before the snapshot is rewritten

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
  return buffer;
}

struct FileStamp {
  std::int64_t size = -1, mtime = 0;
};

FileStamp stamp_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {static_cast<std::int64_t>(st.st_size), static_cast<std::int64_t>(st.st_mtime)};
}

}  // namespace

struct Project::Impl {
  std::string dir;
  ProjectData data;
  bool read_only = false;
  std::string read_only_reason;
  bool own_lock = false;
  int journal_fd = -1;
  std::size_t journal_lines = 0;
  std::map<std::string, std::size_t> index;

  fs::path file(const char* name) const { return fs::path(dir) / name; }

  void reindex() {
    std::sort(data.images.begin(), data.images.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    index.clear();
    for (std::size_t i = 0; i < data.images.size(); ++i) index[data.images[i].path] = i;
  }

  // Takes the lock, or explains who has it.
  void lock() {
    const std::string path = file("lock").string();
    for (int attempt = 0; attempt < 2; ++attempt) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd >= 0) {
        const std::string who = std::to_string(::getpid()) + " " + host_name() + "\n";
        const bool ok = ::write(fd, who.data(), who.size()) == static_cast<ssize_t>(who.size());
        ::fsync(fd);
        ::close(fd);
        if (!ok) throw Error(path + ": cannot write the lock file");
        own_lock = true;
        return;
      }
      if (errno != EEXIST) throw Error(path + ": cannot create the lock file: " + std::strerror(errno));
      std::ifstream in(path);
      long pid = 0;
      std::string host;
      in >> pid >> host;
      const bool stale = host == host_name() && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
      if (!stale) {
        read_only = true;
        read_only_reason = "opened read-only: another AIA Studio (process " + std::to_string(pid) + " on " +
                           (host.empty() ? std::string("an unknown host") : host) +
                           ") has this project open; close it there to edit here (or delete " + path +
                           " if that process is gone)";
        return;
      }
      fs::remove(path);  // left by a process that died; take it over
    }
    throw Error(path + ": cannot take the lock");
  }

  void unlock() {
    if (own_lock) {
      std::error_code ec;
      fs::remove(file("lock"), ec);
      own_lock = false;
    }
  }

  void open_journal() {
    if (read_only) return;
    journal_fd = ::open(file("journal.jsonl").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (journal_fd < 0) throw Error(file("journal.jsonl").string() + ": cannot open: " + std::strerror(errno));
  }

  void append(const json& entry) {
    if (read_only) throw Error("the project " + dir + " is " + read_only_reason);
    const std::string line = entry.dump() + "\n";
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = ::write(journal_fd, line.data() + written, line.size() - written);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Error(file("journal.jsonl").string() + ": cannot write the edit: " + std::strerror(errno));
      }
      written += static_cast<std::size_t>(n);
    }
    if (::fdatasync(journal_fd) != 0)
      throw Error(file("journal.jsonl").string() + ": cannot flush the edit: " + std::strerror(errno));
    if (++journal_lines >= kCompactAfter) save();
  }

  void replay_journal() {
    const fs::path path = file("journal.jsonl");
    if (!fs::exists(path)) return;
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string where = path.string() + ": line " + std::to_string(i + 1);
      json entry;
      try {
        entry = json::parse(lines[i]);
      } catch (const json::exception&) {
        if (i + 1 == lines.size()) break;  // cut by a crash while it was written
        throw InputError(where + ": not a JSON line (the snapshot project.json is intact)");
      }
      if (!entry.is_object()) throw InputError(where + ": expected an object");
      for (const auto& tag : string_list(entry, "vocabulary", where)) add_unique(data.vocabulary, tag);
      if (entry.contains("image")) {
        ProjectImage image = image_from_json(entry["image"], where);
        refuse_outside(image.path, data.folders, where);
        auto it = index.find(image.path);
        if (it == index.end()) {
          data.images.push_back(std::move(image));
          reindex();
        } else {
          data.images[it->second] = std::move(image);
        }
      }
      ++journal_lines;
    }
  }

  // Compares the folders with the records; `touched` tells whether any record changed.
  ScanResult scan(bool& touched) {
    ScanResult result;
    ImageFiles found = collect_image_files(data.folders);
    result.skipped = found.rejected;
    // A link inside a folder that leads out of every folder is not taken (its target is never read).
    const ResolvedRoots roots(data.folders);
    std::erase_if(found.images, [&](const std::string& path) {
      if (roots.contains(path)) return false;
      result.skipped.push_back({path, "a link that leads outside the project's image folders", "outside its folders"});
      return true;
    });
    std::set<std::string> present(found.images.begin(), found.images.end());
    for (auto& image : data.images) {
      if (!present.count(image.path)) {
        if (!image.missing) {
          ++result.missing;
          touched = true;
        }
        image.missing = true;
        continue;
      }
      if (image.missing) {
        ++result.returned;
        touched = true;
      }
      image.missing = false;
      const FileStamp now = stamp_of(image.path);
      if (now.size == image.size && now.mtime == image.mtime) continue;
      if (image.size >= 0) {
        image.changed = true;
        ++result.changed;
      }
      image.size = now.size;
      image.mtime = now.mtime;
      touched = true;
    }
    for (const auto& path : found.images) {
      if (index.count(path)) continue;
      ProjectImage image;
      image.path = path;
      const FileStamp now = stamp_of(path);
      image.size = now.size;
      image.mtime = now.mtime;
      data.images.push_back(std::move(image));
      ++result.added;
      touched = true;
    }
    if (touched) reindex();
    return result;
  }

  void save() {
    if (read_only) throw Error("the project " + dir + " is " + read_only_reason);
    const fs::path json_path = file("project.json");
    if (fs::exists(json_path)) write_file_atomically(file("project.json.bak").string(), read_file(json_path.string()));
    write_file_atomically(json_path.string(), project_to_json(data));
    if (journal_fd >= 0) {
      if (::ftruncate(journal_fd, 0) != 0)
        throw Error(file("journal.jsonl").string() + ": cannot empty it: " + std::strerror(errno));
      ::fsync(journal_fd);
    }
    journal_lines = 0;
  }

  ~Impl() {
    if (!read_only && journal_lines > 0) {
      try {
        save();
      } catch (...) {
        // the journal still holds the edits; the next open replays them
      }
    }
    if (journal_fd >= 0) ::close(journal_fd);
    unlock();
  }
};

Project::Project(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

const std::string& Project::dir() const { return impl_->dir; }
const ProjectData& Project::data() const { return impl_->data; }
bool Project::read_only() const { return impl_->read_only; }
const std::string& Project::read_only_reason() const { return impl_->read_only_reason; }

Project Project::create(const std::string& dir, const std::vector<std::string>& folders) {
  if (folders.empty()) throw InputError("a project needs at least one image folder");
  for (const auto& folder : folders)
    if (!fs::is_directory(folder)) throw InputError(folder + ": not a folder");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir + ": cannot create the project folder: " + ec.message());
  if (fs::exists(fs::path(dir) / "project.json")) throw InputError(dir + ": holds a project already (open it instead)");
  auto impl = std::make_unique<Impl>();
  impl->dir = fs::absolute(dir).lexically_normal().string();
  impl->lock();
  if (impl->read_only) throw Error(impl->dir + ": " + impl->read_only_reason);
  impl->data.seed = std::random_device{}();
  impl->open_journal();
  Project project(std::move(impl));
  project.add_folders(folders);
  return project;
}

Project Project::open(const std::string& dir, bool read_only) {
  auto impl = std::make_unique<Impl>();
  impl->dir = fs::absolute(dir).lexically_normal().string();
  const fs::path json_path = impl->file("project.json");
  if (!fs::exists(json_path)) throw InputError(impl->dir + ": no project.json (is this an annotation project folder?)");
  if (read_only) {
    impl->read_only = true;
    impl->read_only_reason = "opened read-only, as asked";
  } else {
    impl->lock();
  }
  try {
    impl->data = project_from_json(read_file(json_path.string()), json_path.string());
    impl->reindex();
    impl->replay_journal();
  } catch (const InputError& e) {
    impl->unlock();
    const bool has_backup = fs::exists(impl->file("project.json.bak"));
    throw InputError(std::string(e.what()) + "; the file was left as it is" +
                     (has_backup ? "; the previous good copy is " + impl->file("project.json.bak").string() : ""));
  }
  impl->open_journal();
  return Project(std::move(impl));
}

void Project::set_image(std::size_t index, const ProjectImage& image) {
  if (index >= impl_->data.images.size()) throw InputError("no image " + std::to_string(index) + " in the project");
  if (impl_->data.images[index].path != image.path)
    throw InputError("the record of " + image.path + " cannot replace that of " + impl_->data.images[index].path);
  std::vector<std::string> new_tags;
  for (const auto* list : {&image.accepted, &image.added})
    for (const auto& t : *list)
      if (!contains(impl_->data.vocabulary, t) && !contains(new_tags, t)) new_tags.push_back(t);
  json entry{{"image", image_to_json(image)}};
  if (!new_tags.empty()) entry["vocabulary"] = new_tags;
  const ProjectImage before = impl_->data.images[index];
  impl_->data.images[index] = image;
  for (const auto& t : new_tags) impl_->data.vocabulary.push_back(t);
  try {
    impl_->append(entry);
  } catch (...) {
    impl_->data.images[index] = before;
    for (std::size_t i = 0; i < new_tags.size(); ++i) impl_->data.vocabulary.pop_back();
    throw;
  }
}

ScanResult Project::rescan() {
  bool touched = false;
  ScanResult result = impl_->scan(touched);
  if (touched) save();  // an unchanged folder costs no snapshot (13 MB at 50,000 images)
  return result;
}

void Project::add_folders(const std::vector<std::string>& folders) {
  for (const auto& folder : folders) {
    if (!fs::is_directory(folder)) throw InputError(folder + ": not a folder");
    add_unique(impl_->data.folders, fs::absolute(folder).lexically_normal().string());
  }
  bool touched = false;
  impl_->scan(touched);
  save();  // always: a new project's first snapshot, and the folder list
}

void Project::set_run(const std::string& run_dir) {
  const std::string run = run_dir.empty() ? std::string() : fs::absolute(run_dir).lexically_normal().string();
  impl_->data.run = run;
  save();
}

void Project::record_trained_run(const std::string& run_dir) {
  const std::string run = fs::absolute(run_dir).lexically_normal().string();
  add_unique(impl_->data.runs, run);
  impl_->data.run = run;
  save();
}

void Project::replace_images(std::vector<ProjectImage> images, std::vector<std::string> vocabulary) {
  impl_->data.images = std::move(images);
  impl_->data.vocabulary = std::move(vocabulary);
  impl_->reindex();
  save();
}

void Project::save() { impl_->save(); }

std::size_t Project::index_of(const std::string& path) const {
  auto it = impl_->index.find(path);
  return it == impl_->index.end() ? npos : it->second;
}

std::string Project::scores_path(const std::string& run_dir) const {
  return (fs::path(impl_->dir) / "scores" / (fs::path(run_dir).filename().string() + ".csv")).string();
}

std::string new_project_dir(const std::string& data_folder, const std::string& images_folder) {
  const std::filesystem::path folder = std::filesystem::path(images_folder).lexically_normal();
  const std::string name = (folder.has_filename() ? folder : folder.parent_path()).filename().string();
  const std::filesystem::path base = std::filesystem::path(data_folder) / "projects" / name;
  std::filesystem::path dir = base;
  std::error_code ec;
  for (int n = 2; std::filesystem::exists(dir / "project.json", ec); ++n) dir = base.string() + "-" + std::to_string(n);
  return dir.string();
}

}  // namespace aia
