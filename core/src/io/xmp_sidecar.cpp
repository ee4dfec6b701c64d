#include "aia/io/xmp_sidecar.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <exiv2/exiv2.hpp>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <utility>

namespace aia {
namespace {

std::mutex g_xmp_mutex;    // exiv2's XMP toolkit is not thread-safe
std::string g_exiv2_said;  // what exiv2 logged since the last take_exiv2_log(), under g_xmp_mutex

// exiv2 logs its errors and warnings to standard error without the file's
// name; they are kept here instead, and the caller reports them with it.
void keep_exiv2_log(int level, const char* message) {
  if (level < Exiv2::LogMsg::warn || !message) return;
  std::string m = message;
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  g_exiv2_said += (g_exiv2_said.empty() ? "" : "; ") + m;
}

std::string take_exiv2_log() { return std::exchange(g_exiv2_said, std::string()); }

void initialize() {
  static std::once_flag once;
  std::call_once(once, [] {
    Exiv2::LogMsg::setHandler(keep_exiv2_log);
    Exiv2::XmpParser::initialize();
    Exiv2::XmpProperties::registerNs("http://www.digikam.org/ns/1.0/", "digiKam");
    // Built into exiv2 0.27; registered here in case a build lacks them.
    const std::pair<const char*, const char*> more[] = {{"http://ns.adobe.com/lightroom/1.0/", "lr"},
                                                        {"http://ns.microsoft.com/photo/1.0/", "MicrosoftPhoto"},
                                                        {"http://ns.iview-multimedia.com/mediapro/1.0/", "mediapro"}};
    for (const auto& [ns, prefix] : more) {
      try {
        Exiv2::XmpProperties::ns(prefix);
      } catch (const std::exception&) {
        Exiv2::XmpProperties::registerNs(ns, prefix);
      }
    }
  });
}

Exiv2::XmpData parse(const std::string& path) {
  Exiv2::XmpData xmp;
  if (!std::filesystem::exists(path)) return xmp;
  const std::string packet = read_file(path);
  if (packet.find("<!DOCTYPE") != std::string::npos || packet.find("<!ENTITY") != std::string::npos)
    throw Error(path +
                ": the XMP packet declares a DOCTYPE or entities, which XMP does not allow (an entity "
                "expansion could exhaust memory); refused before parsing, and left as it is");
  take_exiv2_log();
  if (!packet.empty() && Exiv2::XmpParser::decode(xmp, packet) != 0) {
    const std::string said = take_exiv2_log();
    throw Error(path + ": not a readable XMP packet: the XML is malformed or not XMP" +
                (said.empty() ? std::string() : " (exiv2: " + said + ")") + "; it was left as it is");
  }
  return xmp;
}

std::vector<std::string> values_of(const Exiv2::XmpData& xmp, const char* key) {
  std::vector<std::string> out;
  auto it = xmp.findKey(Exiv2::XmpKey(key));
  if (it == xmp.end()) return out;
  for (long i = 0; i < it->count(); ++i) out.push_back(it->toString(i));
  return out;
}

void set_array(Exiv2::XmpData& xmp, const char* key, Exiv2::TypeId type, const std::vector<std::string>& values) {
  auto it = xmp.findKey(Exiv2::XmpKey(key));
  if (it != xmp.end()) xmp.erase(it);
  Exiv2::XmpArrayValue array(type);
  for (const auto& v : values) array.read(v);
  xmp.add(Exiv2::XmpKey(key), &array);
}

std::vector<std::string> merged(std::vector<std::string> existing, const std::vector<std::string>& added) {
  for (const auto& t : added)
    if (std::find(existing.begin(), existing.end(), t) == existing.end()) existing.push_back(t);
  return existing;
}

// The last level of a hierarchical keyword ("Animals/Dog" -> "Dog").
std::string last_level(const std::string& value, char separator) {
  std::string v = value;
  while (!v.empty() && (v.back() == separator || v.back() == ' ')) v.pop_back();
  const auto p = v.rfind(separator);
  std::string leaf = p == std::string::npos ? v : v.substr(p + 1);
  const auto b = leaf.find_first_not_of(' ');
  return b == std::string::npos ? std::string() : leaf.substr(b);
}

// The keyword fields photo managers write, each with its level separator (0: flat).
void collect_keywords(const Exiv2::XmpData& xmp, std::vector<std::string>& out) {
  const std::pair<const char*, char> fields[] = {{"Xmp.dc.subject", 0},
                                                 {"Xmp.digiKam.TagsList", '/'},
                                                 {"Xmp.MicrosoftPhoto.LastKeywordXMP", '/'},
                                                 {"Xmp.lr.hierarchicalSubject", '|'},
                                                 {"Xmp.mediapro.CatalogSets", '|'}};
  for (const auto& [key, separator] : fields)
    for (const auto& v : values_of(xmp, key)) {
      std::string tag = separator ? last_level(v, separator) : v;
      if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
    }
}

}  // namespace

std::vector<std::string> read_image_keywords(const std::string& image, std::vector<std::string>* problems) {
  std::lock_guard lock(g_xmp_mutex);
  initialize();
  std::vector<std::string> out;
  const std::filesystem::path p(image);
  for (const std::string& sidecar : {xmp_sidecar_path(image), (p.parent_path() / p.stem()).string() + ".xmp"}) {
    if (!std::filesystem::exists(sidecar)) continue;
    try {
      collect_keywords(parse(sidecar), out);
    } catch (const std::exception& e) {
      if (problems) problems->push_back(e.what());
    }
  }
  take_exiv2_log();
  try {
    auto file = Exiv2::ImageFactory::open(image);
    file->readMetadata();
    collect_keywords(file->xmpData(), out);
    const auto& iptc = file->iptcData();
    for (auto it = iptc.begin(); it != iptc.end(); ++it)
      if (it->key() == "Iptc.Application2.Keywords") {
        const std::string tag = it->toString();
        if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
      }
  } catch (const Exiv2::AnyError& e) {
    // A format exiv2 does not read (HEIC, JPEG XL, some RAW in exiv2 0.27): its sidecar is what it has.
    if (e.code() != Exiv2::kerFileContainsUnknownImageType && problems)
      problems->push_back(image + ": embedded metadata not readable (" + e.what() + ")");
    take_exiv2_log();  // what it said before giving up is in the error
  } catch (const std::exception& e) {
    if (problems) problems->push_back(image + ": embedded metadata not readable (" + e.what() + ")");
    take_exiv2_log();
  }
  if (const std::string said = take_exiv2_log(); !said.empty() && problems)
    problems->push_back(image + ": its embedded metadata is damaged (exiv2: " + said + ")");
  return out;
}

std::string xmp_sidecar_path(const std::string& image) { return image + ".xmp"; }

void write_xmp_tags(const std::string& image, const std::vector<std::string>& tags,
                    const std::vector<std::string>& auto_accepted) {
  std::lock_guard lock(g_xmp_mutex);
  initialize();
  const std::string path = xmp_sidecar_path(image);
  Exiv2::XmpData xmp = parse(path);
  set_array(xmp, "Xmp.dc.subject", Exiv2::xmpBag, merged(values_of(xmp, "Xmp.dc.subject"), tags));
  std::vector<std::string> tree = tags;
  for (const auto& t : auto_accepted) tree.push_back(kAutoAcceptedTagPrefix + t);
  set_array(xmp, "Xmp.digiKam.TagsList", Exiv2::xmpSeq, merged(values_of(xmp, "Xmp.digiKam.TagsList"), tree));
  std::string packet;
  if (Exiv2::XmpParser::encode(packet, xmp, Exiv2::XmpParser::omitPacketWrapper) != 0)
    throw Error(path + ": cannot encode the XMP packet");
  write_file_atomically(path, packet);
}

std::vector<std::string> read_xmp_tags(const std::string& image) {
  std::lock_guard lock(g_xmp_mutex);
  initialize();
  return values_of(parse(xmp_sidecar_path(image)), "Xmp.dc.subject");
}

}  // namespace aia
