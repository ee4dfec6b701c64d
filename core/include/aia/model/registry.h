#pragma once
// Backbones by name (timm's _registry idea): the CLI, the GUI and the trainer
// build models through here and never name a concrete class.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/model/classifier.h"

#include <string>
#include <vector>

namespace aia {

struct BackboneInfo {
  std::string name;
  std::string description;
  std::int64_t feature_dim = 0;
  std::int64_t default_image_size = 448;
};

std::vector<BackboneInfo> list_backbones();
bool has_backbone(const std::string& name);

// Builds `name` with the paper's head (Dropout(head_dropout) + Linear to
// num_classes), initialised as timm initialises it. Throws ConfigError for an
// unknown name, listing the known ones.
Classifier make_model(const std::string& name, std::int64_t num_classes, double head_dropout = 0.3);

// The head on top of the backbone: "gap" (the paper's: pooling, Dropout, Linear)
// or "attention" (aia/model/attention_head.h, with these sizes).
struct HeadOptions {
  std::string kind = "gap";
  double dropout = 0.3;
  std::int64_t hidden = 1024, heads = 8, feedforward = 2048;
};
Classifier make_model(const std::string& name, std::int64_t num_classes, const HeadOptions& head);

}  // namespace aia
