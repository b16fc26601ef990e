// Checklist Markdown, the most common layout of public AWS practice questions:
//
//   ### Which service ...?
//   ![diagram](images/q12.png)
//   - [ ] wrong option
//   - [x] right option that
//   continues on the next line
//   Explanation: why (proctor's own addition: an explanation, and Reference: lines, after the options)
//   Reference: https://docs.aws.amazon.com/...
//   **[⬆ Back to Top](#table-of-contents)**
//
// A text line that starts with a backslash and a punctuation character ("\# not a heading") is
// read without the backslash, as Markdown escapes it; proctor's export writes such lines so.
// The preamble and table of contents (a Markdown table whose rows repeat the stems as links) are
// skipped: only `### ` headings followed by checkbox options are questions.
#include <cctype>

#include "engine/import/html_text.h"
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

// "\#..." -> "#...": a Markdown escape at the start of a line of text.
std::string Unescaped(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\\' && std::ispunct(static_cast<unsigned char>(text[1]))) text.remove_prefix(1);
  return std::string(text);
}

// "Explanation: text", "**Explanation:** text", "**Reference**: url" -> the text after the label.
bool LabelLine(std::string_view line, std::string_view label, std::string& rest) {
  std::string_view l = line;
  const bool bold = l.substr(0, 2) == "**";
  if (bold) l.remove_prefix(2);
  if (l.size() < label.size() || AsciiLower(l.substr(0, label.size())) != label) return false;
  l.remove_prefix(label.size());
  if (bold && l.substr(0, 3) == ":**") l.remove_prefix(3);
  else if (bold && l.substr(0, 3) == "**:") l.remove_prefix(3);
  else if (!bold && l.substr(0, 1) == ":") l.remove_prefix(1);
  else return false;
  rest = std::string(Trim(l));
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
      current.stem = Unescaped(Trim(raw.substr(4)));
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
      current.options.push_back({Unescaped(text), checked});
      last_was_option = true;
      continue;
    }
    if (line.empty()) {
      last_was_option = false;
      in_explanation = false;
      continue;
    }
    std::string rest;
    if (open && !current.options.empty() && !in_explanation) {
      if (LabelLine(line, "explanation", rest)) {
        current.explanation = Unescaped(rest);
        in_explanation = true;
        last_was_option = false;
        continue;
      }
      if (LabelLine(line, "references", rest) || LabelLine(line, "reference", rest)) {
        if (!rest.empty()) current.references.push_back(rest);
        in_explanation = last_was_option = false;
        continue;
      }
    }
    if (!open || line.front() == '|' || IsImageLine(line) || IsBackToTop(line)) continue;
    if (in_explanation) {
      current.explanation += "\n" + Unescaped(line);
    } else if (last_was_option) {
      // Option text that runs on to the next, unindented line.
      current.options.back().text += " " + Unescaped(line);
    } else if (current.options.empty()) {
      current.stem += "\n" + Unescaped(line);
    }
  }
  close();
  if (bank.questions.empty() && bank.skipped.empty()) {
    diag.Error(file.name() + ":1", "no questions found: expected '### stem' headings followed by '- [ ]' / '- [x]' options");
  }
  return bank;
}

}  // namespace proctor
