// Which files are images, and the images of files and folders.

#include "aia/annotate/image_files.h"

#include "aia/data/image_header.h"
#include "aia/data/image_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace aia {

const std::vector<std::string>& image_extensions() {
  static const std::vector<std::string> extensions = [] {
    std::vector<std::string> all;
    for (const auto& format : image_formats())
      all.insert(all.end(), format.extensions.begin(), format.extensions.end());
    return all;
  }();
  return extensions;
}

std::string image_file_patterns() {
  std::string patterns;
  for (const auto& e : image_extensions()) patterns += (patterns.empty() ? "*" : " *") + e;
  return patterns;
}

bool is_image_file(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& known = image_extensions();
  return std::find(known.begin(), known.end(), ext) != known.end();
}

const std::vector<std::string>& skip_kinds() {
  static const std::vector<std::string> kinds{"unsupported format", "not decodable",          "not a regular file",
                                              "link loop",          "no such file or folder", "unreadable",
                                              "outside its folders"};
  return kinds;
}

namespace {

const char* special_file(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    default:
      return "not a file";
  }
}

// An image by its content: the first bytes of a regular file carry a known signature.
bool has_image_signature(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char head[64] = {};
  in.read(head, sizeof head);
  return sniff_image_format(std::string_view(head, static_cast<std::size_t>(in.gcount()))) != nullptr;
}

class Collector {
 public:
  ImageFiles out;

  // One path found under an input or named by the user; folders recurse.
  void visit(const fs::path& p) {
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(p, ec);
    const fs::file_status target = fs::status(p, ec);  // through links, never opening the file
    if (!fs::exists(link)) return reject(p, "no such file or folder", "no such file or folder");
    if (fs::is_symlink(link) && !fs::exists(target)) return reject(p, "a link to nothing", "no such file or folder");
    if (fs::is_directory(target)) return folder(p);
    if (!fs::is_regular_file(target))
      return reject(p, std::string("not a regular file (") + special_file(target.type()) + ")", "not a regular file");
    if (is_image_file(p.string()) || has_image_signature(p)) {
      out.images.push_back(fs::absolute(p).lexically_normal().string());
      return;
    }
    const std::string ext = p.extension().string();
    reject(p, "not an image format this application reads" + (ext.empty() ? std::string() : " (" + ext + ")"),
           "unsupported format");
  }

 private:
  std::set<fs::path> searched_;  // canonical folders: a link back into one ends the walk there

  void reject(const fs::path& p, std::string reason, const char* kind) {
    out.rejected.push_back({p.string(), std::move(reason), kind});
  }

  void folder(const fs::path& p) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(p, ec);
    if (ec) return reject(p, "cannot resolve the folder: " + ec.message(), "unreadable");
    if (!searched_.insert(canonical).second)
      return reject(p, "a link back to a folder already searched (" + canonical.string() + ")", "link loop");
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec))
      entries.push_back(it->path());
    if (ec) reject(p, "cannot list the folder: " + ec.message(), "unreadable");
    std::sort(entries.begin(), entries.end());
    for (const auto& e : entries) visit(e);
  }
};

}  // namespace

ImageFiles collect_image_files(const std::vector<std::string>& inputs) {
  Collector c;
  for (const auto& input : inputs) c.visit(fs::path(input));
  ImageFiles out = std::move(c.out);
  std::sort(out.images.begin(), out.images.end());
  out.images.erase(std::unique(out.images.begin(), out.images.end()), out.images.end());
  return out;
}

std::string skipped_summary(std::size_t tagged, const std::vector<RejectedPath>& skipped, const std::string& verb) {
  const std::string s = std::to_string(tagged) + " " + verb;
  return skipped.empty() ? s : s + ", " + skip_counts(skipped);
}

std::string skip_counts(const std::vector<RejectedPath>& skipped) {
  std::map<std::string, std::size_t> counts;
  for (const auto& r : skipped) ++counts[r.kind];
  std::string s = std::to_string(skipped.size()) + " skipped:";
  bool first = true;
  for (const auto& kind : skip_kinds())
    if (counts.count(kind)) {
      s += (first ? " " : ", ") + std::to_string(counts[kind]) + " " + kind;
      first = false;
    }
  return s;
}

}  // namespace aia
