#pragma once
// A trained run as a tagger, behind plain std types (the GUI uses it without
// seeing torch). Construction loads the run's best checkpoint; annotate() can
// be called from any single thread at a time.

#include "aia/runtime/compute_format.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aia {

class Annotator {
 public:
  // Throws aia::Error with the reason when the run cannot be loaded.
  // `precision` and `memory_format` "auto": bfloat16 and channels-last where
  // this CPU pays for them (resolve_compute_format); compute_format() says which.
  explicit Annotator(const std::string& run_dir, const std::string& device = "auto",
                     Precision precision = Precision::Auto, MemoryFormat memory_format = MemoryFormat::Auto);
  ~Annotator();
  Annotator(const Annotator&) = delete;
  Annotator& operator=(const Annotator&) = delete;

  const std::vector<std::string>& vocabulary() const;
  const ComputeFormat& compute_format() const;
  // The run's MCC-grid thresholds (thresholds.json), or 0.5 where it has none.
  std::vector<double> default_thresholds() const;
  // What decides this model's scores, as the score cache keys them (hex; computed once, on first use).
  const std::string& identity();
  // Why the last annotate() could not write the score cache ("" when it could, or used none).
  std::string cache_warning() const;

  struct Result {
    std::string path;
    bool ok = false;
    std::string error;          // why the image was skipped
    std::vector<float> scores;  // one per vocabulary entry
    bool cached = false;        // from the score cache, not scored now
  };
  struct Options {
    int batch_size = 32;
    int workers = 2;  // decoding threads
    std::function<void(std::size_t done, std::size_t total)> progress;
    std::function<bool()> cancelled;  // polled between batches
    // The score cache's folder (score_cache.h; default_score_cache_dir()): files this model scored before
    // are not decoded again, and what is scored now is added. "" scores every file.
    std::string cache_dir;
  };
  // What the front ends tag with: the defaults, and the score cache in default_score_cache_dir().
  static Options cached_options();
  // "12 of 15 images' scores reused from the score cache; 3 scored" ("" when none was reused or scored).
  static std::string reuse_summary(const std::vector<Result>& results);

  // One result per path, in their order; images are decoded on worker threads
  // and scored in batches.
  std::vector<Result> annotate(const std::vector<std::string>& paths, const Options& options);
  std::vector<Result> annotate(const std::vector<std::string>& paths) { return annotate(paths, Options{}); }

  // Where in the image the model sees each label. With the paper's head
  // (global average pooling, one linear layer) these are class activation
  // maps (CAM): the head's weights at every position of the last feature map,
  // plus the bias; exact, a map's mean is the label's logit, one forward pass
  // gives every label's map. Grad-CAM (Selvaraju et al., 2017): the feature
  // map weighted by the logit's gradient averaged over positions, ReLU;
  // computed by autograd through the head, and stored as h * w * map + bias so
  // that both share one scale. With global average pooling and one linear
  // head the gradient is weight / (h * w), so Grad-CAM equals the CAM with its
  // negative evidence clipped at the bias (a test checks that identity).
  // With the follow-up's attention head the CAM identity does not hold; its
  // maps are the head's own attention: each label's query's weights over the
  // h x w positions, averaged over the heads, stored as h * w * weight (1 is
  // an even spread, h * w all of it on one position).
  enum class Method { Cam, GradCam, Attention };
  struct Heatmaps {
    std::string path;
    bool ok = false;
    std::string error;
    Method method = Method::Cam;
    int width = 0, height = 0;  // the map grid (the image size / 32)
    std::vector<float> maps;    // labels x height x width, row-major: local logits, or attention against an even spread
    std::vector<float> logits;  // per label: the model's logit (each CAM's mean)
    std::vector<float> biases;  // per label: the head's bias (CAM and Grad-CAM only)
    const float* map(std::size_t label) const { return maps.data() + label * std::size_t(width) * std::size_t(height); }
  };
  // The maps this run's head draws: Cam for the gap head, Attention for the attention head.
  Method own_method() const;
  // The methods this run can draw: Cam and GradCam, or Attention.
  std::vector<Method> methods() const;
  // `method` must be one of methods(); otherwise the result says why not (ok false).
  Heatmaps heatmaps(const std::string& path, Method method);
  Heatmaps heatmaps(const std::string& path) { return heatmaps(path, own_method()); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aia
