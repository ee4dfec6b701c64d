// After the last epoch: thresholds chosen on the training split and the test split evaluated under each.

#include "aia/training/run_outputs.h"

#include "aia/metrics/certify.h"

namespace aia {

void add_certified_row(Evaluation& evaluation, const LabelMatrix& test, const std::vector<std::string>& images,
                       const CertifyOptions& options) {
  if (!has_both_halves(images)) return;  // no halves to certify on and judge on
  const HeldOutCertification h = certify_held_out(test, images, options);
  Metrics m = compute_metrics(select_images(test, h.evaluation), h.thresholds);
  m.per_label.clear();
  evaluation.strategies.emplace_back(to_string(options), m);
  evaluation.certified.push_back({to_string(options), h.calibration.size(), h.evaluation.size(), test.labels(),
                                  h.labels_certified, h.labels_tagging, h.labels_meeting_target});
}

RunOutputs choose_and_evaluate(const ScoredSplit& train_split, const ScoredSplit& test_split) {
  const LabelMatrix train(train_split.scores, train_split.targets);
  const LabelMatrix test(test_split.scores, test_split.targets);
  RunOutputs out;
  out.grid = choose_thresholds(train, ThresholdMethod::MccGrid);
  out.exact_mcc = choose_thresholds(train, ThresholdMethod::Mcc);
  out.exact_f1 = choose_thresholds(train, ThresholdMethod::F1);
  out.evaluation.split = "test";
  out.evaluation.images = test.images();
  out.evaluation.thresholds_chosen_on = "train";
  auto add = [&](const std::string& name, const std::vector<double>& t) {
    Metrics m = compute_metrics(test, t);
    m.per_label.clear();
    out.evaluation.strategies.emplace_back(name, m);
  };
  add("0.5", std::vector<double>(test.labels(), 0.5));
  add(to_string(ThresholdMethod::MccGrid), out.grid);
  add(to_string(ThresholdMethod::Mcc), out.exact_mcc);
  add(to_string(ThresholdMethod::F1), out.exact_f1);
  add_certified_row(out.evaluation, test, test_split.scores.images, CertifyOptions{});
  return out;
}

void write_run_outputs(const RunFolder& run, const RunOutputs& outputs, const ScoredSplit& train,
                       const ScoredSplit& test) {
  const auto& labels = test.scores.labels;
  run.write_thresholds(ThresholdMethod::MccGrid, labels, outputs.grid);
  run.write_thresholds(ThresholdMethod::Mcc, labels, outputs.exact_mcc);
  run.write_thresholds(ThresholdMethod::F1, labels, outputs.exact_f1);
  run.write_evaluation(outputs.evaluation);
  run.write_train_scores(train);
  run.write_test_scores(test);
}

}  // namespace aia
