// proctor's JSON reader: strict RFC 8259 text into a JsonNode tree, read from a ByteSource a
// window at a time, with every value's line and column, and the elements of one top-level array
// handed over one at a time (or to a caller's own decoder) instead of kept.
#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "engine/error.h"
#include "engine/json/json_text.h"
#include "engine/json/json_tree.h"

namespace proctor {

namespace {

using json_text::IsJsonSpace;

struct Stopped {};  // an element hook asked to stop reading

class Reader {
 public:
  Reader(ByteSource& input, const std::string& name, const JsonStreamHooks* hooks, Hasher64* hasher)
      : input_(input), name_(name), hooks_(hooks), hasher_(hasher) {}

  JsonNode Run(bool& completed) {
    completed = true;
    Fill(3);
    if (len_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) {  // a UTF-8 byte order mark
      pos_ = counted_ = 3;
      line_start_ = 3;
    }
    SkipSpace();
    if (Peek() < 0) throw Error(name_ + ":1: the file is empty");
    JsonNode root;
    try {
      Value(root, 0);
    } catch (const Stopped&) {
      completed = false;
      return root;
    }
    SkipSpace();
    if (Peek() >= 0) Fail(Offset(), "more text after the end of the JSON value");
    return root;
  }

 private:
  static constexpr size_t kChunk = size_t{1} << 20;
  static constexpr size_t kRecent = 64;
  // A fast element decoder sees at least this much of the input at once.
  static constexpr size_t kFastWindow = size_t{64} << 10;
  // What one tree may hold (the whole document, or one streamed element), so that memory stays
  // bounded whatever the file: about 200 MiB at the most.
  static constexpr size_t kMaxTreeValues = 1000000;
  static constexpr size_t kMaxTreeText = size_t{64} << 20;

  // ---- the window of input: bytes [pos_, len_) of buf_ are read but not yet parsed ----

  // Makes at least `want` unparsed bytes available if the input has them; returns how many are.
  // Moves the window: pointers into buf_ do not survive it.
  size_t Fill(size_t want) {
    if (len_ - pos_ >= want || eof_) return len_ - pos_;
    CountLines(pos_);  // the bytes before pos_ are about to go
    if (len_ > pos_) std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    base_ += pos_;
    len_ -= pos_;
    counted_ -= pos_;
    pos_ = 0;
    // The window grows as the input proves long: a small file needs no megabyte.
    if (buf_.size() < want + 4096 || (buf_.size() < kChunk && base_ > 0)) {
      buf_.resize(std::max(want + 4096, std::min(kChunk, std::max<size_t>(16384, 2 * buf_.size()))));
    }
    while (len_ < buf_.size()) {
      if (pending_.empty()) {
        pending_ = input_.Next();
        if (pending_.empty()) {
          eof_ = true;
          break;
        }
        if (hasher_ != nullptr) hasher_->Update(pending_);
      }
      const size_t n = std::min(pending_.size(), buf_.size() - len_);
      std::memcpy(buf_.data() + len_, pending_.data(), n);
      len_ += n;
      pending_.remove_prefix(n);
    }
    return len_ - pos_;
  }
  // The next byte, or -1 at the end of the input.
  int Peek() {
    if (pos_ == len_ && Fill(1) == 0) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  uint64_t Offset() const { return base_ + pos_; }
  void SkipSpace() {
    for (;;) {
      while (pos_ < len_ && IsJsonSpace(buf_[pos_])) ++pos_;
      if (pos_ < len_ || Fill(1) == 0) return;
    }
  }

  // ---- places: lines are counted when a place is asked for, not byte by byte ----

  void CountLines(size_t upto) {
    if (upto <= counted_) return;
    const char* const b = buf_.data();
    for (const char* p = b + counted_; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(b + upto - p)))) != nullptr;) {
      ++p;
      ++line_;
      line_start_ = base_ + static_cast<uint64_t>(p - b);
      recent_[line_ % kRecent] = line_start_;
      if (p == b + upto) break;
    }
    counted_ = upto;
  }
  // The line and column of the byte at `offset`: one in the window, or on one of the last lines.
  void Locate(uint64_t offset, size_t& line, size_t& col) {
    if (offset >= base_ && offset <= base_ + len_) CountLines(static_cast<size_t>(offset - base_));
    line = line_;
    uint64_t start = line_start_;
    while (offset < start && line > 1 && line_ - line + 1 < kRecent) {
      --line;
      start = line == 1 ? 0 : recent_[line % kRecent];
    }
    col = offset >= start ? static_cast<size_t>(offset - start) + 1 : 1;
  }
  [[noreturn]] void Fail(uint64_t offset, const std::string& reason) {
    std::string why = reason;
    // A NUL byte where JSON cannot have one: most likely not a text file at all.
    if (offset >= base_ && offset < base_ + len_ && buf_[static_cast<size_t>(offset - base_)] == '\0') {
      why = "a NUL byte; this is not a JSON text file";
    }
    size_t line = 1;
    size_t col = 1;
    Locate(offset, line, col);
    throw Error(name_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + why);
  }

  // ---- values ----

  void Value(JsonNode& node, int depth) {
    const uint64_t at = Offset();
    if (++tree_values_ > kMaxTreeValues) TooLarge(at);
    Locate(at, node.line, node.col);
    const int c = Peek();
    switch (c) {
      case '{': return Object(node, depth);
      case '[': return Array(node, depth);
      case '"':
        node.kind = JsonNode::Kind::kString;
        ++pos_;
        return String(node.text, at);
      case 't':
      case 'f':
        node.kind = JsonNode::Kind::kBool;
        node.boolean = c == 't';
        return Literal(c == 't' ? "true" : "false", at);
      case 'n': return Literal("null", at);
      case -1: Fail(at, "the file ends where a value should be");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          node.kind = JsonNode::Kind::kNumber;
          return Number(node.text);
        }
        Fail(at, "expected a value (a string in double quotes, a number, an object, an array, true, false or null)");
    }
  }

  [[noreturn]] void TooLarge(uint64_t at) {
    std::string hint;
    if (reading_whole_array_ && !hooks_->stream_hint.empty()) hint = " (" + hooks_->stream_hint + ")";
    Fail(at, "too much to hold at once: more than " + std::to_string(kMaxTreeValues) + " JSON values or " +
                 std::to_string(kMaxTreeText >> 20) + " MiB of text in one piece" + hint);
  }
  // Counts text held in the tree.
  void Hold(size_t bytes, uint64_t at) {
    tree_text_ += bytes;
    if (tree_text_ > kMaxTreeText) TooLarge(at);
  }

  void Literal(std::string_view word, uint64_t at) {
    if (Fill(word.size()) < word.size() || std::memcmp(buf_.data() + pos_, word.data(), word.size()) != 0) {
      Fail(at, "expected a value (a string in double quotes, a number, an object, an array, true, false or null)");
    }
    pos_ += word.size();
  }

  // A number, kept as written (converted by whoever reads it).
  void Number(std::string& text) {
    using json_text::kMaxNumberLength;
    // One more byte than the longest number: running out of those means the number is too long.
    const size_t avail = Fill(kMaxNumberLength + 1);
    const size_t window = std::min(avail, kMaxNumberLength + 1);
    const char* const b = buf_.data() + pos_;
    const char* p = b;
    const char* why = nullptr;
    const bool final = eof_ && window == avail;
    const json_text::NumberStop stop = json_text::ScanNumber(p, b + window, final, why);
    if (stop == json_text::NumberStop::kMore || static_cast<size_t>(p - b) > kMaxNumberLength) {
      Fail(Offset() + kMaxNumberLength, "a number longer than " + std::to_string(kMaxNumberLength) + " characters");
    }
    if (stop == json_text::NumberStop::kBad) Fail(Offset() + static_cast<uint64_t>(p - b), why);
    text.assign(b, p);
    pos_ += static_cast<size_t>(p - b);
  }

  // A string's characters, after its opening quote; `at` is where it starts.
  void String(std::string& out, uint64_t at) {
    for (;;) {
      const char* const b = buf_.data();
      const char* p = b + pos_;
      const size_t before = out.size();
      const json_text::StringStop stop = json_text::ReadString(p, b + len_, out);
      pos_ = static_cast<size_t>(p - b);
      Hold(out.size() - before, at);
      if (stop == json_text::StringStop::kClosed) return;
      if (stop == json_text::StringStop::kBad) BadStringByte();
      // Out of input, perhaps inside an escape or a character: read on with at least 12 bytes.
      const size_t had = len_ - pos_;
      if (Fill(12) == had) Fail(at, "the string that starts here has no closing double quote");
    }
  }
  [[noreturn]] void BadStringByte() {
    const auto c = static_cast<unsigned char>(buf_[pos_]);
    if (c == '\\') {
      Fail(Offset(), "an invalid escape in a string (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t, and \\u with four hex "
                     "digits, surrogates in pairs)");
    }
    if (c == '\n') Fail(Offset(), "a line break inside a string (write it as \\n)");
    if (c < 0x20) Fail(Offset(), "a control character inside a string (write it as a \\u escape)");
    Fail(Offset(), "invalid UTF-8 (a bank file must be UTF-8 text)");
  }

  void Object(JsonNode& node, int depth) {
    if (depth >= kMaxJsonDepth) Fail(Offset(), "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    node.kind = JsonNode::Kind::kObject;
    ++pos_;
    SkipSpace();
    if (Peek() == '}') {
      ++pos_;
      return;
    }
    std::unordered_set<std::string> many_keys;  // for objects with many members
    for (;;) {
      const uint64_t key_at = Offset();
      if (Peek() != '"') {
        Fail(key_at, Peek() == '}' ? "a comma before '}' (remove the last comma)" : "expected a member name in double quotes");
      }
      ++pos_;
      std::string key;
      String(key, key_at);
      bool duplicate = false;
      if (node.keys.size() < 16) {
        for (const std::string& k : node.keys) duplicate = duplicate || k == key;
      } else {
        if (many_keys.empty()) many_keys.insert(node.keys.begin(), node.keys.end());
        duplicate = !many_keys.insert(key).second;
      }
      if (duplicate) Fail(key_at, "duplicate key \"" + key + "\"");
      SkipSpace();
      if (Peek() != ':') Fail(Offset(), "expected ':' after the member name");
      ++pos_;
      SkipSpace();
      JsonNode child;
      if (hooks_ != nullptr && depth == 0 && Peek() == '[' && key == hooks_->array_key && hooks_->stream(node)) {
        Locate(Offset(), child.line, child.col);
        child.kind = JsonNode::Kind::kArray;
        StreamArray(depth + 1);
      } else {
        // The array that could have been streamed, read whole: the hint says how to stream it.
        const bool whole = hooks_ != nullptr && depth == 0 && key == hooks_->array_key;
        reading_whole_array_ = reading_whole_array_ || whole;
        Value(child, depth + 1);
        reading_whole_array_ = reading_whole_array_ && !whole;
      }
      node.keys.push_back(std::move(key));
      node.children.push_back(std::move(child));
      SkipSpace();
      const int c = Peek();
      if (c == '}') {
        ++pos_;
        return;
      }
      if (c != ',') Fail(Offset(), c < 0 ? "the file ends inside an object (a '}' is missing)" : "expected ',' or '}' after an object member");
      ++pos_;
      SkipSpace();
    }
  }

  void Array(JsonNode& node, int depth) {
    if (depth >= kMaxJsonDepth) Fail(Offset(), "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    node.kind = JsonNode::Kind::kArray;
    Elements([&] {
      node.children.emplace_back();
      Value(node.children.back(), depth + 1);
    });
  }

  // The elements of the array streamed to the hooks: each is a tree of its own, with its own
  // budget; the rest of the document keeps what it had.
  void StreamArray(int depth) {
    const size_t values = tree_values_;
    const size_t text = tree_text_;
    Elements([&] {
      tree_values_ = 0;
      tree_text_ = 0;
      if (hooks_->fast_element) {
        const size_t avail = Fill(kFastWindow);
        bool keep_going = true;
        const uint64_t at = Offset();
        const std::function<std::string()> where = [&] {
          size_t line = 1;
          size_t col = 1;
          Locate(at, line, col);
          return std::to_string(line) + ":" + std::to_string(col);
        };
        if (const size_t used = hooks_->fast_element(std::string_view(buf_.data() + pos_, avail), where, keep_going); used > 0) {
          pos_ += used;
          if (!keep_going) throw Stopped{};
          return;
        }
      }
      JsonNode element;
      Value(element, depth + 1);
      if (!hooks_->element(std::move(element))) throw Stopped{};
    });
    tree_values_ = values;
    tree_text_ = text;
  }

  // An array's elements, each read by `element`, at its '['.
  template <typename ReadElement>
  void Elements(const ReadElement& element) {
    ++pos_;
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      return;
    }
    for (;;) {
      element();
      SkipSpace();
      const int c = Peek();
      if (c == ']') {
        ++pos_;
        return;
      }
      if (c != ',') Fail(Offset(), c < 0 ? "the file ends inside an array (a ']' is missing)" : "expected ',' or ']' after an array element");
      ++pos_;
      SkipSpace();
      if (Peek() == ']') Fail(Offset(), "a comma before ']' (remove the last comma)");
    }
  }

  ByteSource& input_;
  const std::string& name_;
  const JsonStreamHooks* hooks_;
  Hasher64* hasher_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  uint64_t base_ = 0;  // the input offset of buf_[0]
  std::string_view pending_;  // the rest of the last piece the source gave, not yet in buf_
  bool eof_ = false;
  bool reading_whole_array_ = false;  // the streamable array, read into the tree
  size_t tree_values_ = 0;  // in the tree being built
  size_t tree_text_ = 0;
  size_t counted_ = 0;  // lines are counted up to this index of buf_
  size_t line_ = 1;
  uint64_t line_start_ = 0;
  uint64_t recent_[kRecent] = {};  // the starts of the last lines, by line number
};

}  // namespace

JsonNode ParseJsonStream(ByteSource& input, const std::string& name, const JsonStreamHooks* hooks,
                         Hasher64* hasher, bool* completed) {
  Reader reader(input, name, hooks, hasher);
  bool done = true;
  JsonNode root = reader.Run(done);
  if (completed != nullptr) *completed = done;
  return root;
}

JsonNode ParseJson(const JsonSource& source) {
  MemoryByteSource input(source.text());
  return ParseJsonStream(input, source.name(), nullptr);
}

}  // namespace proctor
