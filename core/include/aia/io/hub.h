#pragma once
// Files from the Hugging Face Hub, fetched and cached the way Python's
// huggingface_hub does, so that a file either tool fetched is the other's too:
//   <cache>/models--ORG--NAME/blobs/<etag>          the bytes
//   <cache>/models--ORG--NAME/refs/<revision>       the commit a branch or tag named
//   <cache>/models--ORG--NAME/snapshots/<commit>/<file>  a relative link to the blob
// with <cache> from HF_HUB_CACHE, else HF_HOME/hub, else
// $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
//
// A download asks HEAD {endpoint}/{repo}/resolve/{revision}/{file} (the commit
// from X-Repo-Commit, the etag from X-Linked-Etag or ETag, the size from
// X-Linked-Size or Content-Length, and the Location of a redirect to a CDN),
// then GETs the bytes into blobs/<etag>.aia-incomplete (resumed with Range
// after an interruption; a 200 answer starts it over), checks the size and the
// etag (an LFS file's sha256, a regular file's git blob sha1) and only then
// renames it into place. One writer per blob: the lock file huggingface_hub
// uses (<cache>/.locks/models--ORG--NAME/<etag>.lock, flock). The token goes
// only to the endpoint's host, never across a redirect to another host.
// HF_HUB_OFFLINE=1, or a network failure, resolves from the cache. Plain std
// types; libcurl and OpenSSL's digests inside.

#include "aia/errors.h"

#include <cstdint>
#include <functional>
#include <string>

namespace aia {

struct HubOptions {
  std::string endpoint;   // empty: $HF_ENDPOINT, else https://huggingface.co
  std::string token;      // empty: $HF_TOKEN, else the file $HF_HOME/token when present
  std::string cache_dir;  // empty: hub_cache_dir()
  bool offline = false;   // also when $HF_HUB_OFFLINE is 1, true or yes
  long connect_timeout_s = 10;
  long stall_timeout_s = 30;  // a transfer slower than 1 byte/s for this long fails
};

// The environment's settings filled in where `given` leaves them empty.
HubOptions resolve_hub_options(HubOptions given);

// The cache folder by huggingface_hub's rules (see above).
std::string hub_cache_dir();

struct HubFile {
  std::string repo;               // "timm/tresnet_m.miil_in21k"
  std::string revision = "main";  // a branch, a tag or a 40-digit commit
  std::string file;               // "model.safetensors"
};

// "REPO[@REVISION]" as the command line takes it; throws ConfigError.
HubFile parse_hub_repo(const std::string& text, const std::string& file);

struct HubProgress {
  std::int64_t done = 0, total = 0;  // bytes of the file (done includes a resumed part)
  double bytes_per_second = 0;       // over this transfer
  double eta_seconds = -1;           // -1: unknown
};
// "45.2 of 210.0 MB, 12.3 MB/s, 0:14 left": what the CLI and the GUI show.
std::string describe_download(const HubProgress& progress);

// Called as bytes arrive; return false to cancel (the partial file is kept for a resume).
using HubProgressFn = std::function<bool(const HubProgress&)>;

struct HubResult {
  std::string path;    // snapshots/<commit>/<file>: a link to the blob
  std::string commit;  // 40 hex digits
  std::string etag;
  std::int64_t size = 0;
  bool from_cache = false;  // nothing was downloaded
  bool offline = false;     // resolved from the cache without asking the Hub
  std::string note;         // why the cache answered ("the Hub could not be reached: ...")
};

// Throws aia::Error in words: 401/403 (gated or private: say HF_TOKEN), 404
// (the repo, file or revision named), a timeout, a refused or corrupted
// download (nothing of it left in the cache), a full disk, a cancel
// (HubCancelled), and offline with nothing cached (naming what is missing).
HubResult hub_download(const HubFile& file, const HubOptions& options = {}, const HubProgressFn& progress = {});

// Thrown when the progress callback asked to stop.
struct HubCancelled : Error {
  using Error::Error;
};

// "models--ORG--NAME" (huggingface_hub's repo_folder_name for a model).
std::string hub_repo_folder(const std::string& repo);

// The sha256 of a file and the git blob sha1 ("blob <size>\0" + bytes), lower-case hex.
std::string sha256_of_file(const std::string& path);
std::string git_sha1_of_file(const std::string& path);

}  // namespace aia
