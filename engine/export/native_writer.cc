// proctor's own JSON (question_banks/README.md, "The native bank format"): it holds every field of
// the model, so this is the lossless export. Written with `bank` before `questions`, as the shipped
// banks are, so `proctor import` streams it back in flat memory.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "engine/export/writers.h"

namespace proctor {

namespace {

// RFC 8259: quote, backslash and every C0 control escaped; the rest (valid UTF-8 already) as is.
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string Json(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

// The shortest decimal that reads back as the same double.
std::string JsonNumber(double value) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

std::string JsonStrings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Json(items[i]);
  return out + "]";
}

std::string Answer(const Question& q) {
  if (q.type == ItemType::kSingle && q.key.size() == 1) return Json(q.key[0]);
  if (q.type != ItemType::kMatching) return JsonStrings(q.key);
  std::string out = "{";
  for (size_t i = 0; i < q.key.size(); ++i) {
    const std::string& pair = q.key[i];
    const size_t eq = pair.find('=');
    out += (i ? ", " : "") + Json(pair.substr(0, eq)) + ": " + Json(eq == std::string::npos ? "" : pair.substr(eq + 1));
  }
  return out + "}";
}

void AppendQuestion(std::string& out, const Question& q, bool own_exam) {
  out += "    {\n      \"id\": " + Json(q.id);
  if (own_exam) out += ",\n      \"exam\": " + Json(q.exam);
  // A domain proctor inferred is not the bank's: an import infers it again.
  if (q.domain != 0 && !q.domain_inferred) out += ",\n      \"domain\": " + std::to_string(q.domain);
  out += ",\n      \"type\": " + Json(ItemTypeName(q.type));
  if (!q.scenario_id.empty()) out += ",\n      \"scenario\": " + Json(q.scenario_id);
  out += ",\n      \"stem\": " + Json(q.stem) + ",\n      \"options\": [";
  for (size_t i = 0; i < q.options.size(); ++i) {
    const Option& o = q.options[i];
    out += std::string(i ? "," : "") + "\n        {\"id\": " + Json(o.id) + ", \"text\": " + Json(o.text) +
           (o.fixed ? ", \"fixed\": true}" : "}");
  }
  out += "\n      ]";
  if (!q.prompts.empty()) {
    out += ",\n      \"prompts\": [";
    for (size_t i = 0; i < q.prompts.size(); ++i) {
      out += std::string(i ? "," : "") + "\n        {\"id\": " + Json(q.prompts[i].id) + ", \"text\": " + Json(q.prompts[i].text) + "}";
    }
    out += "\n      ]";
  }
  out += ",\n      \"answer\": " + Answer(q);
  if (!q.explanation.empty()) out += ",\n      \"explanation\": " + Json(q.explanation);
  if (!q.references.empty()) out += ",\n      \"references\": " + JsonStrings(q.references);
  if (!q.tags.empty()) out += ",\n      \"tags\": " + JsonStrings(q.tags);
  if (!q.topic.empty()) out += ",\n      \"topic\": " + Json(q.topic);
  if (q.borderline) out += ",\n      \"borderline\": " + JsonNumber(*q.borderline);
  if (q.pilot) out += ",\n      \"pilot\": true";
  out += "\n    }";
}

}  // namespace

std::string WriteNativeBank(const Bank& bank, const std::vector<const Question*>& questions) {
  // The exam most questions share is the bank's default; the others name their own.
  std::map<std::string, int> exams;
  for (const Question* q : questions) ++exams[q->exam];
  std::string exam;
  int most = 0;
  for (const auto& [code, n] : exams) {
    if (n > most) exam = code, most = n;
  }
  std::string out = "{\n  \"format_version\": 1,\n  \"bank\": {\n    \"id\": " + Json(bank.info.id) +
                    ",\n    \"title\": " + Json(bank.info.title);
  if (!bank.info.description.empty()) out += ",\n    \"description\": " + Json(bank.info.description);
  if (!bank.info.version.empty()) out += ",\n    \"version\": " + Json(bank.info.version);
  if (!bank.info.license.empty()) out += ",\n    \"license\": " + Json(bank.info.license);
  if (!bank.info.authors.empty()) out += ",\n    \"authors\": " + JsonStrings(bank.info.authors);
  out += "\n  }";
  if (!exam.empty()) out += ",\n  \"exam\": " + Json(exam);
  // Scenarios once each, in the order their first question comes.
  std::set<std::string> seen;
  std::string scenarios;
  for (const Question* q : questions) {
    if (q->scenario_id.empty() || !seen.insert(q->scenario_id).second) continue;
    scenarios += std::string(scenarios.empty() ? "" : ",") + "\n    {\"id\": " + Json(q->scenario_id);
    if (!q->scenario_title.empty()) scenarios += ", \"title\": " + Json(q->scenario_title);
    scenarios += ", \"text\": " + Json(q->scenario_text) + "}";
  }
  if (!scenarios.empty()) out += ",\n  \"scenarios\": [" + scenarios + "\n  ]";
  out += ",\n  \"questions\": [";
  for (size_t i = 0; i < questions.size(); ++i) {
    out += i ? ",\n" : "\n";
    AppendQuestion(out, *questions[i], questions[i]->exam != exam);
  }
  out += "\n  ]\n}\n";
  return out;
}

}  // namespace proctor
