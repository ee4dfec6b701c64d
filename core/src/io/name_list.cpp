// One reader for every list of names (name_list.h).

#include "aia/io/name_list.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <cstdint>
#include <unordered_map>

namespace aia {

bool is_valid_utf8(std::string_view text, std::size_t* bad_at) {
  auto fail = [&](std::size_t at) {
    if (bad_at) *bad_at = at;
    return false;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0, least = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      length = 2, code = b & 0x1F, least = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, code = b & 0x0F, least = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, code = b & 0x07, least = 0x10000;
    } else {
      return fail(i);
    }
    if (i + length > text.size()) return fail(i);
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return fail(i);
      code = (code << 6) | (c & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return fail(i);
    i += length;
  }
  return true;
}

std::vector<std::string> parse_name_list(std::string_view text, const std::string& source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> line_of;
  std::size_t line = 0, blank_at = 0;  // blank_at: the first blank line since the last name
  auto where = [&](std::size_t n) { return source + ":" + std::to_string(n) + ": "; };
  while (!text.empty()) {
    ++line;
    const auto end = text.find('\n');
    std::string_view raw = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (std::size_t bad = 0; !is_valid_utf8(raw, &bad))
      throw InputError(where(line) + "byte " + std::to_string(bad + 1) + " is not UTF-8 (save the file as UTF-8)");
    const auto first = raw.find_first_not_of(" \t\r"), last = raw.find_last_not_of(" \t\r");
    if (first == std::string_view::npos) {
      if (blank_at == 0) blank_at = line;
      continue;
    }
    if (blank_at != 0 && !names.empty())
      throw InputError(where(blank_at) + "a blank line between names (one name per line; blank lines only at the end)");
    if (blank_at != 0) throw InputError(where(blank_at) + "a blank line before the first name (one name per line)");
    std::string name(raw.substr(first, last - first + 1));
    if (const auto [it, fresh] = line_of.emplace(name, line); !fresh)
      throw InputError(where(line) + "'" + name + "' is listed twice (lines " + std::to_string(it->second) + " and " +
                       std::to_string(line) + ")");
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> read_name_list(const std::string& path) {
  auto names = parse_name_list(read_file(path), path);
  if (names.empty()) throw InputError(path + ": no names (one per line)");
  return names;
}

}  // namespace aia
