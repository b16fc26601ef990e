// How answers look on screen: option letters in an attempt's display order.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/session.h"
#include "engine/text.h"

namespace proctor {

// The letter shown for option index i: A-Z, and '?' past Z (imports refuse more than 26 options, so
// only a question stored by an older proctor can have one; it is chosen with the cursor).
char OptionLetter(size_t index);

// Where an attempt stands, as every screen counts it: complete answers, incomplete ones (fewer
// choices than asked), unanswered, flagged.
struct Progress {
  int total = 0;
  int answered = 0;
  int incomplete = 0;
  int flagged = 0;
  int unanswered() const { return total - answered - incomplete; }
  int given() const { return answered + incomplete; }  // questions with a saved response
};
Progress ProgressOf(const Attempt& attempt);

// "Answered 11/65 · Incomplete 1 · Flagged 2" (the incomplete count only when there is one), with
// `separator` between the parts.
std::string ProgressLine(const Progress& progress, std::string_view separator);

// What the end-of-exam dialog warns about ("You have 2 unanswered questions and 1 incomplete
// question; they count as wrong. 3 questions are flagged."), or "" when every question is answered
// and none is flagged.
std::string EndWarning(const Progress& progress);

// The learner's response as screen letters ("AC"; ordering in order; matching: "1-B 2-A"),
// "-" when unanswered.
std::string ResponseLetters(const AttemptItem& item, const Response& response);

// Reads typed option letters ("b", "AC", "a c", "=f"; ordering: every letter in order; matching:
// one letter per prompt) into a response. On a problem returns nullopt with `problem` set to a
// sentence for the learner; `note` may be set for an accepted but unusual answer.
std::optional<Response> ParseAnswer(const AttemptItem& item, const std::string& line, std::string& problem,
                                    std::string& note);

// The instruction shown under a stem: "(Choose TWO.)", the ordering and matching hints, or "".
std::string ItemInstruction(const Question& question, bool full_screen);

// What the exam says while a save waits for another proctor's write: which question is pending
// and for how long ("Saving: another proctor is writing to the database (an import?). Question 3 is
// not saved yet: ... (waiting 0:42).").
std::string PendingSaveNotice(int question_number, int64_t waited_ms);

}  // namespace proctor
