// Moodle GIFT, as engine/import/gift.cc reads it:
//
//   // Bank: My SAA notes (my-saa-notes.md), exported by proctor. Exam: SAA-C03 ...
//   $CATEGORY: $course$/SAA-C03/Domain 2: Design Resilient Architectures
//
//   ::q-1f3a:: Which service ...? {
//   =Amazon S3
//   ~Amazon EBS
//   ####Why: the general feedback is the explanation.
//   }
//
// A multiple-response question gives each right answer an equal share (~%50%) and each wrong one
// ~%-100%. Every character GIFT gives a meaning (~ = # { } : and the backslash) is escaped, a line
// break is written \n, and a text that starts with [ or % is escaped too (a format prefix such as
// [html], a weight), so each question is one block the reader takes back as written. The reader
// takes text as HTML, so '&' and '<' are written &amp; and &lt;.
#include <cstdio>
#include <string>

#include "engine/export/writers.h"
#include "engine/text.h"

namespace proctor {

namespace {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    // The reader takes GIFT text as HTML (Moodle's default format): '&' and '<' are written as
    // entities so that "&amp;" and "<br>" in a text stay what they say.
    if (c == '&') {
      out += "&amp;";
      continue;
    }
    if (c == '<') {
      out += "&lt;";
      continue;
    }
    if (c == '~' || c == '=' || c == '#' || c == '{' || c == '}' || c == ':' || c == '\\' ||
        (i == 0 && (c == '[' || c == '%'))) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

// "50", "33.33333": Moodle's own grade values for 1/k.
std::string Share(size_t right) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", 100.0 / static_cast<double>(right));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// One line of text for a comment: no line breaks.
std::string CommentText(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

std::string CategoryPath(const FlatQuestion& q) {
  return "$course$/" + q.exam + "/" + (q.domain == 0 ? std::string("No domain") : q.domain_label);
}

std::string WriteGift(const FileHeader& header, const std::vector<FlatQuestion>& questions) {
  std::string out = "// Bank: " + CommentText(header.title) + " (" + CommentText(header.bank_id) + "), exported by proctor.\n";
  if (!header.exam.empty()) {
    out += "// Exam: " + header.exam + ". GIFT has no exam: import with 'proctor import --exam " + header.exam + " FILE'.\n";
  }
  out += "// Each category names the questions' domain; the general feedback (####) is the explanation.\n";
  std::string category;
  for (const FlatQuestion& q : questions) {
    const std::string path = CategoryPath(q);
    if (path != category) {
      category = path;
      out += "\n$CATEGORY: " + category + "\n";
    }
    out += "\n::" + q.id + ":: " + Escape(q.stem) + " {\n";
    size_t right = 0;
    for (const auto& [text, correct] : q.options) right += correct ? 1 : 0;
    for (const auto& [text, correct] : q.options) {
      // Appended piece by piece: g++ 12 at -O3 reports -Wrestrict for "literal" + a temporary string
      // (GCC bug 105651).
      if (!q.multiple) out.append(correct ? "=" : "~");
      else out.append("~%").append(correct ? Share(right) : std::string("-100")).append("%");
      out.append(Escape(text)).append("\n");
    }
    if (!q.explanation.empty()) out.append("####").append(Escape(q.explanation)).append("\n");
    out += "}\n";
  }
  return out;
}

}  // namespace proctor
