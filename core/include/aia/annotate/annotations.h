#pragma once
// Annotated images: what `aia annotate` and the Annotate page produce, and
// the one CSV format both write:
//   image,tags,<label 1>,<label 2>,...
//   /photos/a.jpg,dog;grass,0.912,0.031,...
// `tags` are the accepted tags (';'-separated, highest score first as
// suggested, or as the user edited them); then every label's score, so the
// file can be thresholded again. Text cells are made inert for spreadsheets.
// When some row has auto-accepted tags a column `auto_accepted` follows
// `tags` (image,tags,auto_accepted,<label 1>,...) and names them.
// The older CLI format `image,tags,scores` (scores of the listed tags only)
// is still read. Plain std types.

#include "aia/data/dataset.h"  // split_tag_list, join_tag_list
#include "aia/io/score_table.h"

#include <string>
#include <string_view>
#include <vector>

namespace aia {

struct AnnotatedImage {
  std::string image;              // a path to the image file
  std::vector<std::string> tags;  // accepted tags
  std::vector<float> scores;      // one per vocabulary label (NaN: unknown), or empty
  // Those of `tags` that certified thresholds accepted and no person has
  // confirmed (a project's auto-accepted tags); exports mark them.
  std::vector<std::string> auto_accepted;
};

struct AnnotationsTable {
  std::vector<std::string> vocabulary;
  std::vector<AnnotatedImage> rows;
};

// The tagging rule (aia/annotate/tagging.h) applied to one image's scores.
AnnotatedImage tag_image(std::string image, std::vector<float> scores, const std::vector<std::string>& vocabulary,
                         const std::vector<double>& thresholds);

// Written atomically. Throws InputError naming file, line and column for a
// malformed file (ragged row, a score that is not a number, unknown header).
void write_annotations_csv(const std::string& path, const AnnotationsTable& table);
AnnotationsTable read_annotations_csv(const std::string& path);

// A split's predictions beside its ground truth, for a spreadsheet:
//   image,ground_truth,predicted,<label 1>,...   (tags ';'-separated, then every score)
// `predicted` follows the tagging rule under `thresholds`. Written atomically.
void write_predictions_csv(const std::string& path, const ScoreTable& scores, const ScoreTable& targets,
                           const std::vector<double>& thresholds);

// The table as a dataset file in the seed's JSON layout, so that it can become
// a training set: the images are copied into images/ beside `json_path` (a
// clashing name gets a numeric suffix); labels are the vocabulary plus any tag
// the user added. With `link`, images are hard-linked where the file system
// allows (copied otherwise). Written atomically.
void write_annotations_dataset(const std::string& json_path, const AnnotationsTable& table, bool link = false);

// Writes (merges) every row's XMP sidecar (aia/io/xmp_sidecar.h); returns the
// rows that failed, with the reason.
struct FailedImage {
  std::string image;
  std::string error;
};
std::vector<FailedImage> write_xmp_sidecars(const AnnotationsTable& table);

}  // namespace aia
