// Moodle XML quiz exports:
//
//   <quiz>
//     <question type="category"><category><text>$course$/AWS/Security</text></category></question>
//     <question type="multichoice">
//       <questiontext format="html"><text><![CDATA[<p>Which ...?</p>]]></text></questiontext>
//       <generalfeedback><text>...</text></generalfeedback>
//       <single>true</single>
//       <answer fraction="100"><text>Amazon S3</text><feedback><text>...</text></feedback></answer>
//       <answer fraction="-50"><text>Amazon EBS</text></answer>
//     </question>
//     <question type="truefalse">...</question>
//   </quiz>
//
// An answer is right when its fraction is positive. Other question types are skipped. The XML
// reader here is deliberately small: elements, attributes, text, CDATA, comments and the five
// entities; no DTDs or external entities, so a file cannot make it expand or fetch anything.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "engine/import/html_text.h"
#include "engine/import/readers.h"
#include "engine/text.h"

namespace proctor {

namespace {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;  // all character data directly inside, concatenated
  int line = 0;

  const XmlElement* Child(std::string_view child) const {
    for (const auto& c : children) {
      if (c->name == child) return c.get();
    }
    return nullptr;
  }
  std::string Attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return v;
    }
    return "";
  }
  // The text of <child><text>...</text></child>.
  std::string ChildText(std::string_view child) const {
    const XmlElement* c = Child(child);
    if (c == nullptr) return "";
    const XmlElement* t = c->Child("text");
    return t ? t->text : c->text;
  }
};

struct XmlError {
  int line;
  std::string reason;
};

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
    if (depth > 64) Fail("elements nested deeper than 64 levels");
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

DraftBank ReadMoodleXml(const TextFile& file, Diagnostics& diag) {
  DraftBank bank;
  bank.format = "moodle-xml";
  std::unique_ptr<XmlElement> root;
  try {
    root = XmlReader(file.text()).ParseDocument();
  } catch (const XmlError& e) {
    diag.Error(file.name() + ":" + std::to_string(e.line), "XML is not well-formed: " + e.reason);
    return bank;
  }
  if (root->name != "quiz") {
    diag.Error(file.name() + ":" + std::to_string(root->line), "expected a Moodle <quiz> document, found <" + root->name + ">");
    return bank;
  }
  std::string category;
  for (const auto& child : root->children) {
    const XmlElement& q = *child;
    if (q.name != "question") continue;
    const std::string type = q.Attribute("type");
    const std::string where = file.name() + ":" + std::to_string(q.line);
    if (type == "category") {
      category = std::string(Trim(q.ChildText("category")));
      continue;
    }
    if (type != "multichoice" && type != "truefalse") {
      bank.skipped.push_back({q.line, (type.empty() ? std::string("untyped") : type) + " question"});
      continue;
    }
    DraftQuestion d;
    d.line = q.line;
    d.category = category;
    d.stem = HtmlToText(q.ChildText("questiontext"));
    d.explanation = HtmlToText(q.ChildText("generalfeedback"));
    bool bad = false;
    for (const auto& a : q.children) {
      if (a->name != "answer") continue;
      std::string fraction = a->Attribute("fraction");
      char* end = nullptr;
      double f = std::strtod(fraction.c_str(), &end);
      if (fraction.empty() || *end != '\0') {
        diag.Error(file.name() + ":" + std::to_string(a->line), "an <answer> needs a numeric fraction attribute, found \"" + fraction + "\"");
        bad = true;
        continue;
      }
      std::string text = HtmlToText(a->ChildText("text").empty() ? a->text : a->ChildText("text"));
      if (type == "truefalse") text = AsciiLower(text) == "true" ? "True" : AsciiLower(text) == "false" ? "False" : text;
      d.options.push_back({text, f > 0});
      std::string feedback = HtmlToText(a->ChildText("feedback"));
      if (f > 0 && !feedback.empty()) d.explanation += (d.explanation.empty() ? "" : " ") + feedback;
    }
    if (bad) continue;
    int right = 0;
    double positive = 0;
    for (const auto& a : q.children) {
      if (a->name != "answer") continue;
      double f = std::strtod(a->Attribute("fraction").c_str(), nullptr);
      if (f > 0) positive += f;
    }
    for (const DraftOption& o : d.options) right += o.correct;
    if (right == 0) {
      diag.Error(where, "no <answer> has a positive fraction, so no option is right");
      continue;
    }
    const bool single = type == "truefalse" || AsciiLower(Trim(q.ChildText("single").empty() ? (q.Child("single") ? q.Child("single")->text : "true") : q.ChildText("single"))) != "false";
    if (single && right > 1) {
      diag.Error(where, "a single-answer question (<single>true</single>) with " + std::to_string(right) + " right answers");
      continue;
    }
    if (!single && (positive < 99.0 || positive > 101.0)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", positive);
      diag.Error(where, std::string("the positive answer fractions add up to ") + buf + "%, not 100%");
      continue;
    }
    bank.questions.push_back(std::move(d));
  }
  if (bank.questions.empty() && bank.skipped.empty() && !diag.HasErrors()) {
    diag.Error(file.name() + ":1", "no questions found in the <quiz>");
  }
  return bank;
}

}  // namespace proctor
