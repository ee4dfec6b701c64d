#include "aia/annotate/heatmap.h"

#include "aia/catalogue/catalogue.h"

#include "aia/errors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

namespace aia {

namespace {

// Each method's catalogue name and the title the GUI gives it.
struct MethodWords {
  Annotator::Method method;
  const char* name;
  const char* title;
};
constexpr MethodWords kMethodWords[] = {{Annotator::Method::Cam, "cam", "CAM"},
                                        {Annotator::Method::GradCam, "grad-cam", "Grad-CAM"},
                                        {Annotator::Method::Attention, "attention", "Attention"}};

const MethodWords& words_of(Annotator::Method method) {
  for (const auto& w : kMethodWords)
    if (w.method == method) return w;
  return kMethodWords[0];
}

}  // namespace

std::string heatmap_method_name(Annotator::Method method) { return words_of(method).name; }

std::string heatmap_method_title(Annotator::Method method) { return words_of(method).title; }

Annotator::Method heatmap_method(const std::string& name, const Annotator& annotator) {
  if (name == "auto") return annotator.own_method();
  std::string can;
  for (const auto m : annotator.methods()) {
    if (heatmap_method_name(m) == name) return m;
    can += (can.empty() ? "" : " or ") + heatmap_method_name(m);
  }
  const auto names = names_of(heatmap_methods());
  const bool known = std::find(names.begin(), names.end(), name) != names.end();
  throw ConfigError(known ? "heatmap method '" + name + "': this run's head is the " +
                                (annotator.own_method() == Annotator::Method::Attention ? "attention" : "gap") +
                                " head, which draws " + can
                          : "unknown heatmap method '" + name + "' (" + names_or(names) + ")");
}

float heatmap_level(Annotator::Method method, float value, float cells) {
  if (method != Annotator::Method::Attention) return 1.f / (1.f + std::exp(-value));
  if (cells <= 1.f || !(value > 1.f)) return 0.f;  // an even spread or less (NaN too)
  return std::min(1.f, std::log(value) / std::log(cells));
}

std::string heatmap_file(const std::string& dir, const std::string& image_path, const std::string& tag) {
  std::string safe = tag;
  for (char& ch : safe)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') ch = '_';
  const std::string stem = std::filesystem::path(image_path).filename().string();
  return (std::filesystem::path(dir) / (stem + "." + safe + ".png")).string();
}

}  // namespace aia
