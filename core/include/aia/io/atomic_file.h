#pragma once
// Every file AIA Studio writes goes through here: the bytes go to a temporary
// name in the destination folder, are flushed to disk, and the temporary file
// is renamed over the destination. A crash or a full disk leaves either the old
// file or the new one, never half of one.

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace aia {

// Writes `bytes` to `path` atomically. Throws aia::Error naming the path.
void write_file_atomically(const std::string& path, std::string_view bytes);

// Streams into a temporary file through `fill`, then renames it to `path`.
// If `fill` throws, the temporary file is removed and `path` is untouched.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& fill);

// Reads a whole file; throws aia::Error naming the path when it cannot.
std::string read_file(const std::string& path);

}  // namespace aia
