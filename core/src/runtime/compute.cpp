#include "aia/runtime/compute.h"

#include "aia/runtime/autocast.h"

#include <torch/torch.h>

namespace aia {

void apply_memory_format(torch::nn::Module& model, bool channels_last) {
  const auto format = channels_last ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
  torch::NoGradGuard no_grad;
  for (auto& p : model.parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(format));
  for (auto& b : model.buffers())
    if (b.dim() == 4) b.set_data(b.contiguous(format));
}

torch::Tensor model_input(const torch::Tensor& images, const torch::Device& device, const ComputeFormat& format) {
  // From pinned memory to a GPU the copy is queued without waiting for it (LoaderOptions::pin_memory).
  auto x = images.to(device, images.scalar_type(), /*non_blocking=*/device.is_cuda() && images.is_pinned());
  return format.channels_last && x.dim() == 4 ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
}

torch::Tensor forward_logits(ClassifierImpl& model, const torch::Tensor& images, const ComputeFormat& format) {
  torch::Tensor logits;
  {
    AutocastScope autocast(images.device().type(), format.bf16);
    logits = model.forward(images);
  }
  return logits.to(torch::kFloat32);
}

}  // namespace aia
