#include "engine/study.h"

#include <algorithm>
#include <cmath>

namespace proctor {

namespace {

constexpr int64_t kDayMs = 86'400'000;

int Words(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

double ExpectedSeconds(const Question& q) {
  int words = Words(q.stem);
  for (const Option& o : q.options) words += Words(o.text);
  for (const Prompt& p : q.prompts) words += Words(p.text);
  return 10.0 + 0.4 * words;
}

Rating RateAnswer(const Question& q, bool correct, int64_t time_ms) {
  return RateAnswer(correct, time_ms, ExpectedSeconds(q));
}

Rating RateAnswer(bool correct, int64_t time_ms, double expected) {
  if (!correct) return Rating::kAgain;
  if (time_ms <= 0) return Rating::kGood;
  const double seconds = static_cast<double>(time_ms) / 1000.0;
  if (seconds <= 0.5 * expected) return Rating::kEasy;
  if (seconds > 2.0 * expected) return Rating::kHard;
  return Rating::kGood;
}

int64_t StudyCard::DueMs(double retention) const {
  if (reviews == 0) return 0;
  if (last_rating == Rating::kAgain) return last_review_ms + kRelearnStepMs;
  const double days = std::round(Fsrs::IntervalDays(memory.stability, retention));
  const int64_t whole = std::clamp<int64_t>(static_cast<int64_t>(days), 1, kMaxIntervalDays);
  return last_review_ms + whole * kDayMs;
}

void ApplyReview(StudyCard& card, Rating rating, int64_t at_ms, const Fsrs& fsrs) {
  const int64_t elapsed_days = card.reviews == 0 ? 0 : std::max<int64_t>(0, (at_ms - card.last_review_ms) / kDayMs);
  card.memory = fsrs.Review(card.reviews == 0 ? nullptr : &card.memory, rating, elapsed_days);
  card.last_review_ms = at_ms;
  card.last_rating = rating;
  ++card.reviews;
  if (rating == Rating::kAgain) ++card.lapses;
}

}  // namespace proctor
