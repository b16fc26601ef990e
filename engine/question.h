// The question model shared by every bank format, the store and the session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proctor {

// AWS's item types. A case study is not a type of its own: any item with a scenario is one.
enum class ItemType { kSingle, kMultiple, kOrdering, kMatching };

std::string_view ItemTypeName(ItemType type);
// Returns the type named `name` ("single", "multiple", "ordering", "matching"), or nullopt.
std::optional<ItemType> ParseItemType(std::string_view name);

struct Option {
  std::string id;
  std::string text;
  bool fixed = false;  // keeps its place when options are shuffled ("All of the above")
};

struct Prompt {  // the left-hand side of a matching item
  std::string id;
  std::string text;
};

// One learner's answer, in option ids (never screen letters, so statistics survive shuffling):
// single and multiple: the chosen ids in any order; ordering: ids in the learner's order;
// matching: "prompt_id=option_id" per answered prompt. Empty means unanswered.
using Response = std::vector<std::string>;

struct Question {
  std::string bank_id;
  std::string id;
  std::string exam;  // catalog code, upper case
  int domain = 0;    // 1-based blueprint domain; 0 = none (practice only)
  // The bank gave no domain and proctor inferred `domain` (engine/classify.h), with this probability.
  bool domain_inferred = false;
  double domain_confidence = 0.0;
  ItemType type = ItemType::kSingle;
  std::string scenario_id;  // non-empty for case-study items
  std::string scenario_title;
  std::string scenario_text;
  std::string stem;
  std::vector<Option> options;
  std::vector<Prompt> prompts;  // matching only
  Response key;                 // same encoding as a Response
  std::string explanation;
  std::vector<std::string> references;
  std::vector<std::string> tags;
  std::string topic;  // the one fact the question tests ("s3-object-lock-compliance"); "" if none
  std::optional<double> borderline;  // P(minimally competent candidate answers right), in (0, 1)
  bool pilot = false;

  // How many options a multiple-response item wants ("Choose N"); 1 for single.
  int ChooseCount() const { return static_cast<int>(key.size()); }
  const Option* FindOption(std::string_view option_id) const;
};

// The borderline probability used when a bank gives none.
inline constexpr double kDefaultBorderline = 0.70;

// Returns true if `response` earns the item: all-or-nothing for every type.
bool IsCorrect(const Question& question, const Response& response);

// How far a response goes: nothing chosen, fewer choices than the question asks (a multiple-response
// item with 1 of 2, an ordering with some steps placed, a matching with some prompts paired), or
// complete. An incomplete response is scored (and wrong), but the screens show it apart, as the
// real exam's review screen does.
enum class ResponseState { kUnanswered, kIncomplete, kAnswered };
ResponseState StateOf(const Question& question, const Response& response);

// Joins a response for storage ("a,c"); ids never contain ','.
std::string EncodeResponse(const Response& response);
Response DecodeResponse(std::string_view encoded);

// A stable 64-bit FNV-1a hash, as 16 hex digits; used for change detection, not security.
std::string HashHex(std::string_view data);

// A question's place in the random order drawing uses: a stable, well-mixed number in
// [0, 2^63) from its bank and id (the same after every re-import).
int64_t DrawKey(std::string_view bank_id, std::string_view question_id);

// Collapses white space and lower-cases ASCII, for comparing question text.
std::string NormalizeText(std::string_view text);

// The content fingerprint of a question (normalized stem and options, in any order): two questions
// with the same fingerprint are the same question, whatever their banks and ids, and whatever
// trailing punctuation or spacing ends each part. Stored: a change here needs a migration that
// computes it again (engine/store/migrations.cc).
std::string Fingerprint(const Question& question);

// Returns "TWO", "THREE", ... for 2..10, else the number.
std::string CountWord(int n);

// Returns true if `id` is a valid question, option, prompt or scenario id: 1-64 of A-Z a-z 0-9 . _ -
bool IsValidId(std::string_view id);

// Returns true if `topic` is a valid topic: 1-64 of a-z 0-9 in words joined by single '-'.
bool IsValidTopic(std::string_view topic);

// Returns true if `id` is a valid bank id: 1-64 of a-z 0-9 . _ -
bool IsValidBankId(std::string_view id);

struct BankInfo {
  std::string id;
  std::string title;
  std::string description;
  std::string version;
  std::string license;
  std::vector<std::string> authors;
};

struct Bank {
  BankInfo info;
  std::vector<Question> questions;
};

}  // namespace proctor
