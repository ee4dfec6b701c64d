#pragma once
// The zip container of torch.save files, read by our own validating reader
// instead of LibTorch's (miniz behind PyTorchStreamReader), which has crashed
// on hostile archives. torch.save stores every record uncompressed under one
// top folder ("archive/data.pkl", "archive/data/0", ...), with zip64 fields
// when the file is large; that is all this reader accepts. Every offset and
// size is checked against the file before anything is read or allocated, and
// a record's CRC-32 is verified when it is read.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace aia {

class StoredZip {
 public:
  // Throws CheckpointError naming `source` and what is wrong.
  static StoredZip open(const std::string& path);
  static StoredZip from_bytes(std::string bytes, std::string source);

  // Names are relative to the top folder: "data.pkl", "data/0".
  bool has(const std::string& name) const { return records_.count(name) > 0; }
  // The record's bytes (a view into the archive); throws when it is absent or damaged.
  std::string_view record(const std::string& name) const;
  std::size_t size() const { return bytes_.size(); }
  std::size_t records() const { return records_.size(); }

 private:
  struct Record {
    std::size_t begin = 0, size = 0;
    std::uint32_t crc = 0;
  };
  StoredZip() = default;
  void index();

  std::string bytes_;
  std::string source_;
  std::map<std::string, Record> records_;
};

}  // namespace aia
