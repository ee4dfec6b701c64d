#pragma once
// A ready tagger from the Hugging Face Hub: a published model (an entry of
// published_models(), or any REPO[@REVISION] holding a timm weight file) is
// fetched into huggingface_hub's cache (hub.h) and made a run folder as
// `aia import-model` makes one. What `aia get-model` and File > Get a
// published model... both call. Plain std types.

#include "aia/annotate/model_import.h"
#include "aia/io/hub.h"

#include <string>
#include <vector>

namespace aia {

struct GetModelRequest {
  std::string model;   // a published_models() name or repo, or REPO[@REVISION]
  std::string file;    // "": the entry's, else model.safetensors
  std::string labels;  // a file of class names; "": the entry's source (the repo's config.json label_names)
  std::string out_dir;
  std::string backbone;  // "": the entry's, else config.json's architecture
  int image_size = 0;    // 0: the entry's, else config.json's input_size, else 224
  HubOptions hub;
};

struct GetModelSummary {
  ModelImportSummary run;
  HubResult weights;
  std::string labels_from;  // "config.json's label_names of timm/..." or the user's file
  std::string thresholds;   // thresholds_note of the new run
};

// Fetches and imports; throws aia::Error in words (the Hub's errors of
// hub_download, a repo without class names and no --labels, a backbone this
// build lacks), HubCancelled when `progress` returned false. The weights are
// checked against the entry's sha256 when it has one.
GetModelSummary get_published_model(const GetModelRequest& request, const HubProgressFn& progress = {});

}  // namespace aia
