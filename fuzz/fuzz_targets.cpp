#include "fuzz_targets.h"

#include "aia/annotate/annotations.h"
#include "aia/annotate/score_cache.h"
#include "aia/annotate/thresholds_spec.h"
#include "aia/data/dataset.h"
#include "aia/data/image_header.h"
#include "aia/errors.h"
#include "aia/io/csv.h"
#include "aia/io/score_table.h"
#include "aia/io/xmp_sidecar.h"
#include "aia/metrics/thresholds_json.h"
#include "aia/run/train_config.h"
#include "data/image_decode.h"

#include <exiv2/exiv2.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace aia::fuzz {
namespace {

std::string& scratch_dir() {
  static std::string dir;
  return dir;
}

}  // namespace

fs::path fresh_folder(const char* name) {
  const fs::path dir = fs::path(scratch_dir()) / name;
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  return dir;
}

std::string put(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

namespace {

// `bytes` cut at each NUL into at most `parts` pieces (the last keeps the rest).
std::vector<std::string_view> pieces(std::string_view bytes, std::size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const auto cut = bytes.find('\0');
    if (cut == std::string_view::npos) break;
    out.push_back(bytes.substr(0, cut));
    bytes.remove_prefix(cut + 1);
  }
  out.push_back(bytes);
  return out;
}

std::vector<std::string> csv_tables(std::string_view bytes) {
  std::vector<std::string> refusals;
  attempt(refusals, [&] { csv::parse(bytes, "table.csv"); });
  const auto path = put(fresh_folder("csv") / "table.csv", bytes);
  attempt(refusals, [&] { read_score_csv(path, CsvContent::Scores); });
  attempt(refusals, [&] { read_score_csv(path, CsvContent::Targets); });
  attempt(refusals, [&] { read_annotations_csv(path); });
  return refusals;
}

// train, test, then optionally normalization.json and a vocabulary file, cut
// at NULs. JSON when the train part opens with '{', else the CSV layout. The
// images folder holds two files (the loader checks that images exist, it does
// not decode them) and a link that leads out of it.
std::vector<std::string> dataset(std::string_view bytes) {
  std::vector<std::string> refusals;
  const auto parts = pieces(bytes, 4);
  const fs::path root = fresh_folder("dataset");
  const bool json = !parts[0].empty() && parts[0].front() == '{';
  put(root / (json ? "train.json" : "train.csv"), parts[0]);
  if (parts.size() > 1) put(root / (json ? "test.json" : "test.csv"), parts[1]);
  if (parts.size() > 2) put(root / "normalization.json", parts[2]);
  if (parts.size() > 3) put(root / "fuzz_vocabulary.txt", parts[3]);
  fs::create_directories(root / "images");
  put(root / "images" / "a.png", "\x89PNG\r\n\x1a\n");
  put(root / "images" / "b.jpg", "not really a JPEG");
  std::error_code ec;
  fs::create_symlink("/etc/hostname", root / "images" / "out.jpg", ec);
  attempt(refusals, [&] {
    ValidationReport report;
    Dataset d = load_dataset(root.string(), &report);
    check_images_exist(d, report);
    (void)report.summary();
    if (d.train.size() >= 4) carve_validation(d, 0.25, 1);
  });
  return refusals;
}

std::vector<std::string> train_config(std::string_view bytes) {
  std::vector<std::string> refusals;
  attempt(refusals, [&] {
    TrainConfig config = train_config_from_json(std::string(bytes), "config.json");
    for (const auto& problem : validate(config)) refusals.push_back(problem);
    (void)to_json(config);
  });
  return refusals;
}

// A thresholds file for the labels a, b and c, and the --thresholds text itself.
std::vector<std::string> thresholds(std::string_view bytes) {
  std::vector<std::string> refusals;
  const auto path = put(fresh_folder("thresholds") / "thresholds.json", bytes);
  attempt(refusals, [&] { read_thresholds_json(path, {"a", "b", "c"}); });
  attempt(refusals, [&] { parse_thresholds_spec(std::string(bytes.substr(0, 64))); });
  return refusals;
}

// The first byte picks: even, the bytes are a sidecar photo.jpg.xmp (the image
// absent); odd, they are the image itself, read for embedded XMP and IPTC.
std::vector<std::string> xmp(std::string_view bytes) {
  std::vector<std::string> refusals;
  if (bytes.empty()) return refusals;
  const bool embedded = static_cast<unsigned char>(bytes.front()) & 1;
  bytes.remove_prefix(1);
  const fs::path dir = fresh_folder("xmp");
  const std::string image = (dir / "photo.jpg").string();
  put(embedded ? fs::path(image) : fs::path(xmp_sidecar_path(image)), bytes);
  attempt(refusals, [&] {
    std::vector<std::string> problems;
    read_image_keywords(image, &problems);
    refusals.insert(refusals.end(), problems.begin(), problems.end());
  });
  attempt(refusals, [&] { read_xmp_tags(image); });
  return refusals;
}

std::vector<std::string> image(std::string_view bytes) {
  // load_image_rgb's path without LibTorch: the guarded decode, then the resize.
  std::vector<std::string> refusals;
  const auto path = put(fresh_folder("image") / "photo", bytes);
  cv::Mat bgr, small;
  std::string why;
  if (!aia::detail::decode_image_bgr(path, bgr, &why, kDefaultMaxImagePixels))
    refusals.push_back(path + ": " + why);
  else
    cv::resize(bgr, small, cv::Size(16, 16), 0, 0, cv::INTER_AREA);
  return refusals;
}

// A score cache file of model "00000000000000aa" with three labels: read, looked up, one record stored, saved.
std::vector<std::string> score_cache(std::string_view bytes) {
  std::vector<std::string> refusals;
  const fs::path dir = fresh_folder("score_cache");
  const std::string identity = "00000000000000aa";
  put(dir / (identity + ".scores"), bytes);
  const std::string photo = put(dir / "a.jpg", "bytes of a photo");
  ScoreCache cache(dir.string(), identity, 3);
  FileStamp seen;
  cache.find(photo, &seen);
  cache.find((dir / "missing.jpg").string());
  cache.store(photo, seen, {0.25f, 0.5f, 0.75f});
  attempt(refusals, [&] { cache.save(); });
  return refusals;
}

}  // namespace

const std::vector<Target>& targets() {
  static const std::vector<Target> all{
      {"pickle", "the restricted unpickler of data.pkl (detail::unpickle_state_dict)", pickle},
      {"zip_checkpoint", "torch.save zip files end to end (StoredZip + unpickler + storages)", zip_checkpoint},
      {"safetensors", "read_safetensors", safetensors},
      {"csv", "csv::parse, score and target tables, the annotations CSV", csv_tables},
      {"dataset", "load_dataset over JSON and CSV layouts, normalization.json, vocabulary", dataset},
      {"train_config", "train_config_from_json and validate", train_config},
      {"thresholds", "read_thresholds_json and parse_thresholds_spec", thresholds},
      {"xmp", "read_image_keywords and read_xmp_tags (sidecars, embedded XMP and IPTC)", xmp},
      {"image", "the image header guard and decoder (load_image_rgb)", image},
      {"score_cache", "ScoreCache over a damaged cache file: read, find, store, save", score_cache},
  };
  return all;
}

const Target* find_target(std::string_view name) {
  for (const auto& t : targets())
    if (name == t.name) return &t;
  return nullptr;
}

void initialize() {
  static const bool done = [] {
    initialize_torch();
    Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
    const fs::path dir = fs::temp_directory_path() / ("aia-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    scratch_dir() = dir.string();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch_dir(), ec);
    });
    return true;
  }();
  (void)done;
}

}  // namespace aia::fuzz
