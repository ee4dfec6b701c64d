#include "aia/training/onecycle.h"

#include <cmath>

namespace aia {
namespace {

double cosine(double start, double end, double pct) { return end + (start - end) / 2.0 * (std::cos(M_PI * pct) + 1.0); }

}  // namespace

OneCycle::Value OneCycle::at(long step) const {
  const double initial = max_lr / div_factor;
  const double minimum = initial / final_div_factor;
  const double warm_end = pct_start * static_cast<double>(total_steps) - 1.0;
  const double last = static_cast<double>(total_steps) - 1.0;
  const double s = static_cast<double>(step);
  // A warm-up shorter than one step (pct_start * total_steps <= 1) is over at
  // once: PyTorch divides by zero there, we start at the peak.
  if (s <= warm_end) {
    const double pct = warm_end > 0 ? s / warm_end : 1.0;
    return {cosine(initial, max_lr, pct), cosine(beta1_max, beta1_min, pct)};
  }
  const double pct = last > warm_end ? (s - warm_end) / (last - warm_end) : 1.0;
  return {cosine(max_lr, minimum, pct), cosine(beta1_min, beta1_max, pct)};
}

}  // namespace aia
