// A question as a learner's file describes it (Markdown, GIFT, Moodle XML, CSV...), before proctor
// settles its id, exam, domain and type. Every format's reader produces drafts; FinishDraft turns
// them into a Bank with the same checks for all.
#pragma once

#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/diagnostics.h"
#include "engine/question.h"

namespace proctor {

struct DraftOption {
  std::string text;
  bool correct = false;
};

// One pair of a matching question: a prompt and the response that goes with it.
struct DraftPair {
  std::string prompt;
  std::string response;
};

struct DraftQuestion {
  int line = 0;  // where the question starts in its file
  std::string stem;
  // A choice question's options. For a matching question, the responses that pair with no prompt
  // (distractors), if any.
  std::vector<DraftOption> options;
  // A matching question's pairs, in file order (3-7 make a valid item). Responses may repeat: each
  // distinct response text becomes one option.
  std::vector<DraftPair> pairs;
  std::string explanation;
  std::vector<std::string> references;
  std::string exam;      // as the file gives it, or empty
  std::string domain;    // a number or a domain name, as the file gives it, or empty
  std::string category;  // GIFT / Moodle category path; its last part may name a domain. Kept as a tag.
  std::vector<std::string> tags;  // tags the file gives the question (Moodle XML <tags>)
};

struct Skipped {
  int line = 0;
  std::string reason;  // counted in the summary, so keep it short and fixed ("short-answer question")
};

struct DraftBank {
  std::string format;  // "checklist-markdown", "lettered", "gift", "moodle-xml", "csv"
  std::vector<DraftQuestion> questions;
  std::vector<Skipped> skipped;
};

struct ImportSettings {
  std::string bank_id;  // default: derived from the file name
  std::string title;    // default: the file name
  std::string exam;     // for questions whose file does not name one (--exam)
  std::string domain;   // for questions whose file gives no domain (--domain): a number or a name
};

// Settles every draft: id (from the stem, so re-importing matches it), exam, domain, type and key,
// then validates it like a native question. Problems go to `diagnostics` as "file:line: ..."; a
// question with an error is left out, and counted in `*invalid` if given. A problem of the whole
// file (no exam given) is reported once, not for each question. Skipped drafts are reported as
// warnings beginning "skipped: ".
Bank FinishDraft(const DraftBank& draft, const std::string& file_name, const ImportSettings& settings,
                 const Catalog& catalog, Diagnostics& diagnostics, int* invalid = nullptr);

// A bank id from a file name: "My AWS Notes.md" -> "my-aws-notes.md".
std::string BankIdFromFileName(const std::string& file_name);

}  // namespace proctor
