#pragma once
// Unknown keys in a JSON file a person writes (a training config, an
// experiment, a project file): each key of the file is looked up in a
// document that holds every key its reader knows, made by the same code that
// reads and writes the values (the config's defaults written out, a full
// experiment or project written out), so no second list of names exists. A key
// beginning with "_" ("_comment", "_note") is a comment and allowed at any
// level. Plain std types and nlohmann_json.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aia {

// One message per unknown key of `given`, in the file's order:
// "optim.learnig_rate: unknown key; did you mean optim.learning_rate?". Objects
// are compared key by key and recursed into; an array of objects in `known`
// checks every object of the same array in `given` against its first element
// (paths like "grid.losses[2].gama_neg"). Values of other types are left to
// the reader. `prefix` is put before every path ("recipe."). At most ten
// are listed, then "and N more unknown keys".
std::vector<std::string> unknown_keys(const nlohmann::json& given, const nlohmann::json& known,
                                      const std::string& prefix = "");

// The name of `candidates` nearest to `name` by edit distance (case ignored),
// or "" when none is near enough to be a likely misspelling.
std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace aia
