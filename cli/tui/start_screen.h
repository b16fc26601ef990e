// The screen before the clock starts, as at the test centre: what the exam is, how it is scored,
// the keys, and Enter to begin. Nothing is stored until the learner presses Enter.
#pragma once

#include <functional>
#include <string>

#include "cli/tui/frame.h"
#include "cli/tui/terminal.h"
#include "engine/session.h"

namespace proctor {

// What the start screen says about a drawn (not yet stored) exam attempt.
struct StartInfo {
  std::string code;
  std::string name;
  int questions = 0;
  int unscored = 0;
  int minutes = 0;   // including any accommodation
  bool esl = false;  // the minutes include AWS's 30-minute accommodation
  int pass_score = 0;
  int scale_min = 100;
  int scale_max = 1000;
};

StartInfo StartInfoOf(const Attempt& drawn, bool esl);

// The start screen at width x height, with `notice` (a wait for another proctor's write) under the header.
Frame RenderStartScreen(const StartInfo& info, const std::string& notice, int width, int height);

// Shows the start screen until the learner presses Enter (returns true) or leaves with Q or Esc, or
// the terminal closes (false).
bool RunStartScreen(Terminal& terminal, const StartInfo& info);

// Redraws the start screen with a notice while the attempt waits for the database's write lock.
void ShowStartScreenNotice(Terminal& terminal, const StartInfo& info, const std::string& notice);

}  // namespace proctor
