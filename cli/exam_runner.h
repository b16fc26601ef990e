// Runs an attempt (new or resumed) in the right front end and reports the outcome.
#pragma once

#include <memory>

#include "cli/context.h"
#include "cli/tui/terminal.h"
#include "engine/session.h"
#include "engine/store/attempt_lease.h"

namespace proctor {

// Opens the full screen when the learner is on a terminal and did not ask for line mode. When the
// terminal cannot show it (TERM unset, unknown or without cursor addressing), says why in one line
// on `context.err` and returns null: the same attempt then runs in line mode. Called before any
// attempt exists, so no clock ever runs behind a screen that cannot open.
std::unique_ptr<Terminal> OpenFullScreen(Context& context, bool plain);

// Runs `attempt`, which `owner` holds (its lease is released at the end), to its end or until the
// learner leaves: on `screen` when given (closed before the report is printed), else in line
// mode. Returns the exit status (0).
int RunAttempt(Context& context, Attempt attempt, std::unique_ptr<Terminal> screen, const AttemptOwner& owner);

}  // namespace proctor
