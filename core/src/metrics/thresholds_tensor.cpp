#include "aia/metrics/thresholds_tensor.h"

#include "aia/errors.h"

#include <torch/torch.h>

#include <cmath>
#include <limits>

namespace aia {
namespace {

// The paper's grid: counts for every (threshold, label) on the device.
std::vector<double> grid_thresholds(const torch::Tensor& s, const torch::Tensor& y) {
  const auto grid = mcc_grid();
  std::vector<torch::Tensor> tp, fp;
  for (double t : grid) {
    const torch::Tensor predicted = s >= t;  // s is float64: t compares exactly
    tp.push_back((predicted & y).sum(0));
    fp.push_back((predicted & ~y).sum(0));
  }
  const torch::Tensor positives = y.sum(0).cpu().contiguous();
  const torch::Tensor tps = torch::stack(tp).cpu().contiguous(), fps = torch::stack(fp).cpu().contiguous();
  const auto n = s.size(0), labels = s.size(1);
  std::vector<double> out(static_cast<std::size_t>(labels));
  const auto* pos = positives.data_ptr<std::int64_t>();
  const auto* tpp = tps.data_ptr<std::int64_t>();
  const auto* fpp = fps.data_ptr<std::int64_t>();
  for (std::int64_t j = 0; j < labels; ++j) {
    double best_threshold = 0, best = -2;
    for (std::size_t g = 0; g < grid.size(); ++g) {
      LabelCounts c;
      c.tp = tpp[static_cast<std::int64_t>(g) * labels + j];
      c.fp = fpp[static_cast<std::int64_t>(g) * labels + j];
      c.fn = pos[j] - c.tp;
      c.tn = (n - pos[j]) - c.fp;
      const double value = mcc(c);
      if (value > best) {  // strict: ties keep the smaller threshold
        best = value;
        best_threshold = grid[g];
      }
    }
    out[static_cast<std::size_t>(j)] = best_threshold;
  }
  return out;
}

// Exact search: each label's scores sorted ascending on the device, with the
// running count of positives; a cut after the last copy of each distinct score.
std::vector<double> exact_thresholds(const torch::Tensor& s, const torch::Tensor& y, ThresholdMethod method) {
  const auto n = s.size(0), labels = s.size(1);
  std::vector<double> out(static_cast<std::size_t>(labels), 0.5);
  if (n == 0) return out;
  const auto [values, order] = s.sort(0);
  const torch::Tensor removed_pos = y.gather(0, order).to(torch::kInt64).cumsum(0);
  // Column-major on the host: one label's walk reads contiguous memory.
  const torch::Tensor v = values.t().contiguous().cpu(), r = removed_pos.t().contiguous().cpu();
  const double* vp = v.data_ptr<double>();
  const std::int64_t* rp = r.data_ptr<std::int64_t>();
  const double inf = std::numeric_limits<double>::infinity();
  for (std::int64_t j = 0; j < labels; ++j) {
    const double* sv = vp + j * n;
    const std::int64_t* sr = rp + j * n;
    const std::int64_t positives = sr[n - 1], negatives = n - positives;
    LabelCounts c;
    c.tp = positives;
    c.fp = negatives;
    double best_threshold = std::nextafter(sv[0], -inf);
    double best = threshold_objective(c, method);
    for (std::int64_t i = 0; i < n; ++i) {
      if (i + 1 < n && sv[i + 1] == sv[i]) continue;  // not the last copy of this score
      // Everything scoring <= sv[i] is now predicted negative.
      c.fn = sr[i];
      c.tp = positives - c.fn;
      c.tn = (i + 1) - c.fn;
      c.fp = negatives - c.tn;
      const double next = i + 1 < n ? sv[i + 1] : inf;
      double threshold = sv[i];
      if (next != inf) {
        threshold = 0.5 * (sv[i] + next);
        if (threshold >= next) threshold = sv[i];
      }
      const double candidate = threshold_objective(c, method);
      if (candidate > best) {
        best = candidate;
        best_threshold = threshold;
      }
    }
    out[static_cast<std::size_t>(j)] = best_threshold;
  }
  return out;
}

}  // namespace

std::vector<double> choose_thresholds(const torch::Tensor& scores, const torch::Tensor& targets,
                                      ThresholdMethod method) {
  if (scores.dim() != 2 || scores.sizes() != targets.sizes())
    throw ConfigError("thresholds: scores " + c10::str(scores.sizes()) + " and targets " + c10::str(targets.sizes()) +
                      " must be the same images x labels shape");
  torch::NoGradGuard no_grad;
  const torch::Tensor s = scores.to(torch::kFloat64);
  const torch::Tensor y = targets.to(s.device()) > 0.5;
  if (!torch::isfinite(s).all().item<bool>()) throw ConfigError("thresholds: the scores hold NaN or infinity");
  if (method == ThresholdMethod::MccGrid) return grid_thresholds(s, y);
  return exact_thresholds(s, y, method);
}

}  // namespace aia
