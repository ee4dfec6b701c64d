#include "aia/catalogue/catalogue.h"

#include "aia/errors.h"

namespace aia {

const std::vector<LossPreset>& loss_presets() {
  // LossOptions: name, plain_bce, gamma_neg, gamma_pos, margin_pos, margin_neg, switch_threshold, eps.
  static const std::vector<LossPreset> list = {
      {"bce", "BCELoss", "binary cross-entropy", {"bce", true, 0, 0, 0, 0, 0, 1e-8}},
      {"focal", "FocalLoss", "focal loss (gamma 3 on both parts)", {"focal", false, 3, 3, 0, 0, 0, 1e-8}},
      {"asymmetric",
       "AsymmetricLoss",
       "asymmetric loss (ASL: gamma- 4, probability margin 0.05)",
       {"asymmetric", false, 4, 0, 0, 0.05, 0, 1e-8}},
      {"proposed",
       "proposedLoss",
       "the paper's unsymmetrical loss (gamma- 4, gamma+ 3, logit margin 1.1, probability margin 0.05, switch 0.25)",
       {"proposed", false, 4, 3, 1.1, 0.05, 0.25, 1e-8}},
  };
  return list;
}

const std::string& default_loss() {
  static const std::string name = "proposed";
  return name;
}

LossOptions loss_preset(const std::string& name) {
  for (const auto& p : loss_presets())
    if (name == p.name || name == p.seed_name || (name == "asl" && p.name == "asymmetric")) return p.options;
  std::vector<std::string> known = loss_names();
  for (const auto& p : loss_presets()) known.push_back(p.seed_name);
  throw ConfigError("unknown loss '" + name + "' (expected " + names_or(known) + ")");
}

std::vector<std::string> loss_names() { return names_of(loss_presets()); }

const std::vector<BackboneEntry>& backbones() {
  static const std::vector<BackboneEntry> list = {
      {"tresnet_m", "TResNet-M (timm tresnet_m), the paper's backbone: 29.3 M parameters, 5.7 GMACs at 224", 448},
      {"tresnet_nano",
       "TResNet layout with one block per stage and a quarter of the width (not a timm model, no pretrained "
       "weights): for demos and tests on a CPU",
       224},
  };
  return list;
}

const std::string& default_backbone() { return backbones().front().name; }

const std::vector<Choice>& heads() {
  static const std::vector<Choice> list = {
      {"gap", "the 2023 paper's head: global average pooling, Dropout, one Linear layer"},
      {"attention", "the 2024 follow-up's head: label queries cross-attend to the feature map (one decoder layer)"},
  };
  return list;
}

const std::vector<DatasetEntry>& datasets() {
  static const std::vector<DatasetEntry> list = {
      {"demo", "Demo (Fashion-MNIST mosaics)", true},   {"demo-longtail", "Demo, long-tailed labels", true},
      {"Corel-5k", "Corel-5k (260 labels)", false},     {"ESP-Game", "ESP Game (268 labels)", false},
      {"IAPR-TC-12", "IAPR TC-12 (291 labels)", false},
  };
  return list;
}

bool is_demo_dataset(const std::string& name) {
  for (const auto& d : datasets())
    if (d.name == name) return d.demo;
  return false;
}

const std::vector<Choice>& threshold_strategies() {
  static const std::vector<Choice> list = {
      {"mcc-grid", "the paper's: per label, the best Matthews correlation over a grid of 0.01 steps"},
      {"mcc", "per label, the best Matthews correlation over every distinct score"},
      {"f1", "per label, the best F1 over every distinct score"},
  };
  return list;
}

const Choice& certified_strategy() {
  static const Choice choice{"precision:P[@DELTA]",
                             "per label, the lowest threshold certified at precision >= P with risk DELTA (default "
                             "0.1); labels that cannot be certified abstain"};
  return choice;
}

const std::vector<Choice>& precisions() {
  static const std::vector<Choice> list = {
      {"auto", "bfloat16 for inference on CPUs with AVX512_BF16 or AMX; float32 for training and elsewhere"},
      {"float32", "float32 everywhere"},
      {"bfloat16", "bfloat16 autocast of the forward pass (losses and metrics stay float32)"},
  };
  return list;
}

const std::vector<Choice>& memory_formats() {
  static const std::vector<Choice> list = {
      {"auto", "channels-last with bfloat16 or AVX-512, NCHW elsewhere"},
      {"nchw", "NCHW"},
      {"channels-last", "channels-last (NHWC)"},
  };
  return list;
}

const std::vector<Choice>& train_modes() {
  static const std::vector<Choice> list = {
      {"finetune", "fine-tune the whole network"},
      {"frozen", "frozen backbone: its features extracted once and cached, only the head trained"},
  };
  return list;
}

const std::vector<Choice>& devices() {
  static const std::vector<Choice> list = {
      {"auto", "CUDA when the LibTorch has it and a GPU is there, else the CPU"},
      {"cpu", "the CPU"},
      {"cuda", "the first CUDA GPU (cuda:N for another)"},
  };
  return list;
}

const std::vector<Choice>& review_orders() {
  static const std::vector<Choice> list = {
      {"uncertain", "most uncertain first (smallest distance of a score to its threshold)"},
      {"file", "file order"},
      {"random", "a fixed random order"},
  };
  return list;
}

const std::vector<Choice>& report_formats() {
  static const std::vector<Choice> list = {
      {"md", "Markdown"},
      {"csv", "CSV"},
      {"latex", "LaTeX"},
      {"json", "JSON"},
  };
  return list;
}

const std::vector<Choice>& heatmap_methods() {
  static const std::vector<Choice> list = {
      {"auto", "the run's own maps: cam for the gap head, attention for the attention head"},
      {"cam", "class activation map (exact for the gap head)"},
      {"grad-cam", "Grad-CAM (the gap head's CAM with negative evidence clipped)"},
      {"attention", "the attention head's per-label attention, averaged over its heads"},
  };
  return list;
}

const std::vector<Choice>& model_export_formats() {
  static const std::vector<Choice> list = {
      {"onnx",
       "an ONNX graph (opset 17): images in, logits and scores out; labels, thresholds and normalisation in "
       "its metadata"},
  };
  return list;
}

const std::vector<Choice>& project_export_formats() {
  static const std::vector<Choice> list = {
      {"json", "a dataset folder (train.json, test.json, vocabulary, images)"},
      {"csv", "one annotations CSV"},
      {"xmp", "XMP sidecars beside the images"},
  };
  return list;
}

std::string join_names(const std::vector<std::string>& names, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? separator : "") + names[i];
  return out;
}

std::string describe_choices(const std::vector<Choice>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? "; " : "") + list[i].name + ": " + list[i].description;
  return out;
}

std::string names_or(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ")) + names[i];
  return out;
}

const std::vector<PublishedModel>& published_models() {
  // timm's TResNet-M weights by the paper's backbone's authors (Alibaba MIIL):
  // pixels in [0, 1] with mean 0 and std 1, 224 px. ImageNet-21K-P is the
  // 11,221-class winter21 subset. The in1k commit is whole (cd6814b...); of
  // the in21k one only its short form b7c0216 is known here, so it follows main.
  static const std::vector<PublishedModel> list = [] {
    PublishedModel in21k;
    in21k.name = "tresnet_m.miil_in21k";
    in21k.description = "TResNet-M on ImageNet-21K-P: 11,221 everyday classes, a broad photo tagger (210 MB)";
    in21k.repo = "timm/tresnet_m.miil_in21k", in21k.revision = "main", in21k.file = "model.safetensors";
    in21k.backbone = "tresnet_m", in21k.image_size = 224, in21k.classes = 11221;
    in21k.labels_from = "config.json";
    PublishedModel in1k = in21k;
    in1k.name = "tresnet_m.miil_in1k";
    in1k.description = "TResNet-M on ImageNet-1k: 1,000 classes (126 MB)";
    in1k.repo = "timm/tresnet_m.miil_in1k", in1k.revision = "cd6814b89322ff3007009e5c2125e78cf46bd185";
    in1k.classes = 1000;
    return std::vector<PublishedModel>{in21k, in1k};
  }();
  return list;
}

const PublishedModel* find_published_model(const std::string& name) {
  for (const auto& m : published_models())
    if (m.name == name || m.repo == name) return &m;
  return nullptr;
}

}  // namespace aia
