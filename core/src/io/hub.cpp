// Files from the Hugging Face Hub in huggingface_hub's cache (hub.h).

#include "aia/io/hub.h"

#include "aia/io/atomic_file.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>

namespace fs = std::filesystem;

namespace aia {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

bool env_true(const char* name) {
  std::string v = env(name);
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

bool is_commit(const std::string& s) {
  return s.size() == 40 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::string hex(const unsigned char* bytes, unsigned length) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) out += digits[bytes[i] >> 4], out += digits[bytes[i] & 15];
  return out;
}

std::string digest_of_file(const std::string& path, const EVP_MD* md, const std::string& prefix) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open '" + path + "': " + std::strerror(errno));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), md, nullptr);
  EVP_DigestUpdate(ctx.get(), prefix.data(), prefix.size());
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_DigestFinal_ex(ctx.get(), out, &length);
  return hex(out, length);
}

// The etag as huggingface_hub keeps it: quotes and a weak marker removed.
std::string clean_etag(std::string etag) {
  if (etag.rfind("W/", 0) == 0) etag.erase(0, 2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  return etag;
}

std::string host_of(const std::string& url) {
  const auto start = url.find("://");
  if (start == std::string::npos) return {};
  const auto from = start + 3, end = url.find('/', from);
  return url.substr(0, end == std::string::npos ? url.size() : end);  // scheme://host:port
}

struct Answer {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string location;                        // absolute, for a redirect
  std::string error;                           // curl's words when no answer came
  CURLcode code = CURLE_OK;
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<Answer*>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue): its status, no headers yet
    answer->headers.clear();
    const auto space = line.find(' ');
    answer->status = space == std::string::npos ? 0 : std::strtol(line.c_str() + space + 1, nullptr, 10);
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon), value = line.substr(colon + 1);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto a = value.find_first_not_of(" \t"), b = value.find_last_not_of(" \t\r\n");
    answer->headers[name] = a == std::string::npos ? std::string() : value.substr(a, b - a + 1);
  }
  return size * count;
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

using Curl = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

Curl easy(const std::string& url, const HubOptions& o, Answer& answer, Headers& headers) {
  init_curl_once();
  Curl curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw Error("libcurl could not start a transfer");
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are followed here, the token dropped across hosts
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.stall_timeout_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "aia-studio (huggingface_hub cache layout)");
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &answer);
  headers.reset(curl_slist_append(headers.release(), "Accept-Encoding: identity"));
  if (!o.token.empty() && host_of(url) == host_of(o.endpoint))
    headers.reset(curl_slist_append(headers.release(), ("Authorization: Bearer " + o.token).c_str()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  return curl;
}

void finish(CURL* c, Answer& answer) {
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  char* location = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) answer.location = location;
}

// A failure to reach the Hub or to finish a transfer: the cache may still answer, and a part is kept.
struct NetworkError : Error {
  using Error::Error;
};

// HEAD, following redirects on the same host only (as huggingface_hub does):
// the metadata headers are those of the Hub's own answer, whose Location leads to the CDN.
Answer head(const std::string& url, const HubOptions& o) {
  std::string at = url;
  for (int hop = 0; hop < 5; ++hop) {
    Answer answer;
    Headers headers(nullptr, curl_slist_free_all);
    Curl curl = easy(at, o, answer, headers);
    curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    answer.code = curl_easy_perform(curl.get());
    if (answer.code != CURLE_OK) {
      answer.error = curl_easy_strerror(answer.code);
      throw NetworkError(at + ": " + answer.error);
    }
    finish(curl.get(), answer);
    const bool redirect = answer.status >= 300 && answer.status < 400 && !answer.location.empty();
    if (!redirect || host_of(answer.location) != host_of(at)) return answer;
    at = answer.location;
  }
  throw Error(url + ": too many redirects");
}

std::string describe_status(const Answer& a, const HubFile& f, const std::string& endpoint) {
  const std::string what = f.repo + "@" + f.revision + ":" + f.file;
  const std::string code = a.header("x-error-code");
  if (a.status == 401 || a.status == 403)
    return what + ": the Hub answered " + std::to_string(a.status) +
           " (a gated or private model: accept its terms on the Hub and set HF_TOKEN to a token that may read it)";
  if (a.status == 404) {
    if (code == "RepoNotFound") return f.repo + ": no such model on " + endpoint + " (or it is private: set HF_TOKEN)";
    if (code == "RevisionNotFound") return f.repo + ": no revision '" + f.revision + "'";
    if (code == "EntryNotFound") return f.repo + "@" + f.revision + ": no file '" + f.file + "'";
    return what + ": not found on " + endpoint + " (the repo, the revision or the file)";
  }
  return what + ": the Hub answered " + std::to_string(a.status);
}

struct Paths {
  fs::path repo, blob, partial, lock, snapshot, ref;
};

Paths paths_for(const HubOptions& o, const HubFile& f, const std::string& commit, const std::string& etag) {
  Paths p;
  p.repo = fs::path(o.cache_dir) / hub_repo_folder(f.repo);
  p.blob = p.repo / "blobs" / etag;
  p.partial = p.repo / "blobs" / (etag + ".aia-incomplete");
  p.lock = fs::path(o.cache_dir) / ".locks" / hub_repo_folder(f.repo) / (etag + ".lock");
  p.snapshot = p.repo / "snapshots" / commit / f.file;
  p.ref = p.repo / "refs" / f.revision;
  return p;
}

// The snapshot's relative link to its blob, as huggingface_hub makes it.
void link_snapshot(const Paths& p) {
  fs::create_directories(p.snapshot.parent_path());
  const fs::path target = fs::relative(p.blob, p.snapshot.parent_path());
  std::error_code ec;
  if (fs::is_symlink(p.snapshot, ec) || fs::exists(p.snapshot, ec)) {
    if (fs::is_symlink(p.snapshot) && fs::read_symlink(p.snapshot) == target) return;
    fs::remove(p.snapshot);
  }
  fs::create_symlink(target, p.snapshot, ec);
  if (ec) fs::copy_file(p.blob, p.snapshot, fs::copy_options::overwrite_existing);  // a file system without links
}

// From the cache alone: refs/<revision> names the commit (or the revision is one).
bool resolve_cached(const HubOptions& o, const HubFile& f, HubResult& out) {
  const fs::path repo = fs::path(o.cache_dir) / hub_repo_folder(f.repo);
  std::string commit = f.revision;
  if (!is_commit(commit)) {
    std::ifstream ref(repo / "refs" / f.revision);
    if (!ref || !std::getline(ref, commit)) return false;
  }
  const fs::path snapshot = repo / "snapshots" / commit / f.file;
  std::error_code ec;
  if (!fs::is_regular_file(snapshot, ec)) return false;  // follows the link: a dangling one does not count
  out.path = snapshot.string();
  out.commit = commit;
  out.size = static_cast<std::int64_t>(fs::file_size(snapshot, ec));
  if (fs::is_symlink(snapshot)) out.etag = fs::read_symlink(snapshot).filename().string();
  out.from_cache = true;
  return true;
}

struct Lock {
  int fd = -1;
  explicit Lock(const fs::path& path) {
    fs::create_directories(path.parent_path());
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw Error("cannot create the lock '" + path.string() + "': " + std::strerror(errno));
    while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~Lock() {
    if (fd >= 0) ::close(fd);
  }
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
};

struct Sink {
  std::FILE* file = nullptr;
  std::string path;
  int write_errno = 0;
  Answer* answer = nullptr;
  bool truncated = false;  // a 200 to a Range request: start over
  std::int64_t offset = 0, total = 0;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  const HubProgressFn* progress = nullptr;
  bool cancelled = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* s = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  // Only a 200 or a 206 carries the file; a redirect's or an error's body is not written.
  if (s->answer->status != 200 && s->answer->status != 206) return n;
  if (!s->truncated && s->offset > 0 && s->answer->status == 200) {
    // The server ignored Range (200): the part on disk is dropped and the file starts over.
    if (std::fflush(s->file) != 0 || ::ftruncate(fileno(s->file), 0) != 0) return 0;
    std::rewind(s->file);
    s->offset = 0;
    s->truncated = true;
  }
  if (std::fwrite(data, 1, n, s->file) != n) {
    s->write_errno = errno;
    return 0;
  }
  return n;
}

int on_progress(void* user, curl_off_t, curl_off_t now, curl_off_t, curl_off_t) {
  auto* s = static_cast<Sink*>(user);
  if (!s->progress || !*s->progress) return 0;
  HubProgress p;
  p.done = s->offset + now;
  p.total = s->total;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - s->start).count();
  p.bytes_per_second = seconds > 0 ? double(now) / seconds : 0;
  if (p.bytes_per_second > 0 && p.total > 0) p.eta_seconds = double(p.total - p.done) / p.bytes_per_second;
  if (!(*s->progress)(p)) {
    s->cancelled = true;
    return 1;
  }
  return 0;
}

// GET `url` into `p.partial`, resuming what is there; follows redirects, the
// token kept for the endpoint's host only.
void fetch(std::string url, const HubOptions& o, const Paths& p, std::int64_t total, const HubProgressFn& progress) {
  fs::create_directories(p.partial.parent_path());
  std::error_code ec;
  const std::int64_t have = fs::exists(p.partial, ec) ? static_cast<std::int64_t>(fs::file_size(p.partial, ec)) : 0;
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(p.partial.c_str(), "ab"), std::fclose);
  if (!file) throw Error("cannot write '" + p.partial.string() + "': " + std::strerror(errno));
  for (int hop = 0; hop < 5; ++hop) {
    Answer answer;
    Headers headers(nullptr, curl_slist_free_all);
    Curl curl = easy(url, o, answer, headers);
    Sink sink;
    sink.file = file.get(), sink.path = p.partial.string(), sink.answer = &answer, sink.offset = have;
    sink.total = total, sink.progress = &progress;
    CURL* c = curl.get();
    const std::string range = std::to_string(have) + "-";
    if (have > 0) curl_easy_setopt(c, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &sink);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 0L);
    const CURLcode code = curl_easy_perform(c);
    finish(c, answer);
    std::fflush(file.get());
    if (sink.cancelled) throw HubCancelled("the download was cancelled (the part fetched is kept for a resume)");
    if (sink.write_errno != 0)
      throw Error("cannot write '" + p.partial.string() + "': " + std::strerror(sink.write_errno) +
                  (sink.write_errno == ENOSPC ? " (free some space and run it again: it resumes)" : ""));
    if (code != CURLE_OK) {
      const std::string why = curl_easy_strerror(code);
      throw NetworkError(url + ": " + why + " (the part fetched is kept: run it again to resume)");
    }
    if (answer.status >= 300 && answer.status < 400 && !answer.location.empty()) {
      url = answer.location;
      continue;
    }
    if (answer.status == 416) {  // the part on disk is not a prefix the server knows: start over
      file.reset();
      fs::remove(p.partial, ec);
      throw NetworkError(url + ": the server refused the resumed range; the partial file was removed, run it again");
    }
    if (answer.status != 200 && answer.status != 206)
      throw Error(url + ": the download answered " + std::to_string(answer.status));
    if (::fsync(fileno(file.get())) != 0)
      throw Error("cannot write '" + p.partial.string() + "': " + std::strerror(errno));
    return;
  }
  throw Error(url + ": too many redirects");
}

// Size, then etag: a sha256 for an LFS file, a git blob sha1 for a regular one.
void verify(const Paths& p, const std::string& etag, std::int64_t size, const std::string& what) {
  std::error_code ec;
  const auto got = static_cast<std::int64_t>(fs::file_size(p.partial, ec));
  auto refuse = [&](const std::string& why) {
    fs::remove(p.partial, ec);
    throw Error(what + ": " + why + "; the download was discarded and nothing was kept in the cache");
  };
  if (size > 0 && got > size)
    refuse("received " + std::to_string(got) + " bytes, more than its " + std::to_string(size));
  if (size > 0 && got != size)
    throw NetworkError(what + ": the download stopped at " + std::to_string(got) + " of " + std::to_string(size) +
                       " bytes (kept: run it again to resume)");
  const bool sha256 = etag.size() == 64 && etag.find_first_not_of("0123456789abcdef") == std::string::npos;
  const bool sha1 = etag.size() == 40 && etag.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (sha256) {
    if (const auto h = sha256_of_file(p.partial.string()); h != etag)
      refuse("its sha256 is " + h + ", the Hub says " + etag + " (corrupted in transit or on the server)");
  } else if (sha1) {
    if (const auto h = git_sha1_of_file(p.partial.string()); h != etag)
      refuse("its git sha1 is " + h + ", the Hub says " + etag + " (corrupted in transit or on the server)");
  }
}

HubResult from_cache_or(const HubOptions& o, const HubFile& f, const std::string& why) {
  HubResult cached;
  if (resolve_cached(o, f, cached)) {
    cached.note = why;
    return cached;
  }
  throw Error(why + "; and " + f.repo + "@" + f.revision + ":" + f.file + " is not in the cache " + o.cache_dir +
              " (fetch it once online, or with huggingface_hub, or copy the cache folder)");
}

}  // namespace

std::string hub_cache_dir() {
  if (auto v = env("HF_HUB_CACHE"); !v.empty()) return v;
  if (auto v = env("HUGGINGFACE_HUB_CACHE"); !v.empty()) return v;
  if (auto v = env("HF_HOME"); !v.empty()) return (fs::path(v) / "hub").string();
  if (auto v = env("XDG_CACHE_HOME"); !v.empty()) return (fs::path(v) / "huggingface" / "hub").string();
  return (fs::path(env("HOME")) / ".cache" / "huggingface" / "hub").string();
}

HubOptions resolve_hub_options(HubOptions o) {
  if (o.endpoint.empty()) o.endpoint = env("HF_ENDPOINT");
  if (o.endpoint.empty()) o.endpoint = "https://huggingface.co";
  while (!o.endpoint.empty() && o.endpoint.back() == '/') o.endpoint.pop_back();
  if (o.token.empty()) o.token = env("HF_TOKEN");
  if (o.token.empty()) {
    const std::string home =
        env("HF_HOME").empty() ? (fs::path(env("HOME")) / ".cache" / "huggingface").string() : env("HF_HOME");
    std::ifstream in(fs::path(home) / "token");
    if (in) std::getline(in, o.token);
  }
  if (o.cache_dir.empty()) o.cache_dir = hub_cache_dir();
  o.offline = o.offline || env_true("HF_HUB_OFFLINE");
  return o;
}

std::string hub_repo_folder(const std::string& repo) {
  std::string name = "models--";
  for (char c : repo) name += c == '/' ? std::string("--") : std::string(1, c);
  return name;
}

HubFile parse_hub_repo(const std::string& text, const std::string& file) {
  HubFile f;
  const auto at = text.find('@');
  f.repo = text.substr(0, at);
  if (at != std::string::npos) f.revision = text.substr(at + 1);
  f.file = file;
  const auto slash = f.repo.find('/');
  if (f.repo.empty() || slash == std::string::npos || slash == 0 || slash == f.repo.size() - 1 ||
      f.repo.find('/', slash + 1) != std::string::npos || f.repo.find("..") != std::string::npos)
    throw ConfigError("'" + text + "': a model on the Hub is ORG/NAME[@REVISION] (timm/tresnet_m.miil_in21k)");
  if (f.revision.empty() || f.revision.find("..") != std::string::npos)
    throw ConfigError("'" + text + "': the revision after @ is empty or not a branch, tag or commit");
  if (f.file.empty() || f.file.front() == '/' || f.file.find("..") != std::string::npos)
    throw ConfigError("'" + file + "': a file in the repo, such as model.safetensors");
  return f;
}

std::string sha256_of_file(const std::string& path) { return digest_of_file(path, EVP_sha256(), ""); }

std::string git_sha1_of_file(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return digest_of_file(path, EVP_sha1(), "blob " + std::to_string(size) + std::string(1, '\0'));
}

HubResult hub_download(const HubFile& f, const HubOptions& given, const HubProgressFn& progress) {
  const HubOptions o = resolve_hub_options(given);
  if (o.offline) {
    HubResult r = from_cache_or(o, f, "offline (HF_HUB_OFFLINE)");
    r.offline = true;
    return r;
  }
  const std::string url = o.endpoint + "/" + f.repo + "/resolve/" + f.revision + "/" + f.file;
  Answer meta;
  try {
    meta = head(url, o);
  } catch (const NetworkError& e) {
    return from_cache_or(o, f, std::string("the Hub could not be reached (") + e.what() + ")");
  }
  const bool redirect = meta.status >= 300 && meta.status < 400;
  if (meta.status != 200 && !redirect) throw Error(describe_status(meta, f, o.endpoint));
  const std::string commit = meta.header("x-repo-commit");
  std::string etag = clean_etag(meta.header("x-linked-etag"));
  if (etag.empty()) etag = clean_etag(meta.header("etag"));
  std::string size_text = meta.header("x-linked-size");
  if (size_text.empty()) size_text = meta.header("content-length");
  const bool etag_is_a_name =
      !etag.empty() && etag[0] != '.' && etag.find_first_not_of("0123456789abcdefABCDEF-_.") == std::string::npos;
  if (!etag_is_a_name || !is_commit(commit))
    throw Error(url + ": the answer lacks X-Repo-Commit or an ETag (is " + o.endpoint + " a Hub or a mirror of one?)");
  const std::int64_t size = size_text.empty() ? 0 : std::strtoll(size_text.c_str(), nullptr, 10);
  const Paths p = paths_for(o, f, commit, etag);
  if (f.revision != commit) {
    fs::create_directories(p.ref.parent_path());
    write_file_atomically(p.ref.string(), commit);
  }
  HubResult r{p.snapshot.string(), commit, etag, size, true, false, {}};
  std::error_code ec;
  if (fs::exists(p.blob, ec)) {
    link_snapshot(p);
    return r;
  }
  const Lock lock(p.lock);
  if (!fs::exists(p.blob, ec)) {  // another process may have written it while this one waited
    try {
      fetch(redirect && !meta.location.empty() ? meta.location : url, o, p, size, progress);
    } catch (const NetworkError& e) {
      return from_cache_or(o, f, e.what());
    }
    verify(p, etag, size, f.repo + "@" + commit.substr(0, 7) + ":" + f.file);
    fs::rename(p.partial, p.blob);
    r.from_cache = false;
  }
  link_snapshot(p);
  return r;
}

}  // namespace aia
