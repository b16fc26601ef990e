#include "engine/start_attempt.h"

#include <algorithm>

#include "engine/assemble.h"
#include "engine/error.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"

namespace proctor {

int AttemptMinutes(const Blueprint& b, const AttemptOptions& options) {
  int minutes = b.minutes;
  if (options.minutes) {
    minutes = *options.minutes;
  } else if (options.questions > 0 && options.questions < b.total_questions) {
    minutes = (b.minutes * options.questions + b.total_questions - 1) / b.total_questions;
  }
  return minutes + (options.esl ? 30 : 0);
}

Attempt StartExamAttempt(Database& db, const Blueprint& b, const AttemptOptions& options, int64_t now_ms) {
  if (options.questions < 0 || options.questions > b.total_questions) {
    throw UsageError("--questions must be between 1 and " + std::to_string(b.total_questions) + " for " + b.code);
  }
  if (options.minutes && (*options.minutes < 1 || *options.minutes > 1440)) {
    throw UsageError("--minutes must be between 1 and 1440");
  }
  FormShape shape = ShapeForm(b, options.questions);
  std::vector<Candidate> pool = LoadCandidates(db, b.code);
  if (!options.banks.empty()) {
    std::erase_if(pool, [&](const Candidate& c) {
      return std::find(options.banks.begin(), options.banks.end(), c.bank_id) == options.banks.end();
    });
    if (pool.empty()) {
      std::string names;
      for (const std::string& id : options.banks) names += (names.empty() ? "" : ", ") + id;
      throw Error("no questions for " + b.code + " in bank " + names + " (see 'proctor exams' and your imports)");
    }
  }
  std::vector<FormItem> form = AssembleForm(b, shape, std::move(pool), options.seed);

  Attempt attempt;
  attempt.mode = AttemptMode::kExam;
  attempt.blueprint = b;
  attempt.seed = options.seed;
  attempt.started_ms = now_ms;
  attempt.minutes = AttemptMinutes(b, options);
  attempt.deadline_ms = now_ms + int64_t{attempt.minutes} * 60000;
  for (FormItem& f : form) {
    AttemptItem item;
    item.question = LoadQuestion(db, f.bank_id, f.question_id);
    item.option_order = ShuffleOptions(item.question, options.seed);
    item.form = std::move(f);
    attempt.items.push_back(std::move(item));
  }
  CreateAttempt(db, attempt);
  return attempt;
}

}  // namespace proctor
