// The XML that Moodle quiz exports are: elements, attributes, text and CDATA, read into a tree
// by expat (why expat: docs/design.md, "Moodle XML: expat or the hand-written reader").
// A bank file is untrusted: a DOCTYPE (and so every DTD, entity declaration and external
// reference) is refused, as are entities other than XML's five and character references, and
// nesting deeper than kMaxXmlDepth. Nothing is ever fetched, and nothing expands.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proctor {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;  // all character data directly inside (CDATA included), concatenated, decoded
  int line = 0;

  // The first child named `child`, or nullptr.
  const XmlElement* Child(std::string_view child) const;
  // The attribute's value, or "".
  std::string Attribute(std::string_view key) const;
  // The text of <child><text>...</text></child>, or of <child> itself when it has no <text>.
  std::string ChildText(std::string_view child) const;
};

// Why a document was refused, and the line (1-based) where.
struct XmlError {
  int line = 0;
  std::string reason;
};

inline constexpr int kMaxXmlDepth = 64;

// Called with each child of the root element, in order, once it is complete; the tree handed over
// is then freed, so memory stays that of one question. Return false to stop reading.
using XmlChildHandler = std::function<bool(std::unique_ptr<XmlElement> child)>;

// Reads `text` (UTF-8). Returns the root element; with `on_child`, the root's children are handed
// to it as they end instead of being kept. Throws XmlError for a document that is not well-formed
// or is refused (see above).
std::unique_ptr<XmlElement> ParseXml(std::string_view text, const XmlChildHandler& on_child = nullptr);

}  // namespace proctor
