#pragma once
// The report of an experiment, computed from its run folders alone (each
// cell's test scores, targets and thresholds files) with the metrics code of
// `aia metrics`: per loss and threshold strategy the mean and sample standard
// deviation over seeds, the best loss per column marked; the published
// numbers of the proposed method beside ours; the paired bootstrap of every
// loss against the baseline loss (bootstrap.h); per-label F1 gains and the
// gain by label frequency. Rendered as Markdown, CSV, LaTeX or JSON.
// Plain std types.

#include "aia/experiment/bootstrap.h"
#include "aia/experiment/experiment.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace aia {

struct ReportOptions {
  BootstrapOptions bootstrap;
  std::string baseline;  // the loss compared with every other; empty: "proposed" if in the grid, else the first
  std::string gain_strategy = "mcc-grid";  // the strategy of the per-label tables
  std::size_t top_labels = 5;              // labels listed where the baseline gains and loses most
  std::size_t frequency_bins = 4;          // label-frequency bins (quantiles of test support)
};

// The strategies of a report, in this order: "0.5", "mcc-grid", "mcc", "f1",
// then "precision:0.9@0.1" (certified on half of each test split, measured
// on the other half: its rows are over that half only).
const std::vector<std::string>& report_strategies();

// The report's columns, in this order.
enum class ReportColumn { ClassP, ClassR, ClassF1, ImageP, ImageR, ImageF1, NPlus, Map };
constexpr std::size_t kReportColumns = 8;
std::string column_name(ReportColumn column);  // "class P", ..., "N+", "mAP"

struct MeanSd {
  double mean = 0;
  double sd = 0;  // sample standard deviation over seeds (NaN with one seed)
  int n = 0;      // 0: no value (a published row's missing column)
};

struct ReportRow {
  std::string loss;
  std::string strategy;
  bool published = false;
  std::string paper;   // a published row's: "2023, gap head" or "2024, attention head"
  std::string source;  // where a published row's numbers come from
  std::vector<int> seeds;
  std::array<MeanSd, kReportColumns> values;
  std::array<bool, kReportColumns> best{};  // the best of our rows under this strategy
  // The per-class F1's percentile interval from the paired bootstrap (NaN without one).
  double f1_low = 0, f1_high = 0;
  std::vector<double> label_f1;  // per label, mean over seeds (ours only)
};

struct Comparison {
  std::string loss;
  std::string baseline;
  std::string strategy;
  BootstrapMetric metric = BootstrapMetric::PerClassF1;
  BootstrapStat stat;  // loss - baseline
  std::vector<int> seeds;
  std::string sentence() const;  // in words
};

struct LabelGain {
  std::string loss;  // the baseline gains over this loss
  std::string label;
  std::int64_t support = 0;
  double baseline_f1 = 0, loss_f1 = 0;
  double gain() const { return baseline_f1 - loss_f1; }
};

struct FrequencyBin {
  std::string loss;
  std::int64_t min_support = 0, max_support = 0;
  std::size_t labels = 0;
  double mean_gain = 0;  // of the baseline over `loss`, mean over the bin's labels
};

// Labels sorted by `support` (stable) and cut into `bins` bins of near-equal
// size, rarest first, each with the mean of `gains` over its labels (`loss`
// left empty): the gain by label frequency, for the report and the GUI.
std::vector<FrequencyBin> frequency_bins(const std::vector<std::int64_t>& support, const std::vector<double>& gains,
                                         std::size_t bins);

struct ReportGroup {
  std::string name;     // the cells' group (cell ids without loss and seed)
  std::string dataset;  // the dataset's name as the grid gives it
  std::string head;     // the cells' head (gap or attention)
  std::size_t test_images = 0;
  std::vector<std::string> labels;
  std::vector<std::int64_t> support;  // test positives per label: the frequency the gains are binned by
  std::vector<ReportRow> rows;        // strategy by strategy: ours, then published
  // The paired bootstrap of each loss against the baseline loss; with a heads
  // axis, also each loss of this head against the same loss of the grid's
  // first head, seed by seed (named "proposed, attention head" against
  // "proposed, gap head").
  std::vector<Comparison> comparisons;
  std::vector<LabelGain> gains;  // per loss: the top gains, then the top losses
  std::vector<FrequencyBin> bins;
  std::vector<std::string> certified;  // per loss: what the certified row promised and kept, in words
  const ReportRow* row(const std::string& loss, const std::string& strategy) const;
};

struct Report {
  std::string experiment_dir;
  ReportOptions options;
  std::string baseline;
  std::vector<Cell> cells;          // with their states
  std::vector<std::string> notes;   // cells left out and why, each naming its cell
  std::vector<ReportGroup> groups;  // those with at least one finished cell
};

// Throws ConfigError when the folder is not an experiment; a damaged cell is
// left out with a note naming it.
Report build_report(const std::string& experiment_dir, const ReportOptions& options = {});

enum class ReportFormat { Markdown, Csv, Latex, Json };
ReportFormat parse_report_format(const std::string& name);  // md | markdown | csv | latex | tex | json
std::string render_report(const Report& report, ReportFormat format);

// The published results of the proposed loss, by dataset name: the 2023
// paper's GAP head (the original implementation's README) at 0.5 and at the
// MCC grid, and the 2024 follow-up's attention head at the MCC grid
// (docs/attention_head.md). A report group shows both papers' rows for its dataset.
struct PublishedResult {
  std::string dataset, strategy;
  double precision, recall, f1;
  int n_plus;
  std::string head = "gap";  // gap: Salar & Ahmadi 2023; attention: 2024
};
const std::vector<PublishedResult>& published_results();

}  // namespace aia
