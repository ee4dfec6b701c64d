#pragma once
// dtype <-> the names the two weight formats use.

#include <c10/core/ScalarType.h>

#include <optional>
#include <string>

namespace aia::detail {

struct DtypeName {
  c10::ScalarType type;
  const char* safetensors;  // "F32"
  const char* storage;      // "FloatStorage"
};

inline const DtypeName* dtype_table(std::size_t* size) {
  static const DtypeName table[] = {
      {c10::kFloat, "F32", "FloatStorage"}, {c10::kDouble, "F64", "DoubleStorage"},
      {c10::kHalf, "F16", "HalfStorage"},   {c10::kBFloat16, "BF16", "BFloat16Storage"},
      {c10::kLong, "I64", "LongStorage"},   {c10::kInt, "I32", "IntStorage"},
      {c10::kShort, "I16", "ShortStorage"}, {c10::kChar, "I8", "CharStorage"},
      {c10::kByte, "U8", "ByteStorage"},    {c10::kBool, "BOOL", "BoolStorage"},
  };
  *size = sizeof(table) / sizeof(table[0]);
  return table;
}

inline std::optional<c10::ScalarType> dtype_from_safetensors(const std::string& name) {
  std::size_t n;
  auto* t = dtype_table(&n);
  for (std::size_t i = 0; i < n; ++i)
    if (name == t[i].safetensors) return t[i].type;
  return std::nullopt;
}

inline std::optional<c10::ScalarType> dtype_from_storage(const std::string& name) {
  std::size_t n;
  auto* t = dtype_table(&n);
  for (std::size_t i = 0; i < n; ++i)
    if (name == t[i].storage) return t[i].type;
  return std::nullopt;
}

inline const DtypeName* dtype_name(c10::ScalarType type) {
  std::size_t n;
  auto* t = dtype_table(&n);
  for (std::size_t i = 0; i < n; ++i)
    if (t[i].type == type) return &t[i];
  return nullptr;
}

}  // namespace aia::detail
