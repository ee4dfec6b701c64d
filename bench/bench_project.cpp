// An annotation project over a large folder (default 50,000 images, hard
// links of one small PNG): the scan that makes it, opening it again, the
// review order, and what one edit costs, the fsync'd journal line the project
// writes against rewriting the whole snapshot per edit, side by side.
//
//   bench_project [--images 50000] [--edits 200] [--out DIR]

#include "aia/project/project.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// A valid 1 x 1 grey PNG.
const unsigned char kPng[] = {0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
                              0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00,
                              0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
                              0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x48, 0xaf, 0xa4, 0x71, 0x00,
                              0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

}  // namespace

int main(int argc, char** argv) {
  int images = 50000, edits = 200;
  std::string out = "/tmp/aia-bench-project";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--images")
      images = std::stoi(v);
    else if (a == "--edits")
      edits = std::stoi(v);
    else if (a == "--out")
      out = v;
  }
  fs::remove_all(out);
  const fs::path folder = fs::path(out) / "photos";
  fs::create_directories(folder);
  const fs::path first = folder / "00000.png";
  std::ofstream(first, std::ios::binary).write(reinterpret_cast<const char*>(kPng), sizeof kPng);
  for (int i = 1; i < images; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%05d.png", i);
    fs::create_hard_link(first, folder / name);
  }

  auto t = std::chrono::steady_clock::now();
  const std::string dir = (fs::path(out) / "project").string();
  { aia::Project project = aia::Project::create(dir, {folder.string()}); }
  const double create_s = seconds_since(t);

  t = std::chrono::steady_clock::now();
  aia::Project project = aia::Project::open(dir);
  const double open_s = seconds_since(t);
  t = std::chrono::steady_clock::now();
  const auto order = aia::review_order(project.data(), aia::ReviewOrder::Uncertain);
  const double order_s = seconds_since(t);

  t = std::chrono::steady_clock::now();
  for (int e = 0; e < edits; ++e) {
    const std::size_t i = order[static_cast<std::size_t>(e)];
    project.set_image(i, aia::mark_reviewed(aia::add_tag(project.data().images[i], "tag"), 1));
  }
  const double journal_ms = seconds_since(t) * 1000 / edits;

  const int snapshots = std::max(5, edits / 20);
  t = std::chrono::steady_clock::now();
  for (int e = 0; e < snapshots; ++e) project.save();
  const double snapshot_ms = seconds_since(t) * 1000 / snapshots;

  t = std::chrono::steady_clock::now();
  const aia::ScanResult scan = project.rescan();
  const double rescan_s = seconds_since(t);

  std::printf("project over %d images (%s)\n", images, folder.c_str());
  std::printf("  create (scan, stat, first snapshot): %.2f s\n", create_s);
  std::printf("  open (parse the snapshot):           %.2f s\n", open_s);
  std::printf("  rescan (nothing changed: %s):        %.2f s\n", scan.summary().c_str(), rescan_s);
  std::printf("  review order, most uncertain first:  %.1f ms\n", order_s * 1000);
  std::printf("  one edit, journal line + fdatasync:  %.2f ms (mean of %d)\n", journal_ms, edits);
  std::printf("  one edit, whole snapshot rewritten:  %.2f ms (mean of %d)\n", snapshot_ms, snapshots);
  std::printf("  snapshot / journal per edit:         %.0fx\n", snapshot_ms / journal_ms);
  std::printf("  project.json: %.1f MB\n", double(fs::file_size(fs::path(dir) / "project.json")) / 1e6);
  return 0;
}
