#pragma once
// Datasets on disk, in two layouts:
//  - the seed's JSON layout: train.json and test.json
//    ({"labels": [...], "samples": [{"image_name", "image_labels"}]}) and images/;
//  - a CSV layout: train.csv and test.csv with a header `image,tags` and tags
//    separated by ';', and images/.
// Plain std types; decoding images is the pipeline's job.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aia {

struct Sample {
  std::string image;        // name relative to the images folder, as in the annotation file
  std::vector<int> labels;  // indices into the vocabulary, ascending
};

struct Normalization {
  std::array<float, 3> mean{0.5f, 0.5f, 0.5f};
  std::array<float, 3> std{0.5f, 0.5f, 0.5f};
  std::string source;  // "paper (Corel-5k)", "computed from 4500 training images", ...
};

// The three splits of a dataset. The paper selects its best checkpoint on test.
enum class Split { Train, Validation, Test };
std::string to_string(Split split);  // "train", "validation", "test"

struct Dataset {
  std::string name;
  std::string root;        // the dataset folder
  std::string images_dir;  // root/images
  std::vector<std::string> vocabulary;
  std::vector<Sample> train, validation, test;
  Normalization normalization;
  bool normalization_known = false;     // false: compute it from the training images
  Split selection_split = Split::Test;  // where the best checkpoint is chosen (the paper: test)

  const std::vector<Sample>& split(Split which) const;
};

struct DatasetIssue {
  enum class Kind { MissingImage, UnreadableImage, UnknownLabel, NoLabels, Duplicate, EscapesFolder };
  Kind kind;
  std::string split;
  std::string image;
  std::string detail;
};

struct ValidationReport {
  std::vector<DatasetIssue> issues;
  std::size_t checked = 0;
  std::size_t count(DatasetIssue::Kind kind) const;
  std::string summary(std::size_t max_listed = 10) const;
};

// The folder a name stands for: the three benchmarks under `datasets_dir`
// (default: $AIA_DATASETS_DIR, the installed share folder, or the source
// tree's datasets/), or a path. "demo" is resolved by the demo builder.
std::string resolve_dataset_dir(const std::string& name_or_path);

// Reads a dataset's annotations. Labels outside the vocabulary, samples
// without labels, duplicates and names that escape the images folder are
// dropped and reported; malformed files throw DatasetError naming file and field.
Dataset load_dataset(const std::string& name_or_path, ValidationReport* report);

// A dataset folder may hold normalization.json ({"mean": [3], "std": [3],
// "source"}): the statistics its images are normalised with, instead of ones
// computed from them. Written atomically.
void write_normalization_file(const std::string& dataset_root, const Normalization& normalization);

// Moves a seeded random `fraction` of train into validation and makes it the
// selection split.
void carve_validation(Dataset& dataset, double fraction, int seed);

// Checks that every image exists (cheap); unreadable ones are found when decoded.
void check_images_exist(Dataset& dataset, ValidationReport& report);

// A cell of tags, as both CSV layouts (datasets and annotations) write it:
// "a; b ;;c" -> {"a", "b", "c"}: split at ';', trimmed, empty and repeated tags dropped.
std::vector<std::string> split_tag_list(std::string_view text);
std::string join_tag_list(const std::vector<std::string>& tags, std::string_view separator = ";");

// The application's cache folder: $AIA_CACHE_DIR, $XDG_CACHE_HOME/aia-studio,
// ~/.cache/aia-studio (the demo dataset and the feature cache live under it).
std::string cache_dir();

// The images folder of a dataset folder: <root>/images.
std::string images_dir_of(const std::string& dataset_root);

// Multi-hot targets of samples, row-major samples x vocabulary.
std::vector<float> multi_hot(const std::vector<Sample>& samples, std::size_t vocabulary);

// True when `name` stays inside the images folder: relative, no "..", and
// (if it exists) its real path is inside the real images folder.
bool image_name_is_safe(const std::string& images_dir, const std::string& name);

// The paper's per-dataset statistics, if `name` is one of the three.
bool paper_normalization(const std::string& name, Normalization* out);

}  // namespace aia
