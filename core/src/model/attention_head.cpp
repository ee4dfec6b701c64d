// The attention-based pooling head (attention_head.h). The cross-attention is
// written out (PyTorch's MultiheadAttention without masks or bias_kv: packed
// in-projection, scaled dot product per head, out-projection; the weights
// averaged over the heads are what it returns with need_weights).

#include "aia/model/attention_head.h"

#include "aia/errors.h"

#include <torch/torch.h>

#include <cmath>

namespace aia {
namespace {

struct NamedContainer : torch::nn::Module {};

}  // namespace

AttentionHeadImpl::AttentionHeadImpl(AttentionHeadOptions options) : options_(options) {
  const auto d = options_.hidden;
  if (d < 1 || options_.heads < 1 || d % options_.heads)
    throw ConfigError("the attention head's hidden size (" + std::to_string(d) +
                      ") must be a positive multiple of its " + std::to_string(options_.heads) + " heads");
  if (options_.num_classes < 1) throw ConfigError("a model needs at least one class");
  linear_projection = register_module("linear_projection",
                                      torch::nn::Conv2d(torch::nn::Conv2dOptions(options_.channels, d, 1).bias(true)));
  query_emb = register_module("query_emb", torch::nn::Embedding(options_.num_classes, d));
  auto transformer = register_module("transformer", std::make_shared<NamedContainer>());
  auto decoder = transformer->register_module("decoder", std::make_shared<NamedContainer>());
  auto layers = decoder->register_module("layers", std::make_shared<NamedContainer>());
  auto layer = layers->register_module("0", std::make_shared<NamedContainer>());
  auto attention = layer->register_module("multihead_attn", std::make_shared<NamedContainer>());
  in_proj_weight_ = attention->register_parameter("in_proj_weight", torch::empty({3 * d, d}));
  in_proj_bias_ = attention->register_parameter("in_proj_bias", torch::zeros({3 * d}));
  out_proj_ = attention->register_module("out_proj", torch::nn::Linear(d, d));
  norm2_ = layer->register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d}).eps(1e-5)));
  linear1_ = layer->register_module("linear1", torch::nn::Linear(d, options_.feedforward));
  linear2_ = layer->register_module("linear2", torch::nn::Linear(options_.feedforward, d));
  norm3_ = layer->register_module("norm3", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d}).eps(1e-5)));
  final_norm_ = decoder->register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d}).eps(1e-5)));
  w = register_parameter("w", torch::empty({1, options_.num_classes, d}));
  b = register_parameter("b", torch::zeros({1, options_.num_classes}));
  init_weights();
}

void AttentionHeadImpl::init_weights() {
  torch::NoGradGuard no_grad;
  // The decoder's matrices Xavier-uniform (PyTorch's Transformer), out_proj's bias zero as MultiheadAttention's;
  // the queries N(0, 1) and frozen (no self-attention: they are positions, never trained); w Xavier-normal.
  for (auto* m : {&in_proj_weight_, &out_proj_->weight, &linear1_->weight, &linear2_->weight})
    torch::nn::init::xavier_uniform_(*m);
  out_proj_->bias.zero_();
  torch::nn::init::normal_(query_emb->weight);
  query_emb->weight.set_requires_grad(false);
  torch::nn::init::xavier_normal_(w);
}

std::int64_t AttentionHeadImpl::learnable_parameters() const {
  std::int64_t n = 0;
  for (const auto& p : parameters())
    if (p.requires_grad()) n += p.numel();
  return n;
}

std::pair<torch::Tensor, torch::Tensor> AttentionHeadImpl::cross_attention(const torch::Tensor& query,
                                                                           const torch::Tensor& memory) {
  namespace F = torch::nn::functional;
  const auto d = options_.hidden, h = options_.heads, dh = d / h;
  const auto B = query.size(0), C = query.size(1), N = memory.size(1);
  const auto q = F::linear(query, in_proj_weight_.slice(0, 0, d), in_proj_bias_.slice(0, 0, d));
  const auto k = F::linear(memory, in_proj_weight_.slice(0, d, 2 * d), in_proj_bias_.slice(0, d, 2 * d));
  const auto v = F::linear(memory, in_proj_weight_.slice(0, 2 * d, 3 * d), in_proj_bias_.slice(0, 2 * d, 3 * d));
  auto heads = [&](const torch::Tensor& x, std::int64_t len) { return x.view({B, len, h, dh}).transpose(1, 2); };
  const auto scores = torch::matmul(heads(q, C) / std::sqrt(static_cast<double>(dh)), heads(k, N).transpose(-2, -1));
  const auto weights = torch::softmax(scores, -1);  // B, h, C, N
  const auto dropped = F::dropout(weights, F::DropoutFuncOptions().p(options_.dropout).training(is_training()));
  const auto out = torch::matmul(dropped, heads(v, N)).transpose(1, 2).reshape({B, C, d});
  return {out_proj_->forward(out), weights.mean(1)};
}

std::string AttentionHeadImpl::write_graph(GraphWriter& g, const std::string& features) {
  torch::NoGradGuard no_grad;
  using Ints = std::vector<std::int64_t>;
  const auto d = options_.hidden, h = options_.heads, dh = d / h, C = options_.num_classes;
  const auto W = in_proj_weight_.to(torch::kFloat), bias = in_proj_bias_.to(torch::kFloat);
  auto matmul_add = [&](const std::string& x, const torch::Tensor& weight, const torch::Tensor& b,
                        const std::string& n) {
    return g.node("Add",
                  {g.node("MatMul", {x, g.constant(n + ".weight_t", weight.t().contiguous())}, n + ".matmul"),
                   g.constant(n + ".bias", b)},
                  n);
  };
  // memory: ReLU(1x1 conv) as B x N x d
  auto x = g.node("Conv",
                  {features, g.constant("head.linear_projection.weight", linear_projection->weight),
                   g.constant("head.linear_projection.bias", linear_projection->bias)},
                  "head.projection", {{"kernel_shape", Ints{1, 1}}});
  x = g.node("Relu", {x}, "head.projection.relu");
  x = g.node("Transpose", {x}, "head.nhwc", {{"perm", Ints{0, 2, 3, 1}}});  // the pixels row by row, as flatten(2)
  x = g.node("Reshape", {x, g.constant("head.memory.shape", torch::tensor(Ints{0, -1, d}))}, "head.memory");
  // The queries: LayerNorm2 of zeros is its bias; plus the positions; projected, split into heads, scaled.
  const auto query = (norm2_->bias + query_emb->weight).to(torch::kFloat);
  const auto q = (torch::nn::functional::linear(query, W.slice(0, 0, d), bias.slice(0, 0, d)) / std::sqrt(double(dh)))
                     .view({1, C, h, dh})
                     .permute({0, 2, 1, 3})
                     .contiguous();  // 1, h, C, dh
  auto split = [&](const std::string& t, const std::string& n, const Ints& perm) {
    const auto r = g.node("Reshape", {t, g.constant(n + ".shape", torch::tensor(Ints{0, -1, h, dh}))}, n + ".heads");
    return g.node("Transpose", {r}, n, {{"perm", perm}});
  };
  const auto k =
      split(matmul_add(x, W.slice(0, d, 2 * d), bias.slice(0, d, 2 * d), "head.key"), "head.key.t", {0, 2, 3, 1});
  const auto v = split(matmul_add(x, W.slice(0, 2 * d, 3 * d), bias.slice(0, 2 * d, 3 * d), "head.value"),
                       "head.value.t", {0, 2, 1, 3});
  auto a = g.node("Softmax", {g.node("MatMul", {g.constant("head.query", q), k}, "head.scores")}, "head.attention",
                  {{"axis", std::int64_t{-1}}});  // B, h, C, N
  auto o =
      g.node("Transpose", {g.node("MatMul", {a, v}, "head.context")}, "head.context.t", {{"perm", Ints{0, 2, 1, 3}}});
  o = g.node("Reshape", {o, g.constant("head.context.shape", torch::tensor(Ints{0, C, d}))}, "head.context.flat");
  const auto q1 = matmul_add(o, out_proj_->weight, out_proj_->bias, "head.out_proj");  // q0 = 0: q1 = o
  auto norm = [&](const std::string& t, torch::nn::LayerNorm& ln, const std::string& n) {
    return g.node("LayerNormalization", {t, g.constant(n + ".weight", ln->weight), g.constant(n + ".bias", ln->bias)},
                  n, {{"axis", std::int64_t{-1}}, {"epsilon", 1e-5f}});
  };
  auto f =
      g.node("Relu", {matmul_add(norm(q1, norm3_, "head.norm3"), linear1_->weight, linear1_->bias, "head.linear1")},
             "head.ff.relu");
  const auto q2 = g.node("Add", {q1, matmul_add(f, linear2_->weight, linear2_->bias, "head.linear2")}, "head.q2");
  const auto hidden = norm(q2, final_norm_, "head.norm");
  const auto scores = g.node("ReduceSum",
                             {g.node("Mul", {hidden, g.constant("head.w", w)}, "head.weighted"),
                              g.constant("head.sum.axes", torch::tensor({-1}, torch::kLong))},
                             "head.sum", {{"keepdims", std::int64_t{0}}});
  return g.node("Add", {scores, g.constant("head.b", b)}, "logits");
}

std::pair<torch::Tensor, torch::Tensor> AttentionHeadImpl::forward(const torch::Tensor& feature_map) {
  namespace F = torch::nn::functional;
  if (feature_map.dim() != 4 || feature_map.size(1) != options_.channels)
    throw ConfigError("the attention head expects B x " + std::to_string(options_.channels) +
                      " x h x w features, got " + c10::str(feature_map.sizes()));
  auto drop = [&](const torch::Tensor& x) {
    return F::dropout(x, F::DropoutFuncOptions().p(options_.dropout).training(is_training()));
  };
  const auto memory = torch::relu(linear_projection->forward(feature_map)).flatten(2).transpose(1, 2);  // B, N, d
  const auto B = feature_map.size(0);
  // The residual stream in the parameters' type (float32 under bfloat16 autocast: the LayerNorms need it).
  const auto q0 = torch::zeros({B, options_.num_classes, options_.hidden}, memory.options().dtype(w.scalar_type()));
  const auto position = query_emb->weight.unsqueeze(0);  // 1, C, d
  auto [o, attention] = cross_attention(norm2_->forward(q0) + position, memory);
  const auto q1 = q0 + drop(o);
  const auto q2 = q1 + drop(linear2_->forward(drop(torch::relu(linear1_->forward(norm3_->forward(q1))))));
  const auto hidden = final_norm_->forward(q2);  // B, C, d
  return {(w * hidden).sum(-1) + b, attention};
}

}  // namespace aia
