// Practice in line mode: each answer is checked at once and explained.
#pragma once

#include <iosfwd>

#include "cli/plain/line_source.h"
#include "engine/session.h"

namespace proctor {

// Runs a practice session to its end (or until input ends or the learner stops), then finishes
// it and prints a summary.
void RunPlainPractice(Session& session, LineSource& in, std::ostream& out, int width);

}  // namespace proctor
