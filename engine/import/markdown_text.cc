#include "engine/import/markdown_text.h"

#include <cctype>

#include "engine/text.h"

namespace proctor {

std::string ImagesAsText(std::string_view text, int* count) {
  std::string out;
  int found = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("![", i);
    if (open == std::string_view::npos) break;
    // "\![": an escaped "!" (CommonMark), the text "![", not an image.
    if (open > 0 && text[open - 1] == '\\') {
      out.append(text.substr(i, open - 1 - i));
      out += "![";
      i = open + 2;
      continue;
    }
    size_t close_alt = text.find("](", open + 2);
    size_t close = close_alt == std::string_view::npos ? std::string_view::npos : text.find(')', close_alt + 2);
    // An alt text or path that spans a line break is not an image.
    if (close == std::string_view::npos || text.substr(open, close - open).find('\n') != std::string_view::npos) {
      out.append(text.substr(i, open + 2 - i));
      i = open + 2;
      continue;
    }
    std::string_view alt = Trim(text.substr(open + 2, close_alt - open - 2));
    std::string_view target = Trim(text.substr(close_alt + 2, close - close_alt - 2));
    // `path "title"`: the title is dropped.
    if (size_t space = target.find_first_of(" \t"); space != std::string_view::npos) target = target.substr(0, space);
    out.append(text.substr(i, open - i));
    out += "[image: " + (alt.empty() ? std::string("no description") : std::string(alt)) + " \xE2\x80\x94 " +
           std::string(target) + "]";
    ++found;
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  if (count != nullptr) *count = found;
  return out;
}

bool IsOnlyImages(std::string_view text) {
  int images = 0;
  std::string rest = ImagesAsText(text, &images);
  if (images == 0) return false;
  // Drop the image markers, then a label ("Option A.", "A)", "B"); nothing may be left.
  std::string plain;
  for (size_t i = 0; i < rest.size();) {
    size_t at = rest.find("[image: ", i);
    if (at == std::string::npos) {
      plain += rest.substr(i);
      break;
    }
    plain += rest.substr(i, at - i);
    size_t end = rest.find(']', at);
    i = end == std::string::npos ? rest.size() : end + 1;
  }
  std::string label = AsciiLower(Trim(plain));
  if (label.rfind("option", 0) == 0) label = std::string(Trim(std::string_view(label).substr(6)));
  while (!label.empty() && (label.back() == '.' || label.back() == ')' || label.back() == ':')) label.pop_back();
  return label.empty() || (label.size() == 1 && std::isalnum(static_cast<unsigned char>(label[0])));
}

std::string AutolinksAsText(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('<', i);
    if (open == std::string_view::npos) break;
    std::string_view rest = text.substr(open + 1);
    size_t close = rest.find('>');
    const bool link = (rest.substr(0, 8) == "https://" || rest.substr(0, 7) == "http://") && close != std::string_view::npos &&
                      rest.substr(0, close).find_first_of(" \t\n<") == std::string_view::npos;
    out.append(text.substr(i, open - i));
    if (link) {
      out.append(rest.substr(0, close));
      i = open + 1 + close + 1;
    } else {
      out += '<';
      i = open + 1;
    }
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

void AddReferences(std::string_view line, const std::string& where, std::vector<std::string>& references,
                   Diagnostics& diag) {
  const std::string text = AutolinksAsText(line);
  std::string url;
  const auto flush = [&] {
    while (!url.empty() && (url.front() == '<' || url.front() == '(')) url.erase(0, 1);
    while (!url.empty() && (url.back() == '>' || url.back() == ')' || url.back() == ',')) url.pop_back();
    if (!url.empty()) references.push_back(url);
    url.clear();
  };
  for (size_t i = 0; i < text.size();) {
    size_t end = text.find_first_of(" \t", i);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    if (word.find("://") != std::string::npos) {
      flush();
      url = word;
    } else if (!url.empty() && word.find('/') != std::string::npos) {
      diag.Warning(where, "a reference was broken by a space; joined: " + url + word);
      url += word;  // a path that continues the URL
    } else if (!url.empty()) {
      diag.Warning(where, "text after a reference was left out: \"" + word + "\"");
    } else {
      url = word;  // a reference that is not a URL: validation says so
    }
  }
  flush();
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

namespace {
constexpr std::string_view kLabels[] = {"explanation", "references", "reference"};
}  // namespace

bool EscapedLabelLine(std::string_view line, std::string& text) {
  const size_t at = line.find("\\:");
  if (at == std::string_view::npos || at > 16) return false;
  const std::string candidate = std::string(line.substr(0, at)) + std::string(line.substr(at + 1));
  std::string rest;
  for (std::string_view label : kLabels) {
    // The escaped colon must be the label's own: "Reference\:", "**Reference\:**", "**Reference**\:".
    if (candidate.find(':') == at && LabelLine(candidate, label, rest)) {
      text = candidate;
      return true;
    }
  }
  return false;
}

std::string EscapeLabel(std::string_view line) {
  std::string rest;
  for (std::string_view label : kLabels) {
    if (!LabelLine(line, label, rest)) continue;
    const size_t colon = line.find(':');
    return std::string(line.substr(0, colon)) + "\\" + std::string(line.substr(colon));
  }
  return std::string(line);
}

}  // namespace proctor
