#include "engine/import/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "engine/import/html_entities.h"
#include "engine/text.h"

namespace proctor {

namespace {

const HtmlEntity* FindEntity(std::string_view name) {
  const HtmlEntity* begin = kHtmlEntities;
  const HtmlEntity* end = kHtmlEntities + kHtmlEntityCount;
  const HtmlEntity* it = std::lower_bound(begin, end, name, [](const HtmlEntity& e, std::string_view n) {
    return std::string_view(e.name) < n;
  });
  return it != end && std::string_view(it->name) == name ? it : nullptr;
}

// What &#N; means in HTML: windows-1252 for 128-159, U+FFFD for 0, surrogates and values past
// U+10FFFF, nothing for other controls and noncharacters (`drop`).
char32_t NumericReference(uint64_t n, bool& drop) {
  drop = false;
  const HtmlCharrefFix* fix = std::lower_bound(kHtmlCharrefFixes, kHtmlCharrefFixes + kHtmlCharrefFixCount, n,
                                               [](const HtmlCharrefFix& f, uint64_t v) { return f.code < v; });
  if (fix != kHtmlCharrefFixes + kHtmlCharrefFixCount && fix->code == n) return fix->value;
  if ((n >= 0xD800 && n <= 0xDFFF) || n > 0x10FFFF) return 0xFFFD;
  drop = std::binary_search(kHtmlDroppedCodePoints, kHtmlDroppedCodePoints + kHtmlDroppedCodePointCount,
                            static_cast<char32_t>(n));
  return static_cast<char32_t>(n);
}

bool IsNameStop(char c) { return c == '\t' || c == '\n' || c == '\f' || c == ' ' || c == '<' || c == '&' || c == '#' || c == ';'; }

}  // namespace

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) amp = text.size();
    out.append(text.substr(i, amp - i));
    i = amp;
    if (i >= text.size()) break;
    // text[i] == '&'
    size_t j = i + 1;
    if (j < text.size() && text[j] == '#') {
      const bool hex = j + 1 < text.size() && (text[j + 1] == 'x' || text[j + 1] == 'X');
      size_t k = j + (hex ? 2 : 1);
      const size_t digits_start = k;
      uint64_t n = 0;
      while (k < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[k])) : std::isdigit(static_cast<unsigned char>(text[k])))) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
        n = std::min<uint64_t>(n * (hex ? 16 : 10) + static_cast<uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10), 0x7FFFFFFF);
        ++k;
      }
      if (k == digits_start) {  // "&#" or "&#x" without digits: not a reference
        out += '&';
        ++i;
        continue;
      }
      if (k < text.size() && text[k] == ';') ++k;
      bool drop = false;
      const char32_t cp = NumericReference(n, drop);
      if (!drop) AppendUtf8(out, cp);
      i = k;
      continue;
    }
    // A name: up to 32 characters that are not white space, '<', '&', '#' or ';', then maybe ';'.
    size_t k = j;
    while (k < text.size() && k - j < 32 && !IsNameStop(text[k])) ++k;
    if (k == j) {
      out += '&';
      ++i;
      continue;
    }
    if (k < text.size() && text[k] == ';') ++k;
    std::string_view name = text.substr(j, k - j);
    if (const HtmlEntity* e = FindEntity(name)) {
      out += e->value;
      i = k;
      continue;
    }
    // The longest legacy name it starts with, as HTML reads "&notit;" as "¬it;".
    bool found = false;
    for (size_t len = name.size() - 1; len >= 2; --len) {
      if (const HtmlEntity* e = FindEntity(name.substr(0, len))) {
        out += e->value;
        out.append(name.substr(len));
        found = true;
        break;
      }
    }
    if (!found) out.append(text.substr(i, k - i));
    i = k;
  }
  return out;
}

namespace {

// The value of attribute `key` in a tag's inside ("img src=\"a.png\" alt='A'"), as written.
std::string TagAttribute(std::string_view tag, std::string_view key) {
  size_t i = tag.find_first_of(" \t\n/");
  while (i != std::string_view::npos && i < tag.size()) {
    while (i < tag.size() && (std::isspace(static_cast<unsigned char>(tag[i])) || tag[i] == '/')) ++i;
    size_t name_end = i;
    while (name_end < tag.size() && tag[name_end] != '=' && !std::isspace(static_cast<unsigned char>(tag[name_end])) && tag[name_end] != '/') ++name_end;
    std::string_view name = tag.substr(i, name_end - i);
    size_t v = name_end;
    while (v < tag.size() && std::isspace(static_cast<unsigned char>(tag[v]))) ++v;
    std::string_view value;
    if (v < tag.size() && tag[v] == '=') {
      ++v;
      while (v < tag.size() && std::isspace(static_cast<unsigned char>(tag[v]))) ++v;
      if (v < tag.size() && (tag[v] == '"' || tag[v] == '\'')) {
        size_t close = tag.find(tag[v], v + 1);
        if (close == std::string_view::npos) close = tag.size();
        value = tag.substr(v + 1, close - v - 1);
        v = close + 1;
      } else {
        size_t end = v;
        while (end < tag.size() && !std::isspace(static_cast<unsigned char>(tag[end]))) ++end;
        value = tag.substr(v, end - v);
        v = end;
      }
    }
    if (name.empty()) break;
    if (AsciiLower(name) == key) return std::string(value);  // decoded with the rest of the text
    i = v;
  }
  return "";
}

// The elements question text carries. A '<' before anything else is text: "x < 5", "x<y and y>z".
bool IsHtmlElement(std::string_view name) {
  static const char* const kNames[] = {
      "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "body", "br", "button",
      "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
      "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i",
      "iframe", "img", "input", "ins", "kbd", "label", "li", "link", "main", "mark", "math", "meta", "nav", "nobr", "ol",
      "p", "picture", "pre", "q", "s", "samp", "script", "section", "small", "source", "span", "strike", "strong",
      "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "tt", "u",
      "ul", "var", "video", "wbr"};
  const std::string lower = AsciiLower(name);
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return lower == n; });
}

bool StartsTag(std::string_view html, size_t i) {
  // "<p>", "</p>", "<br/>", "<img ...>", "<!-- -->", "<!DOCTYPE", "<?xml".
  if (i + 1 >= html.size()) return false;
  if (html[i + 1] == '!' || html[i + 1] == '?') return true;
  size_t start = i + 1 + (html[i + 1] == '/' ? 1 : 0);
  size_t end = start;
  while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
  if (end == start || end >= html.size()) return false;
  const char after = html[end];
  if (!(after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\n')) return false;
  return IsHtmlElement(html.substr(start, end - start));
}

// An autolink: "<https://docs.aws.amazon.com/...>".
bool StartsAutolink(std::string_view html, size_t i, size_t& close) {
  close = html.find('>', i);
  if (close == std::string_view::npos) return false;
  std::string_view inside = html.substr(i + 1, close - i - 1);
  return (inside.rfind("https://", 0) == 0 || inside.rfind("http://", 0) == 0) && inside.find_first_of(" \t\n\"'<") == std::string_view::npos;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  size_t i = 0;
  const auto line_break = [&] {
    if (!out.empty() && out.back() != '\n') out += '\n';
  };
  while (i < html.size()) {
    size_t link_end = 0;
    if (html[i] == '<' && StartsAutolink(html, i, link_end)) {  // a URL, not a tag: keep it
      out += html.substr(i + 1, link_end - i - 1);
      i = link_end + 1;
      continue;
    }
    if (html[i] != '<' || !StartsTag(html, i)) {
      size_t next = html.find('<', i + 1);
      if (next == std::string_view::npos) next = html.size();
      out += html.substr(i, next - i);
      i = next;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t close = html.find('>', i);
    if (close == std::string_view::npos) {
      out += html.substr(i);
      break;
    }
    std::string_view inside = html.substr(i + 1, close - i - 1);
    std::string tag = AsciiLower(inside);
    while (!tag.empty() && (tag.back() == '/' || tag.back() == ' ')) tag.pop_back();
    std::string name = tag.substr(0, tag.find_first_of(" \t\n"));
    if (name == "script" || name == "style") {  // their content is not text
      size_t end = AsciiLower(html.substr(close)).find("</" + name);
      i = end == std::string::npos ? html.size() : close + end;
      continue;
    }
    if (name == "br" || name == "p" || name == "/p" || name == "div" || name == "/div" || name == "/li" ||
        name == "tr" || name == "/tr" || name == "/h1" || name == "/h2" || name == "/h3" || name == "/h4" ||
        name == "ul" || name == "/ul" || name == "ol" || name == "/ol" || name == "pre" || name == "/pre") {
      line_break();
    } else if (name == "li") {
      line_break();
      out += "- ";
    } else if (name == "td" || name == "th") {
      if (!out.empty() && out.back() != '\n') out += ' ';
    } else if (name == "img") {
      // An image is kept as a mark, never dropped in silence (the Markdown readers show the same).
      std::string alt = TagAttribute(inside, "alt");
      std::string src = TagAttribute(inside, "src");
      out += "[image: " + (alt.empty() ? std::string("no description") : alt) + (src.empty() ? "" : " \u2014 " + src) + "]";
    }
    i = close + 1;
  }
  std::string decoded = DecodeEntities(out);
  // A no-break space is a space in plain text.
  for (size_t at = decoded.find("\u00a0"); at != std::string::npos; at = decoded.find("\u00a0", at)) decoded.replace(at, 2, " ");
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
