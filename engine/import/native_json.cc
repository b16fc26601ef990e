#include "engine/import/native_json.h"

#include <cmath>
#include <map>
#include <set>

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

}  // namespace

Bank ReadNativeBank(std::string_view text, const std::string& source_name, const Catalog& catalog,
                    Diagnostics& diag) {
  JsonSource source(text, source_name);
  JsonNode root = ParseJson(source);
  Bank bank;
  JsonObjectReader top(root, "$", source, diag);
  if (!top.is_object()) return bank;

  if (const JsonNode* v = top.Any("format_version", true)) {
    if (v->kind != JsonNode::Kind::kNumber || v->text != "1") {
      diag.Error(top.Where("format_version"),
                 "this proctor reads format_version 1; the file says " +
                     (v->kind == JsonNode::Kind::kNumber ? v->text : std::string(JsonKindName(v->kind))));
      return bank;
    }
  }
  if (const JsonNode* info = top.Object("bank", true)) {
    JsonObjectReader r(*info, "$.bank", source, diag);
    bank.info.id = r.String("id", true).value_or("");
    if (!bank.info.id.empty() && !IsValidBankId(bank.info.id)) {
      diag.Error(r.Where("id"), "bank id \"" + bank.info.id + "\" must be 1-64 of a-z 0-9 . _ -");
    }
    bank.info.title = r.String("title", true).value_or("");
    bank.info.description = r.String("description", false).value_or("");
    bank.info.version = r.String("version", false).value_or("");
    bank.info.license = r.String("license", false).value_or("");
    bank.info.authors = r.StringArray("authors", false);
    r.RejectUnknown();
  }
  std::string default_exam = AsciiUpper(top.String("exam", false).value_or(""));

  std::map<std::string, Scenario> scenarios;
  if (const JsonNode* array = top.Array("scenarios", false)) {
    for (size_t i = 0; i < array->children.size(); ++i) {
      JsonObjectReader r(array->children[i], "$.scenarios[" + std::to_string(i) + "]", source, diag);
      if (!r.is_object()) continue;
      std::string id = r.String("id", true).value_or("");
      Scenario s{r.String("title", false).value_or(""), r.String("text", true).value_or("")};
      r.RejectUnknown();
      if (!IsValidId(id)) diag.Error(r.Where("id"), "scenario id \"" + id + "\" must be 1-64 of A-Z a-z 0-9 . _ -");
      if (!scenarios.emplace(id, std::move(s)).second) diag.Error(r.Where("id"), "scenario id \"" + id + "\" appears twice");
    }
  }

  const JsonNode* questions = top.Array("questions", true);
  top.RejectUnknown();
  if (questions == nullptr) return bank;
  if (questions->children.empty()) diag.Error(top.Where("questions"), "the bank has no questions");

  std::set<std::string> seen_ids;
  for (size_t i = 0; i < questions->children.size(); ++i) {
    std::string path = "$.questions[" + std::to_string(i) + "]";
    int errors_before = diag.error_count();
    JsonObjectReader r(questions->children[i], path, source, diag);
    if (!r.is_object()) continue;
    Question q;
    q.bank_id = bank.info.id;
    q.id = r.String("id", true).value_or("");
    q.exam = AsciiUpper(r.String("exam", false).value_or(default_exam));
    const Blueprint* exam = q.exam.empty() ? nullptr : catalog.Find(q.exam, "9999-12-31");
    if (exam != nullptr && exam->code != q.exam) exam = nullptr;  // a family is not an exam code
    if (const JsonNode* d = r.Any("domain", false)) {
      if (d->kind == JsonNode::Kind::kNumber) {
        std::optional<double> v = JsonNumberValue(d->text);
        // Range first: converting an out-of-range double to int is undefined behaviour.
        if (!v || *v < 1 || *v > 50 || *v != std::floor(*v)) {
          diag.Error(r.Where("domain"), "a domain number is a whole number from 1, found " + d->text);
        } else {
          q.domain = static_cast<int>(*v);
        }
      } else if (d->kind == JsonNode::Kind::kString) {
        const Domain* found = exam ? exam->FindDomainByName(d->text) : nullptr;
        if (found != nullptr) {
          q.domain = found->number;
        } else if (exam != nullptr) {
          diag.Error(r.Where("domain"), q.exam + " has no domain named \"" + d->text + "\"");
        }
      } else {
        diag.Error(r.Where("domain"), "expected a domain number or name, found " + std::string(JsonKindName(d->kind)));
      }
    }
    std::optional<std::string> type_name = r.String("type", true);
    std::optional<ItemType> type = type_name ? ParseItemType(*type_name) : std::nullopt;
    if (type_name && !type) {
      diag.Error(r.Where("type"), "unknown type \"" + *type_name + "\" (single, multiple, ordering or matching)");
    }
    q.type = type.value_or(ItemType::kSingle);
    if (std::optional<std::string> sid = r.String("scenario", false)) {
      auto it = scenarios.find(*sid);
      if (it == scenarios.end()) {
        diag.Error(r.Where("scenario"), "no scenario with id \"" + *sid + "\" in $.scenarios");
      } else {
        q.scenario_id = *sid;
        q.scenario_title = it->second.title;
        q.scenario_text = it->second.text;
      }
    }
    q.stem = r.String("stem", true).value_or("");
    if (!r.Array("options", true)) {
      // reported by Array()
    }
    q.options = ReadChoices<Option>(r, "options", true, source, diag);
    if (q.type == ItemType::kMatching) {
      if (r.Array("prompts", true)) q.prompts = ReadChoices<Prompt>(r, "prompts", false, source, diag);
    } else if (r.Any("prompts", false)) {
      diag.Error(r.Where("prompts"), "only matching questions have prompts");
    }
    if (type || !type_name) q.key = ReadAnswer(r, q.type, q, diag);
    q.explanation = r.String("explanation", false).value_or("");
    q.references = r.StringArray("references", false);
    q.tags = r.StringArray("tags", false);
    q.borderline = r.Number("borderline", false);
    q.pilot = r.Bool("pilot", false).value_or(false);
    r.RejectUnknown();

    if (!q.id.empty() && !seen_ids.insert(q.id).second) {
      diag.Error(r.Where("id"), "question id \"" + q.id + "\" appears twice in this bank");
    }
    if (diag.error_count() == errors_before) {
      ValidateQuestion(q, catalog, [&] { return r.Where() + " (" + q.id + ")"; }, diag);
    }
    if (diag.error_count() == errors_before) bank.questions.push_back(std::move(q));
  }
  return bank;
}

}  // namespace proctor
