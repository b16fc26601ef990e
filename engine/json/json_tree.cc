#include "engine/json/json_tree.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace proctor {

const JsonNode* JsonNode::Find(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  for (size_t i = 0; i < keys.size() && i < children.size(); ++i) {
    if (keys[i] == key) return &children[i];
  }
  return nullptr;
}

std::string_view JsonKindName(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::Kind::kNull: return "null";
    case JsonNode::Kind::kBool: return "a boolean";
    case JsonNode::Kind::kNumber: return "a number";
    case JsonNode::Kind::kString: return "a string";
    case JsonNode::Kind::kArray: return "an array";
    case JsonNode::Kind::kObject: return "an object";
  }
  return "a value";
}

std::string JsonSource::Locate(const JsonNode& node) const {
  return name_ + ":" + std::to_string(node.line) + ":" + std::to_string(node.col);
}

std::optional<double> JsonNumberValue(std::string_view text) {
  // strtod handles any exponent without undefined behaviour (overflow gives HUGE_VAL).
  std::string copy(text);
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

JsonObjectReader::JsonObjectReader(const JsonNode& node, std::string path,
                                   const JsonSource& source, Diagnostics& diagnostics)
    : node_(node), path_(std::move(path)), source_(source), diagnostics_(diagnostics) {
  if (node_.kind != JsonNode::Kind::kObject) {
    diagnostics_.Error(Where(), "expected an object, found " + std::string(JsonKindName(node_.kind)));
  }
}

std::string JsonObjectReader::Where(std::string_view key) const {
  const JsonNode* member = key.empty() ? nullptr : node_.Find(key);
  std::string path = path_;
  if (!key.empty()) path.append(1, '.').append(key);
  return source_.Locate(member ? *member : node_) + ": " + path;
}

std::string JsonObjectReader::Where(const JsonNode& node, std::string_view subpath) const {
  return source_.Locate(node) + ": " + path_ + std::string(subpath);
}

const JsonNode* JsonObjectReader::Get(std::string_view key, bool required, JsonNode::Kind kind) {
  known_.emplace_back(key);
  const JsonNode* member = node_.Find(key);
  if (member == nullptr) {
    if (required && is_object()) diagnostics_.Error(Where(), "missing required field \"" + std::string(key) + "\"");
    return nullptr;
  }
  if (member->kind != kind) {
    diagnostics_.Error(Where(key), "expected " + std::string(JsonKindName(kind)) + ", found " +
                                       std::string(JsonKindName(member->kind)));
    return nullptr;
  }
  return member;
}

std::optional<std::string> JsonObjectReader::String(std::string_view key, bool required) {
  const JsonNode* n = Get(key, required, JsonNode::Kind::kString);
  if (n == nullptr) return std::nullopt;
  return n->text;
}

std::optional<int64_t> JsonObjectReader::Integer(std::string_view key, bool required, int64_t min,
                                                 int64_t max) {
  const JsonNode* n = Get(key, required, JsonNode::Kind::kNumber);
  if (n == nullptr) return std::nullopt;
  const std::string& t = n->text;
  bool digits = !t.empty() && std::all_of(t.begin() + (t[0] == '-' ? 1 : 0), t.end(),
                                          [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || t.size() > 18) {
    diagnostics_.Error(Where(key), "expected a whole number, found " + t);
    return std::nullopt;
  }
  int64_t v = std::strtoll(t.c_str(), nullptr, 10);
  if (v < min || v > max) {
    diagnostics_.Error(Where(key), "must be between " + std::to_string(min) + " and " +
                                       std::to_string(max) + ", found " + t);
    return std::nullopt;
  }
  return v;
}

std::optional<double> JsonObjectReader::Number(std::string_view key, bool required) {
  const JsonNode* n = Get(key, required, JsonNode::Kind::kNumber);
  if (n == nullptr) return std::nullopt;
  std::optional<double> v = JsonNumberValue(n->text);
  if (!v) diagnostics_.Error(Where(key), "number out of range: " + n->text);
  return v;
}

std::optional<bool> JsonObjectReader::Bool(std::string_view key, bool required) {
  const JsonNode* n = Get(key, required, JsonNode::Kind::kBool);
  if (n == nullptr) return std::nullopt;
  return n->boolean;
}

const JsonNode* JsonObjectReader::Array(std::string_view key, bool required) {
  return Get(key, required, JsonNode::Kind::kArray);
}

const JsonNode* JsonObjectReader::Object(std::string_view key, bool required) {
  return Get(key, required, JsonNode::Kind::kObject);
}

const JsonNode* JsonObjectReader::Any(std::string_view key, bool required) {
  known_.emplace_back(key);
  const JsonNode* member = node_.Find(key);
  if (member == nullptr && required && is_object()) {
    diagnostics_.Error(Where(), "missing required field \"" + std::string(key) + "\"");
  }
  return member;
}

std::vector<std::string> JsonObjectReader::StringArray(std::string_view key, bool required) {
  std::vector<std::string> out;
  const JsonNode* array = Array(key, required);
  if (array == nullptr) return out;
  for (size_t i = 0; i < array->children.size(); ++i) {
    const JsonNode& item = array->children[i];
    if (item.kind != JsonNode::Kind::kString) {
      diagnostics_.Error(Where(item, std::string(".").append(key).append("[").append(std::to_string(i)).append("]")),
                         "expected a string, found " + std::string(JsonKindName(item.kind)));
      continue;
    }
    out.push_back(item.text);
  }
  return out;
}

void JsonObjectReader::RejectUnknown() {
  if (!is_object()) return;
  for (size_t i = 0; i < node_.keys.size(); ++i) {
    if (std::find(known_.begin(), known_.end(), node_.keys[i]) == known_.end()) {
      diagnostics_.Error(Where(node_.children[i], "." + node_.keys[i]),
                         "unknown field \"" + node_.keys[i] + "\"");
    }
  }
}

}  // namespace proctor
