#pragma once
// nlohmann_json's exceptions in words, for messages that reach a user: the
// "[json.exception.out_of_range.403] key 'version' not found" of the library
// becomes "the key 'version' is missing". The caller names the file. Plain
// std types and nlohmann_json.

#include <nlohmann/json.hpp>

#include <string>

namespace aia {

// "not valid JSON: parse error at line 3, column 7: ...", "the key 'version' is missing",
// "a value has the wrong type (a number was expected, found a string)", "a number is too large (...)".
std::string json_error_in_words(const nlohmann::json::exception& e);

}  // namespace aia
