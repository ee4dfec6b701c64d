#pragma once
// What the review-loop simulations share (bench_active_review,
// bench_auto_accept): a demo subset written as a dataset, images linked into
// a pool, and the oracle annotator that reviews through the review view's own
// edits.

#include "aia/data/dataset.h"
#include "aia/io/atomic_file.h"
#include "aia/project/project.h"
#include "aia/training/trainer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <system_error>
#include <vector>

namespace aia::bench {

class Quiet : public aia::TrainObserver {
 public:
  void on_message(const std::string&) override {}
};

// "--name value" pairs into the setters given; false (with a message) for an unknown name.
inline bool parse_options(int argc, char** argv,
                          const std::map<std::string, std::function<void(const std::string&)>>& setters) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const auto it = setters.find(argv[i]);
    if (it == setters.end()) {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return false;
    }
    it->second(argv[i + 1]);
  }
  return true;
}

inline void link(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::error_code ec;
  std::filesystem::create_hard_link(from, to, ec);
  if (ec) std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

inline void write_split(const std::filesystem::path& file, const aia::Dataset& d,
                        const std::vector<aia::Sample>& samples) {
  nlohmann::json j{{"labels", d.vocabulary}, {"samples", nlohmann::json::array()}};
  for (const auto& s : samples) {
    std::vector<std::string> tags;
    for (int l : s.labels) tags.push_back(d.vocabulary[static_cast<std::size_t>(l)]);
    j["samples"].push_back({{"image_name", s.image}, {"image_labels", tags}});
  }
  aia::write_file_atomically(file.string(), j.dump() + "\n");
}

inline double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / double(v.size());
}

inline double sd(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / double(v.size() - 1));
}

// The oracle: the image's tags become exactly the true ones, through the same edits the review view makes.
inline aia::ProjectImage oracle_review(aia::ProjectImage image, const std::vector<std::string>& truth) {
  for (const auto& t : aia::current_tags(image))
    if (std::find(truth.begin(), truth.end(), t) == truth.end()) image = aia::toggle_tag(image, t);
  const auto now = aia::current_tags(image);
  for (const auto& t : truth)
    if (std::find(now.begin(), now.end(), t) == now.end()) image = aia::add_tag(image, t);
  return aia::mark_reviewed(image, 0);
}

// A seed's split of a dataset's training images: `initial` of them as the
// starting run's dataset under root/initial (with the test split), the next
// `pool` linked into root/pool, their true tags by absolute path.
struct Pool {
  std::filesystem::path start;                            // the starting run's dataset folder
  std::map<std::string, std::vector<std::string>> truth;  // pool image -> its true tags
};

inline Pool prepare_pool(const aia::Dataset& d, const std::filesystem::path& root, int seed, int initial, int pool) {
  std::vector<aia::Sample> shuffled = d.train;
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  const std::vector<aia::Sample> first(shuffled.begin(), shuffled.begin() + initial);
  const std::vector<aia::Sample> rest(shuffled.begin() + initial, shuffled.begin() + initial + pool);
  Pool out;
  out.start = root / "initial";
  for (const auto* split : {&first, &d.test})
    for (const auto& s : *split) link(std::filesystem::path(d.images_dir) / s.image, out.start / "images" / s.image);
  write_split(out.start / "train.json", d, first);
  write_split(out.start / "test.json", d, d.test);
  for (const auto& s : rest) {
    const std::filesystem::path target = root / "pool" / s.image;
    link(std::filesystem::path(d.images_dir) / s.image, target);
    std::vector<std::string> tags;
    for (int l : s.labels) tags.push_back(d.vocabulary[static_cast<std::size_t>(l)]);
    out.truth[std::filesystem::absolute(target).lexically_normal().string()] = tags;
  }
  return out;
}

}  // namespace aia::bench
