// Every use of cereal's archives lives in this one translation unit. cereal's JSON archives use
// its RapidJSON, and cereal redefines RAPIDJSON_ASSERT: two definitions of RapidJSON's inline
// functions in one program would break the one-definition rule. (Bank files and the catalog are
// read by proctor's own reader, json_reader.cc.)
#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <cstring>
#include <sstream>

#include "engine/error.h"
#include "engine/json/json_tree.h"
#include "engine/json/snapshot.h"
#include "engine/text.h"

namespace proctor {

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
  if constexpr (std::is_same_v<Archive, cereal::JSONOutputArchive>) {
    ar(cereal::make_nvp("topic", q.topic));
    if (q.domain_inferred) {
      ar(cereal::make_nvp("domain_inferred", q.domain_inferred), cereal::make_nvp("domain_confidence", q.domain_confidence));
    }
  }
}

template <class Archive>
void load(Archive& ar, Question& q) {
  std::string type;
  QuestionFields(ar, q, type);
  if constexpr (std::is_same_v<Archive, cereal::JSONInputArchive>) {
    // Fields added after schema 1's JSON bodies: read when present.
    const char* next = ar.getNodeName();
    if (next != nullptr && std::string_view(next) == "topic") {
      ar(cereal::make_nvp("topic", q.topic));
      next = ar.getNodeName();
    }
    if (next != nullptr && std::string_view(next) == "domain_inferred") {
      ar(cereal::make_nvp("domain_inferred", q.domain_inferred), cereal::make_nvp("domain_confidence", q.domain_confidence));
    }
  }
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
namespace {

// An output stream's bytes appended straight to a string (std::ostringstream would copy them once
// more on the way out).
class StringSink final : public std::streambuf {
 public:
  void set_target(std::string* out) { out_ = out; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_->append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) out_->push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::string* out_ = nullptr;
};

}  // namespace

std::string QuestionToStored(const Question& question) {
  // A version byte (JSON bodies start with '{'): 1, the fields of QuestionFields; 2, then the topic;
  // 3, then whether the domain was inferred and with what probability.
  std::string stored = "\x03";
  stored.reserve(256 + question.stem.size() + question.explanation.size() + question.scenario_text.size() +
                 question.options.size() * 96);
  // One stream per thread: making a std::ostream costs as much as writing a question.
  thread_local StringSink sink;
  thread_local std::ostream out(&sink);
  sink.set_target(&stored);
  {
    cereal::PortableBinaryOutputArchive archive(out);
    archive(question);
    archive(question.topic);
    archive(question.domain_inferred, question.domain_confidence);
  }
  sink.set_target(nullptr);
  return stored;
}

Question QuestionFromStored(std::string_view stored) {
  if (!stored.empty() && stored[0] == '{') return QuestionFromJson(stored);
  if (stored.empty() || stored[0] < '\x01' || stored[0] > '\x03') {
    throw Error("a stored question is damaged (unknown encoding)");
  }
  Question question;
  try {
    std::istringstream in{std::string(stored.substr(1))};
    cereal::PortableBinaryInputArchive archive(in);
    archive(question);
    if (stored[0] >= '\x02') archive(question.topic);
    if (stored[0] >= '\x03') archive(question.domain_inferred, question.domain_confidence);
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
