// Unknown keys of a JSON file, with the nearest known one (known_keys.h).

#include "aia/io/known_keys.h"

#include <algorithm>
#include <cctype>

namespace aia {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Every path of `known` whose last key is `key` ("image_size" -> "data.image_size").
void paths_ending_in(const nlohmann::json& known, const std::string& key, const std::string& path,
                     std::vector<std::string>& out) {
  if (!known.is_object()) return;
  for (const auto& [k, v] : known.items()) {
    const std::string here = path.empty() ? k : path + "." + k;
    if (k == key) out.push_back(here);
    paths_ending_in(v, key, here, out);
  }
}

struct Walk {
  const nlohmann::json& root;
  std::string root_path;  // the prefix of every path
  std::vector<std::string> problems;

  void object(const nlohmann::json& given, const nlohmann::json& known, const std::string& path) {
    std::vector<std::string> names;
    for (const auto& [k, v] : known.items()) names.push_back(k);
    for (const auto& [key, value] : given.items()) {
      const std::string here = path.empty() ? key : path + "." + key;
      const auto k = known.find(key);
      if (k == known.end()) {
        if (key.empty() || key[0] != '_') problems.push_back(here + ": unknown key" + hint(key, names, path));
        continue;
      }
      any(value, *k, here);
    }
  }

  void any(const nlohmann::json& given, const nlohmann::json& known, const std::string& path) {
    if (known.is_object() && given.is_object()) return object(given, known, path);
    if (!known.is_array() || !given.is_array() || known.empty() || !known.front().is_object()) return;
    for (std::size_t i = 0; i < given.size(); ++i)
      if (given[i].is_object()) object(given[i], known.front(), path + "[" + std::to_string(i) + "]");
  }

  // "; did you mean optim.learning_rate?" from the same object's keys, or the
  // same key in another section of the file ("optim.image_size" -> data.image_size).
  std::string hint(const std::string& key, const std::vector<std::string>& names, const std::string& path) const {
    if (const std::string near = nearest_name(key, names); !near.empty())
      return "; did you mean " + (path.empty() ? near : path + "." + near) + "?";
    std::vector<std::string> elsewhere;
    paths_ending_in(root, key, root_path, elsewhere);
    if (!elsewhere.empty()) return "; did you mean " + elsewhere.front() + "?";
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return names.empty() ? std::string() : " (known here: " + list + ")";
  }
};

}  // namespace

std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(name, c);
    if (d < best_distance) best = c, best_distance = d;
  }
  // A likely misspelling: a few edits, and fewer than half the name's letters.
  const std::size_t allowed = std::max<std::size_t>(1, std::min<std::size_t>(3, name.size() / 2));
  return best_distance <= allowed ? best : std::string();
}

std::vector<std::string> unknown_keys(const nlohmann::json& given, const nlohmann::json& known,
                                      const std::string& prefix) {
  std::string path = prefix;
  if (!path.empty() && path.back() == '.') path.pop_back();
  Walk walk{known, path, {}};
  walk.any(given, known, path);
  // A project of 50,000 images with one key misspelt in each says so once, with a count.
  constexpr std::size_t kShown = 10;
  if (walk.problems.size() > kShown) {
    const std::size_t more = walk.problems.size() - kShown;
    walk.problems.resize(kShown);
    walk.problems.push_back("and " + std::to_string(more) + " more unknown key" + (more == 1 ? "" : "s"));
  }
  return walk.problems;
}

}  // namespace aia
