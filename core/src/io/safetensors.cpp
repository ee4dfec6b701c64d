// safetensors: 8-byte little-endian header length, a JSON header
// {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}},
// then the raw little-endian data; offsets are relative to the end of the header.

#include "aia/io/safetensors.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/json_errors.h"
#include "io/dtype_names.h"

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <functional>

namespace aia {
namespace {

// A tensor's bytes from its shape, the element count checked against the
// bytes there are before it is multiplied out.
std::size_t byte_size(const std::vector<std::int64_t>& shape, std::uint64_t element, std::size_t data_size,
                      const std::function<CheckpointError(const std::string&)>& fail) {
  const std::uint64_t most = data_size / element;
  const bool empty = std::find(shape.begin(), shape.end(), 0) != shape.end();
  std::uint64_t numel = empty ? 0 : 1;
  for (auto d : shape) {
    if (d < 0) throw fail("negative dimension");
    if (empty) continue;
    if (static_cast<std::uint64_t>(d) > most / numel)
      throw fail("shape " + nlohmann::json(shape).dump() + " has too many elements for the file");
    numel *= static_cast<std::uint64_t>(d);
  }
  return static_cast<std::size_t>(numel * element);
}

}  // namespace

NamedTensors read_safetensors(const std::string& path, std::map<std::string, std::string>* metadata) {
  const std::string bytes = read_file(path);
  auto fail = [&](const std::string& what) -> CheckpointError {
    return CheckpointError(path + ": not a valid safetensors file: " + what);
  };
  if (bytes.size() < 8) throw fail("shorter than the 8-byte header length");
  std::uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | static_cast<unsigned char>(bytes[i]);
  if (header_size > bytes.size() - 8 || header_size > (100u << 20))
    throw fail("header length " + std::to_string(header_size) + " exceeds the file");
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + 8 + static_cast<std::ptrdiff_t>(header_size));
  } catch (const nlohmann::json::exception& e) {
    throw fail("header: " + json_error_in_words(e));
  }
  if (!header.is_object()) throw fail("header is not a JSON object");
  const std::size_t data_start = 8 + header_size;
  const std::size_t data_size = bytes.size() - data_start;

  // Tensors in file order (by begin offset), as written.
  std::vector<std::pair<std::size_t, std::pair<std::string, torch::Tensor>>> ordered;
  std::uint64_t allocated = 0;
  for (const auto& item : header.items()) {
    const std::string& name = item.key();  // (not a structured binding: the lambdas below capture it)
    const auto& info = item.value();
    if (name == "__metadata__") {
      if (metadata && info.is_object())
        for (const auto& [k, v] : info.items())
          if (v.is_string()) (*metadata)[k] = v.get<std::string>();
      continue;
    }
    try {
      const auto dtype = detail::dtype_from_safetensors(info.at("dtype").get<std::string>());
      if (!dtype) throw fail("tensor '" + name + "': unsupported dtype " + info.at("dtype").dump());
      // Integers only: a float converted to an integer out of range is undefined behaviour.
      auto integers = [&](const char* field) {
        const auto& list = info.at(field);
        if (!list.is_array()) throw fail("tensor '" + name + "': " + field + " is not an array");
        for (const auto& v : list)
          if (!v.is_number_integer())
            throw fail("tensor '" + name + "': " + field + " holds a " + v.type_name() + ", not an integer");
        return list;
      };
      std::vector<std::int64_t> shape = integers("shape").get<std::vector<std::int64_t>>();
      const auto offsets = integers("data_offsets").get<std::vector<std::uint64_t>>();
      if (offsets.size() != 2 || offsets[0] > offsets[1] || offsets[1] > data_size)
        throw fail("tensor '" + name + "': data_offsets outside the file");
      const std::size_t expected = byte_size(shape, c10::elementSize(*dtype), data_size, [&](const std::string& what) {
        return fail("tensor '" + name + "': " + what);
      });
      if (offsets[1] - offsets[0] != expected)
        throw fail("tensor '" + name + "': " + std::to_string(offsets[1] - offsets[0]) + " bytes for shape " +
                   info.at("shape").dump() + " (" + std::to_string(expected) + " expected)");
      // Tensors may not share bytes: all of them together fit in the data once.
      allocated += expected;
      if (allocated > data_size) throw fail("tensor '" + name + "': tensors overlap in the data");
      torch::Tensor t = torch::empty(shape, torch::TensorOptions().dtype(*dtype));
      if (expected) std::memcpy(t.data_ptr(), bytes.data() + data_start + offsets[0], expected);
      ordered.push_back({offsets[0], {name, t}});
    } catch (const nlohmann::json::exception& e) {
      throw fail("tensor '" + name + "': " + json_error_in_words(e));
    } catch (const c10::Error& e) {
      throw fail("tensor '" + name + "': " + e.what_without_backtrace());
    }
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  NamedTensors out;
  for (auto& item : ordered) out.push_back(std::move(item.second));
  return out;
}

void write_safetensors(const std::string& path, const NamedTensors& tensors,
                       const std::map<std::string, std::string>& metadata) {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<torch::Tensor> contiguous;
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    auto t = tensor.detach().to(torch::kCPU).contiguous();
    const auto* dtype = detail::dtype_name(t.scalar_type());
    if (!dtype)
      throw CheckpointError(path + ": cannot write tensor '" + name + "' of dtype " + c10::toString(t.scalar_type()));
    const std::uint64_t size = static_cast<std::uint64_t>(t.numel()) * t.element_size();
    header[name] = {
        {"dtype", dtype->safetensors}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + size}}};
    offset += size;
    contiguous.push_back(t);
  }
  std::string json = header.dump();
  json.append((8 - json.size() % 8) % 8, ' ');  // align the data to 8 bytes
  write_file_atomically(path, [&](std::ostream& out) {
    std::uint64_t n = json.size();
    char size_bytes[8];
    for (int i = 0; i < 8; ++i) size_bytes[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    out.write(size_bytes, 8);
    out.write(json.data(), static_cast<std::streamsize>(json.size()));
    for (const auto& t : contiguous)
      out.write(static_cast<const char*>(t.data_ptr()), static_cast<std::streamsize>(t.numel() * t.element_size()));
  });
}

}  // namespace aia
