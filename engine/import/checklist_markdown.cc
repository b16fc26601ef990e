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
// read without the backslash, as Markdown escapes it; proctor's export writes such lines so, and
// writes a line of an explanation that starts like a label with its colon escaped
// ("Reference\: ..."), which is read as text. A "Reference:" line without a link ("Reference: the S3
// user guide") is kept as a line of the explanation.
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

// "\#..." -> "#...": a Markdown escape at the start of a line of text.
std::string Unescaped(std::string_view text) {
  if (text.size() >= 2 && text[0] == '\\' && std::ispunct(static_cast<unsigned char>(text[1]))) text.remove_prefix(1);
  return std::string(text);
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
    std::string unescaped;
    if (EscapedLabelLine(line, unescaped)) {
      // "Reference\: ..." is text that starts like a label (proctor's export writes it so).
      if (in_explanation) current.explanation += "\n" + unescaped;
      else if (open && current.options.empty()) current.stem += "\n" + unescaped;
      continue;
    }
    if (open && !current.options.empty()) {
      // After the options: "Explanation: ..." and "Reference: <https://...>" lines, as many public
      // banks write them (an autolink is a link, not a tag). A reference line may follow the
      // explanation's last line directly.
      if (!in_explanation && LabelLine(line, "explanation", rest)) {
        current.explanation = Unescaped(rest);
        in_explanation = true;
        last_was_option = false;
        continue;
      }
      if (LabelLine(line, "references", rest) || LabelLine(line, "reference", rest)) {
        if (rest.find("://") == std::string::npos) {
          // "Reference: the S3 user guide" names no link: it stays, as a line of the explanation.
          current.explanation += (current.explanation.empty() ? "" : "\n") + std::string(line);
          in_explanation = true;
          last_was_option = false;
          continue;
        }
        AddReferences(rest, file.name() + ":" + std::to_string(line_no), current.references, diag);
        in_explanation = last_was_option = false;
        continue;
      }
    }
    if (!open || line.front() == '|' || IsBackToTop(line)) continue;
    if (IsImageLine(line)) {
      // Kept, as "[image: alt — path]" (FinishDraft): a question must not lose its picture in silence.
      if (current.options.empty()) current.stem += "\n" + std::string(line);
      else if (!in_explanation) current.options.back().text += " " + std::string(line);
      else current.explanation += "\n" + std::string(line);
      continue;
    }
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
