// ParseXml on expat (Debian's libexpat1-dev), the reader chosen in docs/design.md ("Moodle XML:
// expat or the hand-written reader"). expat checks well-formedness to the letter; proctor keeps
// it from expanding or fetching anything: a DOCTYPE stops the parse at once, so no DTD, entity
// declaration or external reference is ever read, and parameter entities are never parsed.
#include "engine/import/xml_tree.h"

#include <expat.h>

#include <climits>

namespace proctor {

const XmlElement* XmlElement::Child(std::string_view child) const {
  for (const auto& c : children) {
    if (c->name == child) return c.get();
  }
  return nullptr;
}

std::string XmlElement::Attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return v;
  }
  return "";
}

std::string XmlElement::ChildText(std::string_view child) const {
  const XmlElement* c = Child(child);
  if (c == nullptr) return "";
  const XmlElement* t = c->Child("text");
  return t ? t->text : c->text;
}

namespace {

class ExpatTree {
 public:
  ExpatTree(XML_Parser parser, const XmlChildHandler& on_child) : parser_(parser), on_child_(on_child) {}

  static void XMLCALL Start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<ExpatTree*>(self)->OnStart(name, attributes);
  }
  static void XMLCALL End(void* self, const XML_Char* /*name*/) { static_cast<ExpatTree*>(self)->OnEnd(); }
  static void XMLCALL Text(void* self, const XML_Char* text, int length) {
    auto* tree = static_cast<ExpatTree*>(self);
    if (!tree->open_.empty()) tree->open_.back()->text.append(text, static_cast<size_t>(length));
  }
  static void XMLCALL Doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<ExpatTree*>(self)->Refuse("DOCTYPE declarations are not accepted in bank files");
  }
  static void XMLCALL EntityDeclaration(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                        const XML_Char*, const XML_Char*, const XML_Char*) {
    // Unreachable past the DOCTYPE refusal; kept so that no entity can ever be declared.
    static_cast<ExpatTree*>(self)->Refuse("entity declarations are not accepted in bank files");
  }

  void Refuse(std::string reason) {
    if (refusal_.reason.empty()) refusal_ = {Line(), std::move(reason)};
    XML_StopParser(parser_, XML_FALSE);
  }

  int Line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_)); }
  // " (<name> from line N is still open)" for the innermost open element, or "".
  std::string StillOpen() const {
    if (open_.empty()) return "";
    return " (<" + open_.back()->name + "> from line " + std::to_string(open_.back()->line) + " is still open)";
  }
  const XmlError& refusal() const { return refusal_; }
  std::unique_ptr<XmlElement> TakeRoot() { return std::move(root_); }

 private:
  void OnStart(const XML_Char* name, const XML_Char** attributes) {
    if (open_.size() >= static_cast<size_t>(kMaxXmlDepth)) {
      Refuse("elements nested deeper than " + std::to_string(kMaxXmlDepth) + " levels");
      return;
    }
    auto e = std::make_unique<XmlElement>();
    e->name = name;
    e->line = Line();
    for (size_t i = 0; attributes[i] != nullptr; i += 2) e->attributes.emplace_back(attributes[i], attributes[i + 1]);
    XmlElement* raw = e.get();
    if (open_.empty()) {
      root_ = std::move(e);
    } else {
      open_.back()->children.push_back(std::move(e));
    }
    open_.push_back(raw);
  }

  void OnEnd() {
    open_.pop_back();
    // A child of the root is complete: hand it over and forget it, when asked to stream.
    if (open_.size() == 1 && on_child_) {
      std::unique_ptr<XmlElement> child = std::move(open_.back()->children.back());
      open_.back()->children.pop_back();
      if (!on_child_(std::move(child))) XML_StopParser(parser_, XML_FALSE);
    }
  }

  XML_Parser parser_;
  const XmlChildHandler& on_child_;
  std::unique_ptr<XmlElement> root_;
  std::vector<XmlElement*> open_;
  XmlError refusal_;
};

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

std::unique_ptr<XmlElement> ParseXml(std::string_view text, const XmlChildHandler& on_child) {
  // "UTF-8" overrides the document's encoding declaration: the file was checked as UTF-8.
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate("UTF-8"));
  if (!parser) throw XmlError{1, "out of memory"};
  ExpatTree tree(parser.get(), on_child);
  XML_SetUserData(parser.get(), &tree);
  XML_SetElementHandler(parser.get(), &ExpatTree::Start, &ExpatTree::End);
  XML_SetCharacterDataHandler(parser.get(), &ExpatTree::Text);
  XML_SetStartDoctypeDeclHandler(parser.get(), &ExpatTree::Doctype);
  XML_SetEntityDeclHandler(parser.get(), &ExpatTree::EntityDeclaration);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  // In pieces: XML_Parse takes an int length.
  constexpr size_t kPiece = 1u << 20;
  size_t at = 0;
  bool stopped = false;
  do {
    const size_t n = std::min(kPiece, text.size() - at);
    const bool last = at + n == text.size();
    if (XML_Parse(parser.get(), text.data() + at, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
      if (XML_GetErrorCode(parser.get()) == XML_ERROR_ABORTED) {
        stopped = true;
        break;
      }
      const XML_Error code = XML_GetErrorCode(parser.get());
      std::string reason = XML_ErrorString(code);
      if (code == XML_ERROR_UNDEFINED_ENTITY) {
        reason += " (XML has only &lt; &gt; &amp; &quot; &apos;; HTML's, such as &nbsp;, belong inside <![CDATA[...]]>)";
      } else if (code == XML_ERROR_TAG_MISMATCH || code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN) {
        reason += tree.StillOpen();
      }
      throw XmlError{static_cast<int>(XML_GetCurrentLineNumber(parser.get())), reason};
    }
    at += n;
  } while (at < text.size());
  if (stopped && !tree.refusal().reason.empty()) throw tree.refusal();
  std::unique_ptr<XmlElement> root = tree.TakeRoot();
  if (!root) throw XmlError{1, "no elements"};
  return root;
}

}  // namespace proctor
