#include "aia/io/checkpoint.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <torch/torch.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

namespace aia {

std::int64_t classifier_rows(const NamedTensors& file) {
  const auto ends = [](const std::string& key, const std::string& end) {
    return key.size() >= end.size() && key.compare(key.size() - end.size(), end.size(), end) == 0;
  };
  for (const auto& [key, value] : file) {
    for (const std::string end : {"head.fc.weight", "head.fc.1.weight", "head.query_emb.weight"})
      if (ends(key, end) && value.dim() == 2) return value.size(0);
    if (ends(key, "head.w") && value.dim() == 3) return value.size(1);  // the attention head's (1, C, d)
  }
  return 0;
}

NamedTensors read_weights(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError(path + ": cannot open");
  char magic[4] = {};
  in.read(magic, 4);
  if (in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return read_pytorch_state_dict(path);
  if (in.gcount() >= 2 && magic[0] == '\x80')
    throw CheckpointError(path + ": a legacy (pre-1.6, non-zip) torch.save file; re-save it with a current PyTorch");
  return read_safetensors(path);
}

NamedTensors model_state(torch::nn::Module& model) {
  NamedTensors out;
  auto add = [&](const std::string& prefix, const torch::nn::Module& module) {
    for (const auto& p : module.named_parameters(/*recurse=*/false))
      out.emplace_back(prefix + p.key(), p.value().detach().to(torch::kCPU));
    for (const auto& b : module.named_buffers(/*recurse=*/false))
      out.emplace_back(prefix + b.key(), b.value().detach().to(torch::kCPU));
  };
  add("", model);  // the model itself may live on the stack: no shared_from_this
  for (const auto& item : model.named_modules("", /*include_self=*/false)) add(item.key() + ".", *item.value());
  return out;
}

std::string map_legacy_key(const std::string& key) {
  // A conv+norm unit: the stem or a block's convK; the shortcut is handled separately.
  static const std::regex blurred(R"(^(body\.(?:conv1|layer\d+\.\d+\.conv\d))\.0\.([01])\.(.+)$)");
  static const std::regex plain(R"(^(body\.(?:conv1|layer\d+\.\d+\.conv\d))\.([01])\.(.+)$)");
  static const std::regex shortcut(R"(^(body\.layer\d+\.\d+\.downsample\.1)\.([01])\.(.+)$)");
  std::smatch m;
  if (std::regex_match(key, m, blurred) || std::regex_match(key, m, plain) || std::regex_match(key, m, shortcut))
    return m[1].str() + (m[2] == "0" ? ".conv." : ".bn.") + m[3].str();
  return "";
}

std::string ImportReport::summary() const {
  std::ostringstream o;
  o << "imported " << loaded << " tensors (" << key_style << " keys";
  for (const auto& p : stripped_prefixes) o << ", prefix '" << p << "' stripped";
  o << ")";
  if (!missing.empty()) o << "; " << missing.size() << " missing";
  if (!unexpected.empty()) o << "; " << unexpected.size() << " unexpected";
  for (const auto& m : messages) o << "\n  " << m;
  auto list = [&](const char* what, const std::vector<std::string>& keys) {
    if (keys.empty()) return;
    o << "\n  " << what << ":";
    for (std::size_t i = 0; i < keys.size() && i < 10; ++i) o << " " << keys[i];
    if (keys.size() > 10) o << " ... (" << keys.size() - 10 << " more)";
  };
  list("missing", missing);
  list("unexpected", unexpected);
  return o.str();
}

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

namespace {

// 1. Wrapper prefixes shared by every key (DataParallel, the paper's `net.`) stripped.
NamedTensors strip_prefixes(const NamedTensors& file, ImportReport& report) {
  NamedTensors tensors = file;
  for (bool again = true; again;) {
    again = false;
    for (const char* prefix : {"module.", "net.", "model."}) {
      const std::string p = prefix;
      bool all = true;
      for (auto& [k, v] : tensors) all = all && k.rfind(p, 0) == 0;
      if (all) {
        for (auto& [k, v] : tensors) k = k.substr(p.size());
        report.stripped_prefixes.push_back(p);
        again = true;
      }
    }
  }
  // The follow-up's code holds the TResNet body as backbone.features.0 (docs/attention_head.md).
  const std::string authors = "backbone.features.0.";
  bool renamed = false;
  for (auto& [k, v] : tensors)
    if (k.rfind(authors, 0) == 0) k = "body." + k.substr(authors.size()), renamed = true;
  if (renamed) report.messages.push_back("the attention-head authors' layout: backbone.features.0.* read as body.*");
  return tensors;
}

// The head a file's (normalised) keys hold: "gap", "attention", or "" (none).
std::string head_kind_of(const std::unordered_map<std::string, torch::Tensor>& by_key, std::string* example) {
  for (const auto& [k, v] : by_key) {
    const bool gap = k.rfind("head.fc.", 0) == 0;
    const bool attention = k == "head.query_emb.weight" || k == "head.w" || k.rfind("head.transformer.", 0) == 0;
    if (!gap && !attention) continue;
    if (example) *example = k;
    return gap ? "gap" : "attention";
  }
  return "";
}

// 2. The legacy InplaceABN layout renamed (|w| + 1e-5 for the norm weights);
// 3. timm's head.fc.* and the paper's head.fc.1.* named as the model names its head.
std::unordered_map<std::string, torch::Tensor> normalise_keys(const NamedTensors& tensors, const std::string& head,
                                                              ImportReport& report) {
  std::unordered_map<std::string, torch::Tensor> by_key;
  bool has_current = false, has_legacy = false;
  for (auto& [k, v] : tensors) {
    has_current = has_current || k == "body.conv1.conv.weight";
    has_legacy = has_legacy || k == "body.conv1.0.weight";
  }
  const bool legacy = has_legacy && !has_current;
  report.key_style = legacy ? "timm-legacy (InplaceABN)" : "timm";
  for (auto& [k, v] : tensors) {
    std::string key = k;
    torch::Tensor value = v;
    if (legacy) {
      std::string mapped = map_legacy_key(k);
      if (!mapped.empty()) {
        key = mapped;
        if (ends_with(key, ".bn.weight")) value = value.abs() + 1e-5;
      }
    }
    by_key[key] = value;
  }
  if (legacy) report.messages.push_back("legacy InplaceABN checkpoint: norm weights converted to |w| + 1e-5");
  for (const std::string other : {"head.fc.", "head.fc.1."}) {
    if (other == head || head == "head.") continue;  // "head.": the attention head, no Linear to rename
    for (const char* leaf : {"weight", "bias"}) {
      auto it = by_key.find(other + leaf);
      if (it != by_key.end() && !by_key.count(head + leaf)) {
        by_key[head + leaf] = it->second;
        by_key.erase(it);
      }
    }
  }
  return by_key;
}

// The head's tensors with one slice per label, and the dimension of their
// labels: the gap head's Linear (rows), the attention head's query
// embedding (rows) and group fully-connected weight and bias (1, C, d), (1, C).
struct LabelTensor {
  std::string key;
  std::int64_t dim = 0;
};
std::vector<LabelTensor> label_tensors(const ClassifierImpl& model) {
  const std::string head = model.head_prefix();
  if (model.has_attention_head()) return {{head + "query_emb.weight", 0}, {head + "w", 1}, {head + "b", 1}};
  return {{head + "weight", 0}, {head + "bias", 0}};
}

struct HeadPlan {
  bool by_labels = false;
  std::vector<std::pair<LabelTensor, torch::Tensor>> file;  // the file's label tensors, when mapped by label name
};

// 4a. What happens to the head: mapped by label name, left fresh because the
// class count differs (when allowed), or copied like any other tensor.
HeadPlan plan_head(const ClassifierImpl& model, const std::unordered_map<std::string, torch::Tensor>& by_key,
                   const ImportOptions& options, ImportReport& report, std::set<std::string>& used) {
  HeadPlan plan;
  const auto labelled = label_tensors(model);
  const auto first = by_key.find(labelled.front().key);
  const std::int64_t file_rows = first == by_key.end() || first->second.dim() <= labelled.front().dim
                                     ? -1
                                     : first->second.size(labelled.front().dim);
  const bool head_differs = file_rows >= 0 && file_rows != model.num_classes();
  plan.by_labels = !options.file_labels.empty() && !options.model_labels.empty();
  if (plan.by_labels) {
    for (const auto& t : labelled) {
      const auto it = by_key.find(t.key);
      if (it == by_key.end()) throw CheckpointError("the file has no head (" + t.key + ") to map by label name");
      if (it->second.dim() <= t.dim || it->second.size(t.dim) != static_cast<std::int64_t>(options.file_labels.size()))
        throw CheckpointError("the file's head (" + t.key + ") has " +
                              std::to_string(it->second.dim() <= t.dim ? 0 : it->second.size(t.dim)) + " labels but " +
                              std::to_string(options.file_labels.size()) + " labels were given for it");
      plan.file.emplace_back(t, it->second);
    }
    if (options.model_labels.size() != static_cast<std::size_t>(model.num_classes()))
      throw CheckpointError("the model has " + std::to_string(model.num_classes()) + " classes but " +
                            std::to_string(options.model_labels.size()) + " labels were given for them");
    report.head_reset = true;  // the rows are copied one by one (copy_head_rows)
  } else if (head_differs) {
    if (!options.allow_head_reset)
      throw CheckpointError("the file's head has " + std::to_string(file_rows) + " classes, the model " +
                            std::to_string(model.num_classes()));
    report.head_reset = true;
    report.messages.push_back("the file's head has " + std::to_string(file_rows) + " classes, the model " +
                              std::to_string(model.num_classes()) +
                              ": its per-label part left freshly initialised (it must be trained)");
  } else {
    return plan;
  }
  for (const auto& t : labelled) used.insert(t.key);
  return plan;
}

// 4b. Every model tensor paired with the file's of the same key and shape;
// missing, unexpected and mismatched keys go to the report or an error.
std::vector<std::pair<torch::Tensor, torch::Tensor>> match_tensors(
    ClassifierImpl& model, const std::unordered_map<std::string, torch::Tensor>& by_key, const ImportOptions& options,
    ImportReport& report, std::set<std::string>& used) {
  std::set<std::string> labelled;
  for (const auto& t : label_tensors(model)) labelled.insert(t.key);
  std::vector<std::string> shape_errors;
  std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
  auto params = model.named_parameters(true);
  auto buffers = model.named_buffers(true);
  auto target_of = [&](const std::string& key) -> torch::Tensor {
    if (auto* p = params.find(key)) return *p;
    if (auto* b = buffers.find(key)) return *b;
    return {};
  };
  std::set<std::string> model_keys;
  for (auto& [k, v] : model_state(model)) model_keys.insert(k);
  for (const auto& key : model_keys) {
    if (report.head_reset && labelled.count(key)) continue;
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      // Legacy files have no num_batches_tracked; it only counts BN updates.
      if (!ends_with(key, "num_batches_tracked")) report.missing.push_back(key);
      continue;
    }
    used.insert(key);
    torch::Tensor target = target_of(key);
    if (target.sizes() != it->second.sizes()) {
      shape_errors.push_back(key + ": file " + c10::str(it->second.sizes()) + ", model " + c10::str(target.sizes()));
      continue;
    }
    copies.emplace_back(target, it->second);
  }
  for (auto& [k, v] : by_key)
    if (!used.count(k)) report.unexpected.push_back(k);
  std::sort(report.unexpected.begin(), report.unexpected.end());

  if (!shape_errors.empty()) {
    std::string msg = "shapes differ between the file and the model:";
    for (std::size_t i = 0; i < shape_errors.size() && i < 10; ++i) msg += "\n  " + shape_errors[i];
    throw CheckpointError(msg);
  }
  if (copies.empty())
    throw CheckpointError(
        "no tensor of the file matches the model (is it a checkpoint of another architecture?)" +
        std::string(report.unexpected.empty() ? "" : " first file key: " + report.unexpected.front()));
  if (options.strict && (!report.missing.empty() || !report.unexpected.empty()))
    throw CheckpointError("strict import failed: " + report.summary());
  return copies;
}

// 5. The head's rows copied by label name; new labels keep their fresh rows.
void copy_head_rows(ClassifierImpl& model, const HeadPlan& plan, const ImportOptions& options, ImportReport& report) {
  std::map<std::string, std::int64_t> row_of;
  for (std::size_t i = 0; i < options.file_labels.size(); ++i)
    row_of.emplace(options.file_labels[i], static_cast<std::int64_t>(i));
  auto params = model.named_parameters(true);
  std::vector<torch::Tensor> targets;
  for (const auto& [t, source] : plan.file) {
    torch::Tensor target = *params.find(t.key);
    auto a = target.sizes().vec(), b = source.sizes().vec();
    a.erase(a.begin() + t.dim), b.erase(b.begin() + t.dim);
    if (a != b)
      throw CheckpointError("the file's head (" + t.key + ") is " + c10::str(source.sizes()) + ", the model's " +
                            c10::str(target.sizes()) + " (another feature or hidden size)");
    targets.push_back(target);
  }
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < options.model_labels.size(); ++i) {
    auto it = row_of.find(options.model_labels[i]);
    if (it == row_of.end()) continue;
    for (std::size_t k = 0; k < plan.file.size(); ++k) {
      const auto dim = plan.file[k].first.dim;
      targets[k]
          .select(dim, static_cast<std::int64_t>(i))
          .copy_(plan.file[k].second.select(dim, it->second).to(targets[k].device(), targets[k].scalar_type()));
    }
    ++report.head_labels_kept;
  }
  report.messages.push_back("head mapped by label name: " + std::to_string(report.head_labels_kept) + " of " +
                            std::to_string(options.model_labels.size()) + " labels keep their weights, " +
                            std::to_string(options.model_labels.size() - report.head_labels_kept) + " start fresh");
}

}  // namespace

ImportReport import_weights(ClassifierImpl& model, const NamedTensors& file, const ImportOptions& options) {
  ImportReport report;
  if (file.empty()) throw CheckpointError("the weight file holds no tensors");
  const std::string head = model.head_prefix();
  auto by_key = normalise_keys(strip_prefixes(file, report), head, report);
  // A file of the other head: refused where the whole model must load (a run's checkpoint), otherwise
  // (weights to start from) its backbone is taken and the head starts fresh.
  std::string example;
  const std::string file_head = head_kind_of(by_key, &example);
  const std::string model_head = model.has_attention_head() ? "attention" : "gap";
  HeadPlan plan;
  std::set<std::string> used;
  if (!file_head.empty() && file_head != model_head) {
    if (options.strict || !options.allow_head_reset)
      throw CheckpointError("the file holds the " + file_head + " head (" + example + "), this model has the " +
                            model_head + " head: load it into a model built with --head " + file_head);
    report.messages.push_back("the file holds the " + file_head + " head, this model has the " + model_head +
                              " head: the backbone is loaded, the head starts fresh");
    for (auto it = by_key.begin(); it != by_key.end();)
      it = it->first.rfind("head.", 0) == 0 ? by_key.erase(it) : std::next(it);
  } else {
    plan = plan_head(model, by_key, options, report, used);
  }
  auto copies = match_tensors(model, by_key, options, report, used);
  torch::NoGradGuard no_grad;
  for (auto& [target, source] : copies) target.copy_(source.to(target.device(), target.scalar_type()));
  report.loaded = copies.size();
  if (plan.by_labels) copy_head_rows(model, plan, options, report);
  return report;
}

ImportReport import_weights_file(ClassifierImpl& model, const std::string& path, const ImportOptions& options) {
  try {
    return import_weights(model, read_weights(path), options);
  } catch (const CheckpointError& e) {
    const std::string what = e.what();
    if (what.rfind(path, 0) == 0) throw;
    throw CheckpointError(path + ": " + what);
  }
}

WeightFormat weight_format_for(const std::string& path, const std::string& format) {
  std::string f = format;
  if (f.empty()) {
    if (ends_with(path, ".safetensors")) return WeightFormat::Safetensors;
    if (ends_with(path, ".pth") || ends_with(path, ".pt") || ends_with(path, ".bin")) return WeightFormat::PyTorch;
    throw ConfigError("cannot tell the weight format of '" + path +
                      "' from its extension (use .safetensors, .pth or .pt, or name the format)");
  }
  if (f == "safetensors") return WeightFormat::Safetensors;
  if (f == "pytorch" || f == "pth" || f == "pt") return WeightFormat::PyTorch;
  throw ConfigError("unknown weight format '" + format + "' (expected safetensors or pytorch)");
}

void export_weights(torch::nn::Module& model, const std::string& path, WeightFormat format,
                    const ExportOptions& options) {
  NamedTensors state = model_state(model);
  for (auto& [k, v] : state) {
    if (options.timm_head && k.rfind("head.fc.1.", 0) == 0) k = "head.fc." + k.substr(10);
    k = options.prefix + k;
  }
  if (format == WeightFormat::Safetensors) {
    // safetensors has no int64 scalar convention issue; keep num_batches_tracked as timm does.
    write_safetensors(path, state, {{"format", "pt"}});
  } else {
    write_pytorch_state_dict(path, state);
  }
}

}  // namespace aia
