#pragma once
// PyTorch's OneCycleLR (cosine annealing, three_phase = False) as a pure
// function of the step: learning rate and Adam beta1 in force at `step`
// (0-based). shared/fixtures/onecycle_cases.json checks it.

namespace aia {

struct OneCycle {
  double max_lr = 1e-4;
  long total_steps = 1;
  double pct_start = 0.3;
  double div_factor = 25.0;
  double final_div_factor = 1e4;
  double beta1_max = 0.95;  // at the start and the end
  double beta1_min = 0.85;  // at the peak learning rate

  struct Value {
    double lr;
    double beta1;
  };
  Value at(long step) const;
};

}  // namespace aia
