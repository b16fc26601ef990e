#include "engine/validate.h"

#include <set>

#include "engine/text.h"

namespace proctor {

namespace {

std::string OptionList(const Question& q) {
  std::string out;
  for (const Option& o : q.options) out += (out.empty() ? "" : ", ") + o.id;
  return out;
}

}  // namespace

void ValidateQuestion(const Question& q, const Catalog& catalog, const std::string& where,
                      Diagnostics& diag, bool note_gaps) {
  ValidateQuestion(q, catalog, [&] { return where; }, diag, note_gaps);
}

void ValidateQuestion(const Question& q, const Catalog& catalog, const std::function<std::string()>& place,
                      Diagnostics& diag, bool note_gaps) {
  std::string where_cache;
  const auto where_text = [&]() -> const std::string& {
    if (where_cache.empty()) where_cache = place();
    return where_cache;
  };
  const auto error = [&](const std::string& m) { diag.Error(where_text(), m); };
  if (!IsValidId(q.id)) error("question id \"" + q.id + "\" must be 1-64 of A-Z a-z 0-9 . _ -");
  if (Trim(q.stem).empty()) error("the stem is empty");
  // The longest shipped question is under 4 KiB; a text of more than 64 KiB is not an exam item
  // (a file joined into one question, or a hostile one), and every screen would have to carry it.
  size_t text = q.stem.size() + q.explanation.size();
  for (const Option& o : q.options) text += o.text.size();
  for (const Prompt& p : q.prompts) text += p.text.size();
  if (text > kMaxQuestionTextBytes) {
    error("the question's text is " + std::to_string((text + 1023) / 1024) + " KiB; proctor takes questions up to " +
          std::to_string(kMaxQuestionTextBytes / 1024) + " KiB (is a closing mark missing before this point?)");
  }
  if (!q.topic.empty() && !IsValidTopic(q.topic)) {
    error("topic \"" + q.topic + "\" must be 1-64 of a-z 0-9 in words joined by '-' (s3-object-lock-compliance)");
  }

  const Blueprint* exam = nullptr;
  for (const Blueprint& b : catalog.exams()) {
    if (b.code == q.exam) exam = &b;
  }
  if (q.exam.empty()) {
    error("no exam: give \"exam\" on the question or at the top of the file");
  } else if (exam == nullptr) {
    error("unknown exam \"" + q.exam + "\"");
  } else if (q.domain != 0 && exam->FindDomain(q.domain) == nullptr) {
    error(q.exam + " has domains 1-" + std::to_string(exam->domains.size()) + ", not " +
          std::to_string(q.domain));
  }

  std::set<std::string> option_ids;
  for (const Option& o : q.options) {
    if (!IsValidId(o.id)) error("option id \"" + o.id + "\" must be 1-64 of A-Z a-z 0-9 . _ -");
    if (!option_ids.insert(o.id).second) error("option id \"" + o.id + "\" appears twice");
    if (Trim(o.text).empty()) error("option \"" + o.id + "\" has no text");
  }
  for (const std::string& k : q.key) {
    std::string option = k;
    if (q.type == ItemType::kMatching) option = k.substr(k.find('=') + 1);
    if (!option_ids.count(option)) {
      error("the answer names option \"" + option + "\", which is not one of the options (" +
            OptionList(q) + ")");
    }
  }
  std::set<std::string> key_set(q.key.begin(), q.key.end());
  if (key_set.size() != q.key.size()) error("the answer names an option twice");

  const size_t n = q.options.size();
  // Options are lettered A-Z on screen and chosen by letter: a 27th could be neither shown nor chosen.
  if (n > kMaxOptions) {
    error("a question has at most " + std::to_string(kMaxOptions) + " options (lettered A-Z; AWS items have at most 8), found " +
          std::to_string(n));
  }
  switch (q.type) {
    case ItemType::kSingle:
      if (n < 2) error("a single-answer question needs at least 2 options, found " + std::to_string(n));
      if (q.key.size() != 1) error("a single-answer question needs exactly 1 answer, found " + std::to_string(q.key.size()));
      break;
    case ItemType::kMultiple:
      if (n < 3) error("a multiple-response question needs at least 3 options, found " + std::to_string(n));
      if (q.key.size() < 2 || q.key.size() >= n) {
        error("a multiple-response question needs 2 or more answers and fewer than its " +
              std::to_string(n) + " options, found " + std::to_string(q.key.size()));
      }
      break;
    case ItemType::kOrdering:
      if (n < 3 || n > 5) error("an ordering question needs 3-5 steps, found " + std::to_string(n));
      if (q.key.size() != n) error("an ordering answer must list every step once");
      break;
    case ItemType::kMatching: {
      if (q.prompts.size() < 3 || q.prompts.size() > 7) {
        error("a matching question needs 3-7 prompts, found " + std::to_string(q.prompts.size()));
      }
      if (n < 2) error("a matching question needs at least 2 responses");
      std::set<std::string> prompt_ids;
      for (const Prompt& p : q.prompts) {
        if (!IsValidId(p.id)) error("prompt id \"" + p.id + "\" must be 1-64 of A-Z a-z 0-9 . _ -");
        if (!prompt_ids.insert(p.id).second) error("prompt id \"" + p.id + "\" appears twice");
        if (Trim(p.text).empty()) error("prompt \"" + p.id + "\" has no text");
      }
      std::set<std::string> answered;
      for (const std::string& k : q.key) answered.insert(k.substr(0, k.find('=')));
      if (answered != prompt_ids) error("the answer must pair every prompt with exactly one option");
      break;
    }
  }
  if (q.type != ItemType::kMatching && !q.prompts.empty()) error("only matching questions have prompts");

  if (q.borderline && !(*q.borderline > 0.0 && *q.borderline < 1.0)) {
    error("borderline must be strictly between 0 and 1");
  }
  for (const std::string& ref : q.references) {
    if (ref.rfind("https://", 0) != 0 && ref.rfind("http://", 0) != 0) {
      error("reference \"" + ref + "\" is not an http(s) link");
    }
  }
  if (note_gaps && Trim(q.explanation).empty()) diag.Warning(where_text(), "no explanation");
  if (note_gaps && q.domain == 0 && exam != nullptr) {
    diag.Warning(where_text(), "no domain: the question can be practised but is never drawn for an exam");
  }
  if (exam != nullptr && !exam->AllowsType(q.type)) {
    diag.Warning(where_text(), q.exam + " does not use " + std::string(ItemTypeName(q.type)) +
                            " items: the question is practice only");
  }
}

}  // namespace proctor
