// The study schedule in the database (schema 11): every review in `reviews` (the log, oldest first),
// and each question's FSRS memory state after its last review in `memory_states`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/study.h"

namespace proctor {

class Database;

// Where a review came from.
enum class ReviewKind { kExam, kPractice, kRelearn };
std::string_view ReviewKindName(ReviewKind kind);  // "exam", "practice", "relearn"

struct ReviewRecord {
  std::string bank_id;
  std::string question_id;
  std::string exam;
  int64_t at_ms = 0;
  Rating rating = Rating::kGood;
  ReviewKind kind = ReviewKind::kPractice;
  int64_t attempt_id = 0;  // 0: none
  int position = 0;
  int64_t time_ms = 0;
};

// Appends `review` to the log and applies it to its question's memory state. Call inside the
// caller's write transaction, so the review is saved with the answer that made it. Throws Error.
void RecordReview(Database& db, const ReviewRecord& review);

// Every memory state of `exam`'s questions.
std::vector<StudyCard> LoadCards(Database& db, const std::string& exam);

// One question's memory state, if it was ever reviewed.
std::optional<StudyCard> LoadCard(Database& db, const std::string& bank_id, const std::string& question_id);

// Replays every answer of every finished attempt, in time order, into `reviews` and
// `memory_states` (which must be empty): what schema 11's migration does with the history it finds.
// An answer counts at its attempt's end, with the rating its correctness and time earn.
void ReplayAnswerHistory(Database& db);

}  // namespace proctor
