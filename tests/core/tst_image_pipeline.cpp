// The image pipeline: decoding, normalisation, flips, the cache, and the
// one epoch-order rule that the loader shares with the frozen mode and the
// tensor trainer.

#include <torch/torch.h>

#include "aia/data/dataset.h"
#include "aia/data/epoch_order.h"
#include "aia/data/image_pipeline.h"
#include "tiny_dataset.h"

#include <QtTest>

#include <algorithm>
#include <numeric>

class TestImagePipeline : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void pipelineNormalisesFlipsAndIsDeterministic();
  void loaderFollowsTheEpochOrderRule();
  void epochOrderIsAPermutationPerSeedAndEpoch();

 private:
  QTemporaryDir m_dir;
  std::string m_data;
};

void TestImagePipeline::initTestCase() {
  torch::set_num_threads(2);
  m_data = m_dir.filePath("tiny").toStdString();
  aia::test::make_tiny_dataset(m_data);
}

void TestImagePipeline::pipelineNormalisesFlipsAndIsDeterministic() {
  aia::ValidationReport report;
  const aia::Dataset d = aia::load_dataset(m_data, &report);
  aia::LoaderOptions o;
  o.image_size = 32;
  o.batch_size = 8;
  o.normalization.mean = {0.1f, 0.2f, 0.3f};
  o.normalization.std = {0.5f, 0.25f, 0.2f};
  auto first_batch = [&](bool flips, int epoch, aia::ImageCache* cache) {
    aia::LoaderOptions x = o;
    x.flips = flips;
    x.epoch = epoch;
    aia::BatchLoader loader(d.images_dir, d.train, d.vocabulary.size(), x, cache);
    return loader.next()->images;
  };
  const auto plain = first_batch(false, 0, nullptr);
  // Normalisation of the decoded bytes, channel by channel.
  std::vector<std::uint8_t> px;
  QVERIFY(aia::load_image_rgb(d.images_dir + "/" + d.train[0].image, 32, px, nullptr));
  for (int c = 0; c < 3; ++c)
    for (int y : {0, 7, 31})
      for (int x : {0, 13, 31}) {
        const float want = (px[static_cast<std::size_t>((y * 32 + x) * 3 + c)] / 255.f -
                            o.normalization.mean[static_cast<std::size_t>(c)]) /
                           o.normalization.std[static_cast<std::size_t>(c)];
        QVERIFY(std::abs(plain[0][c][y][x].item<float>() - want) < 1e-5f);
      }
  // With flips every image is one of the four flips of itself, some are flipped, and the same
  // seed and epoch give the same batch (also when served from the cache).
  aia::ImageCache cache(64 << 20);
  const auto flipped = first_batch(true, 3, &cache);
  QVERIFY(torch::equal(flipped, first_batch(true, 3, &cache)));
  QVERIFY(cache.hits() > 0);
  int changed = 0;
  for (int i = 0; i < 8; ++i) {
    const auto a = plain[i], b = flipped[i];
    const bool any = torch::equal(a, b) || torch::equal(a.flip({2}), b) || torch::equal(a.flip({1}), b) ||
                     torch::equal(a.flip({1, 2}), b);
    QVERIFY(any);
    changed += !torch::equal(a, b);
  }
  QVERIFY(changed > 0);
}

void TestImagePipeline::loaderFollowsTheEpochOrderRule() {
  aia::ValidationReport report;
  const aia::Dataset d = aia::load_dataset(m_data, &report);
  aia::LoaderOptions o;
  o.image_size = 32;
  o.batch_size = 8;
  o.shuffle = true;
  o.seed = 7;
  o.epoch = 2;
  aia::BatchLoader loader(d.images_dir, d.train, d.vocabulary.size(), o);
  const auto order = aia::epoch_order(d.train.size(), 7, 2);
  std::size_t position = 0;
  while (auto batch = loader.next())
    for (std::size_t index : batch->samples) QCOMPARE(index, order[position++]);
  QCOMPARE(position, d.train.size());
}

void TestImagePipeline::epochOrderIsAPermutationPerSeedAndEpoch() {
  auto a = aia::epoch_order(100, 1, 0);
  QCOMPARE(a, aia::epoch_order(100, 1, 0));  // deterministic
  QVERIFY(a != aia::epoch_order(100, 1, 1));
  QVERIFY(a != aia::epoch_order(100, 2, 0));
  std::sort(a.begin(), a.end());
  std::vector<std::size_t> identity(100);
  std::iota(identity.begin(), identity.end(), std::size_t{0});
  QCOMPARE(a, identity);
  QCOMPARE(aia::epoch_seed(3, 4), aia::mix_bits(3 * aia::kSeedStride + 4));
}

QTEST_GUILESS_MAIN(TestImagePipeline)
#include "tst_image_pipeline.moc"
