#include "aia/io/xmp_sidecar.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <exiv2/exiv2.hpp>

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace aia {
namespace {

std::mutex g_xmp_mutex;  // exiv2's XMP toolkit is not thread-safe

void initialize() {
  static std::once_flag once;
  std::call_once(once, [] {
    Exiv2::XmpParser::initialize();
    Exiv2::XmpProperties::registerNs("http://www.digikam.org/ns/1.0/", "digiKam");
  });
}

Exiv2::XmpData parse(const std::string& path) {
  Exiv2::XmpData xmp;
  if (!std::filesystem::exists(path)) return xmp;
  const std::string packet = read_file(path);
  if (!packet.empty() && Exiv2::XmpParser::decode(xmp, packet) != 0)
    throw Error(path + ": not a readable XMP packet; it was left as it is");
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

}  // namespace

std::string xmp_sidecar_path(const std::string& image) { return image + ".xmp"; }

void write_xmp_tags(const std::string& image, const std::vector<std::string>& tags) {
  std::lock_guard lock(g_xmp_mutex);
  initialize();
  const std::string path = xmp_sidecar_path(image);
  Exiv2::XmpData xmp = parse(path);
  set_array(xmp, "Xmp.dc.subject", Exiv2::xmpBag, merged(values_of(xmp, "Xmp.dc.subject"), tags));
  set_array(xmp, "Xmp.digiKam.TagsList", Exiv2::xmpSeq, merged(values_of(xmp, "Xmp.digiKam.TagsList"), tags));
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
