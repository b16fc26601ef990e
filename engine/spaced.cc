#include "engine/spaced.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/store/database.h"

namespace proctor {

ReviewState NextReview(const ReviewState& s, bool correct, int64_t at_ms) {
  constexpr int64_t kDayMs = 86'400'000;
  ReviewState next = s;
  const int q = correct ? 4 : 1;
  if (q >= 3) {
    next.interval_days = s.repetitions == 0 ? 1 : s.repetitions == 1 ? 6 : static_cast<int>(std::lround(s.interval_days * s.easiness));
    ++next.repetitions;
  } else {
    next.repetitions = 0;
    next.interval_days = 1;
  }
  next.easiness = std::max(1.3, s.easiness + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
  next.last_ms = at_ms;
  next.due_ms = at_ms + int64_t{next.interval_days} * kDayMs;
  return next;
}

std::vector<QuestionHistory> AnswerHistory(Database& db, const std::string& exam) {
  Statement s(db, R"sql(
      SELECT i.bank_id, i.question_id, i.correct, coalesce(a.finished_at, a.started_at) AS at
        FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id
       WHERE a.exam = ?1 AND a.status <> 'in_progress' AND i.response <> '' AND i.correct IS NOT NULL
       ORDER BY at, a.id, i.position)sql");
  s.Bind(1, exam);
  std::map<std::pair<std::string, std::string>, QuestionHistory> by_question;
  while (s.Step()) {
    QuestionHistory& h = by_question[{s.Text(0), s.Text(1)}];
    h.bank_id = s.Text(0);
    h.question_id = s.Text(1);
    const bool right = s.Int(2) != 0;
    ++h.answers;
    h.right += right;
    h.last_right = right;
    h.review = NextReview(h.review, right, s.Int(3));
  }
  std::vector<QuestionHistory> out;
  for (auto& [key, h] : by_question) out.push_back(std::move(h));
  return out;
}

}  // namespace proctor
