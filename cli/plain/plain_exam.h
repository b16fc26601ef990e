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

// The letter shown for option index i (A, B, ...).
char OptionLetter(size_t index);

// The learner's response as screen letters ("AC"; matching: "1-B 2-A"), "-" when unanswered.
std::string ResponseLetters(const AttemptItem& item, const Response& response);

}  // namespace proctor
