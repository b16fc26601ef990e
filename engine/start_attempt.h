// Starting an attempt: draw a form from the store, snapshot its questions, and write it all to
// the database before the first question is shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/session.h"
#include "engine/store/database.h"
#include "engine/study.h"

namespace proctor {

struct AttemptOptions {
  uint64_t seed = 0;
  int questions = 0;           // 0: the full form
  std::optional<int> minutes;  // overrides the exam's clock (before any accommodation)
  bool esl = false;            // +30 minutes, AWS's accommodation for non-native speakers
  std::vector<std::string> banks;  // draw only from these bank ids (empty: every bank)
  bool any_domain = false;         // fill a short domain's scored items from the other domains
};

// The minutes an attempt gets: the exam's clock, scaled down for a shorter form (rounded up),
// or the override; +30 with esl.
int AttemptMinutes(const Blueprint& blueprint, const AttemptOptions& options);

// Draws an exam form and loads its questions, writing nothing: the attempt has no id and its clock
// has not started (CreateAttempt with a clock starts it). Throws as StartExamAttempt does.
Attempt DrawExamAttempt(Database& db, const Blueprint& blueprint, const AttemptOptions& options);

// Draws and stores a new exam attempt starting at `now_ms`. Throws Error when the banks cannot
// fill the form (with the numbers), UsageError for options out of range.
Attempt StartExamAttempt(Database& db, const Blueprint& blueprint, const AttemptOptions& options,
                         int64_t now_ms);

struct PracticeOptions {
  uint64_t seed = 0;
  int count = 10;
  int domain = 0;              // 0: every domain (and questions without one)
  bool missed = false;         // only questions whose last answer was wrong
  bool due = false;            // only questions due for review (FSRS-5, see engine/study.h)
  double retention = kDefaultRetention;  // FSRS's desired retention: when a question comes due
  std::optional<int> minutes;  // a clock for the session, if wanted
  std::vector<std::string> banks;
};

// Picks and stores a practice session: questions due for review first, then ones never seen, then
// the longest unseen; any item type the bank has. Throws Error when nothing matches.
Attempt StartPracticeAttempt(Database& db, const Blueprint& blueprint, const PracticeOptions& options,
                             int64_t now_ms);

}  // namespace proctor
