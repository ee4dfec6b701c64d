#include "aia/data/demo_dataset.h"

#include "aia/data/image_reader.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <zlib.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <random>
#include <set>

namespace fs = std::filesystem;

namespace aia {
namespace {

const std::array<const char*, 10> kCategories = {"t-shirt", "trouser", "pullover", "dress", "coat",
                                                 "sandal",  "shirt",   "sneaker",  "bag",   "ankle-boot"};

std::vector<unsigned char> gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw DatasetError(path + ": cannot open; the demo dataset needs Debian's dataset-fashion-mnist package");
  std::vector<unsigned char> out;
  unsigned char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
  gzclose(f);
  if (n < 0) throw DatasetError(path + ": corrupt gzip data");
  return out;
}

std::uint32_t be32(const std::vector<unsigned char>& b, std::size_t o) {
  return (std::uint32_t(b[o]) << 24) | (std::uint32_t(b[o + 1]) << 16) | (std::uint32_t(b[o + 2]) << 8) | b[o + 3];
}

struct Idx {
  std::vector<unsigned char> images, labels;
  std::size_t count = 0;
};

Idx read_idx(const std::string& dir, const std::string& prefix) {
  Idx idx;
  idx.images = gunzip(dir + "/" + prefix + "-images-idx3-ubyte.gz");
  idx.labels = gunzip(dir + "/" + prefix + "-labels-idx1-ubyte.gz");
  if (idx.images.size() < 16 || be32(idx.images, 0) != 2051 || be32(idx.images, 8) != 28 || be32(idx.images, 12) != 28)
    throw DatasetError(dir + ": unexpected fashion-mnist image file");
  if (idx.labels.size() < 8 || be32(idx.labels, 0) != 2049)
    throw DatasetError(dir + ": unexpected fashion-mnist label file");
  idx.count = std::min<std::size_t>(be32(idx.images, 4), be32(idx.labels, 4));
  return idx;
}

// Draws fashion-mnist items: uniformly (the balanced demo), or a category by
// Zipf-like weights first and then one of its items (the long-tailed demo).
class ItemPicker {
 public:
  ItemPicker(const Idx& source, bool long_tailed) : any_(0, source.count - 1) {
    if (!long_tailed) return;
    by_category_.resize(kCategories.size());
    for (std::size_t i = 0; i < source.count; ++i) {
      const unsigned c = source.labels[8 + i];
      if (c < kCategories.size()) by_category_[c].push_back(i);
    }
    std::vector<double> weights;
    for (std::size_t k = 0; k < kCategories.size(); ++k) weights.push_back(1.0 / std::pow(double(k + 1), 1.5));
    category_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
  }
  std::size_t operator()(std::mt19937& rng) {
    if (by_category_.empty()) return any_(rng);
    const auto& items = by_category_[category_(rng)];
    if (items.empty()) throw DatasetError("fashion-mnist: a category has no item");
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
  }

 private:
  std::uniform_int_distribution<std::size_t> any_;
  std::vector<std::vector<std::size_t>> by_category_;
  std::discrete_distribution<std::size_t> category_;
};

nlohmann::json make_split(const Idx& source, int count, std::mt19937& rng, const fs::path& images,
                          const std::string& prefix, bool long_tailed) {
  nlohmann::json samples = nlohmann::json::array();
  ItemPicker pick(source, long_tailed);
  std::discrete_distribution<int> items({0, 45, 35, 20});  // 1, 2 or 3 items
  for (int n = 0; n < count; ++n) {
    RgbImage canvas{56, 56, std::vector<std::uint8_t>(56 * 56 * 3, 0)};
    std::array<int, 4> cells = {0, 1, 2, 3};
    std::shuffle(cells.begin(), cells.end(), rng);
    const int k = items(rng);
    std::set<std::string> labels;
    for (int i = 0; i < k; ++i) {
      const std::size_t item = pick(rng);
      const unsigned char* px = source.images.data() + 16 + item * 784;
      const int cx = (cells[static_cast<std::size_t>(i)] % 2) * 28, cy = (cells[static_cast<std::size_t>(i)] / 2) * 28;
      for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
          const unsigned char v = px[y * 28 + x];
          std::fill_n(&canvas.pixels[static_cast<std::size_t>(((cy + y) * 56 + cx + x) * 3)], 3, v);
        }
      labels.insert(kCategories[source.labels[8 + item]]);
    }
    char name[32];
    std::snprintf(name, sizeof name, "%s%05d.png", prefix.c_str(), n);
    write_png((images / name).string(), canvas);
    samples.push_back({{"image_name", name}, {"image_labels", std::vector<std::string>(labels.begin(), labels.end())}});
  }
  return samples;
}

}  // namespace

DemoOptions demo_options(const std::string& name) {
  DemoOptions options;
  options.long_tailed = name == "demo-longtail";
  return options;
}

std::string dataset_location(const std::string& name_or_path, const std::function<void(const std::string&)>& log) {
  if (!is_demo_dataset(name_or_path)) return name_or_path;
  return ensure_demo_dataset(cache_dir(), log, demo_options(name_or_path));
}

std::string ensure_demo_dataset(const std::string& cache_dir, const std::function<void(const std::string&)>& log,
                                const DemoOptions& options) {
  const std::string name = options.long_tailed ? "demo-longtail-v1" : "demo-v1";
  const fs::path root = fs::path(cache_dir) / name;
  if (fs::exists(root / "train.json") && fs::exists(root / "test.json")) return root.string();
  if (log) log("building the demo dataset from fashion-mnist into " + root.string());
  const Idx train = read_idx(options.fashion_mnist_dir, "train");
  const Idx test = read_idx(options.fashion_mnist_dir, "t10k");
  // Build beside the final folder, then rename: a half-built dataset is never used.
  const fs::path building = fs::path(cache_dir) / (name + ".building-" + std::to_string(::getpid()));
  fs::remove_all(building);
  fs::create_directories(building / "images");
  std::mt19937 rng(options.seed);
  const std::vector<std::string> vocabulary(kCategories.begin(), kCategories.end());
  nlohmann::json train_doc = {
      {"labels", vocabulary},
      {"samples", make_split(train, options.train_images, rng, building / "images", "train", options.long_tailed)}};
  nlohmann::json test_doc = {
      {"labels", vocabulary},
      {"samples", make_split(test, options.test_images, rng, building / "images", "test", options.long_tailed)}};
  write_file_atomically((building / "train.json").string(), train_doc.dump() + "\n");
  write_file_atomically((building / "test.json").string(), test_doc.dump() + "\n");
  std::string vocab;
  for (const auto& v : vocabulary) vocab += v + "\n";
  write_file_atomically((building / "demo_vocabulary.txt").string(), vocab);
  std::error_code ec;
  fs::rename(building, root, ec);
  if (ec && !fs::exists(root / "train.json")) throw DatasetError(root.string() + ": cannot create: " + ec.message());
  fs::remove_all(building, ec);  // another process won the race
  return root.string();
}

}  // namespace aia
