#include "aia/model/registry.h"

#include "aia/catalogue/catalogue.h"
#include "aia/errors.h"
#include "aia/model/tresnet.h"

#include <functional>
#include <stdexcept>

namespace aia {
namespace {

struct Entry {
  BackboneInfo info;
  std::function<Classifier(std::int64_t, const HeadOptions&)> make;
};

Classifier make_tresnet(std::vector<int> layers, double width, std::int64_t classes, const HeadOptions& head) {
  TResNetOptions o;
  o.layers = std::move(layers);
  o.width_factor = width;
  o.num_classes = classes;
  o.head_dropout = head.dropout;
  o.paper_head = true;
  o.head = head.kind;
  o.attention.hidden = head.hidden, o.attention.heads = head.heads, o.attention.feedforward = head.feedforward;
  o.attention.dropout = head.dropout;
  return std::make_shared<TResNetImpl>(o);
}

// The builders of the catalogue's backbones, by name; the names,
// descriptions and default sizes are the catalogue's.
struct Builder {
  const char* name;
  std::int64_t feature_dim;
  std::function<Classifier(std::int64_t, const HeadOptions&)> make;
};

const std::vector<Entry>& entries() {
  static const std::vector<Builder> builders = {
      {"tresnet_m", 2048,
       [](std::int64_t c, const HeadOptions& h) {
         return make_tresnet({3, 4, 11, 3}, 1.0, c, h);
       }},
      {"tresnet_nano", 512,
       [](std::int64_t c, const HeadOptions& h) {
         return make_tresnet({1, 1, 1, 1}, 0.25, c, h);
       }},
  };
  static const std::vector<Entry> table = [] {
    std::vector<Entry> t;
    for (const auto& b : backbones()) {
      for (const auto& k : builders)
        if (b.name == k.name) t.push_back({{b.name, b.description, k.feature_dim, b.default_image_size}, k.make});
      if (t.empty() || t.back().info.name != b.name)
        throw std::logic_error("the catalogue's backbone " + b.name + " has no builder in registry.cpp");
    }
    return t;
  }();
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
  HeadOptions head;
  head.dropout = head_dropout;
  return make_model(name, num_classes, head);
}

Classifier make_model(const std::string& name, std::int64_t num_classes, const HeadOptions& head) {
  std::string known;
  for (const auto& e : entries()) {
    if (e.info.name == name) return e.make(num_classes, head);
    known += (known.empty() ? "" : ", ") + e.info.name;
  }
  throw ConfigError("unknown backbone '" + name + "' (known: " + known + ")");
}

}  // namespace aia
