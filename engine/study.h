// How proctor studies with FSRS-5 (engine/fsrs.h): the rating an answer earns, and when a question
// comes due. Every answer is a review: practice answers when given, a missed question answered again
// later in the same session, and an exam's answers when the exam ends. docs/study.md explains it all.
#pragma once

#include <cstdint>
#include <string>

#include "engine/fsrs.h"
#include "engine/question.h"

namespace proctor {

// The chance of recall a learner wants when a question comes due (FSRS's "desired retention").
inline constexpr double kDefaultRetention = 0.9;
inline constexpr double kMinRetention = 0.70;
inline constexpr double kMaxRetention = 0.99;

// A question answered wrong is due again this soon (FSRS's relearning step; Anki's default is 10 minutes).
inline constexpr int64_t kRelearnStepMs = 10 * 60'000;
// `practice --due` takes what comes due within this long too (Anki's "learn ahead limit", 20
// minutes): a question missed in the exam that just ended is offered at once.
inline constexpr int64_t kLearnAheadMs = 20 * 60'000;
// The longest interval (FSRS's maximum_interval default, 100 years).
inline constexpr int64_t kMaxIntervalDays = 36'500;

// How long a learner who knows the answer takes to read and answer `question`: 10 seconds plus 0.4
// seconds a word of the stem, the options and the matching prompts (a case study's shared scenario
// is not counted: it is read once for several questions).
double ExpectedSeconds(const Question& question);

// The rating an answer earns: Again when wrong (an incomplete answer is wrong); when right, Easy if
// it took at most half the expected time, Hard if more than twice, Good otherwise (and Good when the
// time is unknown, 0).
Rating RateAnswer(const Question& question, bool correct, int64_t time_ms);
// The same, given the question's expected seconds.
Rating RateAnswer(bool correct, int64_t time_ms, double expected_seconds);

// A question's memory state as stored: FSRS's stability and difficulty after its last review.
struct StudyCard {
  std::string bank_id;
  std::string question_id;
  std::string exam;
  MemoryState memory;
  int64_t last_review_ms = 0;
  Rating last_rating = Rating::kGood;
  int reviews = 0;  // 0: never reviewed
  int lapses = 0;   // reviews rated Again

  // When it is next due at `retention`: kRelearnStepMs after an Again; otherwise the FSRS interval
  // at which recall falls to `retention`, rounded to whole days, at least 1 and at most kMaxIntervalDays.
  int64_t DueMs(double retention) const;
};

// Applies one review at `at_ms` (reviews must come in time order): the memory state follows FSRS-5,
// with a review less than 24 hours after the last one handled as a same-day review.
void ApplyReview(StudyCard& card, Rating rating, int64_t at_ms, const Fsrs& fsrs = Fsrs());

}  // namespace proctor
