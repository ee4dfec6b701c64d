#pragma once
// Settings of the loss family of docs/method.md. Plain std types, so that run
// configurations can hold them without seeing torch.

#include <string>
#include <vector>

namespace aia {

struct LossOptions {
  std::string name = "proposed";   // bce | focal | asymmetric | proposed | custom
  bool plain_bce = false;          // true: binary cross-entropy with logits, the rest ignored
  double gamma_neg = 4.0;          // focusing exponent of the negative part
  double gamma_pos = 3.0;          // focusing exponent of the positive part
  double margin_pos = 1.1;         // logit margin m+ of the positive part (0: none)
  double margin_neg = 0.05;        // probability margin m- of the negative part (0: none)
  double switch_threshold = 0.25;  // t: below it (q < t) the positive part is focal, above it BCE-like
  double eps = 1e-8;               // log(v) is log(max(v, eps))
};

// Every problem at once, one message each; empty when the options are usable.
std::vector<std::string> validate(const LossOptions& options);

}  // namespace aia
