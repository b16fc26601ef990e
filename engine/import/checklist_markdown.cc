// Checklist Markdown, the most common layout of public AWS practice questions:
//
//   ### Which service ...?
//   ![diagram](images/q12.png)
//   - [ ] wrong option
//   - [x] right option that
//   continues on the next line
//   **[⬆ Back to Top](#table-of-contents)**
//
// The preamble and table of contents (a Markdown table whose rows repeat the stems as links) are
// skipped: only `### ` headings followed by checkbox options are questions.
#include <cctype>

#include "engine/import/html_text.h"
#include "engine/import/markdown_text.h"
#include "engine/import/readers.h"
#include "engine/text.h"

namespace proctor {

namespace {

bool IsImageLine(std::string_view line) { return line.substr(0, 2) == "![" && line.find("](") != std::string_view::npos; }

bool IsBackToTop(std::string_view line) {
  return line.find("Back to Top") != std::string_view::npos || line.find("back to top") != std::string_view::npos;
}

// "- [ ] text", "* [x] text", "- [X] text" -> (checked, text).
bool ParseCheckbox(std::string_view line, bool& checked, std::string& text) {
  if (line.size() < 5 || (line[0] != '-' && line[0] != '*' && line[0] != '+') || line[1] != ' ') return false;
  std::string_view rest = Trim(line.substr(2));
  if (rest.size() < 3 || rest[0] != '[' || rest[2] != ']') return false;
  char mark = rest[1];
  if (mark != ' ' && mark != 'x' && mark != 'X') return false;
  checked = mark != ' ';
  text = std::string(Trim(rest.substr(3)));
  return true;
}

}  // namespace

DraftBank ReadChecklistMarkdown(const TextFile& file, Diagnostics& diag) {
  DraftBank bank;
  bank.format = "checklist-markdown";
  std::vector<std::string_view> lines = file.Lines();
  DraftQuestion current;
  std::string section;  // the last "#"/"##" heading: it may name a domain ("## Domain 2: Security")
  bool open = false;
  bool last_was_option = false;
  bool in_explanation = false;
  const auto close = [&] {
    if (!open) return;
    open = false;
    if (current.options.empty()) return;  // a heading without options is not a question
    if (current.options.size() == 1) {
      bank.skipped.push_back({current.line, "single-option lab item (it cannot be scored as a choice)"});
      return;
    }
    // An autolink (<https://...>) is a link: kept, as the bare URL.
    current.stem = AutolinksAsText(current.stem);
    current.explanation = AutolinksAsText(current.explanation);
    bank.questions.push_back(std::move(current));
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    std::string_view raw = lines[i];
    std::string_view line = Trim(raw);
    if (raw.substr(0, 4) == "### ") {
      close();
      current = DraftQuestion{};
      current.line = line_no;
      current.category = section;
      current.stem = std::string(Trim(raw.substr(4)));
      open = true;
      last_was_option = false;
      in_explanation = false;
      continue;
    }
    if (raw.substr(0, 1) == "#") {  // a higher-level heading ends any question
      close();
      section = MarkdownHeadingText(raw);
      continue;
    }
    bool checked = false;
    std::string text;
    if (ParseCheckbox(line, checked, text)) {
      if (!open) {
        diag.Error(file.name() + ":" + std::to_string(line_no), "an option line before any '### ' question heading");
        continue;
      }
      current.options.push_back({text, checked});
      last_was_option = true;
      continue;
    }
    if (line.empty()) {
      last_was_option = false;
      continue;
    }
    if (!open || line.front() == '|' || IsBackToTop(line)) continue;
    if (IsImageLine(line)) {
      // Kept, as "[image: alt — path]" (FinishDraft): a question must not lose its picture in silence.
      if (current.options.empty()) current.stem += "\n" + std::string(line);
      else current.options.back().text += " " + std::string(line);
      continue;
    }
    if (!current.options.empty()) {
      // After the options: "Explanation: ..." and "Reference: <https://...>" lines, as many public
      // banks write them (an autolink is a link, not a tag).
      std::string lower = AsciiLower(line.substr(0, 16));
      for (const char* label : {"explanation", "reference"}) {
        if (lower.rfind(label, 0) == 0) {
          std::string rest(Trim(line.substr(line.find_first_of(":-") == std::string_view::npos ? line.size()
                                                                                                : line.find_first_of(":-") + 1)));
          if (std::string(label) == "explanation") {
            current.explanation = rest;
            in_explanation = true;
          } else {
            AddReferences(rest, file.name() + ":" + std::to_string(line_no), current.references, diag);
            in_explanation = false;
          }
          last_was_option = false;
          goto next_line;
        }
      }
      if (in_explanation) {
        current.explanation += " " + std::string(line);
        continue;
      }
    }
    if (last_was_option) {
      // Option text that runs on to the next, unindented line.
      current.options.back().text += " " + std::string(line);
    } else if (current.options.empty()) {
      current.stem += "\n" + std::string(line);
    }
  next_line:;
  }
  close();
  if (bank.questions.empty() && bank.skipped.empty()) {
    diag.Error(file.name() + ":1", "no questions found: expected '### stem' headings followed by '- [ ]' / '- [x]' options");
  }
  return bank;
}

}  // namespace proctor
