// aia metrics / aia thresholds: bring your own predictions.

#include "commands.h"

#include "aia/annotate/thresholds_spec.h"
#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/metrics/certify.h"
#include "aia/metrics/label_table.h"
#include "aia/metrics/metrics.h"
#include "aia/metrics/metrics_json.h"
#include "aia/metrics/thresholds.h"
#include "aia/metrics/thresholds_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>

namespace aia::cli {
namespace {

struct Inputs {
  std::string scores_path, targets_path;
};

void add_inputs(CLI::App* cmd, Inputs& in) {
  cmd->add_option("--scores", in.scores_path, "CSV of scores in [0,1]: image,<label>,...")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--targets", in.targets_path, "CSV of 0/1 ground truth with the same images and labels")
      ->required()
      ->check(CLI::ExistingFile);
}

struct Loaded {
  ScoreTable scores;
  LabelMatrix matrix;
};

Loaded load(const Inputs& in) {
  Loaded l;
  l.scores = read_score_csv(in.scores_path, CsvContent::Scores);
  ScoreTable targets = read_score_csv(in.targets_path, CsvContent::Targets);
  targets = align_to(l.scores, in.scores_path, targets, in.targets_path);
  l.matrix = LabelMatrix(l.scores, targets);
  return l;
}

void print_summary(const Metrics& m, std::size_t images, std::size_t labels) {
  std::printf("images %zu, labels %zu\n", images, labels);
  std::printf("per-class  precision %.4f  recall %.4f  F1 %.4f\n", m.per_class_precision, m.per_class_recall,
              m.per_class_f1);
  std::printf("per-image  precision %.4f  recall %.4f  F1 %.4f\n", m.per_image_precision, m.per_image_recall,
              m.per_image_f1);
  std::printf("N+ %d of %zu   mAP %.4f\n", m.n_plus, labels, m.map);
}

}  // namespace

namespace {

// Certified thresholds of the loaded scores, each label's outcome on stderr.
std::vector<double> certify(const Loaded& l, const CertifyOptions& options) {
  std::vector<Certified> details;
  const auto t = certified_thresholds(l.matrix, options, &details);
  for (std::size_t j = 0; j < details.size(); ++j) {
    const Certified& c = details[j];
    if (c.certified)
      std::fprintf(stderr, "%-24s certified: > %.2f, precision >= %.3f (%lld of %lld right)\n",
                   l.scores.labels[j].c_str(), c.threshold, c.lower_bound, static_cast<long long>(c.correct),
                   static_cast<long long>(c.decided));
    else
      std::fprintf(stderr, "%-24s abstains: %s\n", l.scores.labels[j].c_str(), c.reason.c_str());
  }
  return t;
}

}  // namespace

Runner add_metrics_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("metrics", command_description("metrics"));
  auto in = std::make_shared<Inputs>();
  auto thresholds = std::make_shared<std::string>("0.5");
  auto json = std::make_shared<bool>(false);
  auto table = std::make_shared<bool>(false);
  add_inputs(cmd, *in);
  cmd->add_option("--thresholds", *thresholds,
                  "a number for every label, precision:P[@DELTA] (certified on these scores), or a thresholds file: "
                  "JSON {label: threshold} or CSV label,threshold")
      ->capture_default_str();
  cmd->add_flag("--json", *json, "print one JSON object");
  cmd->add_flag("--per-label", *table, "print the per-label table too");
  return [=] {
    Loaded l = load(*in);
    const ThresholdsSpec spec = parse_thresholds_spec(*thresholds);
    std::vector<double> t;
    if (spec.kind == ThresholdsSpec::Kind::Certified) {
      std::fprintf(stderr,
                   "%s: certified on these same scores, so the metrics below are optimistic; certify on other "
                   "images with aia thresholds --method %s --out FILE and pass FILE here\n",
                   spec.text.c_str(), spec.text.c_str());
      t = certify(l, spec.certify);
    } else {
      t = resolve_thresholds(spec, l.scores.labels);
    }
    const Metrics m = compute_metrics(l.matrix, t);
    if (*json) {
      nlohmann::ordered_json j;
      add_metrics_json(j, m, &l.scores.labels);
      std::cout << j.dump(2) << '\n';
    } else {
      print_summary(m, l.matrix.images(), l.matrix.labels());
      if (*table) std::printf("\n%s", label_table_text(l.scores.labels, m.per_label).c_str());
    }
    return 0;
  };
}

Runner add_thresholds_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("thresholds", command_description("thresholds"));
  auto in = std::make_shared<Inputs>();
  auto method = std::make_shared<std::string>("mcc-grid");
  auto out = std::make_shared<std::string>();
  add_inputs(cmd, *in);
  const auto names = names_of(threshold_strategies());
  cmd->add_option("--method", *method,
                  describe_choices(threshold_strategies()) + "; " + certified_strategy().name + ": " +
                      certified_strategy().description)
      ->check(CLI::Validator(
          [names](std::string& m) -> std::string {
            if (std::find(names.begin(), names.end(), m) != names.end()) return {};
            try {
              parse_precision_spec(m);
              return {};
            } catch (const ConfigError& e) {
              if (is_precision_spec(m)) return e.what();
              return "expected " + names_or(names) + " or " + certified_strategy().name + ", got '" + m + "'";
            }
          },
          "METHOD"))
      ->capture_default_str();
  cmd->add_option("--out", *out, "write the thresholds JSON here (default: print it)");
  return [=] {
    Loaded l = load(*in);
    const auto t = is_precision_spec(*method) ? certify(l, parse_precision_spec(*method))
                                              : choose_thresholds(l.matrix, parse_threshold_method(*method));
    if (out->empty()) {
      std::cout << thresholds_json_text(l.scores.labels, t);
    } else {
      write_thresholds_json(*out, l.scores.labels, t);
      const Metrics m = compute_metrics(l.matrix, t);
      std::printf("wrote %zu thresholds (%s) to %s\non the same data:\n", t.size(), method->c_str(), out->c_str());
      print_summary(m, l.matrix.images(), l.matrix.labels());
    }
    return 0;
  };
}

}  // namespace aia::cli
