#include "engine/session.h"

#include <algorithm>
#include <climits>

namespace proctor {

std::string_view AttemptStatusName(AttemptStatus status) {
  switch (status) {
    case AttemptStatus::kInProgress: return "in_progress";
    case AttemptStatus::kSubmitted: return "submitted";
    case AttemptStatus::kExpired: return "expired";
  }
  return "in_progress";
}

std::optional<AttemptStatus> ParseAttemptStatus(std::string_view name) {
  if (name == "in_progress") return AttemptStatus::kInProgress;
  if (name == "submitted") return AttemptStatus::kSubmitted;
  if (name == "expired") return AttemptStatus::kExpired;
  return std::nullopt;
}

std::string_view AttemptModeName(AttemptMode mode) {
  return mode == AttemptMode::kExam ? "exam" : "practice";
}

ScoreReport ScoreAttempt(const Attempt& attempt) {
  std::vector<ScoredItem> scored;
  scored.reserve(attempt.items.size());
  for (const AttemptItem& item : attempt.items) {
    scored.push_back({item.form.domain, item.form.scored,
                      item.question.borderline.value_or(kDefaultBorderline),
                      IsCorrect(item.question, item.response)});
  }
  return Score(attempt.blueprint, scored);
}

Session::Session(Attempt attempt, const Clock& clock, AttemptLog& log)
    : attempt_(std::move(attempt)), clock_(clock), log_(log), entered_ms_(clock.NowMs()) {
  attempt_.position = std::clamp(attempt_.position, 0, std::max(size() - 1, 0));
  if (!in_progress()) report_ = ScoreAttempt(attempt_);
}

int Session::answered_count() const {
  return static_cast<int>(std::count_if(attempt_.items.begin(), attempt_.items.end(), [](const AttemptItem& i) {
    return StateOf(i.question, i.response) == ResponseState::kAnswered;
  }));
}

int Session::incomplete_count() const {
  return static_cast<int>(std::count_if(attempt_.items.begin(), attempt_.items.end(), [](const AttemptItem& i) {
    return StateOf(i.question, i.response) == ResponseState::kIncomplete;
  }));
}

int Session::flagged_count() const {
  return static_cast<int>(std::count_if(attempt_.items.begin(), attempt_.items.end(),
                                        [](const AttemptItem& i) { return i.flagged; }));
}

int64_t Session::RemainingMs() const {
  if (attempt_.deadline_ms == 0) return INT64_MAX;
  return std::max<int64_t>(0, attempt_.deadline_ms - clock_.NowMs());
}

void Session::Accrue() {
  int64_t now = clock_.NowMs();
  if (attempt_.deadline_ms != 0) now = std::min(now, attempt_.deadline_ms);
  if (now > entered_ms_) attempt_.items[static_cast<size_t>(position())].time_spent_ms += now - entered_ms_;
  entered_ms_ = std::max(entered_ms_, now);
}

bool Session::CheckDeadline() {
  if (!in_progress() || attempt_.deadline_ms == 0 || clock_.NowMs() < attempt_.deadline_ms) return false;
  // Expired: the attempt ends at its deadline with everything saved before it.
  Finish(AttemptStatus::kExpired, attempt_.deadline_ms);
  return true;
}

bool Session::Answer(Response response) {
  CheckDeadline();
  if (!in_progress()) return false;
  Accrue();
  AttemptItem& item = attempt_.items[static_cast<size_t>(position())];
  item.response = std::move(response);
  log_.SaveItem(attempt_.id, position(), item);
  return true;
}

bool Session::Clear() { return Answer({}); }

bool Session::Check(Response response) {
  CheckDeadline();
  if (!in_progress()) return false;
  Accrue();
  AttemptItem& item = attempt_.items[static_cast<size_t>(position())];
  item.response = std::move(response);
  AnswerReview review;
  review.correct = IsCorrect(item.question, item.response);
  review.at_ms = entered_ms_;
  review.time_ms = item.time_spent_ms;
  review.rating = RateAnswer(item.question, review.correct, review.time_ms);
  log_.SaveChecked(attempt_.id, position(), item, review);
  return true;
}

bool Session::Relearn(const Response& response, bool* correct) {
  CheckDeadline();
  if (!in_progress()) return false;
  const int64_t since_shown = std::max<int64_t>(0, clock_.NowMs() - entered_ms_);
  Accrue();
  const AttemptItem& item = attempt_.items[static_cast<size_t>(position())];
  AnswerReview review;
  review.correct = IsCorrect(item.question, response);
  review.at_ms = entered_ms_;
  review.time_ms = since_shown;
  review.rating = RateAnswer(item.question, review.correct, review.time_ms);
  log_.SaveRelearned(attempt_.id, position(), item, review);
  if (correct != nullptr) *correct = review.correct;
  return true;
}

bool Session::SetFlag(bool flagged) {
  CheckDeadline();
  if (!in_progress()) return false;
  Accrue();
  AttemptItem& item = attempt_.items[static_cast<size_t>(position())];
  item.flagged = flagged;
  log_.SaveItem(attempt_.id, position(), item);
  return true;
}

bool Session::SetStruck(std::vector<std::string> struck) {
  CheckDeadline();
  if (!in_progress()) return false;
  Accrue();
  AttemptItem& item = attempt_.items[static_cast<size_t>(position())];
  item.struck = std::move(struck);
  log_.SaveItem(attempt_.id, position(), item);
  return true;
}

bool Session::GoTo(int to) {
  CheckDeadline();
  if (!in_progress()) return false;
  to = std::clamp(to, 0, size() - 1);
  if (to == position()) return true;
  Accrue();
  int from = position();
  attempt_.position = to;
  log_.SaveMove(attempt_.id, from, attempt_.items[static_cast<size_t>(from)], to);
  return true;
}

const ScoreReport& Session::Submit() {
  CheckDeadline();
  if (in_progress()) {
    Accrue();
    Finish(AttemptStatus::kSubmitted, clock_.NowMs());
  }
  return *report_;
}

void Session::Finish(AttemptStatus status, int64_t at_ms) {
  Accrue();
  attempt_.status = status;
  attempt_.finished_ms = at_ms;
  report_ = ScoreAttempt(attempt_);
  log_.SaveFinish(attempt_, *report_);
}

}  // namespace proctor
