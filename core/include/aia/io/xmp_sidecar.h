#pragma once
// Tags as XMP sidecars (IMAGE.ext.xmp), the way photo managers read keywords:
// dc:subject (a bag) and digiKam:TagsList (a sequence), read by digiKam,
// darktable and Immich. An existing sidecar is merged, never replaced: its
// other fields stay, its keywords stay and the new ones are added.
// Plain std types; exiv2 does the XMP.

#include <string>
#include <vector>

namespace aia {

std::string xmp_sidecar_path(const std::string& image);  // "photo.jpg" -> "photo.jpg.xmp"

// Writes (atomically) or merges the sidecar of `image`. Throws aia::Error
// naming the sidecar when an existing one cannot be parsed.
void write_xmp_tags(const std::string& image, const std::vector<std::string>& tags);

// The dc:subject keywords of `image`'s sidecar (empty if it has none).
std::vector<std::string> read_xmp_tags(const std::string& image);

}  // namespace aia
