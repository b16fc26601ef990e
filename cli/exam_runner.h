// Runs an attempt (new or resumed) in the right front end and reports the outcome.
#pragma once

#include "cli/context.h"
#include "engine/session.h"

namespace proctor {

// Runs `attempt` to its end or until input ends: full screen on a terminal unless `plain`, else
// line mode. Returns the exit status (0).
int RunAttempt(Context& context, Attempt attempt, bool plain);

}  // namespace proctor
