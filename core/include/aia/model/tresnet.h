#pragma once
// TResNet (Ridnik et al., 2021) as timm builds it, with timm's module names so
// that timm state_dicts load by name. Spec: shared/docs/tresnet_m.md.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/model/attention_head.h"
#include "aia/model/classifier.h"
#include "aia/model/graph_writer.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>

#include <utility>
#include <vector>

namespace aia {

struct TResNetOptions {
  std::vector<int> layers{3, 4, 11, 3};  // blocks per stage
  double width_factor = 1.0;             // base planes = 64 * width_factor
  std::int64_t num_classes = 1000;
  double head_dropout = 0.0;  // > 0: head.fc = Sequential(Dropout, Linear)
  bool paper_head = true;     // head.fc.1.* (Dropout at index 0) instead of head.fc.*
  std::string head = "gap";   // "attention": the follow-up's head (its channels and classes set here)
  AttentionHeadOptions attention;
};

// SpaceToDepth with block 4: N x C x H x W -> N x 16C x H/4 x W/4, channel
// order (row offset, column offset, channel) with the channel innermost.
torch::Tensor space_to_depth(const torch::Tensor& x);

// Conv (no bias) + BatchNorm + optional LeakyReLU + optional stride-2 blur.
class ConvNormActImpl : public torch::nn::Module {
 public:
  ConvNormActImpl(std::int64_t in, std::int64_t out, std::int64_t kernel, double leaky_slope, bool activation,
                  bool blur);
  torch::Tensor forward(torch::Tensor x);
  // Eval mode: the batch norm folded into the convolution; returns the output's name.
  std::string write_graph(GraphWriter& graph, const std::string& x, const std::string& name);
  // Eval mode from here on: one convolution with the batch norm folded in (ClassifierImpl::fold_for_inference).
  void fold(bool channels_last);
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
  std::shared_ptr<Collective> batch_norm_group;  // set: SyncBatchNorm in training mode

 private:
  double slope_;
  bool activation_;
  bool blur_;
  torch::Tensor blur_filter_;                  // not a buffer: timm's is non-persistent
  torch::Tensor folded_weight_, folded_bias_;  // defined after fold(): not buffers, never saved
};
TORCH_MODULE(ConvNormAct);

class TResNetImpl : public ClassifierImpl {
 public:
  explicit TResNetImpl(TResNetOptions options);

  torch::Tensor forward(torch::Tensor images) override;
  torch::Tensor forward_features(torch::Tensor images) override;
  torch::Tensor forward_feature_map(torch::Tensor images) override;
  torch::Tensor forward_head(torch::Tensor features) override;
  torch::Tensor frozen_features(torch::Tensor images) override;
  torch::Tensor forward_frozen(torch::Tensor features) override;
  torch::Tensor class_activation_maps(torch::Tensor images) override;
  bool has_attention_head() const override { return static_cast<bool>(attention_); }
  std::pair<torch::Tensor, torch::Tensor> attention_maps(torch::Tensor images) override;
  // Outputs after s2d, conv1, layer1..4, pool and head, for parity checks.
  std::vector<std::pair<std::string, torch::Tensor>> forward_stages(torch::Tensor images);

  std::int64_t feature_dim() const override { return feature_dim_; }
  std::int64_t num_classes() const override { return options_.num_classes; }
  void reset_head(std::int64_t num_classes) override;
  std::string head_prefix() const override {
    return attention_ ? "head." : options_.paper_head ? "head.fc.1." : "head.fc.";
  }
  std::int64_t min_input_size() const override { return 32; }
  std::int64_t input_size_multiple() const override { return 4; }
  void set_batch_norm_group(std::shared_ptr<Collective> group) override;
  std::string write_graph(GraphWriter& graph, const std::string& images) override;
  void fold_for_inference(bool channels_last) override;

 private:
  void init_weights();
  void check_input(const torch::Tensor& images) const;

  TResNetOptions options_;
  std::int64_t feature_dim_ = 0;
  std::shared_ptr<torch::nn::Module> body_;
  ConvNormAct stem_{nullptr};
  std::vector<torch::nn::Sequential> stages_;
  std::shared_ptr<torch::nn::Module> head_;
  torch::nn::Sequential head_fc_{nullptr};  // paper head: [Dropout, Linear]
  torch::nn::Linear fc_{nullptr};           // the Linear inside it (or head.fc itself)
  torch::nn::Dropout dropout_{nullptr};
  AttentionHead attention_{nullptr};  // set: the attention head replaces pooling, Dropout and Linear
};
TORCH_MODULE(TResNet);

}  // namespace aia
