// Practice in line mode (pipes, screen readers, --plain): each answer is checked at once and
// explained; a missed question comes back later in the session (engine/practice.h).
#pragma once

#include <iosfwd>

#include "cli/plain/line_source.h"
#include "engine/practice.h"
#include "engine/session.h"

namespace proctor {

// Runs a practice session to its end (or until input ends or the learner stops), then finishes
// it and prints a summary. With `pause` (a learner at a terminal) the feedback waits for Enter
// before the next question, so it does not scroll away.
PracticeSummary RunPlainPractice(Session& session, LineSource& in, std::ostream& out, int width, bool pause = false);

// The end-of-session summary as text (line mode, and after the full screen closes).
void PrintPracticeSummary(std::ostream& out, const Session& session, const PracticeSummary& summary, int width);

}  // namespace proctor
