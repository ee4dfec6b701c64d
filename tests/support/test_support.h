#pragma once
// Helpers shared by the test executables: fixture paths and JSON (the
// parity fixture's hash rule is in fixture_hash.h).

#include "fixture_hash.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

namespace aia::test {

inline std::string shared_path(const std::string& relative) { return std::string(AIA_SHARED_DIR) + "/" + relative; }

inline nlohmann::json load_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open fixture " + path);
  return nlohmann::json::parse(in);
}

}  // namespace aia::test
