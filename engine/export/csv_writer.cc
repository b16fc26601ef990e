// CSV with a header row, as engine/import/csv.cc reads it (RFC 4180):
//
//   exam,domain,stem,a,b,c,d,answer,explanation,reference
//   SAA-C03,2,"Which service ...?",Amazon S3,Amazon EBS,...,"A,C",...,https://...
//
// A field is quoted when it holds a comma, a quote, a line break or white space at its ends (a
// quote doubled inside); lines end in CRLF. Up to eight options (a..h), as the reader takes them.
#include <algorithm>
#include <string>

#include "engine/export/writers.h"

namespace proctor {

namespace {

std::string Field(std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t'));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string WriteCsv(const std::vector<FlatQuestion>& questions) {
  size_t columns = 2;
  for (const FlatQuestion& q : questions) columns = std::max(columns, q.options.size());
  std::string out = "exam,domain,stem";
  // Appended piece by piece: g++ 12 at -O3 reports -Wrestrict for "," + a temporary string (GCC bug 105651).
  for (size_t i = 0; i < columns; ++i) out.append(",").push_back(static_cast<char>('a' + i));
  out += ",answer,explanation,reference\r\n";
  for (const FlatQuestion& q : questions) {
    out += Field(q.exam) + "," + (q.domain == 0 ? std::string() : std::to_string(q.domain)) + "," + Field(q.stem);
    std::string answer;
    for (size_t i = 0; i < columns; ++i) {
      out += ",";
      if (i >= q.options.size()) continue;
      out += Field(q.options[i].first);
      if (q.options[i].second) answer += std::string(answer.empty() ? "" : ",") + static_cast<char>('A' + i);
    }
    out.append(",").append(Field(answer)).append(",").append(Field(q.explanation)).append(",");
    out.append(Field(q.references.empty() ? "" : q.references[0])).append("\r\n");
  }
  return out;
}

}  // namespace proctor
