#pragma once
// Weight files users actually have, in both directions:
//  - safetensors (timm's published pretrained weights),
//  - PyTorch zip files written by torch.save(model.state_dict(), f), also
//    nested as {"state_dict": ...} or {"model": ...}. Our own pickle reader
//    understands exactly what state_dicts contain and refuses anything that
//    would run code when Python loaded it.
// Key styles: current timm, legacy InplaceABN timm (<= 0.8), the paper's
// "net." prefix, DataParallel's "module." prefix.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include "aia/io/safetensors.h"
#include "aia/io/torch_pickle.h"
#include "aia/model/classifier.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace aia {

// Raw file access: aia/io/safetensors.h and aia/io/torch_pickle.h.
// Picks the reader by the file's first bytes (zip: PyTorch, else safetensors).
NamedTensors read_weights(const std::string& path);
// The rows (classes) of a file's classifier: head.fc.weight or the paper's head.fc.1.weight, under any
// prefix; 0 when the file has none.
std::int64_t classifier_rows(const NamedTensors& file);

// The model's parameters and buffers by state_dict key, in timm's order
// (module by module, parameters then buffers), on the CPU.
NamedTensors model_state(torch::nn::Module& model);

struct ImportOptions {
  bool strict = false;           // any missing or unexpected key is an error
  bool allow_head_reset = true;  // a head of another class count is re-initialised
  // Both given: the head's rows are matched by label name (file_labels: the
  // file's head, in order; model_labels: the model's). A model label the file
  // has keeps its weight row and bias; the others keep their fresh init.
  std::vector<std::string> file_labels, model_labels;
};

struct ImportReport {
  std::string key_style;  // "timm", "timm-legacy (InplaceABN)", ...
  std::vector<std::string> stripped_prefixes;
  std::size_t loaded = 0;               // tensors copied into the model
  std::vector<std::string> missing;     // model keys the file lacks
  std::vector<std::string> unexpected;  // file keys the model lacks
  bool head_reset = false;
  std::size_t head_labels_kept = 0;   // with labels: the head rows copied by name
  std::vector<std::string> messages;  // human-readable notes, one per line
  std::string summary() const;
};

// Renames the file's keys to the model's (prefixes, legacy layout with the
// |w| + 1e-5 norm rule, head.fc vs head.fc.1) and copies them in.
ImportReport import_weights(ClassifierImpl& model, const NamedTensors& file, const ImportOptions& options = {});
ImportReport import_weights_file(ClassifierImpl& model, const std::string& path, const ImportOptions& options = {});

// Legacy (InplaceABN-era) key -> current key, or "" if it is not a legacy key.
std::string map_legacy_key(const std::string& key);

enum class WeightFormat { Safetensors, PyTorch };
// "safetensors" / ".safetensors", "pytorch" / ".pth" / ".pt" (by extension when `format` is empty).
WeightFormat weight_format_for(const std::string& path, const std::string& format = "");

struct ExportOptions {
  bool timm_head = false;  // write head.fc.* (timm's tresnet_m) instead of the paper's head.fc.1.*
  std::string prefix;      // e.g. "net." for the paper's wrapper module
};
void export_weights(torch::nn::Module& model, const std::string& path, WeightFormat format,
                    const ExportOptions& options = {});

}  // namespace aia
