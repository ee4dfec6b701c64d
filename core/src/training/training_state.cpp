#include "aia/training/training_state.h"

#include "aia/errors.h"
#include "aia/io/checkpoint.h"
#include "aia/io/json_errors.h"
#include "training/adam_state.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <map>

namespace aia {
namespace {

std::string state_json(const TrainState& s) {
  return nlohmann::json{{"epoch", s.epoch},
                        {"batch", s.batch},
                        {"step", s.step},
                        {"epoch_loss_sum", s.epoch_loss_sum},
                        {"epoch_batches", s.epoch_batches},
                        {"best_f1", s.best_f1},
                        {"best_epoch", s.best_epoch},
                        {"epoch_order", s.epoch_order_version}}
      .dump();
}

TrainState state_from_json(const std::string& text, const std::string& path) {
  try {
    const auto j = nlohmann::json::parse(text);
    TrainState s;
    s.epoch = j.at("epoch");
    s.batch = j.at("batch");
    s.step = j.at("step");
    s.epoch_loss_sum = j.at("epoch_loss_sum");
    s.epoch_batches = j.at("epoch_batches");
    s.best_f1 = j.at("best_f1");
    s.best_epoch = j.at("best_epoch");
    s.epoch_order_version = j.value("epoch_order", 0);
    return s;
  } catch (const nlohmann::json::exception& e) {
    throw CheckpointError(path + ": training state in the metadata: " + json_error_in_words(e));
  }
}

}  // namespace

void save_training_state(const std::string& path, ClassifierImpl& model, torch::optim::Adam& adam, const Ema& ema,
                         const TrainState& state) {
  NamedTensors tensors = model_state(model);
  auto params = model.parameters();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto* s = detail::adam_state(adam, params[i]);
    if (!s) continue;
    tensors.emplace_back("optim." + std::to_string(i) + ".exp_avg", s->exp_avg().cpu());
    tensors.emplace_back("optim." + std::to_string(i) + ".exp_avg_sq", s->exp_avg_sq().cpu());
    tensors.emplace_back("optim." + std::to_string(i) + ".step", torch::tensor(s->step(), torch::kLong));
  }
  for (auto& [k, v] : ema.tensors()) tensors.emplace_back("ema." + k, v);
  write_safetensors(path, tensors, {{"aia_state", state_json(state)}, {"format", "pt"}});
}

TrainState load_training_state(const std::string& path, ClassifierImpl& model, torch::optim::Adam& adam, Ema& ema,
                               torch::Device device) {
  std::map<std::string, std::string> meta;
  NamedTensors tensors = read_safetensors(path, &meta);
  if (!meta.count("aia_state")) throw CheckpointError(path + ": no training state in its metadata");
  const TrainState state = state_from_json(meta.at("aia_state"), path);
  NamedTensors model_part;
  std::map<std::string, torch::Tensor> optim, averaged;
  for (auto& [k, v] : tensors) {
    if (k.rfind("optim.", 0) == 0)
      optim[k] = v;
    else if (k.rfind("ema.", 0) == 0)
      averaged[k.substr(4)] = v;
    else
      model_part.emplace_back(k, v);
  }
  ImportOptions strict;
  strict.strict = true;
  strict.allow_head_reset = false;
  import_weights(model, model_part, strict);
  auto params = model.parameters();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string p = "optim." + std::to_string(i) + ".";
    if (!optim.count(p + "exp_avg")) continue;
    auto s = std::make_unique<torch::optim::AdamParamState>();
    s->step(optim.at(p + "step").item<std::int64_t>());
    s->exp_avg(optim.at(p + "exp_avg").to(device));
    s->exp_avg_sq(optim.at(p + "exp_avg_sq").to(device));
    detail::set_adam_state(adam, params[i], std::move(s));
  }
  ema.load(averaged);
  return state;
}

}  // namespace aia
