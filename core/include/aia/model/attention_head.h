#pragma once
// The attention-based pooling head of Salar & Ahmadi (2024), after
// shared/docs/attention_head.md: the feature map projected (1x1 conv + ReLU)
// to d channels and read as a sequence of h*w pixels; one query per label (a
// frozen embedding, the query position, over a zero input); one pre-norm
// decoder layer without self-attention (cross-attention with `heads` heads,
// then a feed-forward block); a final LayerNorm; a group fully-connected
// output (one weight vector per label). Module names follow the authors'
// state_dict (linear_projection, query_emb, transformer.decoder.layers.0.*,
// transformer.decoder.norm, w, b), so their checkpoints load by name.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/model/graph_writer.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include <cstdint>
#include <utility>

namespace aia {

struct AttentionHeadOptions {
  std::int64_t channels = 2048;     // the backbone's feature map
  std::int64_t hidden = 1024;       // d
  std::int64_t heads = 8;           // attention heads (d divisible by them)
  std::int64_t feedforward = 2048;  // the feed-forward block's width
  std::int64_t num_classes = 1;     // labels: one query each
  double dropout = 0.1;             // attention weights, residual branches, feed-forward (training only)
};

class AttentionHeadImpl : public torch::nn::Module {
 public:
  explicit AttentionHeadImpl(AttentionHeadOptions options);
  // feature map B x channels x h x w -> logits B x C and attention B x C x (h*w)
  // (averaged over the heads; each row sums to 1).
  std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& feature_map);
  const AttentionHeadOptions& options() const { return options_; }
  // Learnable parameters (the frozen query embedding not counted).
  std::int64_t learnable_parameters() const;
  // The eval-mode graph from the feature map named `features` to the logits (aia/model/graph_writer.h);
  // the queries' side (LayerNorm of the zero input, plus the positions, projected) is a constant.
  std::string write_graph(GraphWriter& graph, const std::string& features);

  torch::nn::Conv2d linear_projection{nullptr};
  torch::nn::Embedding query_emb{nullptr};
  torch::Tensor w, b;

 private:
  std::pair<torch::Tensor, torch::Tensor> cross_attention(const torch::Tensor& query, const torch::Tensor& memory);
  void init_weights();

  AttentionHeadOptions options_;
  // transformer.decoder.layers.0.{multihead_attn, norm2, linear1, linear2, norm3}, transformer.decoder.norm
  torch::Tensor in_proj_weight_, in_proj_bias_;
  torch::nn::Linear out_proj_{nullptr}, linear1_{nullptr}, linear2_{nullptr};
  torch::nn::LayerNorm norm2_{nullptr}, norm3_{nullptr}, final_norm_{nullptr};
};
TORCH_MODULE(AttentionHead);

}  // namespace aia
