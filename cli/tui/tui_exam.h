// The full-screen exam: the session on a terminal, from the first question to the answer review.
#pragma once

#include <string>

#include "engine/session.h"

namespace proctor {

enum class TuiOutcome { kFinished, kLeft, kHangup };

struct TuiOptions {
  bool color = true;
  std::string notice;  // shown on the first screen (e.g. "time ran out while proctor was closed")
};

// Runs `session` on the terminal until the learner quits, the attempt ends and its review is left,
// or the terminal goes away. Every action is saved by the session as it happens.
TuiOutcome RunTuiExam(Session& session, const TuiOptions& options);

}  // namespace proctor
