// The full-screen exam: the session on a terminal, from the first question to the answer review.
#pragma once

#include <functional>
#include <string>

#include "engine/session.h"

namespace proctor {

enum class TuiOutcome { kFinished, kLeft, kHangup };

struct TuiOptions {
  bool color = true;
  std::string notice;  // shown on the first screen (e.g. "time ran out while proctor was closed")
  bool answer_review = false;  // open straight on the answer review (a finished attempt)
  bool incorrect_only = false;
  bool flagged_only = false;
  int domain_only = 0;
  // Given the notice to show while a save waits for another proctor's write (a redraw of the
  // screen), or null when the exam screen is gone: installs it where the database can call it.
  std::function<void(std::function<void()>)> install_wait_notice;
};

// Runs `session` on the terminal until the learner quits, the attempt ends and its review is left,
// or the terminal goes away. Every action is saved by the session as it happens.
TuiOutcome RunTuiExam(Session& session, const TuiOptions& options);

}  // namespace proctor
