#pragma once
// RFC 4180 CSV, both directions, with positions kept for error messages.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aia::csv {

struct Field {
  std::string text;
  std::size_t column = 0;  // 1-based
};

struct Record {
  std::vector<Field> fields;
  std::size_t line = 0;  // 1-based physical line where the record starts
};

// Splits `content` into records. Accepts LF or CRLF, a UTF-8 BOM, quoted
// fields with doubled quotes and embedded newlines. Blank lines are skipped.
// Throws aia::InputError("<source>:<line>:<column>: ...") on an unterminated
// quote or a character after a closing quote.
std::vector<Record> parse(std::string_view content, const std::string& source);

// Quotes a field when it contains a comma, quote, CR or LF.
std::string quote(std::string_view field);

// As quote(), and first makes a cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) inert by prefixing a single quote.
// Use it for text cells; numbers written by the program are safe as they are.
std::string quote_inert(std::string_view field);

}  // namespace aia::csv
