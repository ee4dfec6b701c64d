#include "aia/model/tresnet.h"

#include "aia/errors.h"
#include "aia/model/sync_batch_norm.h"

#include <torch/torch.h>

#include <cmath>

namespace aia {

namespace F = torch::nn::functional;

torch::Tensor space_to_depth(const torch::Tensor& x) {
  const auto n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  auto y = x.view({n, c, h / 4, 4, w / 4, 4});  // N, C, H/4, i, W/4, j
  if (!x.is_contiguous() && x.is_contiguous(at::MemoryFormat::ChannelsLast)) {
    // Channels-last in, channels-last out: memory N, H/4, W/4, i, j, C; the same channel order (i, j, C).
    y = y.permute({0, 2, 4, 3, 5, 1}).contiguous();
    return y.view({n, h / 4, w / 4, c * 16}).permute({0, 3, 1, 2});
  }
  y = y.permute({0, 3, 5, 1, 2, 4}).contiguous();  // N, i, j, C, H/4, W/4
  return y.view({n, c * 16, h / 4, w / 4});        // N, 16C, H/4, W/4
}

namespace {

// Anti-aliased stride-2 down-sampling: reflect pad 1, [1,2,1]x[1,2,1]/16 depthwise.
torch::Tensor blur_pool(const torch::Tensor& x, torch::Tensor& cached_filter) {
  const auto channels = x.size(1);
  if (!cached_filter.defined() || cached_filter.size(0) != channels || cached_filter.device() != x.device() ||
      cached_filter.scalar_type() != x.scalar_type()) {
    auto k = torch::tensor({1.0, 2.0, 1.0}, torch::TensorOptions().dtype(torch::kFloat64));
    auto filter = (k.unsqueeze(1) * k.unsqueeze(0)) / 16.0;  // 3 x 3
    cached_filter = filter.view({1, 1, 3, 3})
                        .repeat({channels, 1, 1, 1})  // C x 1 x 3 x 3
                        .to(x.options());
  }
  auto padded = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReflect));
  return F::conv2d(padded, cached_filter, F::Conv2dFuncOptions().stride(2).groups(channels));
}

using Ints = std::vector<std::int64_t>;

// A 1 x 1 convolution with bias (the squeeze-excite layers) as an ONNX Conv.
std::string write_conv1x1(GraphWriter& g, const std::string& x, torch::nn::Conv2d& conv, const std::string& name) {
  return g.node("Conv", {x, g.constant(name + ".weight", conv->weight), g.constant(name + ".bias", conv->bias)}, name,
                {{"kernel_shape", Ints{1, 1}}});
}

class SqueezeExciteImpl : public torch::nn::Module {
 public:
  SqueezeExciteImpl(std::int64_t channels, std::int64_t reduced) {
    fc1 = register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, reduced, 1).bias(true)));
    fc2 = register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(reduced, channels, 1).bias(true)));
  }
  torch::Tensor forward(torch::Tensor x) {
    auto s = x.mean({2, 3}, /*keepdim=*/true);  // N, C, 1, 1
    s = torch::relu(fc1->forward(s));           // N, R, 1, 1
    s = torch::sigmoid(fc2->forward(s));        // N, C, 1, 1
    return x * s;
  }
  std::string write_graph(GraphWriter& g, const std::string& x, const std::string& name) {
    auto s = g.node("GlobalAveragePool", {x}, name + ".pool");
    s = g.node("Relu", {write_conv1x1(g, s, fc1, name + ".fc1")}, name + ".relu");
    s = g.node("Sigmoid", {write_conv1x1(g, s, fc2, name + ".fc2")}, name + ".gate");
    return g.node("Mul", {x, s}, name);
  }
  torch::nn::Conv2d fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(SqueezeExcite);

constexpr double kBlockSlope = 1e-3;
constexpr double kStemSlope = 1e-2;

// The shortcut of a block: the input itself, or the projection of make_downsample.
std::string write_shortcut(GraphWriter& g, const std::string& x, torch::nn::Sequential& downsample,
                           const std::string& name) {
  if (!downsample) return x;
  const auto pooled = g.node("AveragePool", {x}, name + ".downsample.0",
                             {{"kernel_shape", Ints{2, 2}},
                              {"strides", Ints{2, 2}},
                              {"ceil_mode", std::int64_t{1}},
                              {"count_include_pad", std::int64_t{0}}});
  return downsample->ptr(1)->as<ConvNormActImpl>()->write_graph(g, pooled, name + ".downsample.1");
}

// Shortcut projection: AvgPool(2, ceil, no pad count) at index 0, 1x1 conv + BN at index 1.
torch::nn::Sequential make_downsample(std::int64_t in, std::int64_t out) {
  return torch::nn::Sequential(
      torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(2).stride(2).ceil_mode(true).count_include_pad(false)),
      ConvNormAct(in, out, 1, 0.0, /*activation=*/false, /*blur=*/false));
}

class BasicBlockImpl : public torch::nn::Module {
 public:
  static constexpr std::int64_t kExpansion = 1;
  BasicBlockImpl(std::int64_t in, std::int64_t planes, bool stride2) {
    if (stride2 || in != planes) downsample = register_module("downsample", make_downsample(in, planes));
    conv1 = register_module("conv1", ConvNormAct(in, planes, 3, kBlockSlope, true, stride2));
    conv2 = register_module("conv2", ConvNormAct(planes, planes, 3, 0.0, false, false));
    se = register_module("se", SqueezeExcite(planes, std::max<std::int64_t>(planes / 4, 64)));
  }
  torch::Tensor forward(torch::Tensor x) {
    auto shortcut = downsample ? downsample->forward(x) : x;
    auto out = se->forward(conv2->forward(conv1->forward(x)));
    return torch::relu(out + shortcut);
  }
  std::string write_graph(GraphWriter& g, const std::string& x, const std::string& name) {
    const auto shortcut = write_shortcut(g, x, downsample, name);
    auto out = conv1->write_graph(g, x, name + ".conv1");
    out = se->write_graph(g, conv2->write_graph(g, out, name + ".conv2"), name + ".se");
    return g.node("Relu", {g.node("Add", {out, shortcut}, name + ".add")}, name);
  }
  torch::nn::Sequential downsample{nullptr};
  ConvNormAct conv1{nullptr}, conv2{nullptr};
  SqueezeExcite se{nullptr};
};
TORCH_MODULE(BasicBlock);

class BottleneckImpl : public torch::nn::Module {
 public:
  static constexpr std::int64_t kExpansion = 4;
  BottleneckImpl(std::int64_t in, std::int64_t planes, bool stride2, bool use_se) {
    const std::int64_t out = planes * kExpansion;
    if (stride2 || in != out) downsample = register_module("downsample", make_downsample(in, out));
    conv1 = register_module("conv1", ConvNormAct(in, planes, 1, kBlockSlope, true, false));
    conv2 = register_module("conv2", ConvNormAct(planes, planes, 3, kBlockSlope, true, stride2));
    if (use_se) se = register_module("se", SqueezeExcite(planes, std::max<std::int64_t>(planes * 4 / 8, 64)));
    conv3 = register_module("conv3", ConvNormAct(planes, out, 1, 0.0, false, false));
  }
  torch::Tensor forward(torch::Tensor x) {
    auto shortcut = downsample ? downsample->forward(x) : x;
    auto out = conv2->forward(conv1->forward(x));
    if (se) out = se->forward(out);
    out = conv3->forward(out);
    return torch::relu(out + shortcut);
  }
  std::string write_graph(GraphWriter& g, const std::string& x, const std::string& name) {
    const auto shortcut = write_shortcut(g, x, downsample, name);
    auto out = conv2->write_graph(g, conv1->write_graph(g, x, name + ".conv1"), name + ".conv2");
    if (se) out = se->write_graph(g, out, name + ".se");
    out = conv3->write_graph(g, out, name + ".conv3");
    return g.node("Relu", {g.node("Add", {out, shortcut}, name + ".add")}, name);
  }
  torch::nn::Sequential downsample{nullptr};
  ConvNormAct conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  SqueezeExcite se{nullptr};
};
TORCH_MODULE(Bottleneck);

// Named containers without parameters of their own, so keys read body.* and head.*
struct NamedContainer : torch::nn::Module {};

}  // namespace

ConvNormActImpl::ConvNormActImpl(std::int64_t in, std::int64_t out, std::int64_t kernel, double leaky_slope,
                                 bool activation, bool blur)
    : slope_(leaky_slope), activation_(activation), blur_(blur) {
  const std::int64_t padding = (kernel - 1) / 2;  // stride is always 1 here
  conv = register_module(
      "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(1).padding(padding).bias(false)));
  bn = register_module("bn", torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(out).eps(1e-5).momentum(0.1)));
}

namespace {

// w' = w * s, b' = beta - mean * s, s = gamma / sqrt(var + eps), in double: exact in real numbers.
std::pair<torch::Tensor, torch::Tensor> folded(const torch::nn::Conv2d& conv, const torch::nn::BatchNorm2d& bn) {
  torch::NoGradGuard no_grad;
  const auto scale = bn->weight.to(torch::kDouble) / (bn->running_var.to(torch::kDouble) + bn->options.eps()).sqrt();
  const auto weight = conv->weight.to(torch::kDouble) * scale.view({-1, 1, 1, 1});
  const auto bias = bn->bias.to(torch::kDouble) - bn->running_mean.to(torch::kDouble) * scale;
  return {weight.to(conv->weight.dtype()), bias.to(conv->weight.dtype())};
}

}  // namespace

void ConvNormActImpl::fold(bool channels_last) {
  auto [weight, bias] = folded(conv, bn);
  folded_weight_ = channels_last ? weight.contiguous(torch::MemoryFormat::ChannelsLast) : weight.contiguous();
  folded_bias_ = bias;
}

torch::Tensor ConvNormActImpl::forward(torch::Tensor x) {
  if (folded_weight_.defined() && !is_training()) {  // the inference form: one convolution, activations in place
    const std::int64_t pad = (folded_weight_.size(2) - 1) / 2;
    x = torch::conv2d(x, folded_weight_, folded_bias_, 1, pad);
    if (activation_) x = torch::leaky_relu_(x, slope_);
    return blur_ ? blur_pool(x, blur_filter_) : x;
  }
  x = conv->forward(x);
  x = batch_norm_group && is_training() ? sync_batch_norm(x, *bn, *batch_norm_group) : bn->forward(x);
  if (activation_) x = torch::leaky_relu(x, slope_);
  if (blur_) x = blur_pool(x, blur_filter_);
  return x;
}

std::string ConvNormActImpl::write_graph(GraphWriter& g, const std::string& x, const std::string& name) {
  torch::NoGradGuard no_grad;
  auto [weight, bias] = folded(conv, bn);
  weight = weight.to(torch::kFloat), bias = bias.to(torch::kFloat);
  const std::int64_t k = conv->weight.size(2), pad = (k - 1) / 2;
  auto y = g.node("Conv", {x, g.constant(name + ".conv.weight", weight), g.constant(name + ".conv.bias", bias)},
                  name + ".conv", {{"kernel_shape", Ints{k, k}}, {"pads", Ints{pad, pad, pad, pad}}});
  if (activation_) y = g.node("LeakyRelu", {y}, name + ".act", {{"alpha", static_cast<float>(slope_)}});
  if (blur_) {  // blur_pool: reflect pad 1, then the [1,2,1]x[1,2,1]/16 filter per channel, stride 2
    const auto channels = weight.size(0);
    const auto k1 = torch::tensor({1.0f, 2.0f, 1.0f});
    const auto filter = (k1.unsqueeze(1) * k1.unsqueeze(0) / 16.0f).view({1, 1, 3, 3}).repeat({channels, 1, 1, 1});
    y = g.node("Pad", {y, g.constant(name + ".blur.pads", torch::tensor({0, 0, 1, 1, 0, 0, 1, 1}, torch::kLong))},
               name + ".blur.pad", {{"mode", std::string("reflect")}});
    y = g.node("Conv", {y, g.constant(name + ".blur.filter", filter)}, name + ".blur",
               {{"group", channels}, {"kernel_shape", Ints{3, 3}}, {"strides", Ints{2, 2}}});
  }
  return y;
}

TResNetImpl::TResNetImpl(TResNetOptions options) : options_(std::move(options)) {
  if (options_.layers.size() != 4) throw ConfigError("TResNet needs 4 stage depths");
  const std::int64_t planes = static_cast<std::int64_t>(64 * options_.width_factor);

  auto body = std::make_shared<NamedContainer>();
  stem_ = body->register_module("conv1", ConvNormAct(48, planes, 3, kStemSlope, true, false));
  std::int64_t in = planes;
  const std::int64_t stage_planes[4] = {planes, planes * 2, planes * 4, planes * 8};
  for (int s = 0; s < 4; ++s) {
    torch::nn::Sequential stage;
    for (int b = 0; b < options_.layers[s]; ++b) {
      const bool stride2 = s > 0 && b == 0;
      if (s < 2) {
        stage->push_back(BasicBlock(in, stage_planes[s], stride2));
        in = stage_planes[s] * BasicBlockImpl::kExpansion;
      } else {
        stage->push_back(Bottleneck(in, stage_planes[s], stride2, /*use_se=*/s == 2));
        in = stage_planes[s] * BottleneckImpl::kExpansion;
      }
    }
    stages_.push_back(body->register_module("layer" + std::to_string(s + 1), stage));
  }
  feature_dim_ = in;
  body_ = register_module("body", body);
  if (options_.head != "attention") head_ = register_module("head", std::make_shared<NamedContainer>());
  reset_head(options_.num_classes);
  init_weights();
}

void TResNetImpl::reset_head(std::int64_t num_classes) {
  if (num_classes < 1) throw ConfigError("a model needs at least one class, got " + std::to_string(num_classes));
  options_.num_classes = num_classes;
  if (options_.head == "attention") {
    AttentionHeadOptions o = options_.attention;
    o.channels = feature_dim_, o.num_classes = num_classes;
    attention_ = AttentionHead(o);
    auto reference = body_ ? body_->parameters() : std::vector<torch::Tensor>{};
    if (!reference.empty()) attention_->to(reference.front().device(), reference.front().scalar_type());
    if (head_)
      replace_module("head", attention_.ptr());
    else
      head_ = register_module("head", attention_.ptr());
    if (!is_training()) attention_->eval();
    return;
  }
  if (options_.head != "gap") throw ConfigError("unknown head '" + options_.head + "' (gap or attention)");
  // PyTorch's default Linear init, as the paper's freshly created head gets.
  fc_ = torch::nn::Linear(feature_dim_, num_classes);
  dropout_ = torch::nn::Dropout(options_.head_dropout);
  // Follow the body's device and dtype, if the model was moved.
  auto reference = body_ ? body_->parameters() : std::vector<torch::Tensor>{};
  if (!reference.empty()) fc_->to(reference.front().device(), reference.front().scalar_type());
  std::shared_ptr<torch::nn::Module> fc = fc_.ptr();
  if (options_.paper_head) {
    head_fc_ = torch::nn::Sequential(dropout_, fc_);
    fc = head_fc_.ptr();
  }
  if (head_->named_children().contains("fc"))
    head_->replace_module("fc", fc);
  else
    head_->register_module("fc", fc);
  if (!is_training()) head_->eval();  // a new module starts in training mode
}

void TResNetImpl::init_weights() {
  torch::NoGradGuard no_grad;
  for (auto& module : body_->modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      // Kaiming normal, fan_out, leaky_relu with a = 0: std = sqrt(2 / fan_out)
      torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kLeakyReLU);
    } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
      bn->weight.fill_(1.0);
      bn->bias.zero_();
    }
  }
  // Zero-init the last BN of every residual branch.
  for (auto& stage : stages_) {
    for (auto& block : stage->children()) {
      if (auto* basic = block->as<BasicBlock>()) basic->conv2->bn->weight.zero_();
      if (auto* bottleneck = block->as<Bottleneck>()) bottleneck->conv3->bn->weight.zero_();
    }
  }
}

void TResNetImpl::set_batch_norm_group(std::shared_ptr<Collective> group) {
  for (auto& module : modules(/*include_self=*/false))
    if (auto* block = module->as<ConvNormActImpl>()) block->batch_norm_group = group;
}

void TResNetImpl::fold_for_inference(bool channels_last) {
  for (auto& module : modules(/*include_self=*/false))
    if (auto* block = module->as<ConvNormActImpl>()) block->fold(channels_last);
}

void TResNetImpl::check_input(const torch::Tensor& images) const {
  if (images.dim() != 4 || images.size(1) != 3)
    throw ConfigError("TResNet expects N x 3 x H x W images, got " + c10::str(images.sizes()));
  const auto h = images.size(2), w = images.size(3);
  if (h % 4 || w % 4 || h < 32 || w < 32)
    throw ConfigError("TResNet needs an image size that is a multiple of 4 and at least 32, got " + std::to_string(h) +
                      " x " + std::to_string(w));
}

torch::Tensor TResNetImpl::forward_feature_map(torch::Tensor images) {
  check_input(images);
  auto x = stem_->forward(space_to_depth(images));
  for (auto& stage : stages_) x = stage->forward(x);
  return x;  // N, feature_dim, h, w
}

torch::Tensor TResNetImpl::forward_features(torch::Tensor images) {
  if (attention_) throw ConfigError("the attention head reads the whole feature map, not pooled features");
  return forward_feature_map(images).mean({2, 3});  // N, feature_dim
}

torch::Tensor TResNetImpl::forward_head(torch::Tensor features) {
  if (attention_) throw ConfigError("the attention head reads the whole feature map, not pooled features");
  return fc_->forward(dropout_->forward(features));
}

torch::Tensor TResNetImpl::frozen_features(torch::Tensor images) {
  return attention_ ? forward_feature_map(images) : forward_features(images);
}

torch::Tensor TResNetImpl::forward_frozen(torch::Tensor features) {
  return attention_ ? attention_->forward(features).first : forward_head(features);
}

torch::Tensor TResNetImpl::forward(torch::Tensor images) {
  if (attention_) return attention_->forward(forward_feature_map(images)).first;
  return forward_head(forward_features(images));
}

torch::Tensor TResNetImpl::class_activation_maps(torch::Tensor images) {
  if (attention_)
    throw ConfigError("the attention head has no class activation maps (its maps are its attention weights)");
  const auto x = forward_feature_map(images);  // N, C, h, w
  return torch::einsum("lc,nchw->nlhw", {fc_->weight, x}) + fc_->bias.view({1, -1, 1, 1});
}

std::pair<torch::Tensor, torch::Tensor> TResNetImpl::attention_maps(torch::Tensor images) {
  if (!attention_) throw ConfigError("the gap head has no attention weights (its maps are class activation maps)");
  const auto x = forward_feature_map(images);  // N, C, h, w
  auto [logits, attention] = attention_->forward(x);
  return {logits, attention.view({x.size(0), attention.size(1), x.size(2), x.size(3)})};
}

std::string TResNetImpl::write_graph(GraphWriter& g, const std::string& images) {
  auto x = g.node("SpaceToDepth", {images}, "s2d", {{"blocksize", std::int64_t{4}}});  // the same (i, j, C) order
  x = stem_->write_graph(g, x, "body.conv1");
  for (std::size_t s = 0; s < stages_.size(); ++s) {
    const std::string stage = "body.layer" + std::to_string(s + 1);
    std::size_t b = 0;
    for (auto& block : stages_[s]->children()) {
      const std::string name = stage + "." + std::to_string(b++);
      if (auto* basic = block->as<BasicBlock>()) x = basic->write_graph(g, x, name);
      if (auto* bottleneck = block->as<Bottleneck>()) x = bottleneck->write_graph(g, x, name);
    }
  }
  if (attention_) return attention_->write_graph(g, x);
  x = g.node("Flatten", {g.node("GlobalAveragePool", {x}, "pool")}, "features", {{"axis", std::int64_t{1}}});
  return g.node("Gemm", {x, g.constant("head.fc.weight", fc_->weight), g.constant("head.fc.bias", fc_->bias)}, "logits",
                {{"transB", std::int64_t{1}}});
}

std::vector<std::pair<std::string, torch::Tensor>> TResNetImpl::forward_stages(torch::Tensor images) {
  check_input(images);
  std::vector<std::pair<std::string, torch::Tensor>> out;
  auto x = space_to_depth(images);
  out.emplace_back("s2d", x);
  x = stem_->forward(x);
  out.emplace_back("conv1", x);
  for (std::size_t s = 0; s < stages_.size(); ++s) {
    x = stages_[s]->forward(x);
    out.emplace_back("layer" + std::to_string(s + 1), x);
  }
  x = x.mean({2, 3});
  out.emplace_back("pool", x);
  out.emplace_back("logits", forward_head(x));
  return out;
}

}  // namespace aia
