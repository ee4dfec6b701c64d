#pragma once
// Lists of names a person writes, one per line (vocabularies, the class names
// of an imported model, --labels files), read by one rule everywhere: a UTF-8
// byte-order mark is removed, so is a CR before each line's end (a file saved
// by a Windows editor), and so are spaces and tabs around each name; blank
// lines at the end are allowed. A blank line between names, a name listed
// twice (both line numbers named) or bytes that are not UTF-8 are refused with
// the file and line. Plain std types.

#include <string>
#include <string_view>
#include <vector>

namespace aia {

// The names of `text`, read as the file `source` (named in every message);
// throws InputError ("labels.txt:4: a blank line between names ...").
std::vector<std::string> parse_name_list(std::string_view text, const std::string& source);

// parse_name_list over the file at `path`; throws InputError when it cannot be
// read or holds no name.
std::vector<std::string> read_name_list(const std::string& path);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF); `bad_at` receives the offset of the first bad byte.
bool is_valid_utf8(std::string_view text, std::size_t* bad_at = nullptr);

}  // namespace aia
