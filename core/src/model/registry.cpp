#include "aia/model/registry.h"

#include "aia/errors.h"
#include "aia/model/tresnet.h"

#include <functional>

namespace aia {
namespace {

struct Entry {
  BackboneInfo info;
  std::function<Classifier(std::int64_t, double)> make;
};

Classifier make_tresnet(std::vector<int> layers, double width, std::int64_t classes, double dropout) {
  TResNetOptions o;
  o.layers = std::move(layers);
  o.width_factor = width;
  o.num_classes = classes;
  o.head_dropout = dropout;
  o.paper_head = true;
  return std::make_shared<TResNetImpl>(o);
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {{"tresnet_m", "TResNet-M (timm tresnet_m), the paper's backbone: 29.3 M parameters, 5.7 GMACs at 224", 2048,
        448},
       [](std::int64_t c, double d) {
         return make_tresnet({3, 4, 11, 3}, 1.0, c, d);
       }},
      {{"tresnet_nano",
        "TResNet layout with one block per stage and a quarter of the width (not a timm model, no pretrained "
        "weights): for demos and tests on a CPU",
        512, 224},
       [](std::int64_t c, double d) {
         return make_tresnet({1, 1, 1, 1}, 0.25, c, d);
       }},
  };
  return table;
}

}  // namespace

std::vector<BackboneInfo> list_backbones() {
  std::vector<BackboneInfo> out;
  for (const auto& e : entries()) out.push_back(e.info);
  return out;
}

bool has_backbone(const std::string& name) {
  for (const auto& e : entries())
    if (e.info.name == name) return true;
  return false;
}

Classifier make_model(const std::string& name, std::int64_t num_classes, double head_dropout) {
  std::string known;
  for (const auto& e : entries()) {
    if (e.info.name == name) return e.make(num_classes, head_dropout);
    known += (known.empty() ? "" : ", ") + e.info.name;
  }
  throw ConfigError("unknown backbone '" + name + "' (known: " + known + ")");
}

}  // namespace aia
