#include "aia/loss/loss_options.h"

#include "aia/errors.h"

#include <cmath>

namespace aia {

LossOptions loss_preset(const std::string& name) {
  LossOptions o;
  if (name == "bce" || name == "BCELoss") {
    o = LossOptions{"bce", true, 0, 0, 0, 0, 0, 1e-8};
  } else if (name == "focal" || name == "FocalLoss") {
    o = LossOptions{"focal", false, 3, 3, 0, 0, 0, 1e-8};
  } else if (name == "asymmetric" || name == "asl" || name == "AsymmetricLoss") {
    o = LossOptions{"asymmetric", false, 4, 0, 0, 0.05, 0, 1e-8};
  } else if (name == "proposed" || name == "proposedLoss") {
    o = LossOptions{"proposed", false, 4, 3, 1.1, 0.05, 0.25, 1e-8};
  } else {
    throw ConfigError("unknown loss '" + name +
                      "' (expected bce, focal, asymmetric, proposed or BCELoss, FocalLoss, AsymmetricLoss, "
                      "proposedLoss)");
  }
  return o;
}

std::vector<std::string> loss_names() { return {"bce", "focal", "asymmetric", "proposed"}; }

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
