// Does the uncertainty order pay? An oracle annotator (the demo dataset's true
// tags) reviews an annotation project's images in batches of 50, in file,
// random and most-uncertain-first order; after each batch the project's run is
// fine-tuned on the reviewed images plus the starting run's own training set
// ("Train on reviewed images" with the original set), and the unreviewed
// images are scored again. Reported: per-class F1 (at 0.5) on the demo's test
// split against the number of reviewed images, per order, over seeds; a CSV,
// a Markdown table and an SVG plot. Everything goes through core's project API,
// the code the CLI and the GUI run.
//
//   bench_active_review [--seeds 3] [--batches 6] [--pool 900] [--initial 100] [--out DIR]

#include "aia/data/dataset.h"
#include "aia/data/demo_dataset.h"
#include "aia/io/atomic_file.h"
#include "aia/project/project_workflow.h"
#include "aia/runtime/runtime.h"
#include "aia/training/trainer.h"
#include "review_simulation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using namespace aia::bench;

struct Settings {
  int seeds = 3, batches = 6, pool = 900, initial = 100, batch = 50, base_epochs = 15, tune_epochs = 8;
  std::string out = "/tmp/aia-active-review";
};

std::string svg_plot(const std::map<std::string, std::map<int, std::vector<double>>>& curves, int max_x) {
  const int w = 640, h = 400, left = 60, right = 150, top = 20, bottom = 50;
  double lo = 1, hi = 0;
  for (const auto& [order, points] : curves)
    for (const auto& [x, ys] : points) {
      lo = std::min(lo, mean(ys) - sd(ys));
      hi = std::max(hi, mean(ys) + sd(ys));
    }
  lo = std::floor(lo * 20) / 20;
  hi = std::ceil(hi * 20) / 20;
  auto px = [&](double x) { return left + (w - left - right) * x / max_x; };
  auto py = [&](double y) { return top + (h - top - bottom) * (1 - (y - lo) / (hi - lo)); };
  const std::map<std::string, std::string> colour = {
      {"file", "#0072B2"}, {"random", "#E69F00"}, {"uncertain", "#009E73"}};  // Okabe-Ito
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  for (double y = lo; y <= hi + 1e-9; y += 0.05)
    s << "<line x1=\"" << left << "\" x2=\"" << w - right << "\" y1=\"" << py(y) << "\" y2=\"" << py(y)
      << "\" stroke=\"#ddd\"/><text x=\"" << left - 8 << "\" y=\"" << py(y) + 4 << "\" text-anchor=\"end\">" << y
      << "</text>\n";
  for (int x = 0; x <= max_x; x += 50)
    s << "<text x=\"" << px(x) << "\" y=\"" << h - bottom + 18 << "\" text-anchor=\"middle\">" << x << "</text>\n";
  s << "<text x=\"" << (left + w - right) / 2 << "\" y=\"" << h - 12
    << "\" text-anchor=\"middle\">images reviewed</text>\n<text transform=\"translate(16," << (top + h - bottom) / 2
    << ") rotate(-90)\" text-anchor=\"middle\">per-class F1 on the test split</text>\n";
  int legend = 0;
  for (const auto& [order, points] : curves) {
    std::string path, band_up, band_down;
    for (const auto& [x, ys] : points) {
      path += (path.empty() ? "M" : " L") + std::to_string(px(x)) + "," + std::to_string(py(mean(ys)));
      band_up += (band_up.empty() ? "M" : " L") + std::to_string(px(x)) + "," + std::to_string(py(mean(ys) + sd(ys)));
      band_down = " L" + std::to_string(px(x)) + "," + std::to_string(py(mean(ys) - sd(ys))) + band_down;
    }
    const std::string c = colour.count(order) ? colour.at(order) : "black";
    s << "<path d=\"" << band_up << band_down << " Z\" fill=\"" << c << "\" fill-opacity=\"0.15\"/>\n";
    s << "<path d=\"" << path << "\" fill=\"none\" stroke=\"" << c << "\" stroke-width=\"2\"/>\n";
    s << "<line x1=\"" << w - right + 15 << "\" x2=\"" << w - right + 40 << "\" y1=\"" << top + 10 + 20 * legend
      << "\" y2=\"" << top + 10 + 20 * legend << "\" stroke=\"" << c << "\" stroke-width=\"2\"/><text x=\""
      << w - right + 46 << "\" y=\"" << top + 14 + 20 * legend << "\">" << order << "</text>\n";
    ++legend;
  }
  s << "<text x=\"" << w - right + 15 << "\" y=\"" << top + 14 + 20 * legend
    << "\" fill=\"#555\">band: \xc2\xb1 1 sd</text>\n</svg>\n";
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  Settings set;
  if (!parse_options(argc, argv,
                     {
                         {"--seeds", [&](const std::string& v) { set.seeds = std::stoi(v); }},
                         {"--batches", [&](const std::string& v) { set.batches = std::stoi(v); }},
                         {"--pool", [&](const std::string& v) { set.pool = std::stoi(v); }},
                         {"--initial", [&](const std::string& v) { set.initial = std::stoi(v); }},
                         {"--out", [&](const std::string& v) { set.out = v; }},
                     }))
    return 2;
  aia::configure_runtime({});
  const auto started = std::chrono::steady_clock::now();
  const std::string demo = aia::dataset_location("demo", [](const std::string& m) { std::printf("%s\n", m.c_str()); });
  aia::ValidationReport report;
  const aia::Dataset d = aia::load_dataset(demo, &report);
  std::printf("demo: %zu train, %zu test images, %zu labels; %d seeds x 3 orders x %d batches of %d\n", d.train.size(),
              d.test.size(), d.vocabulary.size(), set.seeds, set.batches, set.batch);
  const std::vector<std::string> orders = {"file", "random", "uncertain"};
  std::map<std::string, std::map<int, std::vector<double>>> curves;
  std::string csv = "seed,order,reviewed,per_class_f1\n";
  Quiet quiet;

  for (int seed = 1; seed <= set.seeds; ++seed) {
    const fs::path root = fs::path(set.out) / ("seed" + std::to_string(seed));
    fs::remove_all(root);
    const Pool prepared = prepare_pool(d, root, seed, set.initial, set.pool);
    const fs::path& start = prepared.start;
    const auto& truth = prepared.truth;
    aia::TrainConfig base;
    base.data.dataset = "demo";
    aia::apply_dataset_recipe(base);
    base.data.dataset = start.string();
    base.optim.epochs = set.base_epochs;
    base.run.seed = seed;
    base.run.out_dir = (root / "base-run").string();
    const aia::RunResult b = aia::train(base, quiet);
    if (b.status != aia::RunStatus::Succeeded) {
      std::fprintf(stderr, "base run failed: %s\n", b.message.c_str());
      return 1;
    }
    std::printf("seed %d: base run on %d images: per-class F1 %.3f\n", seed, set.initial, b.best_f1);

    for (const auto& order : orders) {
      aia::Project project = aia::Project::create((root / order).string(), {(root / "pool").string()});
      project.set_run(b.run_dir);
      aia::apply_scores(project, aia::score_images(b.run_dir, aia::images_to_score(project.data(), false), {}));
      curves[order][0].push_back(b.best_f1);
      csv += std::to_string(seed) + "," + order + ",0," + std::to_string(b.best_f1) + "\n";
      for (int batch = 1; batch <= set.batches; ++batch) {
        int taken = 0;
        for (std::size_t i : aia::review_order(project.data(), aia::parse_review_order(order))) {
          const aia::ProjectImage& image = project.data().images[i];
          if (image.state != aia::ReviewState::Unreviewed) continue;
          project.set_image(i, oracle_review(image, truth.at(image.path)));
          if (++taken == set.batch) break;
        }
        aia::ProjectTrainOptions options;
        options.include_original = true;
        options.epochs = set.tune_epochs;
        const aia::ProjectTraining training = aia::prepare_project_training(project, options);
        const aia::RunResult r = aia::train(training.config, quiet);
        if (r.status != aia::RunStatus::Succeeded) {
          std::fprintf(stderr, "fine-tuning failed: %s\n", r.message.c_str());
          return 1;
        }
        aia::finish_project_training(project, training);
        aia::apply_scores(project,
                          aia::score_images(project.data().run, aia::images_to_score(project.data(), false), {}));
        const int reviewed = batch * set.batch;
        curves[order][reviewed].push_back(r.best_f1);
        csv += std::to_string(seed) + "," + order + "," + std::to_string(reviewed) + "," + std::to_string(r.best_f1) +
               "\n";
        std::printf("seed %d  %-9s  %4d reviewed  per-class F1 %.3f  (%.0f s so far)\n", seed, order.c_str(), reviewed,
                    r.best_f1, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        std::fflush(stdout);
      }
    }
  }

  // The table: mean ± sd over seeds per order and reviewed count.
  std::string table = "| images reviewed |";
  for (const auto& o : orders) table += " " + o + " |";
  table += "\n|---|";
  for (std::size_t k = 0; k < orders.size(); ++k) table += "---|";
  table += "\n";
  for (int reviewed = 0; reviewed <= set.batches * set.batch; reviewed += set.batch) {
    table += "| " + std::to_string(reviewed) + " |";
    for (const auto& o : orders) {
      char cell[64];
      std::snprintf(cell, sizeof cell, " %.3f \xc2\xb1 %.3f |", mean(curves[o][reviewed]), sd(curves[o][reviewed]));
      table += cell;
    }
    table += "\n";
  }
  aia::write_file_atomically((fs::path(set.out) / "active_review.csv").string(), csv);
  aia::write_file_atomically((fs::path(set.out) / "active_review.md").string(), table);
  aia::write_file_atomically((fs::path(set.out) / "active_review.svg").string(),
                             svg_plot(curves, set.batches * set.batch));
  std::printf("\n%s\nwall time %.0f s; files in %s\n", table.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), set.out.c_str());
  return 0;
}
