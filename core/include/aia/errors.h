#pragma once
// The small error hierarchy core throws. Messages say what was expected, what
// was found, and where (file, line, column, key), so the CLI and the GUI can
// show them to a user as they are.

#include <stdexcept>
#include <string>

namespace aia {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A user-supplied file (CSV, JSON) is malformed; the message names the place.
struct InputError : Error {
  using Error::Error;
};

// A configuration value is out of range or inconsistent.
struct ConfigError : Error {
  using Error::Error;
};

// A checkpoint could not be read, written or matched to a model.
struct CheckpointError : Error {
  using Error::Error;
};

// A dataset folder or annotation file is unusable.
struct DatasetError : Error {
  using Error::Error;
};

// A peer of a data-parallel run is gone, or a collective timed out.
struct DistributedError : Error {
  using Error::Error;
};

}  // namespace aia
