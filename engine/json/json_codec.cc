// Every use of RapidJSON and of cereal's JSON archives lives in this one translation unit: cereal
// redefines RAPIDJSON_ASSERT, and two definitions of RapidJSON's inline functions in one program
// would break the one-definition rule.
#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cstring>
#include <sstream>

#include "engine/error.h"
#include "engine/json/json_tree.h"
#include "engine/json/snapshot.h"
#include "engine/text.h"

namespace proctor {

namespace {

// RapidJSON's input stream over a ByteSource: hands out bytes, counts lines for messages, feeds
// the file hash, and remembers a NUL byte (which RapidJSON would take for the end of the input).
class ByteStream {
 public:
  using Ch = char;

  ByteStream(ByteSource& source, Hasher64* hasher) : source_(source), hasher_(hasher) {
    Refill();
    if (std::string_view(cur_, static_cast<size_t>(end_ - cur_)).substr(0, 3) == "\xEF\xBB\xBF") {
      cur_ += 3;  // a UTF-8 byte order mark
      counted_ = cur_;
      line_start_ = 3;
    }
  }

  // RapidJSON calls these for every byte: they must inline, and the refill must not.
  [[gnu::always_inline]] Ch Peek() const { return cur_ < end_ ? *cur_ : '\0'; }
  [[gnu::always_inline]] Ch Take() {
    if (cur_ == end_) [[unlikely]] return '\0';
    const Ch c = *cur_++;
    if (cur_ == end_) [[unlikely]] Refill();
    return c;
  }
  size_t Tell() const { return base_ + static_cast<size_t>(cur_ - begin_); }

  // RapidJSON asks for these only when parsing in place, which proctor never does.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

  // The line and column of the byte last read.
  void Here(size_t& line, size_t& col) { Locate(Tell() > 0 ? Tell() - 1 : 0, line, col); }
  // The line and column of a byte read recently (on one of the last lines).
  void Locate(size_t offset, size_t& line, size_t& col) {
    CountLines(cur_);
    line = line_;
    size_t start = line_start_;
    while (offset < start && line > 1 && line_ - line + 1 < kRecent) {
      --line;
      start = line == 1 ? 0 : recent_[line % kRecent];
    }
    col = offset >= start ? offset - start + 1 : 1;
  }
  // Whether reading stopped at a NUL byte of the input.
  bool AtNul() const { return cur_ < end_ && *cur_ == '\0'; }

 private:
  static constexpr size_t kRecent = 64;

  // Lines are counted when a place is asked for, not byte by byte as they are read.
  void CountLines(const Ch* upto) {
    if (counted_ == nullptr || upto == counted_) return;  // nothing new (or no input yet)
    for (const Ch* p = counted_; (p = static_cast<const Ch*>(std::memchr(p, '\n', static_cast<size_t>(upto - p)))) != nullptr;) {
      ++p;
      ++line_;
      line_start_ = base_ + static_cast<size_t>(p - begin_);
      recent_[line_ % kRecent] = line_start_;
      if (p == upto) break;
    }
    counted_ = upto;
  }

  [[gnu::noinline]] void Refill() {
    CountLines(end_);
    base_ += static_cast<size_t>(end_ - begin_);
    std::string_view piece = source_.Next();
    if (hasher_ != nullptr) hasher_->Update(piece);
    begin_ = cur_ = counted_ = piece.data();
    end_ = piece.data() + piece.size();
  }

  ByteSource& source_;
  Hasher64* hasher_;
  const Ch* begin_ = nullptr;
  const Ch* cur_ = nullptr;
  const Ch* end_ = nullptr;
  const Ch* counted_ = nullptr;  // lines are counted up to here
  size_t base_ = 0;  // offset of begin_ in the input
  size_t line_ = 1;
  size_t line_start_ = 0;
  size_t recent_[kRecent] = {};  // starts of the last lines, by line number
};

// Builds a JsonNode tree from SAX events, refusing duplicate keys and excessive depth; with hooks,
// hands over the elements of one top-level array as they complete.
class TreeBuilder {
 public:
  TreeBuilder(ByteStream& stream, const JsonStreamHooks* hooks) : stream_(stream), hooks_(hooks) {}

  bool Null() { return AddScalar(JsonNode{}); }
  bool Bool(bool b) {
    JsonNode node;
    node.kind = JsonNode::Kind::kBool;
    node.boolean = b;
    return AddScalar(std::move(node));
  }
  // With kParseNumbersAsStringsFlag every number arrives here as written.
  bool RawNumber(const char* str, rapidjson::SizeType length, bool) {
    JsonNode node;
    node.kind = JsonNode::Kind::kNumber;
    node.text.assign(str, length);
    return AddScalar(std::move(node));
  }
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    JsonNode node;
    node.kind = JsonNode::Kind::kString;
    node.text.assign(str, length);
    return AddScalar(std::move(node));
  }
  bool StartObject() { return Open(JsonNode::Kind::kObject); }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    JsonNode& top = stack_.back();
    std::string_view key(str, length);
    for (const std::string& existing : top.keys) {
      if (existing == key) {
        error_ = "duplicate key \"" + std::string(key) + "\"";
        stream_.Here(error_line_, error_col_);
        return false;
      }
    }
    top.keys.emplace_back(key);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(JsonNode::Kind::kArray); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  JsonNode TakeRoot() { return std::move(root_); }
  const std::string& error() const { return error_; }
  size_t error_line() const { return error_line_; }
  size_t error_col() const { return error_col_; }
  bool stopped() const { return stopped_; }

 private:
  bool AddScalar(JsonNode node) {
    stream_.Here(node.line, node.col);
    return Attach(std::move(node));
  }
  bool Attach(JsonNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
    } else if (streaming_ && stack_.size() == 2) {
      if (!hooks_->element(std::move(node))) {
        stopped_ = true;
        return false;
      }
    } else {
      stack_.back().children.push_back(std::move(node));
    }
    return true;
  }
  bool Open(JsonNode::Kind kind) {
    if (static_cast<int>(stack_.size()) >= kMaxJsonDepth) {
      error_ = "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      stream_.Here(error_line_, error_col_);
      return false;
    }
    if (hooks_ != nullptr && kind == JsonNode::Kind::kArray && stack_.size() == 1 &&
        stack_[0].kind == JsonNode::Kind::kObject && !stack_[0].keys.empty() &&
        stack_[0].keys.back() == hooks_->array_key) {
      JsonNode so_far = stack_[0];
      so_far.keys.pop_back();
      streaming_ = hooks_->stream(so_far);
    }
    JsonNode node;
    node.kind = kind;
    stream_.Here(node.line, node.col);
    stack_.push_back(std::move(node));
    return true;
  }
  bool Close() {
    JsonNode node = std::move(stack_.back());
    stack_.pop_back();
    if (stack_.size() == 1) streaming_ = false;
    return Attach(std::move(node));
  }

  ByteStream& stream_;
  const JsonStreamHooks* hooks_;
  bool streaming_ = false;
  bool stopped_ = false;
  std::vector<JsonNode> stack_;
  JsonNode root_;
  std::string error_;
  size_t error_line_ = 1;
  size_t error_col_ = 1;
};

}  // namespace

JsonNode ParseJsonStream(ByteSource& input, const std::string& name, const JsonStreamHooks* hooks,
                         Hasher64* hasher, bool* completed) {
  ByteStream stream(input, hasher);
  TreeBuilder builder(stream, hooks);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult result = reader.Parse<kFlags>(stream, builder);
  if (completed != nullptr) *completed = !builder.stopped();
  if (builder.stopped()) return builder.TakeRoot();
  auto where = [&](size_t line, size_t col) { return name + ":" + std::to_string(line) + ":" + std::to_string(col); };
  size_t line = 1;
  size_t col = 1;
  // RapidJSON takes a NUL byte for the end of the input, after a complete document too.
  if (stream.AtNul()) {
    stream.Locate(stream.Tell(), line, col);
    throw Error(where(line, col) + ": a NUL byte; this is not a JSON text file");
  }
  if (result.IsError()) {
    if (!builder.error().empty()) throw Error(where(builder.error_line(), builder.error_col()) + ": " + builder.error());
    if (result.Code() == rapidjson::kParseErrorDocumentEmpty) throw Error(name + ":1: the file is empty");
    std::string reason = rapidjson::GetParseError_En(result.Code());
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    stream.Locate(result.Offset(), line, col);
    throw Error(where(line, col) + ": " + AsciiLower(reason.substr(0, 1)) + reason.substr(1));
  }
  return builder.TakeRoot();
}

JsonNode ParseJson(const JsonSource& source) {
  MemoryByteSource input(source.text());
  return ParseJsonStream(input, source.name(), nullptr);
}

// ---- cereal: the native model's serialization ----

template <class Archive>
void serialize(Archive& ar, Option& o) {
  ar(cereal::make_nvp("id", o.id), cereal::make_nvp("text", o.text),
     cereal::make_nvp("fixed", o.fixed));
}

template <class Archive>
void serialize(Archive& ar, Prompt& p) {
  ar(cereal::make_nvp("id", p.id), cereal::make_nvp("text", p.text));
}

// One field list serves saving and loading; the item type travels as its name.
template <class Archive>
void QuestionFields(Archive& ar, Question& q, std::string& type) {
  ar(cereal::make_nvp("bank", q.bank_id), cereal::make_nvp("id", q.id),
     cereal::make_nvp("exam", q.exam), cereal::make_nvp("domain", q.domain),
     cereal::make_nvp("type", type), cereal::make_nvp("scenario_id", q.scenario_id),
     cereal::make_nvp("scenario_title", q.scenario_title),
     cereal::make_nvp("scenario_text", q.scenario_text), cereal::make_nvp("stem", q.stem),
     cereal::make_nvp("options", q.options), cereal::make_nvp("prompts", q.prompts),
     cereal::make_nvp("key", q.key), cereal::make_nvp("explanation", q.explanation),
     cereal::make_nvp("references", q.references), cereal::make_nvp("tags", q.tags),
     cereal::make_nvp("borderline", q.borderline), cereal::make_nvp("pilot", q.pilot));
}

template <class Archive>
void save(Archive& ar, const Question& q) {
  std::string type(ItemTypeName(q.type));
  // Saving only reads the fields; the shared list takes them by reference.
  QuestionFields(ar, const_cast<Question&>(q), type);
}

template <class Archive>
void load(Archive& ar, Question& q) {
  std::string type;
  QuestionFields(ar, q, type);
  std::optional<ItemType> parsed = ParseItemType(type);
  if (!parsed) throw cereal::Exception("unknown item type " + type);
  q.type = *parsed;
}

template <class Archive>
void serialize(Archive& ar, Domain& d) {
  ar(cereal::make_nvp("number", d.number), cereal::make_nvp("name", d.name),
     cereal::make_nvp("weight", d.weight));
}

template <class Archive>
void serialize(Archive& ar, Blueprint& b) {
  ar(cereal::make_nvp("code", b.code), cereal::make_nvp("family", b.family),
     cereal::make_nvp("name", b.name), cereal::make_nvp("level", b.level),
     cereal::make_nvp("launched", b.launched), cereal::make_nvp("beta_until", b.beta_until),
     cereal::make_nvp("retired", b.retired),
     cereal::make_nvp("total_questions", b.total_questions),
     cereal::make_nvp("unscored_questions", b.unscored_questions),
     cereal::make_nvp("minutes", b.minutes), cereal::make_nvp("pass_score", b.pass_score),
     cereal::make_nvp("scale_min", b.scale_min), cereal::make_nvp("scale_max", b.scale_max),
     cereal::make_nvp("item_types", b.item_types), cereal::make_nvp("price_usd", b.price_usd),
     cereal::make_nvp("domains", b.domains), cereal::make_nvp("sources", b.sources));
}

namespace {

template <typename T>
std::string ToJson(const char* name, const T& value) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::NoIndent());
    archive(cereal::make_nvp(name, value));
  }
  return out.str();
}

template <typename T>
T FromJson(const char* name, std::string_view json, const char* what) {
  T value{};
  try {
    std::istringstream in{std::string(json)};
    cereal::JSONInputArchive archive(in);
    archive(cereal::make_nvp(name, value));
  } catch (const std::exception& e) {
    throw Error(std::string("a stored ") + what + " is damaged (" + e.what() + ")");
  }
  return value;
}

}  // namespace

std::string QuestionToJson(const Question& question) { return ToJson("question", question); }
Question QuestionFromJson(std::string_view json) {
  return FromJson<Question>("question", json, "question");
}
std::string QuestionToStored(const Question& question) {
  std::ostringstream out;
  {
    cereal::PortableBinaryOutputArchive archive(out);
    archive(question);
  }
  return "\x01" + out.str();  // a version byte: JSON bodies start with '{'
}

Question QuestionFromStored(std::string_view stored) {
  if (!stored.empty() && stored[0] == '{') return QuestionFromJson(stored);
  if (stored.empty() || stored[0] != '\x01') throw Error("a stored question is damaged (unknown encoding)");
  Question question;
  try {
    std::istringstream in{std::string(stored.substr(1))};
    cereal::PortableBinaryInputArchive archive(in);
    archive(question);
  } catch (const std::exception& e) {
    throw Error(std::string("a stored question is damaged (") + e.what() + ")");
  }
  return question;
}

std::string SnapshotKey(std::string_view stored) { return HashHex(stored) + "-" + std::to_string(stored.size()); }

std::string BlueprintToJson(const Blueprint& blueprint) { return ToJson("blueprint", blueprint); }
Blueprint BlueprintFromJson(std::string_view json) {
  return FromJson<Blueprint>("blueprint", json, "blueprint");
}

}  // namespace proctor
