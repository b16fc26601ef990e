// A small, strict JSON reader for files a learner hands us (banks, the catalog).
//
// The tree is built by proctor's own reader (json_reader.cc): strict RFC 8259 with UTF-8
// validation, nesting bounded, numbers kept as written (converted here with strtod, which takes
// any exponent), and the input read a window at a time. Every value remembers where it starts, so
// problems are reported as file:line:col plus a JSON path.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/byte_source.h"
#include "engine/diagnostics.h"
#include "engine/hash.h"

namespace proctor {

struct JsonNode {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                // a string's value, or a number as written
  std::vector<JsonNode> children;  // array elements, or object member values
  std::vector<std::string> keys;   // object member names, parallel to children
  size_t line = 1;                 // where the value is in the source (1-based; column in bytes)
  size_t col = 1;

  // Returns the member named `key`, or nullptr (also for non-objects).
  const JsonNode* Find(std::string_view key) const;
};

std::string_view JsonKindName(JsonNode::Kind kind);

// The deepest nesting a document may have; deeper input is refused before it can exhaust memory.
inline constexpr int kMaxJsonDepth = 64;

// The text being read (when it is in memory) and its name for messages.
class JsonSource {
 public:
  JsonSource(std::string_view text, std::string name) : text_(text), name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }
  // "name:line:col" for a node.
  std::string Locate(const JsonNode& node) const;

 private:
  std::string_view text_;
  std::string name_;
};

// Parses `source`. Throws Error("name:line:col: reason") for a syntax error, invalid UTF-8,
// a NUL byte, a duplicate key or nesting deeper than kMaxJsonDepth. A leading UTF-8 BOM is allowed.
JsonNode ParseJson(const JsonSource& source);

// Streaming one array of the top-level object: its elements are handed over one at a time as
// they are read instead of being kept in the tree, so a file of any length needs the memory of
// one element.
struct JsonStreamHooks {
  std::string array_key;  // the top-level member whose elements may be streamed
  // Asked when that array opens, with the members read before it; true streams its elements.
  std::function<bool(const JsonNode& members_so_far)> stream;
  // Each element, in order, when streaming; returning false stops reading (not an error).
  std::function<bool(JsonNode element)> element;
  // Optional: offered each element first, as `bytes` from its first byte on (at least 64 KiB of
  // the input, or all that is left), with `where`, which gives "line:col" of that first byte
  // when asked. Returns the length of the element when it has read the element itself, or 0 to
  // have it parsed and given to `element`; clearing `keep_going` stops reading. Its bytes are then
  // not checked again: it must accept only valid JSON.
  std::function<size_t(std::string_view bytes, const std::function<std::string()>& where, bool& keep_going)> fast_element;
  // Added to the message when the array, read whole (not streamed), is too large to hold.
  std::string stream_hint;
};

// Parses what `input` yields, named `name` in messages, as ParseJson does. With `hooks`, the
// chosen array is streamed and left empty in the returned tree. `hasher`, if given, sees every
// byte read. Returns false in `*completed` (if given) when an element hook stopped the reading.
JsonNode ParseJsonStream(ByteSource& input, const std::string& name, const JsonStreamHooks* hooks,
                         Hasher64* hasher = nullptr, bool* completed = nullptr);

// Reads the members of one object with type checks, reporting each problem (missing, wrong type,
// out of range, unknown member) to `diagnostics` as "name:line:col: $.path".
class JsonObjectReader {
 public:
  JsonObjectReader(const JsonNode& node, std::string path, const JsonSource& source,
                   Diagnostics& diagnostics);

  bool is_object() const { return node_.kind == JsonNode::Kind::kObject; }
  const std::string& path() const { return path_; }

  std::optional<std::string> String(std::string_view key, bool required);
  std::optional<int64_t> Integer(std::string_view key, bool required, int64_t min, int64_t max);
  std::optional<double> Number(std::string_view key, bool required);
  std::optional<bool> Bool(std::string_view key, bool required);
  // Returns the member if present and an array/object, else nullptr (reporting as above).
  const JsonNode* Array(std::string_view key, bool required);
  const JsonNode* Object(std::string_view key, bool required);
  // Returns the member of any kind, or nullptr if absent (an error if required).
  const JsonNode* Any(std::string_view key, bool required);
  std::vector<std::string> StringArray(std::string_view key, bool required);

  // Reports every member no getter asked for as an error: a misspelt field must not pass silently.
  void RejectUnknown();

  // "name:line:col: $.path.key" for a member (or the object itself when key is empty).
  std::string Where(std::string_view key = {}) const;
  std::string Where(const JsonNode& node, std::string_view subpath) const;

 private:
  const JsonNode* Get(std::string_view key, bool required, JsonNode::Kind kind);

  const JsonNode& node_;
  std::string path_;
  const JsonSource& source_;
  Diagnostics& diagnostics_;
  std::vector<std::string> known_;
};

// Converts a JSON number as written to a double; nullopt if it is not finite.
std::optional<double> JsonNumberValue(std::string_view text);

}  // namespace proctor
