#pragma once
// From image files to normalised batches: decode to RGB, squash-resize
// to size x size, the paper's random flips, normalisation; several decoding
// threads fill a bounded queue of batches; an optional cache keeps decoded,
// resized 8-bit images so that later epochs do not decode again. A file that
// cannot be decoded (corrupt, truncated, empty, or larger than the pixel cap)
// is skipped and counted. Deterministic for a seed: the order and the flips
// depend on (seed, epoch, sample), never on thread timing.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/data/dataset.h"
#include "aia/data/image_header.h"  // kDefaultMaxImagePixels

#include <torch/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace aia {

// Decodes `path` to size x size x 3 RGB bytes. Returns false and says why on failure.
bool load_image_rgb(const std::string& path, int size, std::vector<std::uint8_t>& out, std::string* error,
                    std::uint64_t max_pixels = kDefaultMaxImagePixels);

// The decoders behind load_image_rgb: OpenCV with the format libraries (the
// full build: every format of image_formats(), the area resize of OpenCV),
// and torchvision's image library loaded at run time (JPEG and PNG, the EXIF
// orientation, OpenCV's resize weights applied in LibTorch): the decoder of
// a build without OpenCV (AIA_HEADLESS). The two give every channel of every
// pixel within 1 level of each other (tst_image_pipeline).
enum class ImageDecoder { OpenCV, Torchvision };
ImageDecoder default_image_decoder();                  // what load_image_rgb uses: OpenCV where the build has it
std::string image_decoder_name(ImageDecoder decoder);  // "OpenCV", "torchvision"
// load_image_rgb through `decoder`; false with `error` saying why when it
// cannot (a build without OpenCV, torchvision's library not found).
bool load_image_rgb_with(ImageDecoder decoder, const std::string& path, int size, std::vector<std::uint8_t>& out,
                         std::string* error, std::uint64_t max_pixels = kDefaultMaxImagePixels);

// Thread-safe cache of decoded images, bounded in bytes (new entries are
// refused when full: the first images stay, no churn).
class ImageCache {
 public:
  using Pixels = std::shared_ptr<const std::vector<std::uint8_t>>;
  explicit ImageCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  Pixels get(const std::string& key);  // null when absent; shared, never copied
  void put(const std::string& key, Pixels pixels);
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Pixels> entries_;
  std::size_t bytes_ = 0, max_bytes_;
  std::atomic<std::size_t> hits_{0}, misses_{0};
};

struct LoaderOptions {
  int image_size = 448;
  int batch_size = 32;
  bool shuffle = false;
  bool flips = false;
  std::uint64_t seed = 1;
  int epoch = 0;
  int workers = 2;
  int prefetch_batches = 4;
  Normalization normalization;
  std::size_t first_batch = 0;  // resume inside an epoch
  std::size_t max_batches = 0;  // 0: all
  // Data-parallel share: of each batch of batch_size images, this loader keeps
  // positions shard_rank, shard_rank + shard_count, ... (batch indices and the
  // epoch's order stay those of the whole run).
  std::size_t shard_rank = 0;
  std::size_t shard_count = 1;
  // Batches in pinned (page-locked) host memory, for a CUDA device: their
  // copy to it can then run beside the GPU's work (model_input copies them
  // without waiting). Only with a LibTorch that has CUDA.
  bool pin_memory = false;
};

struct Batch {
  std::size_t index = 0;             // batch number within the epoch
  torch::Tensor images;              // n x 3 x S x S float32, normalised
  torch::Tensor targets;             // n x vocabulary float32 multi-hot
  std::vector<std::size_t> samples;  // positions in the sample list
};

struct SkippedImage {
  std::string image;
  std::string reason;
};

class BatchLoader {
 public:
  BatchLoader(std::string images_dir, const std::vector<Sample>& samples, std::size_t vocabulary, LoaderOptions options,
              ImageCache* cache = nullptr);
  ~BatchLoader();
  BatchLoader(const BatchLoader&) = delete;
  BatchLoader& operator=(const BatchLoader&) = delete;

  std::size_t batches() const { return last_batch_ - options_.first_batch; }
  // The next batch in order; nullopt after the last one.
  std::optional<Batch> next();
  std::vector<SkippedImage> skipped() const;

 private:
  void work();
  Batch build(std::size_t batch);

  std::string images_dir_;
  const std::vector<Sample>& samples_;
  std::size_t vocabulary_;
  LoaderOptions options_;
  ImageCache* cache_;
  std::vector<std::size_t> order_;
  std::size_t last_batch_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::map<std::size_t, Batch> done_;
  std::size_t next_claim_ = 0, next_out_ = 0;
  bool stopping_ = false;
  std::vector<SkippedImage> skipped_;
  std::exception_ptr error_;
  std::vector<std::thread> threads_;
};

// Mean and std per channel of up to `max_images` training images at `size`.
Normalization compute_normalization(const std::string& images_dir, const std::vector<Sample>& samples, int size,
                                    std::size_t max_images = 500);

}  // namespace aia
