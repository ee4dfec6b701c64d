#include "aia/experiment/report.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/io/csv.h"
#include "aia/metrics/certify.h"
#include "aia/metrics/thresholds.h"
#include "aia/run/run_folder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>

namespace fs = std::filesystem;

namespace aia {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double column_value(const Metrics& m, ReportColumn c) {
  switch (c) {
    case ReportColumn::ClassP:
      return m.per_class_precision;
    case ReportColumn::ClassR:
      return m.per_class_recall;
    case ReportColumn::ClassF1:
      return m.per_class_f1;
    case ReportColumn::ImageP:
      return m.per_image_precision;
    case ReportColumn::ImageR:
      return m.per_image_recall;
    case ReportColumn::ImageF1:
      return m.per_image_f1;
    case ReportColumn::NPlus:
      return m.n_plus;
    case ReportColumn::Map:
      return m.map;
  }
  return 0;
}

MeanSd mean_sd(const std::vector<double>& v) {
  MeanSd r;
  r.n = static_cast<int>(v.size());
  if (v.empty()) return r;
  r.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  if (v.size() < 2) {
    r.sd = kNaN;
    return r;
  }
  double ss = 0;
  for (double x : v) ss += (x - r.mean) * (x - r.mean);
  r.sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
  return r;
}

// One finished cell, loaded.
struct LoadedCell {
  const Cell* cell = nullptr;
  std::vector<Metrics> metrics;         // per strategy
  std::vector<ImageOutcomes> outcomes;  // per strategy
  std::size_t labels_certified = 0, labels_tagging = 0, labels_meeting_target = 0, evaluation_images = 0;
};

std::vector<double> strategy_thresholds(const std::string& strategy, const RunFolder& run,
                                        const std::vector<std::string>& labels) {
  if (strategy == "0.5") return std::vector<double>(labels.size(), 0.5);
  return run.read_thresholds(parse_threshold_method(strategy), labels);
}

// The certified strategy: thresholds certified on the calibration half of the
// test images, judged on the other half (certify_held_out). With too few
// images for two halves every label abstains.
void add_certified(LoadedCell& l, const LabelMatrix& m, const std::vector<std::string>& images,
                   const CertifyOptions& options) {
  if (!has_both_halves(images)) {
    const std::vector<double> abstain(m.labels(), kNaN);
    l.metrics.push_back(compute_metrics(m, abstain));
    l.outcomes.emplace_back(m, abstain);
    return;
  }
  const HeldOutCertification h = certify_held_out(m, images, options);
  const LabelMatrix evaluation = select_images(m, h.evaluation);
  l.metrics.push_back(compute_metrics(evaluation, h.thresholds));
  l.outcomes.emplace_back(evaluation, h.thresholds);
  l.labels_certified = h.labels_certified;
  l.labels_tagging = h.labels_tagging;
  l.labels_meeting_target = h.labels_meeting_target;
  l.evaluation_images = h.evaluation.size();
}

constexpr std::size_t kColumnCount = kReportColumns;

}  // namespace

const std::vector<std::string>& report_strategies() {
  // 0.5 for every label, then the catalogue's strategies.
  static const std::vector<std::string> s = [] {
    std::vector<std::string> v{"0.5"};
    for (const auto& name : names_of(threshold_strategies())) v.push_back(name);
    v.push_back(to_string(CertifyOptions{}));
    return v;
  }();
  return s;
}

std::string column_name(ReportColumn column) {
  static const char* names[] = {"class P", "class R", "class F1", "image P", "image R", "image F1", "N+", "mAP"};
  return names[static_cast<std::size_t>(column)];
}

const std::vector<PublishedResult>& published_results() {
  static const std::vector<PublishedResult> r = {
      {"Corel-5k", "0.5", 0.466, 0.554, 0.506, 189},
      {"IAPR-TC-12", "0.5", 0.503, 0.562, 0.531, 285},
      {"ESP-Game", "0.5", 0.423, 0.484, 0.452, 261},
      {"Corel-5k", "mcc-grid", 0.484, 0.563, 0.520, 191},
      {"IAPR-TC-12", "mcc-grid", 0.562, 0.515, 0.537, 277},
      {"ESP-Game", "mcc-grid", 0.508, 0.421, 0.461, 255},
      {"Corel-5k", "mcc-grid", 0.453, 0.611, 0.520, 202, "attention"},
      {"IAPR-TC-12", "mcc-grid", 0.515, 0.584, 0.547, 287, "attention"},
      {"ESP-Game", "mcc-grid", 0.442, 0.500, 0.470, 262, "attention"},
  };
  return r;
}

const ReportRow* ReportGroup::row(const std::string& loss, const std::string& strategy) const {
  for (const auto& r : rows)
    if (!r.published && r.loss == loss && r.strategy == strategy) return &r;
  return nullptr;
}

std::string Comparison::sentence() const {
  char buf[512];
  const bool integer = metric == BootstrapMetric::NPlus;
  std::string per_seed;
  if (stat.per_pair.size() > 1) {
    per_seed = "; per seed";
    for (double d : stat.per_pair) {
      char one[32];
      std::snprintf(one, sizeof one, integer ? " %+.0f" : " %+.3f", d);
      per_seed += one;
    }
  }
  const std::string verdict = stat.distinguishable()
                                  ? (stat.observed < 0 ? baseline + " is better, distinguishable from zero"
                                                       : loss + " is better, distinguishable from zero")
                                  : "not distinguishable from zero";
  std::snprintf(buf, sizeof buf,
                integer ? "%s vs %s (%s thresholds): %s %+.1f [95%% %+.1f, %+.1f], p = %.4f%s: %s."
                        : "%s vs %s (%s thresholds): %s %+.3f [95%% %+.3f, %+.3f], p = %.4f%s: %s.",
                loss.c_str(), baseline.c_str(), strategy.c_str(), to_string(metric).c_str(), stat.observed, stat.low,
                stat.high, stat.p_value, per_seed.c_str(), verdict.c_str());
  return buf;
}

namespace {

// The loss every other is compared with: the option, else the default loss
// (the paper's proposed one) when the grid has it, else the grid's first.
std::string choose_baseline(const ExperimentSpec& spec, const ReportOptions& options) {
  std::string baseline = options.baseline;
  if (baseline.empty()) {
    baseline = spec.grid.losses.front().name;
    for (const auto& l : spec.grid.losses)
      if (l.name == default_loss()) baseline = l.name;
  }
  if (std::none_of(spec.grid.losses.begin(), spec.grid.losses.end(),
                   [&](const GridLoss& l) { return l.name == baseline; }))
    throw ConfigError("report: the baseline loss '" + baseline + "' is not in the experiment's grid");
  return baseline;
}

// The finished cells of a group with their metrics and outcomes under every
// strategy; the group's labels, support and test size from the first. A cell
// that cannot be read is left out with a note.
std::vector<LoadedCell> load_group(Report& report, ReportGroup& group) {
  std::vector<LoadedCell> loaded;
  std::vector<std::string> images;
  for (const auto& cell : report.cells) {
    if (cell.group != group.name) continue;
    group.dataset = cell.dataset;
    group.head = cell.head;
    if (cell.state != CellState::Finished) continue;
    try {
      const RunFolder run(cell.config.run.out_dir);
      const ScoredSplit split = run.read_test_scores();
      if (group.labels.empty()) {
        group.labels = split.scores.labels;
        images = split.scores.images;
      } else if (split.scores.labels != group.labels || split.scores.images != images) {
        throw InputError("its test images or labels differ from the group's first finished cell");
      }
      const LabelMatrix m(split.scores, split.targets);
      if (group.support.empty()) {
        group.test_images = m.images();
        group.support.assign(m.labels(), 0);
        for (std::size_t j = 0; j < m.labels(); ++j)
          for (std::size_t i = 0; i < m.images(); ++i) group.support[j] += m.target(i, j) ? 1 : 0;
      }
      LoadedCell l;
      l.cell = &cell;
      for (const auto& s : report_strategies()) {
        if (is_precision_spec(s)) {
          add_certified(l, m, split.scores.images, parse_precision_spec(s));
          continue;
        }
        const auto t = strategy_thresholds(s, run, group.labels);
        l.metrics.push_back(compute_metrics(m, t));
        l.outcomes.emplace_back(m, t);
      }
      loaded.push_back(std::move(l));
    } catch (const std::exception& e) {
      report.notes.push_back("cell " + cell.id + " left out: " + e.what());
    }
  }
  return loaded;
}

std::vector<const LoadedCell*> cells_of(const std::vector<LoadedCell>& loaded, const std::string& loss) {
  std::vector<const LoadedCell*> v;
  for (const auto& l : loaded)
    if (l.cell->loss == loss) v.push_back(&l);
  return v;
}

// Strategy s's rows: mean ± sd over seeds per loss, the best of each column
// marked, then the published numbers for the dataset.
void add_rows(ReportGroup& group, const std::vector<LoadedCell>& loaded, const ExperimentSpec& spec, std::size_t s) {
  const auto& strategies = report_strategies();
  const std::size_t first = group.rows.size();
  for (const auto& loss : spec.grid.losses) {
    const auto cells = cells_of(loaded, loss.name);
    if (cells.empty()) continue;
    ReportRow row;
    row.loss = loss.name;
    row.strategy = strategies[s];
    row.f1_low = row.f1_high = kNaN;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      std::vector<double> v;
      for (const auto* l : cells) v.push_back(column_value(l->metrics[s], static_cast<ReportColumn>(c)));
      row.values[c] = mean_sd(v);
    }
    row.label_f1.assign(group.labels.size(), 0.0);
    for (const auto* l : cells) {
      row.seeds.push_back(l->cell->seed);
      for (std::size_t j = 0; j < group.labels.size(); ++j)
        row.label_f1[j] += l->metrics[s].per_label[j].f1 / static_cast<double>(cells.size());
    }
    group.rows.push_back(std::move(row));
  }
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t r = first; r < group.rows.size(); ++r) best = std::max(best, group.rows[r].values[c].mean);
    for (std::size_t r = first; r < group.rows.size(); ++r)
      group.rows[r].best[c] = group.rows.size() - first > 1 && group.rows[r].values[c].mean == best;
  }
  for (const auto& p : published_results()) {
    if (p.strategy != strategies[s] || fs::path(group.dataset).filename().string() != p.dataset) continue;
    ReportRow row;
    row.loss = default_loss();  // the published numbers are the paper's loss
    row.strategy = p.strategy;
    row.published = true;
    row.paper = p.head == "attention" ? "2024, attention head" : "2023, gap head";
    row.source = p.head == "attention"
                     ? "published (Salar & Ahmadi 2024, the attention head; docs/attention_head.md), not ours"
                     : "published (Salar & Ahmadi 2023, the original implementation's README), not ours";
    row.f1_low = row.f1_high = kNaN;
    const std::pair<ReportColumn, double> known[] = {{ReportColumn::ClassP, p.precision},
                                                     {ReportColumn::ClassR, p.recall},
                                                     {ReportColumn::ClassF1, p.f1},
                                                     {ReportColumn::NPlus, double(p.n_plus)}};
    for (const auto& [c, v] : known) row.values[static_cast<std::size_t>(c)] = MeanSd{v, kNaN, 1};
    group.rows.push_back(std::move(row));
  }
}

// The paired bootstrap of every loss against the baseline under strategy s,
// seed by seed; the rows get their F1 intervals.
void add_comparisons(ReportGroup& group, const std::vector<LoadedCell>& loaded, const ExperimentSpec& spec,
                     const std::string& baseline, std::size_t s, const ReportOptions& options) {
  const std::string& strategy = report_strategies()[s];
  const auto base = cells_of(loaded, baseline);
  for (const auto& loss : spec.grid.losses) {
    if (loss.name == baseline) continue;
    std::vector<ImageOutcomes> a, b;
    std::vector<int> seeds;
    for (const auto* l : cells_of(loaded, loss.name))
      for (const auto* bl : base)
        if (bl->cell->seed == l->cell->seed) {
          a.push_back(l->outcomes[s]);
          b.push_back(bl->outcomes[s]);
          seeds.push_back(l->cell->seed);
        }
    if (seeds.empty()) continue;
    const auto stats = paired_bootstrap(a, b, options.bootstrap);
    for (std::size_t m = 0; m < stats.size(); ++m)
      group.comparisons.push_back({loss.name, baseline, strategy, kBootstrapMetrics[m], stats[m], seeds});
    for (auto& r : group.rows) {
      if (r.published || r.strategy != strategy) continue;
      if (r.loss == loss.name) r.f1_low = stats[0].a_low, r.f1_high = stats[0].a_high;
      if (r.loss == baseline) r.f1_low = stats[0].b_low, r.f1_high = stats[0].b_high;
    }
  }
}

// Per-label gains over the baseline under `strategy`, and the gain by label frequency.
void add_gains(ReportGroup& group, const ExperimentSpec& spec, const std::string& baseline, const std::string& strategy,
               const ReportOptions& options) {
  const ReportRow* base_row = group.row(baseline, strategy);
  for (const auto& loss : spec.grid.losses) {
    const ReportRow* other = group.row(loss.name, strategy);
    if (!base_row || !other || loss.name == baseline) continue;
    std::vector<LabelGain> gains;
    std::vector<double> values;
    for (std::size_t j = 0; j < group.labels.size(); ++j) {
      gains.push_back({loss.name, group.labels[j], group.support[j], base_row->label_f1[j], other->label_f1[j]});
      values.push_back(gains.back().gain());
    }
    std::stable_sort(gains.begin(), gains.end(),
                     [](const LabelGain& x, const LabelGain& y) { return x.gain() > y.gain(); });
    const std::size_t k = std::min(options.top_labels, gains.size() / 2);
    for (std::size_t i = 0; i < k; ++i) group.gains.push_back(gains[i]);
    for (std::size_t i = 0; i < k; ++i) group.gains.push_back(gains[gains.size() - 1 - i]);
    for (auto bin : frequency_bins(group.support, values, options.frequency_bins)) {
      bin.loss = loss.name;
      group.bins.push_back(bin);
    }
  }
}

// What the certified row promised and kept, per loss, summed over seeds.
void add_certified_notes(ReportGroup& group, const std::vector<LoadedCell>& loaded, const ExperimentSpec& spec) {
  const std::string strategy = to_string(CertifyOptions{});
  for (const auto& loss : spec.grid.losses) {
    std::size_t certified = 0, tagging = 0, kept = 0, cells = 0, images = 0;
    for (const auto* l : cells_of(loaded, loss.name)) {
      certified += l->labels_certified;
      tagging += l->labels_tagging;
      kept += l->labels_meeting_target;
      images = l->evaluation_images;
      ++cells;
    }
    if (cells == 0) continue;
    group.certified.push_back(loss.name + ", " + strategy + ": thresholds certified on half of the test images, " +
                              "measured on the other " + std::to_string(images) + "; " + std::to_string(certified) +
                              " label certificates over " + std::to_string(cells) + " seed(s), " +
                              std::to_string(kept) + " of the " + std::to_string(tagging) +
                              " that tagged kept precision >= target there; abstaining labels tag nothing");
  }
}

// The cell's place in the grid but for its head: the cells that a heads axis pairs.
std::string without_head(const Cell& c) {
  return c.dataset + "\n" + c.config.model.backbone + "\n" + std::to_string(c.config.data.image_size) + "\n" +
         to_string(c.config.run.mode) + "\n" + c.loss + "\n" + std::to_string(c.seed);
}

// Each loss of `group` against the same loss of the grid's first head, seed by seed, under every strategy.
void add_head_comparisons(ReportGroup& group, const std::vector<LoadedCell>& loaded, const std::vector<LoadedCell>& all,
                          const ExperimentSpec& spec, const ReportOptions& options) {
  if (spec.grid.heads.size() < 2 || group.head == spec.grid.heads.front()) return;
  const std::string& base_head = spec.grid.heads.front();
  for (std::size_t s = 0; s < report_strategies().size(); ++s)
    for (const auto& loss : spec.grid.losses) {
      std::vector<ImageOutcomes> a, b;
      std::vector<int> seeds;
      for (const auto* l : cells_of(loaded, loss.name))
        for (const auto& other : all)
          if (other.cell->head == base_head && without_head(*other.cell) == without_head(*l->cell)) {
            a.push_back(l->outcomes[s]);
            b.push_back(other.outcomes[s]);
            seeds.push_back(l->cell->seed);
          }
      if (seeds.empty()) continue;
      const auto stats = paired_bootstrap(a, b, options.bootstrap);
      for (std::size_t m = 0; m < stats.size(); ++m)
        group.comparisons.push_back({loss.name + ", " + group.head + " head", loss.name + ", " + base_head + " head",
                                     report_strategies()[s], kBootstrapMetrics[m], stats[m], seeds});
    }
}

}  // namespace

Report build_report(const std::string& experiment_dir, const ReportOptions& options) {
  const ExperimentFolder folder(experiment_dir);
  const ExperimentSpec spec = folder.read_spec();
  Report report;
  report.experiment_dir = experiment_dir;
  report.options = options;
  report.cells = folder.cells();
  report.baseline = choose_baseline(spec, options);
  const auto& strategies = report_strategies();
  const auto gain_strategy = std::find(strategies.begin(), strategies.end(), options.gain_strategy);
  if (gain_strategy == strategies.end())
    throw ConfigError("report: unknown strategy '" + options.gain_strategy + "' (" + names_or(report_strategies()) +
                      ")");

  // Groups in the order of their first cell.
  std::vector<std::string> group_names;
  for (const auto& c : report.cells)
    if (std::find(group_names.begin(), group_names.end(), c.group) == group_names.end()) group_names.push_back(c.group);
  std::vector<std::vector<LoadedCell>> loaded_groups;
  std::vector<LoadedCell> all;  // every group's, for the comparisons across heads
  for (const auto& group_name : group_names) {
    ReportGroup group;
    group.name = group_name;
    std::vector<LoadedCell> loaded = load_group(report, group);
    if (loaded.empty()) continue;
    for (std::size_t s = 0; s < strategies.size(); ++s) {
      add_rows(group, loaded, spec, s);
      add_comparisons(group, loaded, spec, report.baseline, s, options);
    }
    add_gains(group, spec, report.baseline, *gain_strategy, options);
    add_certified_notes(group, loaded, spec);
    all.insert(all.end(), loaded.begin(), loaded.end());
    loaded_groups.push_back(std::move(loaded));
    report.groups.push_back(std::move(group));
  }
  for (std::size_t g = 0; g < report.groups.size(); ++g)
    add_head_comparisons(report.groups[g], loaded_groups[g], all, spec, options);
  return report;
}

std::vector<FrequencyBin> frequency_bins(const std::vector<std::int64_t>& support, const std::vector<double>& gains,
                                         std::size_t bins) {
  std::vector<std::size_t> order(support.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return support[x] < support[y]; });
  std::vector<FrequencyBin> out;
  bins = std::max<std::size_t>(1, std::min(bins, order.size()));
  for (std::size_t b = 0; b < bins && !order.empty(); ++b) {
    const std::size_t from = b * order.size() / bins, to = (b + 1) * order.size() / bins;
    if (from == to) continue;
    FrequencyBin bin;
    bin.min_support = support[order[from]];
    bin.max_support = support[order[to - 1]];
    bin.labels = to - from;
    for (std::size_t i = from; i < to; ++i) bin.mean_gain += gains[order[i]] / static_cast<double>(to - from);
    out.push_back(bin);
  }
  return out;
}

ReportFormat parse_report_format(const std::string& name) {
  if (name == "md" || name == "markdown") return ReportFormat::Markdown;
  if (name == "csv") return ReportFormat::Csv;
  if (name == "latex" || name == "tex") return ReportFormat::Latex;
  if (name == "json") return ReportFormat::Json;
  throw ConfigError("report format must be " + names_or(names_of(report_formats())) + ", got '" + name + "'");
}

namespace {

std::string number(double v, ReportColumn c) {
  if (std::isnan(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, c == ReportColumn::NPlus ? "%.1f" : "%.3f", v);
  return buf;
}

// ", and the gap head" in the comparisons' heading of a group whose head is not the grid's first.
std::string heads_clause(const ReportGroup& g) {
  for (const auto& c : g.comparisons)
    if (c.baseline.size() > 5 && c.baseline.compare(c.baseline.size() - 5, 5, " head") == 0) {
      const auto comma = c.baseline.rfind(", ");
      return ", and the " + c.baseline.substr(comma + 2);
    }
  return "";
}

// "0.506 ± 0.012", "0.506" (one seed or published), "–" (no value).
std::string cell_text(const MeanSd& v, ReportColumn c, const char* plus_minus) {
  if (v.n == 0) return "–";
  std::string s = number(v.mean, c);
  if (!std::isnan(v.sd)) s += std::string(plus_minus) + number(v.sd, c);
  return s;
}

std::string seeds_text(const std::vector<int>& seeds) {
  std::string s;
  for (int x : seeds) s += (s.empty() ? "" : ",") + std::to_string(x);
  return s;
}

std::string cells_summary(const Report& r) {
  std::map<CellState, int> n;
  for (const auto& c : r.cells) ++n[c.state];
  std::string s = std::to_string(r.cells.size()) + " cells: " + std::to_string(n[CellState::Finished]) + " finished";
  if (n[CellState::Failed]) s += ", " + std::to_string(n[CellState::Failed]) + " failed";
  if (n[CellState::Interrupted]) s += ", " + std::to_string(n[CellState::Interrupted]) + " interrupted";
  if (n[CellState::Pending]) s += ", " + std::to_string(n[CellState::Pending]) + " not started";
  return s;
}

std::string bootstrap_text(const Report& r) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "paired bootstrap over test images: %d resamples, seed %llu, %.0f%% percentile intervals; p-values "
                "(c + 1) / (n + 1) as sacreBLEU's",
                r.options.bootstrap.resamples, static_cast<unsigned long long>(r.options.bootstrap.seed),
                r.options.bootstrap.confidence * 100);
  return buf;
}

std::string render_markdown(const Report& r) {
  std::string o = "# Experiment " + r.experiment_dir + "\n\n" + cells_summary(r) + ". Baseline loss: " + r.baseline +
                  ". Metrics: mean ± sample standard deviation over seeds, recomputed from each cell's test scores; "
                  "**bold**: the best loss under those thresholds.\n";
  for (const auto& c : r.cells)
    if (c.state == CellState::Failed) o += "\n- failed: " + c.id + ": " + c.error;
  for (const auto& n : r.notes) o += "\n- " + n;
  o += "\n";
  for (const auto& g : r.groups) {
    o += "\n## " + g.name + "\n\n" + std::to_string(g.test_images) + " test images, " +
         std::to_string(g.labels.size()) + " labels.\n";
    for (const auto& s : report_strategies()) {
      o += "\n### Thresholds " + s + "\n\n| loss | seeds |";
      for (std::size_t c = 0; c < kColumnCount; ++c)
        o.append(" ").append(column_name(static_cast<ReportColumn>(c))).append(" |");
      o += "\n|---|---|";
      for (std::size_t c = 0; c < kColumnCount; ++c) o += "---:|";
      o += "\n";
      for (const auto& row : g.rows) {
        if (row.strategy != s) continue;
        o += "| " + row.loss + (row.published ? " (published " + row.paper + ", not ours)" : "") + " | " +
             (row.published ? "–" : seeds_text(row.seeds)) + " |";
        for (std::size_t c = 0; c < kColumnCount; ++c) {
          const std::string t = cell_text(row.values[c], static_cast<ReportColumn>(c), " ± ");
          o += " " + (row.best[c] ? "**" + t + "**" : t) + " |";
        }
        o += "\n";
      }
      if (is_precision_spec(s))
        for (const auto& c : g.certified) o += "\n- " + c;
      if (is_precision_spec(s) && !g.certified.empty()) o += "\n";
    }
    if (!g.comparisons.empty()) {
      o += "\n### Against " + r.baseline + heads_clause(g) + "\n\n" + bootstrap_text(r) + ".\n\n";
      for (const auto& c : g.comparisons) o += "- " + c.sentence() + "\n";
    }
    if (!g.gains.empty()) {
      o += "\n### Per label (" + r.options.gain_strategy + " thresholds)\n\nF1 gain of " + r.baseline +
           " over each loss; support = positives among the test images.\n\n| vs loss | label | support | " +
           r.baseline + " F1 | loss F1 | gain |\n|---|---|---:|---:|---:|---:|\n";
      for (const auto& l : g.gains) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "| %lld | %.3f | %.3f | %+.3f |\n", static_cast<long long>(l.support),
                      l.baseline_f1, l.loss_f1, l.gain());
        o += "| " + l.loss + " | " + l.label + " " + buf;
      }
      o += "\nMean gain by label frequency (labels binned by test support, rarest first):\n\n"
           "| vs loss | support | labels | mean gain |\n|---|---|---:|---:|\n";
      for (const auto& b : g.bins) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "| %lld-%lld | %zu | %+.3f |\n", static_cast<long long>(b.min_support),
                      static_cast<long long>(b.max_support), b.labels, b.mean_gain);
        o += "| " + b.loss + " " + buf;
      }
    }
  }
  return o;
}

std::string render_csv(const Report& r) {
  std::string o = "kind,group,loss,strategy,metric,value,sd,seeds,best,low,high,p_value\n";
  auto num = [](double v) {
    if (std::isnan(v)) return std::string();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::string(buf);
  };
  for (const auto& g : r.groups) {
    for (const auto& row : g.rows)
      for (std::size_t c = 0; c < kColumnCount; ++c) {
        if (row.values[c].n == 0) continue;
        o += std::string(row.published ? "published" : "result") + "," + csv::quote_inert(g.name) + "," +
             csv::quote_inert(row.loss) + "," + csv::quote_inert(row.strategy) + "," +
             csv::quote_inert(column_name(static_cast<ReportColumn>(c))) + "," + num(row.values[c].mean) + "," +
             num(row.values[c].sd) + "," + csv::quote(seeds_text(row.seeds)) + "," + (row.best[c] ? "1" : "0") +
             ",,,\n";
      }
    for (const auto& c : g.comparisons)
      o += "comparison," + csv::quote_inert(g.name) + "," + csv::quote_inert(c.loss + " - " + c.baseline) + "," +
           csv::quote_inert(c.strategy) + "," + csv::quote_inert(to_string(c.metric)) + "," + num(c.stat.observed) +
           ",," + csv::quote(seeds_text(c.seeds)) + ",," + num(c.stat.low) + "," + num(c.stat.high) + "," +
           num(c.stat.p_value) + "\n";
    for (const auto& l : g.gains)
      o += "label_gain," + csv::quote_inert(g.name) + "," + csv::quote_inert(l.loss) + "," +
           csv::quote_inert(r.options.gain_strategy) + "," + csv::quote_inert(l.label) + "," + num(l.gain()) + ",," +
           std::to_string(l.support) + ",,,,\n";
    for (const auto& b : g.bins)
      o += "frequency_bin," + csv::quote_inert(g.name) + "," + csv::quote_inert(b.loss) + "," +
           csv::quote_inert(r.options.gain_strategy) + "," + std::to_string(b.min_support) + "-" +
           std::to_string(b.max_support) + "," + num(b.mean_gain) + ",," + std::to_string(b.labels) + ",,,,\n";
  }
  return o;
}

std::string latex_escape(const std::string& s) {
  std::string o;
  for (char ch : s) {
    if (ch == '_' || ch == '&' || ch == '%' || ch == '#' || ch == '$' || ch == '{' || ch == '}') o += '\\';
    o += ch;
  }
  return o;
}

std::string render_latex(const Report& r) {
  std::string o = "% aia report " + latex_escape(r.experiment_dir) +
                  ": mean $\\pm$ sample sd over seeds; bold: best loss per column under the same thresholds.\n"
                  "% needs \\usepackage{booktabs}\n";
  for (const auto& g : r.groups) {
    o += "\\begin{table}\n\\centering\n\\caption{" + latex_escape(g.name) + ": " + std::to_string(g.test_images) +
         " test images, " + std::to_string(g.labels.size()) + " labels}\n\\begin{tabular}{ll" +
         std::string(kColumnCount, 'r') + "}\n\\toprule\nloss & thresholds";
    for (std::size_t c = 0; c < kColumnCount; ++c) o += " & " + column_name(static_cast<ReportColumn>(c));
    o += " \\\\\n\\midrule\n";
    for (const auto& s : report_strategies()) {
      for (const auto& row : g.rows) {
        if (row.strategy != s) continue;
        o += latex_escape(row.loss) + (row.published ? " (published " + row.paper + ")" : "") + " & " + latex_escape(s);
        for (std::size_t c = 0; c < kColumnCount; ++c) {
          const std::string t = cell_text(row.values[c], static_cast<ReportColumn>(c), " $\\pm$ ");
          o += " & " + (row.best[c] ? "\\textbf{" + t + "}" : t);
        }
        o += " \\\\\n";
      }
      if (s != report_strategies().back()) o += "\\midrule\n";
    }
    o += "\\bottomrule\n\\end{tabular}\n\\end{table}\n";
  }
  return o;
}

nlohmann::ordered_json mean_sd_json(const MeanSd& v) {
  nlohmann::ordered_json j;
  j["mean"] = v.mean;
  j["sd"] = std::isnan(v.sd) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.sd);
  j["n"] = v.n;
  return j;
}

nlohmann::ordered_json maybe(double v) {
  return std::isnan(v) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v);
}

std::string render_json(const Report& r) {
  nlohmann::ordered_json o;
  o["experiment"] = r.experiment_dir;
  o["baseline"] = r.baseline;
  o["bootstrap"] = {{"resamples", r.options.bootstrap.resamples},
                    {"seed", r.options.bootstrap.seed},
                    {"confidence", r.options.bootstrap.confidence}};
  o["cells"] = nlohmann::ordered_json::array();
  for (const auto& c : r.cells) {
    nlohmann::ordered_json j = {{"id", c.id}, {"loss", c.loss}, {"seed", c.seed}, {"state", to_string(c.state)}};
    if (!c.error.empty()) j["error"] = c.error;
    o["cells"].push_back(j);
  }
  o["notes"] = r.notes;
  o["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : r.groups) {
    nlohmann::ordered_json jg;
    jg["name"] = g.name;
    jg["head"] = g.head;
    jg["dataset"] = g.dataset;
    jg["test_images"] = g.test_images;
    jg["labels"] = g.labels;
    jg["support"] = g.support;
    jg["certified"] = g.certified;
    jg["rows"] = nlohmann::ordered_json::array();
    for (const auto& row : g.rows) {
      nlohmann::ordered_json jr = {{"loss", row.loss}, {"strategy", row.strategy}, {"published", row.published}};
      if (row.published) jr["paper"] = row.paper, jr["source"] = row.source;
      jr["seeds"] = row.seeds;
      for (std::size_t c = 0; c < kColumnCount; ++c)
        if (row.values[c].n > 0) {
          auto v = mean_sd_json(row.values[c]);
          v["best"] = row.best[c];
          jr[column_name(static_cast<ReportColumn>(c))] = v;
        }
      jr["class F1 interval"] = {maybe(row.f1_low), maybe(row.f1_high)};
      if (!row.published) jr["label_f1"] = row.label_f1;
      jg["rows"].push_back(jr);
    }
    jg["comparisons"] = nlohmann::ordered_json::array();
    for (const auto& c : g.comparisons)
      jg["comparisons"].push_back({{"loss", c.loss},
                                   {"baseline", c.baseline},
                                   {"strategy", c.strategy},
                                   {"metric", to_string(c.metric)},
                                   {"difference", c.stat.observed},
                                   {"low", c.stat.low},
                                   {"high", c.stat.high},
                                   {"p_value", c.stat.p_value},
                                   {"distinguishable", c.stat.distinguishable()},
                                   {"seeds", c.seeds},
                                   {"per_seed", c.stat.per_pair},
                                   {"sentence", c.sentence()}});
    jg["label_gains"] = nlohmann::ordered_json::array();
    for (const auto& l : g.gains)
      jg["label_gains"].push_back({{"loss", l.loss},
                                   {"label", l.label},
                                   {"support", l.support},
                                   {"baseline_f1", l.baseline_f1},
                                   {"loss_f1", l.loss_f1},
                                   {"gain", l.gain()}});
    jg["frequency_bins"] = nlohmann::ordered_json::array();
    for (const auto& b : g.bins)
      jg["frequency_bins"].push_back({{"loss", b.loss},
                                      {"min_support", b.min_support},
                                      {"max_support", b.max_support},
                                      {"labels", b.labels},
                                      {"mean_gain", b.mean_gain}});
    o["groups"].push_back(jg);
  }
  return o.dump(2) + "\n";
}

}  // namespace

std::string render_report(const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::Markdown:
      return render_markdown(report);
    case ReportFormat::Csv:
      return render_csv(report);
    case ReportFormat::Latex:
      return render_latex(report);
    case ReportFormat::Json:
      return render_json(report);
  }
  return {};
}

}  // namespace aia
