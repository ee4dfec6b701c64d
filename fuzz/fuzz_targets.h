#pragma once
// The parsers of untrusted files, each behind one entry that takes a file's
// bytes: what the libFuzzer harnesses (fuzz_harness.cpp, one per target) drive and what the
// hostile-file regression test (tests/core/tst_hostile_files.cpp) replays.
// A parser may refuse input only with aia::Error (a message naming the file,
// line or field); anything else escaping, and every sanitizer report, is a
// finding.

#include "aia/errors.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace aia::fuzz {

struct Target {
  const char* name;  // "pickle", "zip_checkpoint", ...
  const char* what;  // the parser it drives
  // Returns the message of each refusal (empty: every reader accepted the bytes).
  std::vector<std::string> (*run)(std::string_view bytes);
};

const std::vector<Target>& targets();
const Target* find_target(std::string_view name);

// Once per process: LibTorch on one thread, exiv2 quiet, a private scratch folder.
void initialize();

// Shared by the targets (fuzz_targets.cpp, fuzz_targets_torch.cpp).
std::filesystem::path fresh_folder(const char* name);  // emptied for each input
std::string put(const std::filesystem::path& path, std::string_view bytes);
void initialize_torch();
std::vector<std::string> pickle(std::string_view bytes);
std::vector<std::string> zip_checkpoint(std::string_view bytes);
std::vector<std::string> safetensors(std::string_view bytes);

// Runs one reader; a refusal by aia::Error is recorded, anything else escapes.
template <class F>
void attempt(std::vector<std::string>& refusals, F&& read) {
  try {
    read();
  } catch (const Error& e) {
    refusals.emplace_back(e.what());
  }
}

}  // namespace aia::fuzz
