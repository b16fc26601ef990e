// Checklist Markdown, the layout of most public AWS practice-question repositories, as
// engine/import/checklist_markdown.cc reads it:
//
//   # My SAA notes
//
//   ## Domain 2: Design Resilient Architectures
//
//   ### Which service ...?
//
//   - [ ] Amazon EBS
//   - [x] Amazon S3
//
//   Explanation: why S3 ...
//
//   Reference: https://docs.aws.amazon.com/...
//
// The text is written as proctor reads it back, not rendered: a line of a stem, option or
// explanation that would read as something else (a heading, a checklist item, a table row, an
// image) starts with a backslash, which the reader removes; "![" anywhere is written "\![". The
// reader looks for "Explanation:" and "Reference:" only after the options, so only a line of an
// explanation that starts like a label needs one: its colon is escaped ("Reference\: ..."). The
// references follow the explanation after a blank line.
#include <string>

#include "engine/export/writers.h"
#include "engine/import/markdown_text.h"
#include "engine/text.h"

namespace proctor {

namespace {

// A line the checklist reader would take for structure, or whose first character is a backslash.
bool NeedsEscape(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty()) return false;
  const char c = line.front();
  if (c == '#' || c == '|' || c == '\\' || c == '!' || c == '*') return true;
  return (c == '-' || c == '+') && line.size() > 1 && line[1] == ' ';
}

// "![" as text: "\![" (CommonMark's escaped "!"), which the reader does not take for an image.
std::string NoImages(std::string_view line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 2, "![") == 0) out += '\\';
    out += line[i];
  }
  return out;
}

// Each line of `text`, escaped; lines joined with '\n'. A first line is escaped like the rest; in an
// explanation (`labels`), a line after the first that starts like a label has its colon escaped.
std::string Lines(std::string_view text, bool labels = false) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (start > 0) out += '\n';
    std::string written = NoImages(line);
    if (labels && start > 0) {
      std::string escaped = EscapeLabel(Trim(written));
      if (escaped.size() != Trim(written).size()) written = std::move(escaped);
    }
    if (NeedsEscape(written)) out += '\\';
    out += written;
    start = end + 1;
  }
  return out;
}

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

}  // namespace

std::string WriteMarkdown(const FileHeader& header, const std::vector<FlatQuestion>& questions) {
  std::string out = "# " + OneLine(header.title) + "\n\nExported by proctor from bank `" + OneLine(header.bank_id) + "`.";
  if (!header.exam.empty()) {
    out += " Exam: " + header.exam + " (Markdown holds no exam: import with `proctor import --exam " + header.exam + " FILE`).";
  }
  out += "\nEach `###` heading is a question; `- [x]` marks its right options.\n";
  std::string section;
  for (const FlatQuestion& q : questions) {
    const std::string heading = q.domain == 0 ? std::string("No domain") : q.domain_label;
    if (heading != section) {
      section = heading;
      out += "\n## " + section + "\n";
    }
    out += "\n### " + Lines(q.stem) + "\n\n";
    for (const auto& [text, correct] : q.options) {
      out += std::string(correct ? "- [x] " : "- [ ] ") + Lines(text) + "\n";
    }
    if (!q.explanation.empty()) out += "\nExplanation: " + Lines(q.explanation, /*labels=*/true) + "\n";
    if (!q.references.empty()) out += "\n";
    for (const std::string& r : q.references) out += "Reference: " + OneLine(r) + "\n";
  }
  return out;
}

}  // namespace proctor
