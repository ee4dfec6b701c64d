#pragma once
// What a run leaves after its last epoch: thresholds chosen on the training
// split by each strategy (the paper's MCC grid, exact MCC, exact F1), the test
// split evaluated under 0.5 and each of them, and the test scores. Plain std types.

#include "aia/metrics/certify.h"
#include "aia/run/run_folder.h"

#include <vector>

namespace aia {

struct RunOutputs {
  std::vector<double> grid, exact_mcc, exact_f1;
  Evaluation evaluation;
};

// Also the certified row (CertifyOptions' defaults: precision:0.9@0.1) when the test split has two halves.
RunOutputs choose_and_evaluate(const ScoredSplit& train, const ScoredSplit& test);

// Adds `options`' row to `evaluation`: certified on one half of `test`, measured on the other.
void add_certified_row(Evaluation& evaluation, const LabelMatrix& test, const std::vector<std::string>& images,
                       const CertifyOptions& options);

// thresholds*.json, evaluation.json, the training split's and the test split's scores and targets
// (the test split's last: they mark the run finished).
void write_run_outputs(const RunFolder& run, const RunOutputs& outputs, const ScoredSplit& train,
                       const ScoredSplit& test);

}  // namespace aia
