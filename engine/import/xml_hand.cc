// The hand-written XML reader proctor used before expat (see xml_tree.h): elements, attributes,
// text, CDATA, comments and the five entities; no DTDs or external entities. Kept only for the
// measurement in docs/design.md (tools/bench_xml.cc).
#include <algorithm>
#include <cctype>

#include "engine/import/html_text.h"
#include "engine/import/xml_tree.h"

namespace proctor {

namespace {

class XmlReader {
 public:
  explicit XmlReader(std::string_view text) : t_(text) {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (t_[i] == '\n') newlines_.push_back(i);
    }
  }

  std::unique_ptr<XmlElement> ParseDocument() {
    SkipMisc();
    if (pos_ >= t_.size() || t_[pos_] != '<') Fail("expected the <quiz> element");
    auto root = ParseElement(0);
    SkipMisc();
    if (pos_ < t_.size()) Fail("text after the end of the document");
    return root;
  }

 private:
  [[noreturn]] void Fail(const std::string& reason) const { throw XmlError{Line(), reason}; }
  int Line() const {
    return static_cast<int>(std::lower_bound(newlines_.begin(), newlines_.end(), pos_) - newlines_.begin()) + 1;
  }
  bool Starts(std::string_view s) const { return t_.substr(pos_, s.size()) == s; }
  void SkipSpace() {
    while (pos_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[pos_]))) ++pos_;
  }
  void SkipPast(std::string_view end, const char* what) {
    size_t at = t_.find(end, pos_);
    if (at == std::string_view::npos) Fail(std::string("unterminated ") + what);
    pos_ = at + end.size();
  }
  // Prolog, comments and processing instructions between elements.
  void SkipMisc() {
    while (true) {
      SkipSpace();
      if (Starts("<?")) SkipPast("?>", "processing instruction");
      else if (Starts("<!--")) SkipPast("-->", "comment");
      else if (Starts("<!DOCTYPE") || Starts("<!doctype")) Fail("DOCTYPE declarations are not accepted in bank files");
      else return;
    }
  }
  // XML defines five entities; HTML's (&nbsp; ...) belong inside CDATA or escaped (&amp;nbsp;).
  std::string XmlText(std::string_view raw) {
    size_t amp = raw.find('&');
    while (amp != std::string_view::npos) {
      size_t semi = raw.find(';', amp);
      std::string_view name = semi == std::string_view::npos ? raw.substr(amp + 1, 8) : raw.substr(amp + 1, semi - amp - 1);
      if (!(name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos" ||
            (!name.empty() && name[0] == '#'))) {
        std::string entity(name.substr(0, 12));
        pos_ = static_cast<size_t>(raw.data() - t_.data()) + amp;  // report the entity's own line
        Fail("undefined entity &" + entity + "; (XML has only &lt; &gt; &amp; &quot; &apos;)");
      }
      amp = raw.find('&', amp + 1);
    }
    return DecodeEntities(raw);
  }

  std::string Name() {
    size_t start = pos_;
    while (pos_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[pos_])) || t_[pos_] == '_' ||
                                t_[pos_] == '-' || t_[pos_] == ':' || t_[pos_] == '.')) {
      ++pos_;
    }
    if (pos_ == start) Fail("expected a name");
    return std::string(t_.substr(start, pos_ - start));
  }
  std::unique_ptr<XmlElement> ParseElement(int depth) {
    if (depth >= kMaxXmlDepth) Fail("elements nested deeper than " + std::to_string(kMaxXmlDepth) + " levels");
    auto e = std::make_unique<XmlElement>();
    e->line = Line();
    ++pos_;  // '<'
    e->name = Name();
    while (true) {
      SkipSpace();
      if (pos_ >= t_.size()) Fail("unterminated <" + e->name + "> tag");
      if (Starts("/>")) {
        pos_ += 2;
        return e;
      }
      if (t_[pos_] == '>') {
        ++pos_;
        break;
      }
      std::string key = Name();
      SkipSpace();
      if (pos_ >= t_.size() || t_[pos_] != '=') Fail("expected = after attribute " + key);
      ++pos_;
      SkipSpace();
      if (pos_ >= t_.size() || (t_[pos_] != '"' && t_[pos_] != '\'')) Fail("expected a quoted value for " + key);
      char quote = t_[pos_++];
      size_t end = t_.find(quote, pos_);
      if (end == std::string_view::npos) Fail("unterminated attribute value");
      e->attributes.emplace_back(key, XmlText(t_.substr(pos_, end - pos_)));
      pos_ = end + 1;
    }
    while (true) {
      if (pos_ >= t_.size()) Fail("<" + e->name + "> (line " + std::to_string(e->line) + ") is never closed");
      if (Starts("<![CDATA[")) {
        size_t end = t_.find("]]>", pos_);
        if (end == std::string_view::npos) Fail("unterminated CDATA section");
        e->text += t_.substr(pos_ + 9, end - pos_ - 9);
        pos_ = end + 3;
      } else if (Starts("<!--")) {
        SkipPast("-->", "comment");
      } else if (Starts("</")) {
        pos_ += 2;
        std::string close = Name();
        if (close != e->name) Fail("</" + close + "> closes <" + e->name + "> from line " + std::to_string(e->line));
        SkipSpace();
        if (pos_ >= t_.size() || t_[pos_] != '>') Fail("expected > after </" + close);
        ++pos_;
        return e;
      } else if (t_[pos_] == '<') {
        e->children.push_back(ParseElement(depth + 1));
      } else {
        size_t end = t_.find('<', pos_);
        if (end == std::string_view::npos) end = t_.size();
        e->text += XmlText(t_.substr(pos_, end - pos_));
        pos_ = end;
      }
    }
  }

  std::string_view t_;
  std::vector<size_t> newlines_;
  size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<XmlElement> ParseXmlHandWritten(std::string_view text) { return XmlReader(text).ParseDocument(); }

}  // namespace proctor
