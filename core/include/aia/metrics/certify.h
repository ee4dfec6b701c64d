#pragma once
// Certified thresholds (Learn then Test: Angelopoulos, Bates, Candès, Jordan,
// Lei, 2021). For one label, a target precision p* and a risk delta, from
// calibration scores with their truth:
//   - each threshold t of a fixed grid (0.05, 0.10, ..., 0.95) is a null
//     hypothesis "precision(t) < p*", where precision(t) is the share of true
//     labels among images scoring > t. Its p-value is the exact binomial tail
//     P(Binomial(k, p*) >= tp) of the tp true positives among the k predicted
//     positives (valid given k, since each of them is positive with
//     probability precision(t), independently);
//   - Holm's step-down procedure over the grid controls the family-wise
//     error at delta. Precision is not monotone in the threshold, so a
//     fixed-sequence test (which stops at the first null it keeps, here at the
//     highest thresholds, which have the fewest positives) would need an order
//     in which that cannot happen; Holm holds for any shape of the curve;
//   - the certified threshold is the lowest rejected one (the most recall),
//     with its Clopper-Pearson lower bound at level delta / grid size (valid
//     for every grid point at once); no rejection: the label abstains.
// The guarantee: with probability at least 1 - delta over the calibration
// images, a certified label's precision on new images like them is at least
// p*. The other side, a threshold at or below which the label is certified
// absent at a negative predictive value q*, is the same test on the negatives.
// Plain std types.

#include "aia/metrics/metrics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aia {

struct CertifyOptions {
  double target = 0.9;  // p* (precision) or q* (negative predictive value), in (0, 1)
  double delta = 0.1;   // the risk that a certified threshold misses the target, in (0, 1)
};

// "precision:0.95" or "precision:0.95@0.05" (delta 0.1 by default); throws
// ConfigError naming the text for anything else.
bool is_precision_spec(const std::string& text);
CertifyOptions parse_precision_spec(const std::string& text);
std::string to_string(const CertifyOptions& options);  // "precision:0.95@0.1"

struct Certified {
  bool certified = false;
  double threshold = 0;                   // accept: tag when score > threshold; reject: absent when score <= threshold
  double lower_bound = 0;                 // the certified lower bound of precision (or NPV) at the threshold
  std::int64_t decided = 0, correct = 0;  // calibration images on that side of the threshold, and how many right
  std::string reason;                     // why it abstains, in words ("7 positives; at least 22 needed")
};

// The fixed grid of candidate thresholds: 0.05, 0.10, ..., 0.95.
const std::vector<double>& certify_grid();

// The accept side: the lowest threshold certified at precision >= target.
Certified certify_precision(const SortedLabel& label, const CertifyOptions& options);
// The reject side: the highest threshold certified at NPV >= target.
Certified certify_absence(const SortedLabel& label, const CertifyOptions& options);

// P(Binomial(n, p) >= k), exact (the regularized incomplete beta function).
double binomial_upper_tail(std::int64_t n, std::int64_t k, double p);
// The Clopper-Pearson lower confidence bound for a success probability from
// k successes in n trials, at level alpha (one-sided); 0 when n == 0.
double clopper_pearson_lower(std::int64_t n, std::int64_t k, double alpha);

// One threshold per label by certify_precision; NaN for a label that
// abstains (NaN tags nothing: score > NaN is false). `details` gets every
// label's result when given.
std::vector<double> certified_thresholds(const LabelMatrix& m, const CertifyOptions& options,
                                         std::vector<Certified>* details = nullptr);

// Certified thresholds judged on images they were not certified on: the
// images split in two halves by a hash of their names (FNV-1a, even: the
// calibration half), so an image is on the same side in every run and cell
// that scores it. Thresholds are certified on the calibration half; the
// evaluation half is what the metrics of this strategy are computed on.
bool in_calibration_half(const std::string& image);

struct HeldOutCertification {
  CertifyOptions options;
  std::vector<std::size_t> calibration, evaluation;  // image indices of each half
  std::vector<double> thresholds;                    // NaN: the label abstains
  std::vector<Certified> details;
  std::size_t labels_certified = 0;
  std::size_t labels_tagging = 0;         // certified labels that tag an image of the evaluation half
  std::size_t labels_meeting_target = 0;  // of those, the ones whose precision there is >= the target
};
// Whether `images` fall in both halves (in_calibration_half), so that certify_held_out can run.
bool has_both_halves(const std::vector<std::string>& images);
// `images` names m's rows. Throws InputError when either half is empty.
HeldOutCertification certify_held_out(const LabelMatrix& m, const std::vector<std::string>& images,
                                      const CertifyOptions& options);

}  // namespace aia
