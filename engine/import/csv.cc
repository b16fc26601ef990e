// CSV with a header row, RFC 4180 quoting (commas, "" and line breaks inside quotes). Columns,
// matched by name in any case:
//   stem | question                         the question text (required)
//   a..h | option_a..option_h | option1..8  the options, in order (at least two)
//   answer | key | correct                  letters: "B", "A,C" or "AC" (required)
//   explanation, domain, exam, reference(s) optional
// Other columns are ignored with one warning each.
#include <cctype>
#include <algorithm>
#include <map>

#include "engine/import/readers.h"
#include "engine/text.h"

namespace proctor {

namespace {

struct Row {
  int line = 0;
  std::vector<std::string> fields;
};

// Splits RFC 4180 CSV into rows. Returns false (with line and reason) on an unterminated quote.
bool SplitCsv(std::string_view text, std::vector<Row>& rows, int& error_line, std::string& error) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    Row row;
    row.line = line;
    std::string field;
    bool end_of_row = false;
    while (!end_of_row) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        const int quote_line = line;
        ++i;
        while (true) {
          if (i >= text.size()) {
            error_line = quote_line;
            error = "a quoted field is never closed";
            return false;
          }
          char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          // A CR of a CRLF line end is dropped; a CR on its own is the field's text (RFC 4180).
          if (c != '\r' || (i < text.size() && text[i] != '\n')) field += c;
        }
        while (i < text.size() && text[i] != ',' && text[i] != '\n') {
          if (text[i] != '\r' && text[i] != ' ') {
            error_line = line;
            error = "text after a closing quote";
            return false;
          }
          ++i;
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n') {
          if (text[i] != '\r') field += text[i];
          ++i;
        }
      }
      row.fields.push_back(field);
      if (i >= text.size()) {
        end_of_row = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        ++i;  // '\n'
        ++line;
        end_of_row = true;
      }
    }
    bool blank = row.fields.size() == 1 && Trim(row.fields[0]).empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return true;
}

}  // namespace

DraftBank ReadCsv(const TextFile& file, Diagnostics& diag) {
  DraftBank bank;
  bank.format = "csv";
  std::vector<Row> rows;
  int error_line = 0;
  std::string error;
  if (!SplitCsv(file.text(), rows, error_line, error)) {
    diag.Error(file.name() + ":" + std::to_string(error_line), error);
    return bank;
  }
  if (rows.empty()) {
    diag.Error(file.name() + ":1", "the file is empty: expected a header row such as stem,a,b,c,d,answer");
    return bank;
  }
  const Row& header = rows[0];
  int stem = -1, answer = -1, explanation = -1, domain = -1, exam = -1, reference = -1;
  std::vector<std::pair<int, int>> options;  // (option index, column)
  for (size_t c = 0; c < header.fields.size(); ++c) {
    std::string name = AsciiLower(Trim(header.fields[c]));
    for (char& ch : name) {
      if (ch == ' ' || ch == '-') ch = '_';
    }
    const int col = static_cast<int>(c);
    if (name == "stem" || name == "question" || name == "question_text") stem = col;
    else if (name == "answer" || name == "key" || name == "correct" || name == "correct_answer" || name == "answers") answer = col;
    else if (name == "explanation") explanation = col;
    else if (name == "domain") domain = col;
    else if (name == "exam") exam = col;
    else if (name == "reference" || name == "references") reference = col;
    else if (name.size() == 1 && name[0] >= 'a' && name[0] <= 'h') options.emplace_back(name[0] - 'a', col);
    else if (name.size() == 8 && name.rfind("option_", 0) == 0 && name[7] >= 'a' && name[7] <= 'h') options.emplace_back(name[7] - 'a', col);
    else if (name.size() == 7 && name.rfind("option", 0) == 0 && name[6] >= '1' && name[6] <= '8') options.emplace_back(name[6] - '1', col);
    else diag.Warning(file.name() + ":1", "column \"" + header.fields[c] + "\" is not used");
  }
  std::sort(options.begin(), options.end());
  if (stem < 0 || answer < 0 || options.size() < 2) {
    diag.Error(file.name() + ":1", "the header row needs a stem (or question) column, an answer column and at least two option columns (a, b, ... or option_a, ...)");
    return bank;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const std::string where = file.name() + ":" + std::to_string(row.line);
    if (row.fields.size() != header.fields.size()) {
      diag.Error(where, "the row has " + std::to_string(row.fields.size()) + " columns, the header has " +
                            std::to_string(header.fields.size()));
      continue;
    }
    DraftQuestion d;
    d.line = row.line;
    d.stem = row.fields[static_cast<size_t>(stem)];
    if (explanation >= 0) d.explanation = row.fields[static_cast<size_t>(explanation)];
    if (domain >= 0) d.domain = row.fields[static_cast<size_t>(domain)];
    if (exam >= 0) d.exam = row.fields[static_cast<size_t>(exam)];
    if (reference >= 0 && !Trim(row.fields[static_cast<size_t>(reference)]).empty()) {
      d.references.push_back(std::string(Trim(row.fields[static_cast<size_t>(reference)])));
    }
    std::vector<char> letters;
    for (const auto& [index, col] : options) {
      std::string text(Trim(row.fields[static_cast<size_t>(col)]));
      if (text.empty()) continue;
      d.options.push_back({text, false});
      letters.push_back(static_cast<char>('A' + index));
    }
    std::string key = AsciiUpper(row.fields[static_cast<size_t>(answer)]);
    bool ok = !Trim(key).empty();
    for (char c : key) {
      if (c == ',' || c == ' ' || c == ';' || c == '|') continue;
      bool found = false;
      for (size_t i = 0; i < letters.size(); ++i) {
        if (letters[i] == c) {
          d.options[i].correct = true;
          found = true;
        }
      }
      if (!found) {
        diag.Error(where, "the answer \"" + std::string(Trim(row.fields[static_cast<size_t>(answer)])) +
                              "\" names an option this row does not have");
        ok = false;
        break;
      }
    }
    if (!ok) {
      if (Trim(key).empty()) diag.Error(where, "the answer column is empty");
      continue;
    }
    bank.questions.push_back(std::move(d));
  }
  return bank;
}

}  // namespace proctor
