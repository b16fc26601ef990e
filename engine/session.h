// An attempt as a state machine: in progress -> submitted | expired. Every event is handed to an
// AttemptLog (the database) before the call returns, so a killed process loses nothing. Remaining
// time is always deadline - now from the injected Clock, never a tick counter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/assemble.h"
#include "engine/catalog.h"
#include "engine/clock.h"
#include "engine/question.h"
#include "engine/scoring.h"
#include "engine/study.h"

namespace proctor {

enum class AttemptStatus { kInProgress, kSubmitted, kExpired };
std::string_view AttemptStatusName(AttemptStatus status);  // "in_progress", "submitted", "expired"
std::optional<AttemptStatus> ParseAttemptStatus(std::string_view name);

enum class AttemptMode { kExam, kPractice };
std::string_view AttemptModeName(AttemptMode mode);  // "exam", "practice"

struct AttemptItem {
  FormItem form;
  Question question;                      // the snapshot shown, kept with the attempt
  std::vector<std::string> option_order;  // option ids in display order (letters A, B, ...)
  Response response;
  bool flagged = false;
  std::vector<std::string> struck;  // option ids the learner struck out (ruled out); never an answer
  int64_t time_spent_ms = 0;
};

struct Attempt {
  int64_t id = 0;
  AttemptMode mode = AttemptMode::kExam;
  Blueprint blueprint;  // snapshot at the start
  uint64_t seed = 0;
  int64_t started_ms = 0;
  int64_t deadline_ms = 0;  // 0: no deadline
  int64_t finished_ms = 0;  // 0 while in progress
  int minutes = 0;          // the time allowed, including any accommodation
  AttemptStatus status = AttemptStatus::kInProgress;
  int position = 0;  // the question on screen, 0-based
  std::vector<AttemptItem> items;
};

// The review an answer makes for the study schedule (engine/study.h).
struct AnswerReview {
  Rating rating = Rating::kGood;
  bool correct = false;
  int64_t at_ms = 0;    // when it was answered
  int64_t time_ms = 0;  // how long the learner took
};

// Where a session's events go. Implementations must make each call durable before returning.
class AttemptLog {
 public:
  virtual ~AttemptLog() = default;
  // Saves one item's response, flag and time spent.
  virtual void SaveItem(int64_t attempt_id, int position, const AttemptItem& item) = 0;
  // Saves a move: the time spent on the item left and the new position, in one transaction.
  virtual void SaveMove(int64_t attempt_id, int from, const AttemptItem& left, int to) = 0;
  // Saves the end of the attempt and its score, in one transaction. An exam's answers become reviews
  // for the study schedule then; a practice session with no answer is not kept.
  virtual void SaveFinish(const Attempt& attempt, const ScoreReport& report) = 0;
  // Practice: saves an item whose answer was just checked (final once given) with the review it
  // makes for the study schedule, in one transaction. This default saves the item only.
  virtual void SaveChecked(int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review) {
    (void)review;
    SaveItem(attempt_id, position, item);
  }
  // Practice: saves the review a missed question answered again makes (the item keeps its first
  // answer). This default saves nothing.
  virtual void SaveRelearned(int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review) {
    (void)attempt_id, (void)position, (void)item, (void)review;
  }
};

// Scores an attempt's items as they stand.
ScoreReport ScoreAttempt(const Attempt& attempt);

class Session {
 public:
  // Takes over an attempt (new or resumed). The current item's clock starts now.
  Session(Attempt attempt, const Clock& clock, AttemptLog& log);

  const Attempt& attempt() const { return attempt_; }
  int size() const { return static_cast<int>(attempt_.items.size()); }
  int position() const { return attempt_.position; }
  const AttemptItem& item(int position) const { return attempt_.items[static_cast<size_t>(position)]; }
  const AttemptItem& current() const { return item(position()); }
  bool in_progress() const { return attempt_.status == AttemptStatus::kInProgress; }
  int answered_count() const;    // complete responses
  int incomplete_count() const;  // fewer choices than asked (ResponseState::kIncomplete)
  int flagged_count() const;

  // Milliseconds until the deadline (0 once passed); INT64_MAX without a deadline.
  int64_t RemainingMs() const;

  // The events. Each first checks the deadline: once it has passed, the attempt is finished as
  // expired and the event is refused (returns false). Otherwise the change is saved, then true.
  bool Answer(Response response);
  bool Clear();
  bool SetFlag(bool flagged);
  // Replaces the current item's struck-out options (ruled out by the learner; never an answer).
  bool SetStruck(std::vector<std::string> struck);
  bool GoTo(int position);
  // Practice. Check gives the current item's answer, final once given (the key is shown next), and
  // saves it with the review it makes (rated from its correctness and the time taken on the item).
  bool Check(Response response);
  // Practice: a missed question (the current item) answered again later in the session. Saved as a
  // review only, rated from the time since the question was shown again; the item keeps its first
  // answer. Sets `*correct` when given.
  bool Relearn(const Response& response, bool* correct = nullptr);
  // The current question is shown again now (practice: a missed question come back): Relearn
  // measures the time from here. The time before it still counts for the item.
  void Shown() { Accrue(); }

  // Finishes the attempt as expired if its deadline has passed; returns true if it did so now.
  bool CheckDeadline();
  // Submits the attempt (if still in progress) and returns the score.
  const ScoreReport& Submit();
  // The score, once the attempt is finished.
  const std::optional<ScoreReport>& report() const { return report_; }

 private:
  void Accrue();
  void Finish(AttemptStatus status, int64_t at_ms);

  Attempt attempt_;
  const Clock& clock_;
  AttemptLog& log_;
  int64_t entered_ms_;
  std::optional<ScoreReport> report_;
};

}  // namespace proctor
