#pragma once
// The recipe the tests train with on the tiny dataset (tiny_dataset.h): the
// light backbone at 32 px, seconds per run on a CPU.

#include "aia/catalogue/catalogue.h"
#include "aia/run/train_config.h"

#include <string>

namespace aia::test {

inline aia::TrainConfig tiny_train_config(const std::string& data, const std::string& out, int epochs = 2) {
  aia::TrainConfig c;
  c.data.dataset = data;
  c.data.image_size = 32;
  c.data.workers = 2;
  c.model.backbone = "tresnet_nano";
  c.optim.epochs = epochs;
  c.optim.batch_size = 8;
  c.optim.learning_rate = 2e-3;
  c.loss = aia::loss_preset("proposed");
  c.run.out_dir = out;
  c.run.device = "cpu";
  return c;
}

}  // namespace aia::test
