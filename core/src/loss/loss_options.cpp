#include "aia/loss/loss_options.h"

#include <cmath>

namespace aia {

std::vector<std::string> validate(const LossOptions& o) {
  std::vector<std::string> problems;
  auto check = [&](bool ok, const std::string& what) {
    if (!ok) problems.push_back(what);
  };
  check(std::isfinite(o.gamma_neg) && o.gamma_neg >= 0, "loss.gamma_neg must be a finite number >= 0");
  check(std::isfinite(o.gamma_pos) && o.gamma_pos >= 0, "loss.gamma_pos must be a finite number >= 0");
  check(std::isfinite(o.margin_pos) && o.margin_pos >= 0, "loss.margin_pos (logit margin) must be >= 0");
  check(o.margin_neg >= 0 && o.margin_neg < 1, "loss.margin_neg (probability margin) must be in [0, 1)");
  check(o.switch_threshold >= 0 && o.switch_threshold <= 1, "loss.switch_threshold must be in [0, 1]");
  check(o.eps > 0 && o.eps < 1e-2, "loss.eps must be in (0, 0.01)");
  return problems;
}

}  // namespace aia
