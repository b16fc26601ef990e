// Line mode: the exam as lines of text and a prompt, for pipes, scripts, screen readers and
// `--plain`. The same Session as the full-screen exam; every action is saved as it happens.
#pragma once

#include <iosfwd>

#include "cli/plain/line_source.h"
#include "engine/session.h"

namespace proctor {

enum class PlainOutcome {
  kFinished,    // submitted or expired; the report has been printed
  kInputEnded,  // input ended (or the learner quit) with the attempt still in progress
};

// Runs `session` until it finishes or input ends, printing to `out` wrapped at `width` columns.
PlainOutcome RunPlainExam(Session& session, LineSource& in, std::ostream& out, int width);

}  // namespace proctor
