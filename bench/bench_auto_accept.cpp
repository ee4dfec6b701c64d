// Certified auto-accept in the review loop. For each demo (balanced and
// long-tailed) and seed: a starting run trained on `initial` demo training
// images; a project over `pool` other training images, scored by it; an
// oracle annotator (the true tags) reviews them in random order. After 50,
// 100, 200 and 400 reviewed images, auto_accept runs at precision `target`,
// risk `delta`, calibrated on the reviewed images (scored out of fold: the
// run never trained on the pool). Reported per checkpoint: the share of the
// remaining (image, label) decisions taken automatically, the realized
// precision of the auto-accepted tags against the true tags, the images that
// left the queue and how many of those were entirely right; and whether the
// claim holds (realized precision >= target in at least 1 - delta of the
// (seed, checkpoint) cases that accepted anything). Everything goes through
// core's project API, the code the CLI and the GUI run.
//
//   bench_auto_accept [--seeds 3] [--pool 600] [--initial 1000] [--epochs 30] [--target 0.95] [--delta 0.1] [--out DIR]

#include "aia/data/demo_dataset.h"
#include "aia/project/project_workflow.h"
#include "aia/runtime/runtime.h"
#include "review_simulation.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <random>

namespace fs = std::filesystem;
using namespace aia::bench;

namespace {

struct Settings {
  int seeds = 3, pool = 600, initial = 1000, base_epochs = 30;
  double target = 0.95, delta = 0.1;
  std::string out = "/tmp/aia-auto-accept";
};

struct Point {
  double decided_share = 0, precision = 1;
  std::size_t accepted = 0, decided_images = 0, decided_right = 0;
};

// What auto_accept did to the unreviewed images, against the truth.
Point measure(const aia::Project& project, const std::map<std::string, std::vector<std::string>>& truth) {
  Point p;
  std::size_t pairs = 0, decided = 0, right = 0;
  const std::size_t labels = project.data().vocabulary.size();
  for (const auto& im : project.data().images) {
    if (im.state != aia::ReviewState::Unreviewed) continue;
    const auto& want = truth.at(im.path);
    pairs += labels;
    decided += im.auto_accepted.size() + im.auto_rejected.size();
    for (const auto& t : im.auto_accepted) right += std::find(want.begin(), want.end(), t) != want.end() ? 1 : 0;
    p.accepted += im.auto_accepted.size();
    if (!im.auto_decided) continue;
    ++p.decided_images;
    std::vector<std::string> got = im.auto_accepted, expected = want;
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    p.decided_right += got == expected ? 1 : 0;
  }
  p.decided_share = pairs ? double(decided) / double(pairs) : 0;
  p.precision = p.accepted ? double(right) / double(p.accepted) : 1;
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  Settings set;
  if (!parse_options(argc, argv,
                     {
                         {"--seeds", [&](const std::string& v) { set.seeds = std::stoi(v); }},
                         {"--pool", [&](const std::string& v) { set.pool = std::stoi(v); }},
                         {"--initial", [&](const std::string& v) { set.initial = std::stoi(v); }},
                         {"--epochs", [&](const std::string& v) { set.base_epochs = std::stoi(v); }},
                         {"--target", [&](const std::string& v) { set.target = std::stod(v); }},
                         {"--delta", [&](const std::string& v) { set.delta = std::stod(v); }},
                         {"--out", [&](const std::string& v) { set.out = v; }},
                     }))
    return 2;
  aia::configure_runtime({});
  const auto started = std::chrono::steady_clock::now();
  const std::vector<int> checkpoints = {50, 100, 200, 400};
  std::string table =
      "| dataset | seed | reviewed | decided automatically | auto-accepted tags | their precision | images "
      "decided (all right) |\n|---|---|---|---|---|---|---|\n";
  std::string csv = "dataset,seed,reviewed,decided_share,accepted,precision,decided_images,decided_right\n";
  std::size_t cases = 0, held = 0;
  Quiet quiet;
  for (const std::string name : {"demo", "demo-longtail"}) {
    const std::string location =
        aia::dataset_location(name, [](const std::string& m) { std::printf("%s\n", m.c_str()); });
    aia::ValidationReport report;
    const aia::Dataset d = aia::load_dataset(location, &report);
    for (int seed = 1; seed <= set.seeds; ++seed) {
      const fs::path root = fs::path(set.out) / (name + "-seed" + std::to_string(seed));
      fs::remove_all(root);
      const Pool prepared = prepare_pool(d, root, seed, set.initial, set.pool);
      const fs::path& start = prepared.start;
      const auto& truth = prepared.truth;
      aia::TrainConfig base = aia::recipe_config_for(name);
      base.data.dataset = start.string();
      base.optim.epochs = set.base_epochs;
      base.run.seed = seed;
      base.run.out_dir = (root / "base-run").string();
      const aia::RunResult b = aia::train(base, quiet);
      if (b.status != aia::RunStatus::Succeeded) {
        std::fprintf(stderr, "base run failed: %s\n", b.message.c_str());
        return 1;
      }
      aia::Project project = aia::Project::create((root / "project").string(), {(root / "pool").string()});
      project.set_run(b.run_dir);
      aia::apply_scores(project, aia::score_images(b.run_dir, aia::images_to_score(project.data(), false), {}));
      const auto order = aia::review_order(project.data(), aia::ReviewOrder::Random);
      std::size_t next = 0;
      for (int reviewed : checkpoints) {
        for (; next < static_cast<std::size_t>(reviewed) && next < order.size(); ++next) {
          const aia::ProjectImage& image = project.data().images[order[next]];
          project.set_image(order[next], oracle_review(image, truth.at(image.path)));
        }
        aia::auto_accept(project, {set.target, set.delta});
        const Point p = measure(project, truth);
        if (p.accepted) {
          ++cases;
          held += p.precision >= set.target ? 1 : 0;
        }
        char row[320];
        std::snprintf(row, sizeof row, "| %s | %d | %d | %.1f%% | %zu | %.4f | %zu (%zu) |\n", name.c_str(), seed,
                      reviewed, 100 * p.decided_share, p.accepted, p.precision, p.decided_images, p.decided_right);
        table += row;
        std::snprintf(row, sizeof row, "%s,%d,%d,%.6f,%zu,%.6f,%zu,%zu\n", name.c_str(), seed, reviewed,
                      p.decided_share, p.accepted, p.precision, p.decided_images, p.decided_right);
        csv += row;
        std::printf(
            "%s seed %d %4d reviewed: %.1f%% decided, %zu accepted at precision %.4f, %zu images decided "
            "(%.0f s so far)\n",
            name.c_str(), seed, reviewed, 100 * p.decided_share, p.accepted, p.precision, p.decided_images,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        std::fflush(stdout);
      }
    }
  }
  char verdict[200];
  std::snprintf(verdict, sizeof verdict,
                "realized precision >= %.2f in %zu of %zu (seed, checkpoint) cases that accepted anything; the claim "
                "needs at least %.0f%%\n",
                set.target, held, cases, 100 * (1 - set.delta));
  table += "\n" + std::string(verdict);
  fs::create_directories(set.out);
  aia::write_file_atomically((fs::path(set.out) / "auto_accept.csv").string(), csv);
  aia::write_file_atomically((fs::path(set.out) / "auto_accept.md").string(), table);
  std::printf("\n%s\nwall time %.0f s; files in %s\n", table.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), set.out.c_str());
  return 0;
}
