#pragma once
// Scores kept per image file, so that a photo library is scored once per
// model: `aia annotate`, the Annotate page and project scoring look each file
// up before decoding it. A file is the same file when its size and
// modification time (nanoseconds) match the record, or, when only the time
// differs, its content hash does (FNV-1a 64 of its bytes; a copy or a touch
// keeps its scores). The scores belong to one model identity: the
// checkpoint's bytes, the architecture, image size, normalisation, labels
// and the compute format (model_identity), so another model, another
// precision or a retrained run never reuses them. Thresholds are not part of
// it: tags are always made from the scores with the thresholds of the moment.
//
// One file per identity, `<folder>/<identity>.scores`: a header, then records
// appended (path, size, mtime, hash, every label's score, a checksum). A
// record cut short or damaged ends the reading (what follows is scored
// again); a file of another format or identity is ignored and replaced. The
// appends hold an advisory lock, so two processes can share the folder.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aia {

// cache_dir()/scores: ~/.cache/aia-studio/scores, or under $XDG_CACHE_HOME.
std::string default_score_cache_dir();

struct FileStamp {
  std::int64_t size = -1;
  std::int64_t mtime_ns = 0;
};
// The file's size and modification time; nullopt when it cannot be stat'ed.
std::optional<FileStamp> file_stamp(const std::string& path);

class ScoreCache {
 public:
  // The records of model `identity` (hex64 of model_identity) with `labels` scores each, read from `folder`
  // (created when first written). Reading never throws: an unreadable cache is an empty one.
  ScoreCache(std::string folder, std::string identity, std::size_t labels);

  // The scores of `path` scored before, when it is still the same file; `seen` gets the size and time it
  // has now (size -1 when it cannot be stat'ed), what store() needs after scoring it.
  std::optional<std::vector<float>> find(const std::string& path, FileStamp* seen = nullptr);
  // Records what `path` scored now, when it is still as `before` (hashing it); kept until save().
  // False when it is not kept: the file changed meanwhile, or the scores are not one per label.
  bool store(const std::string& path, FileStamp before, const std::vector<float>& scores);
  // Appends the stored records (or rewrites the file when most of it is stale). Throws aia::Error naming the file.
  void save();

  std::string file() const;
  std::size_t size() const { return records_.size(); }  // files with scores

 private:
  struct Record {
    FileStamp stamp;
    std::uint64_t hash = 0;
    std::vector<float> scores;
  };
  void load();
  std::string folder_, identity_;
  std::size_t labels_;
  std::map<std::string, Record> records_;
  std::vector<std::string> pending_;  // stored, not yet saved
  std::size_t records_on_disk_ = 0;   // records in the file, stale ones included
  bool rewrite_ = false;              // the file is of another model or damaged: written whole at save()
};

// The identity of a model as the cache keys it, from what decides its
// scores: the weights file's bytes and `description` (architecture, image
// size, normalisation, labels, compute format, device; the caller spells it).
std::string model_identity(const std::string& weights_file, const std::string& description);

}  // namespace aia
