#include "aia/training/sharded_scoring.h"

#include <torch/torch.h>

namespace aia {

std::vector<float> score_on_ranks(ClassifierImpl& model, Collective& group, torch::Device device,
                                  const std::vector<Sample>& samples, const ShardedScoring& how,
                                  std::vector<SkippedImage>* skipped) {
  const std::size_t v = how.vocabulary;
  if (group.size() < 2)
    return score_samples(model, how.images_dir, samples, v, how.image_size, how.normalization, how.options, skipped);
  ScoreOptions options = how.options;
  options.cancelled = nullptr;
  const auto rank = static_cast<std::size_t>(group.rank()), size = static_cast<std::size_t>(group.size());
  std::vector<Sample> mine;
  for (std::size_t i = rank; i < samples.size(); i += size) mine.push_back(samples[i]);
  const auto part = score_samples(model, how.images_dir, mine, v, how.image_size, how.normalization, options, skipped);
  torch::Tensor all = torch::zeros({static_cast<std::int64_t>(samples.size()), static_cast<std::int64_t>(v)});
  for (std::size_t k = 0; k < mine.size(); ++k)
    std::copy(part.begin() + static_cast<std::ptrdiff_t>(k * v),
              part.begin() + static_cast<std::ptrdiff_t>((k + 1) * v), all.data_ptr<float>() + (rank + k * size) * v);
  std::vector<torch::Tensor> reduce{group.backend() == Backend::Nccl ? all.to(device) : all};
  group.all_reduce_sum(reduce);
  all = reduce[0].cpu().contiguous();
  return std::vector<float>(all.data_ptr<float>(), all.data_ptr<float>() + all.numel());
}

}  // namespace aia
