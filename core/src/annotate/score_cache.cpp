#include "aia/annotate/score_cache.h"

#include "aia/data/dataset.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/digest.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace aia {
namespace {

constexpr char kMagic[8] = {'A', 'I', 'A', 'S', 'C', 'R', '0', '1'};
constexpr std::uint32_t kRecordMagic = 0x31524353;  // "SCR1"
constexpr std::uint32_t kMaxPath = 16384;

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// Reads the fields of one file in order; false once it runs past the end.
class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - pos_ < sizeof value) return false;
    std::memcpy(&value, bytes_.data() + pos_, sizeof value);
    pos_ += sizeof value;
    return true;
  }
  bool get(std::string& text, std::size_t n) {
    if (bytes_.size() - pos_ < n) return false;
    text.assign(bytes_, pos_, n);
    pos_ += n;
    return true;
  }
  bool get(std::vector<float>& values, std::size_t n) {
    if ((bytes_.size() - pos_) / sizeof(float) < n) return false;
    values.resize(n);
    std::memcpy(values.data(), bytes_.data() + pos_, n * sizeof(float));
    pos_ += n * sizeof(float);
    return true;
  }
  std::size_t pos() const { return pos_; }
  bool done() const { return pos_ == bytes_.size(); }
  const char* at(std::size_t p) const { return bytes_.data() + p; }

 private:
  const std::string& bytes_;
  std::size_t pos_ = 0;
};

std::string header(const std::string& identity, std::size_t labels) {
  std::string out(kMagic, sizeof kMagic);
  put(out, static_cast<std::uint32_t>(identity.size()));
  out += identity;
  put(out, static_cast<std::uint32_t>(labels));
  return out;
}

void append_record(std::string& out, const std::string& path, FileStamp stamp, std::uint64_t hash,
                   const std::vector<float>& scores) {
  const std::size_t start = out.size();
  put(out, kRecordMagic);
  put(out, static_cast<std::uint32_t>(path.size()));
  out += path;
  put(out, stamp.size);
  put(out, stamp.mtime_ns);
  put(out, hash);
  out.append(reinterpret_cast<const char*>(scores.data()), scores.size() * sizeof(float));
  put(out, fnv1a64(out.data() + start, out.size() - start));
}

bool same(FileStamp a, FileStamp b) { return a.size == b.size && a.mtime_ns == b.mtime_ns; }

}  // namespace

std::string default_score_cache_dir() { return (fs::path(cache_dir()) / "scores").string(); }

std::optional<FileStamp> file_stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{static_cast<std::int64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::string model_identity(const std::string& weights_file, const std::string& description) {
  const auto weights = file_digest(weights_file);
  if (!weights) throw InputError(weights_file + ": cannot be read to identify the model");
  std::uint64_t h = fnv1a64(&weights->hash, sizeof weights->hash);
  h = fnv1a64(&weights->size, sizeof weights->size, h);
  return hex64(fnv1a64(description, h));
}

ScoreCache::ScoreCache(std::string folder, std::string identity, std::size_t labels)
    : folder_(std::move(folder)), identity_(std::move(identity)), labels_(labels) {
  load();
}

std::string ScoreCache::file() const { return (fs::path(folder_) / (identity_ + ".scores")).string(); }

void ScoreCache::load() {
  std::string bytes;
  try {
    if (!fs::exists(file())) return;
    bytes = read_file(file());
  } catch (const std::exception&) {
    rewrite_ = true;
    return;
  }
  Reader r(bytes);
  const std::string expected = header(identity_, labels_);
  std::string head;
  if (!r.get(head, expected.size()) || head != expected) {
    rewrite_ = true;  // another format, identity or label count: replaced at the next save
    return;
  }
  while (!r.done()) {
    const std::size_t start = r.pos();
    std::uint32_t magic = 0, length = 0;
    std::string path;
    Record rec;
    std::uint64_t checksum = 0;
    if (!r.get(magic) || magic != kRecordMagic || !r.get(length) || length == 0 || length > kMaxPath ||
        !r.get(path, length) || !r.get(rec.stamp.size) || !r.get(rec.stamp.mtime_ns) || !r.get(rec.hash) ||
        !r.get(rec.scores, labels_)) {
      rewrite_ = true;  // cut short or damaged: what follows is not trusted
      return;
    }
    const std::uint64_t expected_sum = fnv1a64(r.at(start), r.pos() - start);
    if (!r.get(checksum) || checksum != expected_sum) {
      rewrite_ = true;
      return;
    }
    records_[path] = std::move(rec);
    ++records_on_disk_;
  }
}

std::optional<std::vector<float>> ScoreCache::find(const std::string& path, FileStamp* seen) {
  const auto stamp = file_stamp(path);
  if (seen) *seen = stamp.value_or(FileStamp{});
  if (!stamp) return std::nullopt;
  auto it = records_.find(path);
  if (it == records_.end() || it->second.stamp.size != stamp->size) return std::nullopt;
  if (it->second.stamp.mtime_ns == stamp->mtime_ns) return it->second.scores;
  // Touched or copied over: the same bytes keep their scores, under the new time.
  const auto digest = file_digest(path);
  if (!digest || digest->hash != it->second.hash || static_cast<std::int64_t>(digest->size) != stamp->size)
    return std::nullopt;
  const auto again = file_stamp(path);
  if (!again || !same(*again, *stamp)) return std::nullopt;  // changed while it was read
  it->second.stamp = *stamp;
  pending_.push_back(path);
  return it->second.scores;
}

bool ScoreCache::store(const std::string& path, FileStamp before, const std::vector<float>& scores) {
  if (scores.size() != labels_ || before.size < 0) return false;
  const auto digest = file_digest(path);
  const auto after = file_stamp(path);
  // Scores of a file that changed while it was decoded or hashed would be kept for the new bytes: not kept.
  if (!digest || !after || !same(before, *after) || static_cast<std::int64_t>(digest->size) != after->size)
    return false;
  records_[path] = Record{*after, digest->hash, scores};
  pending_.push_back(path);
  return true;
}

void ScoreCache::save() {
  if (pending_.empty() && !rewrite_) return;
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec) throw InputError(folder_ + ": cannot make the score cache folder: " + ec.message());
  if (rewrite_ || records_on_disk_ + pending_.size() > 2 * records_.size() + 64) {
    std::string bytes = header(identity_, labels_);
    for (const auto& [path, rec] : records_) append_record(bytes, path, rec.stamp, rec.hash, rec.scores);
    write_file_atomically(file(), bytes);
    records_on_disk_ = records_.size();
  } else {
    std::string bytes;
    for (const auto& path : pending_) {
      const Record& rec = records_.at(path);
      append_record(bytes, path, rec.stamp, rec.hash, rec.scores);
    }
    const int fd = ::open(file().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw InputError(file() + ": cannot open the score cache: " + std::strerror(errno));
    ::flock(fd, LOCK_EX);
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size == 0) bytes.insert(0, header(identity_, labels_));
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        throw InputError(file() + ": cannot append to the score cache: " + reason);
      }
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    records_on_disk_ += pending_.size();
  }
  pending_.clear();
  rewrite_ = false;
}

}  // namespace aia
