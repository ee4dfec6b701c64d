#include "aia/data/image_pipeline.h"

#include "aia/data/epoch_order.h"

#include "aia/errors.h"
#include "data/image_guard.h"

#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <random>

namespace aia {

ImageDecoder default_image_decoder() {
  return detail::opencv_in_build() ? ImageDecoder::OpenCV : ImageDecoder::Torchvision;
}

std::string image_decoder_name(ImageDecoder decoder) {
  return decoder == ImageDecoder::OpenCV ? "OpenCV" : "torchvision";
}

bool load_image_rgb_with(ImageDecoder decoder, const std::string& path, int size, std::vector<std::uint8_t>& out,
                         std::string* error, std::uint64_t max_pixels) {
  return decoder == ImageDecoder::OpenCV ? detail::load_rgb_opencv(path, size, out, error, max_pixels)
                                         : detail::load_rgb_torchvision(path, size, out, error, max_pixels);
}

bool load_image_rgb(const std::string& path, int size, std::vector<std::uint8_t>& out, std::string* error,
                    std::uint64_t max_pixels) {
  static const ImageDecoder decoder = default_image_decoder();
  return load_image_rgb_with(decoder, path, size, out, error, max_pixels);
}

ImageCache::Pixels ImageCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  return it->second;
}

void ImageCache::put(const std::string& key, Pixels pixels) {
  std::lock_guard lock(mutex_);
  if (bytes_ + pixels->size() > max_bytes_ || entries_.count(key)) return;
  bytes_ += pixels->size();
  entries_.emplace(key, std::move(pixels));
}

BatchLoader::BatchLoader(std::string images_dir, const std::vector<Sample>& samples, std::size_t vocabulary,
                         LoaderOptions options, ImageCache* cache)
    : images_dir_(std::move(images_dir)), samples_(samples), vocabulary_(vocabulary), options_(options), cache_(cache) {
  if (options_.shuffle) {
    order_ = epoch_order(samples_.size(), options_.seed, options_.epoch);
  } else {
    order_.resize(samples_.size());
    std::iota(order_.begin(), order_.end(), std::size_t(0));
  }
  const std::size_t b = static_cast<std::size_t>(options_.batch_size);
  last_batch_ = (samples_.size() + b - 1) / b;
  if (options_.max_batches) last_batch_ = std::min(last_batch_, options_.max_batches);
  next_claim_ = next_out_ = std::min(options_.first_batch, last_batch_);
  options_.first_batch = next_out_;
  for (int i = 0; i < std::max(1, options_.workers); ++i) threads_.emplace_back([this] { work(); });
}

BatchLoader::~BatchLoader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  space_.notify_all();
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void BatchLoader::work() {
  while (true) {
    std::size_t batch;
    {
      std::unique_lock lock(mutex_);
      space_.wait(lock, [&] {
        return stopping_ || next_claim_ >= last_batch_ ||
               next_claim_ < next_out_ + static_cast<std::size_t>(options_.prefetch_batches);
      });
      if (stopping_ || next_claim_ >= last_batch_) return;
      batch = next_claim_++;
    }
    try {
      Batch b = build(batch);
      std::lock_guard lock(mutex_);
      done_.emplace(batch, std::move(b));
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
    ready_.notify_all();
  }
}

Batch BatchLoader::build(std::size_t batch) {
  const std::size_t b = static_cast<std::size_t>(options_.batch_size);
  const std::size_t begin = batch * b, end = std::min(samples_.size(), begin + b);
  const int s = options_.image_size;
  const std::size_t plane = static_cast<std::size_t>(s) * s;
  std::vector<std::size_t> ok;
  std::vector<ImageCache::Pixels> pixels;
  for (std::size_t k = begin + options_.shard_rank; k < end; k += std::max<std::size_t>(1, options_.shard_count)) {
    const std::size_t index = order_[k];
    const std::string key = samples_[index].image + "@" + std::to_string(s);
    ImageCache::Pixels px = cache_ ? cache_->get(key) : nullptr;
    if (!px) {
      std::string why;
      auto decoded = std::make_shared<std::vector<std::uint8_t>>();
      const std::string path = images_dir_.empty() ? samples_[index].image : images_dir_ + "/" + samples_[index].image;
      if (!load_image_rgb(path, s, *decoded, &why)) {
        std::lock_guard lock(mutex_);
        skipped_.push_back({samples_[index].image, why});
        continue;
      }
      px = std::move(decoded);
      if (cache_) cache_->put(key, px);
    }
    ok.push_back(index);
    pixels.push_back(std::move(px));
  }
  Batch out;
  out.index = batch;
  out.samples = ok;
  const auto n = static_cast<std::int64_t>(ok.size());
  out.images = torch::empty({n, 3, s, s}, torch::TensorOptions(torch::kFloat32).pinned_memory(options_.pin_memory));
  out.targets = torch::zeros({n, static_cast<std::int64_t>(vocabulary_)},
                             torch::TensorOptions(torch::kFloat32).pinned_memory(options_.pin_memory));
  float* dst = out.images.data_ptr<float>();
  float* tgt = out.targets.data_ptr<float>();
  // (v / 255 - mean) / std for every byte value, per channel.
  float lut[3][256];
  for (int c = 0; c < 3; ++c)
    for (int v = 0; v < 256; ++v)
      lut[c][v] = (static_cast<float>(v) / 255.f - options_.normalization.mean[static_cast<std::size_t>(c)]) /
                  options_.normalization.std[static_cast<std::size_t>(c)];
  for (std::size_t i = 0; i < ok.size(); ++i) {
    bool hflip = false, vflip = false;
    if (options_.flips) {
      const std::uint64_t r =
          mix_bits(mix_bits(options_.seed) ^ (static_cast<std::uint64_t>(options_.epoch) << 32) ^ ok[i]);
      hflip = r & 1;
      vflip = (r >> 1) & 1;
    }
    const std::uint8_t* src = pixels[i]->data();
    float* r_plane = dst + i * 3 * plane;
    float* g_plane = r_plane + plane;
    float* b_plane = g_plane + plane;
    // One pass over the interleaved source, writing the three planes.
    for (int y = 0; y < s; ++y) {
      const std::uint8_t* row = src + static_cast<std::size_t>(vflip ? s - 1 - y : y) * s * 3;
      const std::size_t o = static_cast<std::size_t>(y) * s;
      if (hflip) {
        for (int x = 0; x < s; ++x) {
          const std::uint8_t* p = row + static_cast<std::size_t>(s - 1 - x) * 3;
          r_plane[o + x] = lut[0][p[0]];
          g_plane[o + x] = lut[1][p[1]];
          b_plane[o + x] = lut[2][p[2]];
        }
      } else {
        for (int x = 0; x < s; ++x) {
          const std::uint8_t* p = row + static_cast<std::size_t>(x) * 3;
          r_plane[o + x] = lut[0][p[0]];
          g_plane[o + x] = lut[1][p[1]];
          b_plane[o + x] = lut[2][p[2]];
        }
      }
    }
    for (int l : samples_[ok[i]].labels) tgt[i * vocabulary_ + static_cast<std::size_t>(l)] = 1.f;
  }
  return out;
}

std::optional<Batch> BatchLoader::next() {
  std::unique_lock lock(mutex_);
  if (next_out_ >= last_batch_) return std::nullopt;
  ready_.wait(lock, [&] { return error_ || done_.count(next_out_); });
  if (error_) std::rethrow_exception(error_);
  Batch b = std::move(done_.at(next_out_));
  done_.erase(next_out_);
  ++next_out_;
  lock.unlock();
  space_.notify_all();
  return b;
}

std::vector<SkippedImage> BatchLoader::skipped() const {
  std::lock_guard lock(mutex_);
  return skipped_;
}

Normalization compute_normalization(const std::string& images_dir, const std::vector<Sample>& samples, int size,
                                    std::size_t max_images) {
  double sum[3] = {}, sq[3] = {};
  std::size_t pixels = 0, used = 0;
  const std::size_t step = std::max<std::size_t>(1, samples.size() / max_images);
  std::vector<std::uint8_t> px;
  for (std::size_t i = 0; i < samples.size() && used < max_images; i += step) {
    if (!load_image_rgb(images_dir + "/" + samples[i].image, size, px, nullptr)) continue;
    for (std::size_t p = 0; p < px.size(); p += 3)
      for (int c = 0; c < 3; ++c) {
        const double v = px[p + static_cast<std::size_t>(c)] / 255.0;
        sum[c] += v;
        sq[c] += v * v;
      }
    pixels += px.size() / 3;
    ++used;
  }
  if (!used) throw DatasetError(images_dir + ": no training image could be decoded to compute mean/std");
  Normalization n;
  for (int c = 0; c < 3; ++c) {
    const double mean = sum[c] / static_cast<double>(pixels);
    n.mean[static_cast<std::size_t>(c)] = static_cast<float>(mean);
    n.std[static_cast<std::size_t>(c)] =
        static_cast<float>(std::max(1e-3, std::sqrt(sq[c] / static_cast<double>(pixels) - mean * mean)));
  }
  n.source = "computed from " + std::to_string(used) + " training images";
  return n;
}

}  // namespace aia
