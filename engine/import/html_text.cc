#include "engine/import/html_text.h"

#include <cctype>
#include <cstdlib>

#include "engine/text.h"

namespace proctor {

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view name = text.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (name == "lt") cp = '<';
    else if (name == "gt") cp = '>';
    else if (name == "amp") cp = '&';
    else if (name == "quot") cp = '"';
    else if (name == "apos") cp = '\'';
    else if (name == "nbsp") cp = ' ';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long v = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && *end == '\0' && v > 0 && v <= 0x10FFFF) cp = static_cast<char32_t>(v);
    }
    if (cp == 0) {
      out += '&';
      continue;
    }
    AppendUtf8(out, cp);
    i = semi;
  }
  return out;
}

std::string HtmlToText(std::string_view html) {
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      size_t next = html.find('<', i);
      if (next == std::string_view::npos) next = html.size();
      out += html.substr(i, next - i);
      i = next;
      continue;
    }
    size_t close = html.find('>', i);
    if (close == std::string_view::npos) {
      out += html.substr(i);
      break;
    }
    std::string tag = AsciiLower(html.substr(i + 1, close - i - 1));
    while (!tag.empty() && (tag.back() == '/' || tag.back() == ' ')) tag.pop_back();
    std::string name = tag.substr(0, tag.find(' '));
    if (name == "br" || name == "/p" || name == "/div" || name == "/li" || name == "p" || name == "/h1" ||
        name == "/h2" || name == "/h3") {
      if (!out.empty() && out.back() != '\n') out += '\n';
    }
    i = close + 1;
  }
  std::string decoded = DecodeEntities(out);
  // Collapse runs of blank lines and trim each line's ends.
  std::string result;
  size_t start = 0;
  while (start <= decoded.size()) {
    size_t end = decoded.find('\n', start);
    if (end == std::string::npos) end = decoded.size();
    std::string_view line = Trim(std::string_view(decoded).substr(start, end - start));
    if (!line.empty()) {
      if (!result.empty()) result += '\n';
      result += line;
    }
    start = end + 1;
  }
  return result;
}

std::string MarkdownHeadingText(std::string_view line) {
  size_t start = line.find_first_not_of('#');
  return start == std::string_view::npos ? std::string() : std::string(Trim(line.substr(start)));
}

}  // namespace proctor
