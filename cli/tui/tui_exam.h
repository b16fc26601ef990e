// The full-screen exam: the session on a terminal, from the first question to the answer review.
#pragma once

#include <functional>
#include <string>

#include "cli/tui/terminal.h"
#include "cli/tui/view.h"
#include "engine/session.h"

namespace proctor {

enum class TuiOutcome { kFinished, kLeft, kHangup };

struct TuiOptions {
  bool color = true;
  bool answer_review = false;  // open straight on the answer review (a finished attempt)
  AnswerFilters answer_filters;  // the answer review's filters to start with
  // Given the notice to show while a save waits for another proctor's write (a redraw of the
  // screen, called with the milliseconds waited), or null when the exam screen is gone: installs it
  // where the database can call it.
  std::function<void(std::function<void(int64_t)>)> install_wait_notice;
  // True while changes are kept aside in the answer journal (another proctor is writing): the
  // screen says so.
  std::function<bool()> answers_kept_aside;
};

// Runs `session` on `terminal` until the learner quits, the attempt ends and its review is left,
// or the terminal goes away. Every action is saved by the session as it happens.
TuiOutcome RunTuiExam(Terminal& terminal, Session& session, const TuiOptions& options);

}  // namespace proctor
