// After the last epoch: thresholds chosen on the training split and the test split evaluated under each.

#include "aia/training/run_outputs.h"

namespace aia {

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
