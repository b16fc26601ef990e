// How answers look on screen: option letters in an attempt's display order.
#pragma once

#include <optional>
#include <string>

#include "engine/session.h"

namespace proctor {

// The letter shown for option index i (A, B, ...).
char OptionLetter(size_t index);

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

}  // namespace proctor
