// The full-screen exam's view state: which screen is open, where the cursor is, what is scrolled.
// The exam itself (answers, flags, time) lives in the Session; this is only how it is shown.
#pragma once

#include <cstdint>
#include <string>

#include "engine/session.h"

namespace proctor {

enum class Screen { kQuestion, kReview, kConfirmEnd, kHelp, kReport, kAnswerReview };
enum class ReviewFilter { kAll, kFlagged, kUnanswered };

struct ViewState {
  Screen screen = Screen::kQuestion;
  Screen help_return = Screen::kQuestion;  // where Esc from help goes back to
  int cursor = 0;         // option (or matching prompt) under the cursor
  int scroll = 0;         // first body line shown
  int review_cursor = 0;  // question under the cursor on the review screen (index into the filtered list)
  ReviewFilter filter = ReviewFilter::kAll;
  std::string go_to;      // digits typed on the review screen: Enter opens that question
  int answer_review = 0;  // question shown in the answer review
  bool incorrect_only = false;
  bool flagged_only = false;  // answer review: only flagged questions
  int domain_only = 0;        // answer review: only this domain (0: all)
  std::string notice;     // one-time message under the header (time warnings, hints)
  bool notice_is_warning = false;
  bool color = true;
};

// What the render functions need from the session, captured at one instant.
struct ExamSnapshot {
  const Attempt* attempt = nullptr;
  int64_t remaining_ms = 0;  // INT64_MAX without a deadline
  int answered = 0;
  int flagged = 0;
  const ScoreReport* report = nullptr;  // set once the attempt is finished
};

// The smallest terminal the exam is drawn in; smaller shows a notice (nothing is lost).
inline constexpr int kMinWidth = 60;
inline constexpr int kMinHeight = 20;

}  // namespace proctor
