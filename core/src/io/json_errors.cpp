// nlohmann_json's exception ids (json.exception.<kind>.<id>) in words.

#include "aia/io/json_errors.h"

namespace aia {
namespace {

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const auto a = s.find(open);
  if (a == std::string::npos) return {};
  const auto b = s.find(close, a + open.size());
  return b == std::string::npos ? std::string() : s.substr(a + open.size(), b - a - open.size());
}

// "number", "string", ... with its article.
std::string a_type(std::string type) {
  if (type == "null") return "null";
  const bool vowel = !type.empty() && std::string("aeiou").find(type[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + type;
}

}  // namespace

std::string json_error_in_words(const nlohmann::json::exception& e) {
  std::string what = e.what();
  if (const auto end = what.find("] "); what.rfind("[json.exception.", 0) == 0 && end != std::string::npos)
    what = what.substr(end + 2);  // the library's own prefix says nothing to a user
  switch (e.id) {
    case 101:
    case 102:
    case 103:
      return "not valid JSON: " + what;
    case 403:
      if (auto key = between(what, "key '", "'"); !key.empty()) return "the key '" + key + "' is missing";
      break;
    case 302:
      if (auto want = between(what, "type must be ", ","), got = between(what + "\n", "but is ", "\n");
          !want.empty() && !got.empty())
        return "a value has the wrong type (" + a_type(want) + " was expected, found " + a_type(got) + ")";
      break;
    case 406:
      return "a number is too large (" + what + ")";
    case 401:
      return "a list is shorter than expected (" + what + ")";
    default:
      break;
  }
  return what;
}

}  // namespace aia
