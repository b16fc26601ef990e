// Renders what an attempt produced, as plain text into a stream.
#pragma once

#include <iosfwd>

#include "engine/scoring.h"
#include "engine/session.h"

namespace proctor {

// The score report: result, scaled score against the pass line, raw and cut, time used, each
// domain's classification, and how many items were unscored.
// The domain table fits in `width` columns (the domain names are shortened if they must be).
void PrintScoreReport(std::ostream& out, const Attempt& attempt, const ScoreReport& report, int width = 80);

// "PASS" / "FAIL".
const char* PassFail(bool passed);

}  // namespace proctor
