#pragma once
// What every backbone in the registry offers: logits for training and
// inference, pooled features for the frozen-backbone mode, and a head that can
// be swapped when the vocabulary changes.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include <memory>
#include <string>
#include <utility>

namespace aia {

class Collective;
class GraphWriter;

class ClassifierImpl : public torch::nn::Module {
 public:
  // images N x 3 x H x W (normalised) -> logits N x num_classes
  virtual torch::Tensor forward(torch::Tensor images) = 0;
  // images -> pooled features N x feature_dim()
  virtual torch::Tensor forward_features(torch::Tensor images) = 0;
  // images -> the last feature map before pooling, N x feature_dim() x h x w
  virtual torch::Tensor forward_feature_map(torch::Tensor images) = 0;
  // pooled features -> logits (dropout + linear)
  virtual torch::Tensor forward_head(torch::Tensor features) = 0;
  // What the frozen-backbone mode caches per image, and the logits from it:
  // the pooled features for the gap head (forward_features, forward_head),
  // the whole feature_dim() x h x w map for the attention head.
  virtual torch::Tensor frozen_features(torch::Tensor images) = 0;
  virtual torch::Tensor forward_frozen(torch::Tensor features) = 0;
  // images -> class activation maps N x num_classes x h x w: the head's weights
  // applied at every position of the last feature map, plus the bias. With
  // global average pooling and one linear head this is exact (Zhou et al.,
  // 2016): each map's mean is the label's logit, and no gradient is needed.
  virtual torch::Tensor class_activation_maps(torch::Tensor images) = 0;
  // True when the head attends over the feature map (the follow-up's attention
  // head): its maps are attention weights, and the CAM identity does not hold.
  virtual bool has_attention_head() const = 0;
  // images -> {logits N x num_classes, attention N x num_classes x h x w}: each
  // label's attention over the last feature map, averaged over the heads (each
  // map sums to 1). Throws ConfigError for a head without attention.
  virtual std::pair<torch::Tensor, torch::Tensor> attention_maps(torch::Tensor images) = 0;

  virtual std::int64_t feature_dim() const = 0;
  virtual std::int64_t num_classes() const = 0;
  // Replaces the head with a freshly initialised one for `num_classes` labels.
  virtual void reset_head(std::int64_t num_classes) = 0;
  // The state_dict key prefix of the head's Linear, e.g. "head.fc.1."
  virtual std::string head_prefix() const = 0;
  // The smallest input side and the multiple it must be of.
  virtual std::int64_t min_input_size() const = 0;
  virtual std::int64_t input_size_multiple() const = 0;
  // Data-parallel training: batch statistics over every rank of `group`
  // (SyncBatchNorm); nullptr returns to per-process statistics.
  virtual void set_batch_norm_group(std::shared_ptr<Collective> group) = 0;
  // The inference graph (eval mode) from the normalised images named `images`
  // to the logits; returns the logits' name. Throws ConfigError for a model
  // that cannot describe itself.
  virtual std::string write_graph(GraphWriter& graph, const std::string& images) = 0;
  // The inference form: every batch norm folded into its convolution (in
  // double, as write_graph folds it), the folded weights kept in the memory
  // format the convolutions will see. Forward passes in eval mode use it, the
  // parameters stay as they are (checkpoints, training and train mode never
  // see it); call it again after the weights change. Default: nothing to fold.
  virtual void fold_for_inference(bool channels_last) { (void)channels_last; }
};

using Classifier = std::shared_ptr<ClassifierImpl>;

}  // namespace aia
