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
// naming the sidecar when an existing one cannot be parsed. Tags in
// `auto_accepted` (certified, no person confirmed them) are also filed in
// digiKam:TagsList under "AIA Studio/auto-accepted/<tag>", a tag tree a photo
// manager can filter by.
void write_xmp_tags(const std::string& image, const std::vector<std::string>& tags,
                    const std::vector<std::string>& auto_accepted = {});
inline constexpr const char* kAutoAcceptedTagPrefix = "AIA Studio/auto-accepted/";

// Every keyword a photo manager may have given `image`: its sidecars
// (photo.jpg.xmp and photo.xmp) and the XMP and IPTC embedded in the file;
// dc:subject, digiKam:TagsList and MicrosoftPhoto:LastKeywordXMP ('/' between
// levels), lr:hierarchicalSubject and mediapro:CatalogSets ('|'), hierarchical
// ones by their last level. Unreadable metadata is reported in `problems`
// (naming the file) and skipped.
std::vector<std::string> read_image_keywords(const std::string& image, std::vector<std::string>* problems = nullptr);

// The dc:subject keywords of `image`'s sidecar (empty if it has none).
std::vector<std::string> read_xmp_tags(const std::string& image);

}  // namespace aia
