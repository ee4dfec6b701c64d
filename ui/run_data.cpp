#include "run_data.h"

#include "aia/atomic_file.h"
#include "aia/errors.h"
#include "aia/thresholds.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFileInfo>

namespace aia::ui {

std::shared_ptr<const RunData> RunData::load(const QString& dir) {
  auto r = std::make_shared<RunData>();
  r->dir = dir;
  const std::string d = dir.toStdString();
  if (!QFileInfo::exists(dir + QStringLiteral("/test_scores.csv")))
    throw aia::Error(d + ": no test_scores.csv (the run has not finished)");
  r->scores = aia::read_score_csv(d + "/test_scores.csv", aia::CsvContent::Scores);
  r->targets = aia::align_to(r->scores, "test_scores.csv",
                             aia::read_score_csv(d + "/test_targets.csv", aia::CsvContent::Targets), "test_targets.csv");
  r->matrix = aia::LabelMatrix(r->scores, r->targets);
  const auto& labels = r->scores.labels;
  auto thresholds = [&](const char* file) {
    const std::string path = d + "/" + file;
    return QFileInfo::exists(QString::fromStdString(path)) ? aia::read_thresholds_json(path, labels)
                                                           : std::vector<double>(labels.size(), 0.5);
  };
  r->grid = thresholds("thresholds.json");
  r->exactMcc = thresholds("thresholds_mcc.json");
  r->exactF1 = thresholds("thresholds_f1.json");
  try {
    const auto info = nlohmann::json::parse(aia::read_file(d + "/run.json"));
    r->imagesDir = QDir(QString::fromStdString(info.value("dataset_dir", std::string()))).filePath(QStringLiteral("images"));
  } catch (const nlohmann::json::exception& e) {
    throw aia::Error(d + "/run.json: " + e.what());
  }
  return r;
}

}  // namespace aia::ui
