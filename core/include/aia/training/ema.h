#pragma once
// An exponential moving average of a model's weights (and a copy of its
// buffers), evaluated in place of the weights when enabled. Torch-facing.

#include "aia/io/checkpoint.h"
#include "aia/model/classifier.h"

#include <map>
#include <string>
#include <vector>

namespace aia {

class Ema {
 public:
  Ema() = default;  // disabled: every call does nothing
  Ema(ClassifierImpl& model, torch::Device device, double decay);
  bool enabled() const { return !average_.empty(); }

  // average = decay * average + (1 - decay) * weights; buffers are copied.
  void update(ClassifierImpl& model);
  // Exchanges the model's weights and the average.
  void swap(ClassifierImpl& model);

  // The average's own tensors on the device, updated in place (empty when disabled).
  std::vector<torch::Tensor> live_tensors() const;
  // The average as named CPU tensors (the model's names), for checkpoints.
  NamedTensors tensors() const;
  // Takes the entries of `by_name` that it holds; missing ones stay as they are.
  void load(const std::map<std::string, torch::Tensor>& by_name);

  // The average in the model for the scope's lifetime (no-op when disabled).
  class Swapped {
   public:
    Swapped(Ema& ema, ClassifierImpl& model) : ema_(ema), model_(model) { ema_.swap(model_); }
    ~Swapped() { ema_.swap(model_); }
    Swapped(const Swapped&) = delete;
    Swapped& operator=(const Swapped&) = delete;

   private:
    Ema& ema_;
    ClassifierImpl& model_;
  };

 private:
  NamedTensors average_;
  double decay_ = 0;
};

}  // namespace aia
