// Spaced repetition with SM-2 (P. Wozniak, 1990), computed from the answer history itself so the
// schedule can never drift from what was answered.
//
// Each answer is graded 4 when right and 1 when wrong (proctor does not ask for a self-grade).
// Right: the interval goes 1 day, 6 days, then interval x easiness; wrong: back to 1 day and the
// repetition count restarts. Easiness starts at 2.5, changes by 0.1 - (5-q)(0.08 + (5-q)0.02) after
// each answer (0 for a right answer, -0.54 for a wrong one) and never goes below 1.3.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace proctor {

class Database;

struct ReviewState {
  double easiness = 2.5;
  int repetitions = 0;
  int interval_days = 0;
  int64_t last_ms = 0;  // when it was last answered
  int64_t due_ms = 0;   // when it is next due; 0 = never answered
};

// The state after one more answer at `at_ms`.
ReviewState NextReview(const ReviewState& state, bool correct, int64_t at_ms);

struct QuestionHistory {
  std::string bank_id;
  std::string question_id;
  int answers = 0;
  int right = 0;
  bool last_right = false;
  ReviewState review;
};

// Every question of `exam` this learner has answered, exam and practice, replayed in time order.
// An answer counts at its attempt's finish; unanswered items and attempts still in progress (whose
// answers may yet change) do not.
std::vector<QuestionHistory> AnswerHistory(Database& db, const std::string& exam);

}  // namespace proctor
