// Zip as torch.save writes it (APPNOTE 6.3: end of central directory, its
// zip64 locator and record, central directory headers, local headers). Only
// what such files use is accepted: one disk, stored entries, no encryption,
// one top folder. Each number read from the file is checked against the bytes
// that are there before it is used as an offset or a size.

#include "aia/io/zip_archive.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <zlib.h>

#include <algorithm>
#include <functional>
#include <limits>

namespace aia {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::size_t kEndSize = 22, kLocatorSize = 20, kZip64EndSize = 56, kCentralSize = 46, kLocalSize = 30;

std::uint64_t le(std::string_view b, std::size_t at, int n) {
  std::uint64_t u = 0;
  for (int i = n - 1; i >= 0; --i) u = (u << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return u;
}

}  // namespace

StoredZip StoredZip::open(const std::string& path) { return from_bytes(read_file(path), path); }

StoredZip StoredZip::from_bytes(std::string bytes, std::string source) {
  StoredZip zip;
  zip.bytes_ = std::move(bytes);
  zip.source_ = std::move(source);
  zip.index();
  return zip;
}

namespace {

// Bytes [at, at + n) lie inside the file (written so that nothing overflows).
bool bytes_inside(std::string_view b, std::uint64_t at, std::uint64_t n) {
  return at <= b.size() && n <= b.size() - at;
}

struct Directory {
  std::uint64_t count = 0, size = 0, at = 0;
  std::uint64_t end() const { return at + size; }
};

struct Entry {
  std::string name;  // with the top folder
  std::uint64_t data = 0, size = 0;
  std::uint32_t crc = 0;
  std::uint64_t header = 0;  // the central directory header's size: where the next one starts
};

// Reads the central directory's place and entry count from the end record
// (and its zip64 record).
Directory find_directory(std::string_view b, const std::function<CheckpointError(const std::string&)>& fail) {
  auto inside = [&](std::uint64_t at, std::uint64_t n) { return bytes_inside(b, at, n); };
  // The end record: its 22 bytes, then a comment of at most 65,535 bytes that must reach the end of the file.
  if (b.size() < kEndSize) throw fail("shorter than a zip end record");
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = b.size() - kEndSize > 0xffff ? b.size() - kEndSize - 0xffff : 0;
  for (std::size_t at = b.size() - kEndSize + 1; at-- > lowest;)
    if (le(b, at, 4) == kEndOfCentralDirectory && at + kEndSize + le(b, at + 20, 2) == b.size()) {
      end = at;
      break;
    }
  if (end == std::string_view::npos) throw fail("no zip end record");
  if (le(b, end + 4, 2) != 0 || le(b, end + 6, 2) != 0) throw fail("multi-disk archives are not supported");
  std::uint64_t count = le(b, end + 10, 2);
  std::uint64_t directory_size = le(b, end + 12, 4);
  std::uint64_t directory_at = le(b, end + 16, 4);
  if (count == 0xffff || directory_size == 0xffffffff || directory_at == 0xffffffff) {
    if (end < kLocatorSize || le(b, end - kLocatorSize, 4) != kZip64Locator)
      throw fail("zip64 fields without a zip64 locator");
    const std::uint64_t record_at = le(b, end - kLocatorSize + 8, 8);
    if (!inside(record_at, kZip64EndSize) || record_at + kZip64EndSize > end - kLocatorSize ||
        le(b, record_at, 4) != kZip64End)
      throw fail("the zip64 end record is outside the file");
    count = le(b, record_at + 32, 8);
    directory_size = le(b, record_at + 40, 8);
    directory_at = le(b, record_at + 48, 8);
  }
  if (!inside(directory_at, directory_size) || directory_at + directory_size > end)
    throw fail("the central directory (" + std::to_string(directory_size) + " bytes at " +
               std::to_string(directory_at) + ") is outside the file");
  if (count > directory_size / kCentralSize)
    throw fail(std::to_string(count) + " entries cannot fit in a central directory of " +
               std::to_string(directory_size) + " bytes");
  if (count == 0) throw fail("the archive is empty");
  return {count, directory_size, directory_at};
}

// Entry i, whose central directory header is at byte `at`: checked against
// its local header, the data area and the one top folder (set by the first).
Entry read_entry(std::string_view b, std::uint64_t i, std::uint64_t at, const Directory& d, std::string& top,
                 const std::function<CheckpointError(const std::string&)>& fail) {
  auto inside = [&](std::uint64_t from, std::uint64_t n) { return bytes_inside(b, from, n); };
  const std::string entry = "entry " + std::to_string(i + 1);
  if (!inside(at, kCentralSize) || at + kCentralSize > d.end() || le(b, at, 4) != kCentralHeader)
    throw fail(entry + ": no central directory header at byte " + std::to_string(at));
  const auto flags = le(b, at + 8, 2);
  const auto method = le(b, at + 10, 2);
  const auto crc = static_cast<std::uint32_t>(le(b, at + 16, 4));
  std::uint64_t packed = le(b, at + 20, 4), size = le(b, at + 24, 4);
  const auto name_length = le(b, at + 28, 2), extra_length = le(b, at + 30, 2), comment_length = le(b, at + 32, 2);
  std::uint64_t local = le(b, at + 42, 4);
  const std::uint64_t variable = name_length + extra_length + comment_length;
  if (variable > d.end() - at - kCentralSize) throw fail(entry + ": its name runs past the central directory");
  const std::string name(b.substr(at + kCentralSize, name_length));
  const std::string_view extra = b.substr(at + kCentralSize + name_length, extra_length);
  // The zip64 extra field holds, in this order, those of the sizes and the offset that read 0xffffffff.
  for (std::size_t e = 0; e + 4 <= extra.size();) {
    const auto id = le(extra, e, 2), length = le(extra, e + 2, 2);
    if (length > extra.size() - e - 4) throw fail(entry + " (" + name + "): a damaged extra field");
    if (id == 0x0001) {
      std::size_t f = e + 4;
      for (auto* field : {&size, &packed, &local})
        if (*field == 0xffffffff) {
          if (f + 8 > e + 4 + length) throw fail(entry + " (" + name + "): a short zip64 extra field");
          *field = le(extra, f, 8);
          f += 8;
        }
    }
    e += 4 + length;
  }
  if (flags & 0x1) throw fail(entry + " (" + name + ") is encrypted");
  if (method != 0)
    throw fail(entry + " (" + name + ") is compressed (method " + std::to_string(method) +
               "); torch.save stores records uncompressed");
  if (packed != size)
    throw fail(entry + " (" + name + "): stored size " + std::to_string(packed) + " differs from its size " +
               std::to_string(size));
  const auto slash = name.find('/');
  if (name.empty() || slash == std::string::npos || slash == 0 || slash + 1 == name.size())
    throw fail(entry + ": name '" + name + "' is not inside a top folder");
  if (top.empty()) top = name.substr(0, slash + 1);
  if (name.compare(0, top.size(), top) != 0)
    throw fail(entry + ": '" + name + "' is outside the top folder '" + top + "'");

  // The local header repeats the name; the data follows it and ends before the central directory.
  if (!inside(local, kLocalSize) || local + kLocalSize > d.at || le(b, local, 4) != kLocalHeader)
    throw fail(entry + " (" + name + "): no local header at byte " + std::to_string(local));
  const auto local_name = le(b, local + 26, 2), local_extra = le(b, local + 28, 2);
  const std::uint64_t data = local + kLocalSize + local_name + local_extra;
  if (local_name != name_length || !inside(local + kLocalSize, local_name) ||
      b.substr(local + kLocalSize, local_name) != name)
    throw fail(entry + " (" + name + "): its local header names another file");
  if (data > d.at || size > d.at - data)
    throw fail(entry + " (" + name + "): " + std::to_string(size) + " bytes at byte " + std::to_string(data) +
               " run past the data area");
  return Entry{name, data, size, crc, kCentralSize + variable};
}

}  // namespace

void StoredZip::index() {
  const std::string_view b = bytes_;
  const std::function<CheckpointError(const std::string&)> fail = [&](const std::string& what) {
    return CheckpointError(source_ + ": not a PyTorch zip checkpoint (torch.save of PyTorch >= 1.6): " + what);
  };
  const Directory d = find_directory(b, fail);
  std::string top;  // the one top folder, with its slash
  std::uint64_t at = d.at;
  for (std::uint64_t i = 0; i < d.count; ++i) {
    const Entry e = read_entry(b, i, at, d, top, fail);
    const auto [it, inserted] = records_.emplace(
        e.name.substr(top.size()), Record{static_cast<std::size_t>(e.data), static_cast<std::size_t>(e.size), e.crc});
    if (!inserted) throw fail("entry " + std::to_string(i + 1) + ": '" + e.name + "' appears twice");
    at += e.header;
  }
}

std::string_view StoredZip::record(const std::string& name) const {
  const auto it = records_.find(name);
  if (it == records_.end()) throw CheckpointError(source_ + ": record '" + name + "' is missing");
  const std::string_view data = std::string_view(bytes_).substr(it->second.begin, it->second.size);
  uLong crc = crc32(0L, Z_NULL, 0);
  for (std::size_t done = 0; done < data.size();) {
    const std::size_t n = std::min<std::size_t>(data.size() - done, std::numeric_limits<uInt>::max());
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + done), static_cast<uInt>(n));
    done += n;
  }
  if (static_cast<std::uint32_t>(crc) != it->second.crc)
    throw CheckpointError(source_ + ": record '" + name + "' is damaged (its CRC-32 does not match)");
  return data;
}

}  // namespace aia
