#include "aia/io/csv.h"

#include "aia/errors.h"

namespace aia::csv {
namespace {

[[noreturn]] void fail(const std::string& source, std::size_t line, std::size_t column, const std::string& what) {
  throw InputError(source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what);
}

}  // namespace

std::vector<Record> parse(std::string_view content, const std::string& source) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);

  std::vector<Record> records;
  std::size_t i = 0;
  std::size_t line = 1;
  const std::size_t n = content.size();

  while (i < n) {
    // Skip blank lines between records.
    if (content[i] == '\n' || (content[i] == '\r' && i + 1 < n && content[i + 1] == '\n')) {
      i += content[i] == '\r' ? 2 : 1;
      ++line;
      continue;
    }
    Record record;
    record.line = line;
    std::size_t column = 1;
    bool end_of_record = false;
    while (!end_of_record) {
      Field field;
      field.column = column;
      if (i < n && content[i] == '"') {
        const std::size_t open_line = line;
        ++i;
        bool closed = false;
        while (i < n) {
          char c = content[i];
          if (c == '"') {
            if (i + 1 < n && content[i + 1] == '"') {
              field.text += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field.text += c;
          ++i;
        }
        if (!closed) fail(source, open_line, column, "quoted field is never closed");
        if (i < n && content[i] != ',' && content[i] != '\n' && content[i] != '\r')
          fail(source, line, column, "unexpected character after closing quote");
      } else {
        while (i < n && content[i] != ',' && content[i] != '\n' && content[i] != '\r') field.text += content[i++];
      }
      record.fields.push_back(std::move(field));
      if (i >= n) {
        end_of_record = true;
      } else if (content[i] == ',') {
        ++i;
        ++column;
      } else {  // CR, LF or CRLF
        if (content[i] == '\r') ++i;
        if (i < n && content[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

std::string quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string quote_inert(std::string_view field) {
  if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' || field[0] == '\t' ||
                         field[0] == '\r')) {
    std::string inert;  // (not "'" + field: GCC 12 warns falsely about that expression, -Wrestrict)
    inert.reserve(field.size() + 1);
    inert += '\'';
    inert.append(field);
    return quote(inert);
  }
  return quote(field);
}

}  // namespace aia::csv
