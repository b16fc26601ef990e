// The full-screen exam's view state: which screen is open, where the cursor is, what is scrolled.
// The exam itself (answers, flags, strike-outs, time) lives in the Session; this is only how it is shown.
#pragma once

#include <cstdint>
#include <string>

#include "cli/answer_format.h"
#include "engine/session.h"

namespace proctor {

enum class Screen { kQuestion, kReview, kConfirmEnd, kConfirmQuit, kHelp, kReport, kAnswerReview };
enum class ReviewFilter { kAll, kFlagged, kUnanswered, kIncomplete };

// Which questions the answer review after the exam walks: every filter that is on must hold.
struct AnswerFilters {
  bool incorrect = false;   // not answered right
  bool flagged = false;
  bool unscored = false;
  bool incomplete = false;  // fewer choices than asked
  int domain = 0;           // only this domain (0: all)
  bool answered = false;    // only questions with an answer (practice: the walk through what was missed)
  bool Any() const { return incorrect || flagged || unscored || incomplete || domain != 0; }
};

struct ViewState {
  Screen screen = Screen::kQuestion;
  Screen help_return = Screen::kQuestion;  // where Esc from help goes back to
  Screen dialog_return = Screen::kQuestion;  // where "no" in a dialog goes back to
  int cursor = 0;         // option (or matching prompt) under the cursor
  int scroll = 0;         // first body line shown
  int review_cursor = 0;  // question under the cursor on the review screen (index into the filtered list)
  ReviewFilter filter = ReviewFilter::kAll;
  std::string go_to;      // digits typed on the review or answer-review screen: Enter opens that question
  int answer_review = 0;  // question shown in the answer review (index into the filtered list)
  AnswerFilters answer_filters;
  std::string notice;     // one-time message under the header (time warnings, hints)
  bool notice_is_warning = false;
  bool color = true;
};

// What the render functions need from the session, captured at one instant.
struct ExamSnapshot {
  const Attempt* attempt = nullptr;
  int64_t remaining_ms = 0;  // INT64_MAX without a deadline
  Progress progress;
  const ScoreReport* report = nullptr;  // set once the attempt is finished
};

// A snapshot of `attempt` with its progress counted.
inline ExamSnapshot SnapshotOf(const Attempt& attempt, int64_t remaining_ms, const ScoreReport* report = nullptr) {
  return ExamSnapshot{&attempt, remaining_ms, ProgressOf(attempt), report};
}

// The smallest terminal the exam is drawn in; smaller shows a notice (nothing is lost).
inline constexpr int kMinWidth = 60;
inline constexpr int kMinHeight = 20;

}  // namespace proctor
