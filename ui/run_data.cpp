#include "run_data.h"

#include "aia/run/run_folder.h"

namespace aia::ui {

std::shared_ptr<const RunData> RunData::load(const QString& dir) {
  const aia::RunFolder run(dir.toStdString());
  auto r = std::make_shared<RunData>();
  r->dir = dir;
  aia::ScoredSplit test = run.read_test_scores();
  r->scores = std::move(test.scores);
  r->targets = std::move(test.targets);
  r->matrix = aia::LabelMatrix(r->scores, r->targets);
  const auto& labels = r->scores.labels;
  r->grid = run.thresholds_or_half(aia::ThresholdMethod::MccGrid, labels);
  r->exactMcc = run.thresholds_or_half(aia::ThresholdMethod::Mcc, labels);
  r->exactF1 = run.thresholds_or_half(aia::ThresholdMethod::F1, labels);
  const aia::RunInfo info = run.read_info();
  r->imagesDir = QString::fromStdString(info.images_dir());
  r->attentionHead = info.head == "attention";
  for (std::size_t j = 0; j < r->matrix.labels(); ++j) r->testSorted.emplace_back(r->matrix, j);
  if (run.has_train_scores()) {
    const aia::ScoredSplit train = run.read_train_scores();
    if (train.scores.labels == labels) {
      const aia::LabelMatrix m(train.scores, train.targets);
      for (std::size_t j = 0; j < m.labels(); ++j) r->trainSorted.emplace_back(m, j);
    }
  }
  return r;
}

}  // namespace aia::ui
