// Moodle XML (a <quiz> of <question type="multichoice">), as engine/import/moodle_xml.cc and Moodle
// read it. Question and answer texts are HTML (format="html"), since Moodle shows them so and the
// reader turns HTML into text: the text is HTML-escaped (& < > and every control character as a
// character reference), a line break becomes <br>, and the result sits in a CDATA section, which
// can then never contain "]]>" (its > is escaped). Names and categories are XML-escaped text.
#include <cstdio>
#include <string>

#include "engine/export/writers.h"

namespace proctor {

namespace {

// Characters XML 1.0 allows raw; everything else is written as a character reference, which the
// HTML reading decodes (a C0 control is not allowed in XML even as a reference, but here it is
// inside CDATA, so the XML stays well-formed and the HTML text keeps it).
bool XmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
}

// Decodes one UTF-8 sequence at `i` (valid UTF-8: the store holds nothing else).
char32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 0; k < extra && i + 1 < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
  ++i;
  return cp;
}

std::string HtmlCdata(std::string_view text) {
  std::string out = "<![CDATA[";
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const char32_t c = NextCodePoint(text, i);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n': out += "<br>"; break;
      default:
        if (XmlChar(c) && c != '\r') {
          out.append(text.substr(start, i - start));
        } else {
          char buf[16];
          std::snprintf(buf, sizeof buf, "&#%u;", static_cast<unsigned>(c));
          out += buf;
        }
    }
  }
  return out + "]]>";
}

std::string XmlText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += ' ';
    else out += c;
  }
  return out;
}

std::string Fraction(size_t right) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", 100.0 / static_cast<double>(right));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string WriteMoodleXml(const FileHeader& header, const std::vector<FlatQuestion>& questions) {
  std::string comment = "Bank: " + XmlText(header.title) + " (" + XmlText(header.bank_id) + "), exported by proctor.";
  if (!header.exam.empty()) {
    comment += " Exam: " + header.exam + ". Moodle XML has no exam: tell proctor's import that it is " + header.exam + ".";
  }
  // "--" may not appear inside a comment, and the title may hold it.
  for (size_t at = comment.find("--"); at != std::string::npos; at = comment.find("--", at)) comment.replace(at, 2, "- ");
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- " + comment;
  out += " -->\n<quiz>\n";
  std::string category;
  for (const FlatQuestion& q : questions) {
    const std::string path = CategoryPath(q);
    if (path != category) {
      category = path;
      out += "  <question type=\"category\">\n    <category><text>" + XmlText(category) + "</text></category>\n  </question>\n";
    }
    size_t right = 0;
    for (const auto& [text, correct] : q.options) right += correct ? 1 : 0;
    out += "  <question type=\"multichoice\">\n    <name><text>" + XmlText(q.id) + "</text></name>\n" +
           "    <questiontext format=\"html\"><text>" + HtmlCdata(q.stem) + "</text></questiontext>\n" +
           "    <generalfeedback format=\"html\"><text>" + HtmlCdata(q.explanation) + "</text></generalfeedback>\n" +
           "    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n" +
           "    <single>" + (q.multiple ? "false" : "true") + "</single>\n" +
           "    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n";
    for (const auto& [text, correct] : q.options) {
      const std::string fraction = correct ? Fraction(right) : q.multiple ? "-100" : "0";
      out += "    <answer fraction=\"" + fraction + "\" format=\"html\"><text>" + HtmlCdata(text) +
             "</text><feedback><text></text></feedback></answer>\n";
    }
    out += "  </question>\n";
  }
  out += "</quiz>\n";
  return out;
}

}  // namespace proctor
