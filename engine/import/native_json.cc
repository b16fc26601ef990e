#include "engine/import/native_json.h"

#include <cmath>
#include <algorithm>
#include <array>
#include <map>
#include <type_traits>

#include "engine/json/json_text.h"
#include "engine/json/json_tree.h"
#include "engine/text.h"
#include "engine/validate.h"

namespace proctor {

namespace {

struct Scenario {
  std::string title;
  std::string text;
};

// Reads "options" or "prompts": an array of {id, text[, fixed]}.
template <typename T>
std::vector<T> ReadChoices(JsonObjectReader& q, std::string_view field, bool allow_fixed,
                           const JsonSource& source, Diagnostics& diag) {
  std::vector<T> out;
  const JsonNode* array = q.Array(field, false);
  if (array == nullptr) return out;
  for (size_t i = 0; i < array->children.size(); ++i) {
    JsonObjectReader r(array->children[i], q.path() + "." + std::string(field) + "[" + std::to_string(i) + "]",
                       source, diag);
    if (!r.is_object()) continue;
    T item;
    item.id = r.String("id", true).value_or("");
    item.text = r.String("text", true).value_or("");
    if constexpr (std::is_same_v<T, Option>) {
      if (allow_fixed) item.fixed = r.Bool("fixed", false).value_or(false);
    }
    r.RejectUnknown();
    out.push_back(std::move(item));
  }
  return out;
}

Response ReadAnswer(JsonObjectReader& q, ItemType type, const Question& question, Diagnostics& diag) {
  Response key;
  const JsonNode* answer = q.Any("answer", true);
  if (answer == nullptr) return key;
  if (type == ItemType::kMatching) {
    if (answer->kind != JsonNode::Kind::kObject) {
      diag.Error(q.Where("answer"), "a matching answer is an object from prompt id to option id");
      return key;
    }
    // Keep the prompts' order so the stored key reads naturally.
    for (const Prompt& p : question.prompts) {
      if (const JsonNode* v = answer->Find(p.id); v != nullptr && v->kind == JsonNode::Kind::kString) {
        key.push_back(p.id + "=" + v->text);
      }
    }
    for (size_t i = 0; i < answer->keys.size(); ++i) {
      const JsonNode& v = answer->children[i];
      if (v.kind != JsonNode::Kind::kString) {
        diag.Error(q.Where(v, ".answer." + answer->keys[i]), "expected an option id string");
      }
      bool known = false;
      for (const Prompt& p : question.prompts) known = known || p.id == answer->keys[i];
      if (!known) diag.Error(q.Where(v, ".answer." + answer->keys[i]), "\"" + answer->keys[i] + "\" is not a prompt id");
    }
    return key;
  }
  if (answer->kind == JsonNode::Kind::kString) {
    if (type != ItemType::kSingle) {
      diag.Error(q.Where("answer"), "a " + std::string(ItemTypeName(type)) + " answer is an array of option ids");
    }
    key.push_back(answer->text);
    return key;
  }
  if (answer->kind != JsonNode::Kind::kArray) {
    diag.Error(q.Where("answer"), "expected an option id or an array of option ids, found " +
                                      std::string(JsonKindName(answer->kind)));
    return key;
  }
  for (size_t i = 0; i < answer->children.size(); ++i) {
    const JsonNode& v = answer->children[i];
    if (v.kind != JsonNode::Kind::kString) {
      diag.Error(q.Where(v, ".answer[" + std::to_string(i) + "]"), "expected an option id string");
      continue;
    }
    key.push_back(v.text);
  }
  return key;
}

// A question's JSON read straight into its fields, when it is plainly well formed: the common
// case, read without building a tree. Every method returns false at anything unusual (an unknown
// or repeated member, a value of another type, bytes that are not valid JSON, the end of the
// bytes given); the general reader then reads the question and reports what is wrong with it.
class QuestionText {
 public:
  QuestionText(const char* begin, const char* end) : p_(begin), begin_(begin), end_(end) {}

  size_t used() const { return static_cast<size_t>(p_ - begin_); }

  void SkipSpace() {
    while (p_ < end_ && json_text::IsJsonSpace(*p_)) ++p_;
  }
  bool Punct(char c) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  bool Next(char c) {  // the next non-space byte is `c`, not consumed
    SkipSpace();
    return p_ < end_ && *p_ == c;
  }
  bool String(std::string& out) {
    if (!Punct('"')) return false;
    return json_text::ReadString(p_, end_, out) == json_text::StringStop::kClosed;
  }
  // A number, as written, checked against JSON's grammar (the general reader's, to the letter).
  bool Number(std::string& text) {
    SkipSpace();
    const char* const start = p_;
    const char* why = nullptr;
    // Not final: at the end of the bytes given the number might go on.
    if (json_text::ScanNumber(p_, end_, /*final=*/false, why) != json_text::NumberStop::kDone) return false;
    if (static_cast<size_t>(p_ - start) > json_text::kMaxNumberLength) return false;
    text.assign(start, p_);
    return true;
  }
  bool Bool(bool& out) {
    SkipSpace();
    for (const bool value : {true, false}) {
      const std::string_view word = value ? "true" : "false";
      if (static_cast<size_t>(end_ - p_) > word.size() && std::string_view(p_, word.size()) == word) {
        p_ += word.size();
        out = value;
        return true;
      }
    }
    return false;
  }
  // An object's members: `member(key)` reads each value. Keys must not repeat.
  template <typename Member>
  bool Object(const Member& member) {
    if (!Punct('{')) return false;
    if (Next('}')) return Punct('}');
    // Members read so far: a question has at most 14 kinds, so more is something to report.
    std::array<std::string, 16> keys;
    size_t count = 0;
    do {
      std::string& key = keys[count];
      if (!String(key) || !Punct(':')) return false;
      if (std::find(keys.begin(), keys.begin() + static_cast<ptrdiff_t>(count), key) != keys.begin() + static_cast<ptrdiff_t>(count)) return false;
      if (!member(key) || ++count == keys.size()) return false;
    } while (Punct(','));
    return Punct('}');
  }
  // An array's elements: `element()` reads each.
  template <typename Element>
  bool Array(const Element& element) {
    if (!Punct('[')) return false;
    if (Next(']')) return Punct(']');
    do {
      if (!element()) return false;
    } while (Punct(','));
    return Punct(']');
  }
  bool Strings(std::vector<std::string>& out) {
    return Array([&] { return String(out.emplace_back()); });
  }

 private:
  const char* p_;
  const char* begin_;
  const char* end_;
};

// Which value a question's "domain" or "answer" member held, as read by QuestionText.
struct RawValue {
  enum class Kind { kAbsent, kString, kNumber, kArray, kObject } kind = Kind::kAbsent;
  std::string text;
  std::vector<std::string> strings;  // an array's, or an object's values
  std::vector<std::string> keys;     // an object's
};

// Reads a native bank from parsed pieces: the top-level members before the questions (the
// header), each question, then the whole top level at the end.
class NativeReader {
 public:
  NativeReader(const JsonSource& source, const Catalog& catalog, Diagnostics& diag, const NativeBankHandler& handler)
      : source_(source), catalog_(catalog), diag_(diag), handler_(handler) {}

  // The members read so far when the questions begin (streaming), or the whole top level.
  void Header(const JsonNode& top_node) {
    if (header_done_) return;
    header_done_ = true;
    header_keys_ = top_node.keys;
    if (top_node.kind == JsonNode::Kind::kArray) {
      // The public shapes are arrays; this reader was chosen by --format native.
      diag_.Error(source_.Locate(top_node) + ": $", "expected proctor's bank object, found an array (an array of questions "
                                                     "is read with --format json-array, or from a .json file, by detection)");
      ok_ = false;
      return;
    }
    JsonObjectReader top(top_node, "$", source_, diag_);
    if (!top.is_object()) {
      ok_ = false;
      return;
    }
    if (!CheckFormatVersion(top)) return;
    if (const JsonNode* info = top.Object("bank", false)) {
      JsonObjectReader r(*info, "$.bank", source_, diag_);
      info_.id = r.String("id", true).value_or("");
      if (!info_.id.empty() && !IsValidBankId(info_.id)) {
        diag_.Error(r.Where("id"), "bank id \"" + info_.id + "\" must be 1-64 of a-z 0-9 . _ -");
      }
      info_.title = r.String("title", true).value_or("");
      info_.description = r.String("description", false).value_or("");
      info_.version = r.String("version", false).value_or("");
      info_.license = r.String("license", false).value_or("");
      info_.authors = r.StringArray("authors", false);
      r.RejectUnknown();
    }
    default_exam_ = AsciiUpper(top.String("exam", false).value_or(""));
    if (const JsonNode* array = top.Array("scenarios", false)) {
      for (size_t i = 0; i < array->children.size(); ++i) {
        JsonObjectReader r(array->children[i], "$.scenarios[" + std::to_string(i) + "]", source_, diag_);
        if (!r.is_object()) continue;
        std::string id = r.String("id", true).value_or("");
        Scenario sc{r.String("title", false).value_or(""), r.String("text", true).value_or("")};
        r.RejectUnknown();
        if (!IsValidId(id)) diag_.Error(r.Where("id"), "scenario id \"" + id + "\" must be 1-64 of A-Z a-z 0-9 . _ -");
        if (!scenarios_.emplace(id, std::move(sc)).second) diag_.Error(r.Where("id"), "scenario id \"" + id + "\" appears twice");
      }
    }
    if (handler_.header) handler_.header(info_);
  }

  // One element of $.questions; false stops reading.
  bool Question(const JsonNode& node) {
    const size_t i = index_++;
    if (!ok_) return true;
    std::string path = "$.questions[" + std::to_string(i) + "]";
    int errors_before = diag_.error_count();
    JsonObjectReader r(node, path, source_, diag_);
    if (!r.is_object()) return true;
    proctor::Question q;
    q.bank_id = info_.id;
    q.id = r.String("id", true).value_or("");
    q.exam = AsciiUpper(r.String("exam", false).value_or(default_exam_));
    const Blueprint* exam = ExamOf(q.exam);
    if (const JsonNode* d = r.Any("domain", false)) {
      if (d->kind == JsonNode::Kind::kNumber) {
        std::optional<double> v = JsonNumberValue(d->text);
        // Range first: converting an out-of-range double to int is undefined behaviour.
        if (!v || *v < 1 || *v > 50 || *v != std::floor(*v)) {
          diag_.Error(r.Where("domain"), "a domain number is a whole number from 1, found " + d->text);
        } else {
          q.domain = static_cast<int>(*v);
        }
      } else if (d->kind == JsonNode::Kind::kString) {
        const Domain* found = exam ? exam->FindDomainByName(d->text) : nullptr;
        if (found != nullptr) {
          q.domain = found->number;
        } else if (exam != nullptr) {
          diag_.Error(r.Where("domain"), q.exam + " has no domain named \"" + d->text + "\"");
        }
      } else {
        diag_.Error(r.Where("domain"), "expected a domain number or name, found " + std::string(JsonKindName(d->kind)));
      }
    }
    std::optional<std::string> type_name = r.String("type", true);
    std::optional<ItemType> type = type_name ? ParseItemType(*type_name) : std::nullopt;
    if (type_name && !type) {
      diag_.Error(r.Where("type"), "unknown type \"" + *type_name + "\" (single, multiple, ordering or matching)");
    }
    q.type = type.value_or(ItemType::kSingle);
    if (std::optional<std::string> sid = r.String("scenario", false)) {
      auto it = scenarios_.find(*sid);
      if (it == scenarios_.end()) {
        diag_.Error(r.Where("scenario"), "no scenario with id \"" + *sid + "\" in $.scenarios");
      } else {
        q.scenario_id = *sid;
        q.scenario_title = it->second.title;
        q.scenario_text = it->second.text;
      }
    }
    q.stem = r.String("stem", true).value_or("");
    r.Array("options", true);  // reports a missing or mistyped list
    q.options = ReadChoices<Option>(r, "options", true, source_, diag_);
    if (q.type == ItemType::kMatching) {
      if (r.Array("prompts", true)) q.prompts = ReadChoices<Prompt>(r, "prompts", false, source_, diag_);
    } else if (r.Any("prompts", false)) {
      diag_.Error(r.Where("prompts"), "only matching questions have prompts");
    }
    if (type || !type_name) q.key = ReadAnswer(r, q.type, q, diag_);
    q.explanation = r.String("explanation", false).value_or("");
    q.references = r.StringArray("references", false);
    q.tags = r.StringArray("tags", false);
    q.topic = r.String("topic", false).value_or("");
    q.borderline = r.Number("borderline", false);
    q.pilot = r.Bool("pilot", false).value_or(false);
    r.RejectUnknown();

    // Ids are remembered by hash, so a million-question file needs 8 bytes an id.
    if (!q.id.empty() && !seen_ids_.Insert(Hash64(q.id))) {
      diag_.Error(r.Where("id"), "question id \"" + q.id + "\" appears twice in this bank");
    }
    if (diag_.error_count() == errors_before) {
      ValidateQuestion(q, catalog_, [&] { return r.Where() + " (" + q.id + ")"; }, diag_);
    }
    if (diag_.error_count() == errors_before) return handler_.question(std::move(q));
    return true;
  }

  // One element of $.questions read straight from its text (QuestionText): returns its length,
  // or 0 when it is not plainly a question, for Question to read and report on. Reads only what
  // Question would read without a message of its own; the validation (and its messages, placed
  // by `where`, the element's "line:col") is the same for both.
  size_t FastQuestion(std::string_view bytes, const std::function<std::string()>& where, bool& keep_going) {
    if (!ok_) return 0;
    QuestionText in(bytes.data(), bytes.data() + bytes.size());
    proctor::Question q;
    std::string exam_text;
    std::string type_name;
    std::string scenario;
    bool has_exam = false;
    bool has_id = false;
    bool has_type = false;
    bool has_scenario = false;
    bool has_stem = false;
    bool has_options = false;
    bool has_prompts = false;
    RawValue domain;
    RawValue answer;
    std::string borderline;
    auto choices = [&](auto& list, bool allow_fixed) {
      list.reserve(8);  // one allocation for the usual four or five
      return in.Array([&] {
        auto& item = list.emplace_back();
        bool has_item_id = false;
        bool has_text = false;
        return in.Object([&](const std::string& key) {
          if (key == "id") return has_item_id = in.String(item.id);
          if (key == "text") return has_text = in.String(item.text);
          if constexpr (std::is_same_v<std::decay_t<decltype(item)>, Option>) {
            if (key == "fixed" && allow_fixed) return in.Bool(item.fixed);
          }
          return false;
        }) && has_item_id && has_text;
      });
    };
    const bool read = in.Object([&](const std::string& key) {
      switch (key.size() > 0 ? key[0] : ' ') {
        case 'i': return key == "id" && (has_id = in.String(q.id));
        case 'e':
          if (key == "exam") return has_exam = in.String(exam_text);
          return key == "explanation" && in.String(q.explanation);
        case 'd':
          if (key != "domain") return false;
          if (in.Next('"')) return domain.kind = RawValue::Kind::kString, in.String(domain.text);
          return domain.kind = RawValue::Kind::kNumber, in.Number(domain.text);
        case 't':
          if (key == "type") return has_type = in.String(type_name);
          if (key == "topic") return in.String(q.topic);
          return key == "tags" && in.Strings(q.tags);
        case 's':
          if (key == "stem") return has_stem = in.String(q.stem);
          return key == "scenario" && (has_scenario = in.String(scenario));
        case 'o': return key == "options" && (has_options = choices(q.options, true));
        case 'p':
          if (key == "prompts") return has_prompts = choices(q.prompts, false);
          return key == "pilot" && in.Bool(q.pilot);
        case 'a':
          if (key != "answer") return false;
          if (in.Next('"')) return answer.kind = RawValue::Kind::kString, in.String(answer.text);
          if (in.Next('[')) return answer.kind = RawValue::Kind::kArray, in.Strings(answer.strings);
          answer.kind = RawValue::Kind::kObject;
          return in.Object([&](const std::string& prompt) {
            answer.keys.push_back(prompt);
            return in.String(answer.strings.emplace_back());
          });
        case 'r': return key == "references" && in.Strings(q.references);
        case 'b': return key == "borderline" && in.Number(borderline);
        default: return false;
      }
    });
    if (!read || !has_id || !has_type || !has_stem || !has_options || answer.kind == RawValue::Kind::kAbsent) return 0;

    // What Question does with the members, wherever it would say something, declined.
    q.bank_id = info_.id;
    q.exam = AsciiUpper(has_exam ? exam_text : default_exam_);
    const Blueprint* exam = ExamOf(q.exam);
    if (domain.kind == RawValue::Kind::kNumber) {
      std::optional<double> v = JsonNumberValue(domain.text);
      if (!v || *v < 1 || *v > 50 || *v != std::floor(*v)) return 0;
      q.domain = static_cast<int>(*v);
    } else if (domain.kind == RawValue::Kind::kString && exam != nullptr) {
      const Domain* found = exam->FindDomainByName(domain.text);
      if (found == nullptr) return 0;
      q.domain = found->number;
    }
    std::optional<ItemType> type = ParseItemType(type_name);
    if (!type) return 0;
    q.type = *type;
    if (has_scenario) {
      auto it = scenarios_.find(scenario);
      if (it == scenarios_.end()) return 0;
      q.scenario_id = std::move(scenario);
      q.scenario_title = it->second.title;
      q.scenario_text = it->second.text;
    }
    if ((q.type == ItemType::kMatching) != has_prompts) return 0;
    if (q.type == ItemType::kMatching) {
      if (answer.kind != RawValue::Kind::kObject) return 0;
      for (const std::string& k : answer.keys) {
        if (std::none_of(q.prompts.begin(), q.prompts.end(), [&](const Prompt& p) { return p.id == k; })) return 0;
      }
      for (const Prompt& p : q.prompts) {
        auto it = std::find(answer.keys.begin(), answer.keys.end(), p.id);
        if (it != answer.keys.end()) q.key.push_back(p.id + "=" + answer.strings[static_cast<size_t>(it - answer.keys.begin())]);
      }
    } else if (answer.kind == RawValue::Kind::kString && q.type == ItemType::kSingle) {
      q.key.push_back(std::move(answer.text));
    } else if (answer.kind == RawValue::Kind::kArray) {
      q.key = std::move(answer.strings);
    } else {
      return 0;
    }
    if (!borderline.empty()) {
      q.borderline = JsonNumberValue(borderline);
      if (!q.borderline) return 0;
    }
    // A repeated id is reported at the id itself: the general reader knows where that is.
    if (q.id.empty() || !seen_ids_.Insert(Hash64(q.id))) return 0;
    const size_t i = index_++;
    if (handler_.fast_count != nullptr) ++*handler_.fast_count;
    const int errors_before = diag_.error_count();
    ValidateQuestion(q, catalog_, [&] { return source_.name() + ":" + where() + ": $.questions[" + std::to_string(i) + "] (" + q.id + ")"; },
                     diag_);
    if (diag_.error_count() == errors_before) keep_going = handler_.question(std::move(q));
    return in.used();
  }

  // The whole top level, once read (its questions array is empty when it was streamed).
  void Finish(const JsonNode& root, bool streamed) {
    if (!header_done_) Header(root);
    if (root.kind != JsonNode::Kind::kObject) return;  // Header said so, once
    JsonObjectReader top(root, "$", source_, diag_);
    // The same members again, for the required ones and the unknown ones.
    top.Any("format_version", true);
    if (!CheckFormatVersion(top)) return;  // reported once, whenever it was read
    top.Any("bank", true);
    top.Any("exam", false);
    top.Any("scenarios", false);
    const JsonNode* questions = top.Array("questions", true);
    top.RejectUnknown();
    if (!ok_) return;
    if (!streamed && questions != nullptr) {
      for (const JsonNode& q : questions->children) {
        if (!Question(q)) return;
      }
    }
    if (questions != nullptr && index_ == 0) diag_.Error(top.Where("questions"), "the bank has no questions");
    if (streamed) {
      // Members after the questions came too late for the questions read as they streamed in.
      for (const char* key : {"bank", "exam", "scenarios"}) {
        if (root.Find(key) != nullptr && std::find(header_keys_.begin(), header_keys_.end(), key) == header_keys_.end()) {
          diag_.Error(top.Where(key), "\"" + std::string(key) + "\" must come before \"questions\" (questions are read as they stream in)");
        }
      }
    }
  }

 private:
  // The exam with this code (a family name is not one), or nullptr; the last one is remembered.
  const Blueprint* ExamOf(const std::string& code) {
    if (code != last_exam_code_) {
      last_exam_ = code.empty() ? nullptr : catalog_.Find(code, "9999-12-31");
      if (last_exam_ != nullptr && last_exam_->code != code) last_exam_ = nullptr;
      last_exam_code_ = code;
    }
    return last_exam_;
  }

  // Whether the file's format_version is one this proctor reads (reporting it if not).
  bool CheckFormatVersion(JsonObjectReader& top) {
    const JsonNode* v = top.Any("format_version", false);
    if (v == nullptr || !ok_) return ok_;
    if (v->kind != JsonNode::Kind::kNumber || v->text != "1") {
      diag_.Error(top.Where("format_version"),
                  "this proctor reads format_version 1; the file says " +
                      (v->kind == JsonNode::Kind::kNumber ? v->text : std::string(JsonKindName(v->kind))));
      ok_ = false;
    }
    return ok_;
  }

  const JsonSource& source_;
  const Catalog& catalog_;
  Diagnostics& diag_;
  const NativeBankHandler& handler_;
  bool header_done_ = false;
  bool ok_ = true;
  std::vector<std::string> header_keys_;
  BankInfo info_;
  std::string default_exam_;
  std::map<std::string, Scenario> scenarios_;
  HashSet64 seen_ids_;
  size_t index_ = 0;
  std::string last_exam_code_;
  const Blueprint* last_exam_ = nullptr;
};

}  // namespace

void StreamNativeBank(ByteSource& input, const std::string& source_name, const Catalog& catalog,
                      Diagnostics& diagnostics, const NativeBankHandler& handler, Hasher64* file_hash) {
  JsonSource source({}, source_name);
  NativeReader reader(source, catalog, diagnostics, handler);
  JsonStreamHooks hooks;
  hooks.array_key = "questions";
  hooks.stream_hint = "put \"bank\" before \"questions\", and the questions are read one at a time";
  // Stream once the bank's id is known; a file with its questions first is read whole.
  bool streamed = false;
  hooks.stream = [&](const JsonNode& so_far) {
    if (so_far.Find("bank") == nullptr) return false;
    reader.Header(so_far);
    return streamed = true;
  };
  hooks.element = [&](JsonNode element) { return reader.Question(element); };
  if (!handler.general_reader_only) {
    hooks.fast_element = [&](std::string_view bytes, const std::function<std::string()>& where, bool& keep_going) {
      return reader.FastQuestion(bytes, where, keep_going);
    };
  }
  bool completed = true;
  JsonNode root = ParseJsonStream(input, source_name, &hooks, file_hash, &completed);
  if (completed) reader.Finish(root, streamed);
}

Bank ReadNativeBank(std::string_view text, const std::string& source_name, const Catalog& catalog,
                    Diagnostics& diag) {
  Bank bank;
  NativeBankHandler handler;
  handler.header = [&](const BankInfo& info) { bank.info = info; };
  handler.question = [&](Question q) {
    bank.questions.push_back(std::move(q));
    return true;
  };
  MemoryByteSource input(text);
  StreamNativeBank(input, source_name, catalog, diag, handler);
  return bank;
}

}  // namespace proctor
