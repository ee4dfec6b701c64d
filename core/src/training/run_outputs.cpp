// After the last epoch: thresholds chosen on the training split and the test split evaluated under each.

#include "training/session.h"

#include "aia/errors.h"
#include "aia/inference.h"
#include "aia/loss.h"
#include "aia/metrics_json.h"
#include "aia/demo_dataset.h"
#include "aia/score_table.h"
#include "aia/thresholds.h"
#include "aia/atomic_file.h"

#include <filesystem>
#include <numeric>
#include <random>

namespace fs = std::filesystem;

namespace aia::detail {

// Keeps only decoded rows: LabelMatrix over the samples that have scores.
LabelMatrix matrix_of(const std::vector<float>& scores, const std::vector<Sample>& samples, std::size_t vocabulary,
                      std::vector<std::size_t>* kept) {
  std::vector<double> s, t;
  const auto targets = multi_hot(samples, vocabulary);
  std::size_t rows = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isnan(scores[i * vocabulary])) continue;
    s.insert(s.end(), scores.begin() + static_cast<std::ptrdiff_t>(i * vocabulary),
             scores.begin() + static_cast<std::ptrdiff_t>((i + 1) * vocabulary));
    t.insert(t.end(), targets.begin() + static_cast<std::ptrdiff_t>(i * vocabulary),
             targets.begin() + static_cast<std::ptrdiff_t>((i + 1) * vocabulary));
    if (kept) kept->push_back(i);
    ++rows;
  }
  return LabelMatrix(rows, vocabulary, s, t);
}

void Session::finish() {
  // Thresholds from the best model's scores on the training split (no
  // augmentation), then the selection and test splits under each strategy.
  log_("choosing thresholds on the training split with the best checkpoint");
  barrier();  // rank 0 has written the best checkpoint that every rank loads now
  model_ = load_run_model(run_dir_, read_run_info(run_dir_), "best");
  model_->to(device_);
  // (frozen mode: the best head on the same backbone, scored from the cached features)
  const std::size_t v = data_.vocabulary.size();
  const LabelMatrix train = matrix_of(scores_of(data_.train), data_.train, v);
  if (stopping()) return;
  const auto test_scores = scores_of(data_.test);
  std::vector<std::size_t> kept;
  const LabelMatrix test = matrix_of(test_scores, data_.test, v, &kept);

  nlohmann::ordered_json evaluation;
  evaluation["split"] = "test";
  evaluation["images"] = test.images();
  evaluation["thresholds_chosen_on"] = "train";
  auto add = [&](const std::string& name, const std::vector<double>& t) {
    const Metrics m = compute_metrics(test, t);
    nlohmann::ordered_json j;
    add_metrics_json(j, m);
    evaluation["strategies"][name] = j;
    log_("test, " + name + ": per-class P " + std::to_string(m.per_class_precision) + " R " +
         std::to_string(m.per_class_recall) + " F1 " + std::to_string(m.per_class_f1) + ", N+ " +
         std::to_string(m.n_plus));
  };
  add("0.5", std::vector<double>(v, 0.5));
  const auto grid = choose_thresholds(train, ThresholdMethod::MccGrid);
  const auto exact_mcc = choose_thresholds(train, ThresholdMethod::Mcc);
  const auto exact_f1 = choose_thresholds(train, ThresholdMethod::F1);
  add("mcc-grid", grid);
  add("mcc", exact_mcc);
  add("f1", exact_f1);
  if (!writes()) return;
  write_thresholds_json(run_dir_ + "/thresholds.json", data_.vocabulary, grid);
  write_thresholds_json(run_dir_ + "/thresholds_mcc.json", data_.vocabulary, exact_mcc);
  write_thresholds_json(run_dir_ + "/thresholds_f1.json", data_.vocabulary, exact_f1);
  write_file_atomically(run_dir_ + "/evaluation.json", evaluation.dump(2) + "\n");

  ScoreTable s, t;
  s.labels = t.labels = data_.vocabulary;
  const auto targets = multi_hot(data_.test, v);
  for (auto i : kept) {
    s.images.push_back(data_.test[i].image);
    for (std::size_t j = 0; j < v; ++j) {
      s.values.push_back(test_scores[i * v + j]);
      t.values.push_back(targets[i * v + j]);
    }
  }
  t.images = s.images;
  write_score_csv(run_dir_ + "/test_scores.csv", s);
  write_score_csv(run_dir_ + "/test_targets.csv", t);
}

}  // namespace aia::detail
