// Keys as the exam sees them, and the map from a key to an action on the current screen.
#pragma once

#include "cli/tui/view.h"

namespace proctor {

struct KeyEvent {
  enum class Kind {
    kChar, kCtrl, kUp, kDown, kLeft, kRight, kEnter, kEscape, kBackspace, kPageUp, kPageDown,
    kHome, kEnd, kResize, kTimeout, kHangup, kInterrupt
  };
  Kind kind = Kind::kTimeout;
  char32_t ch = 0;  // kChar: the character; kCtrl: the letter, lower case
};

enum class Action {
  kNone, kChoose, kChooseCursor, kCursorUp, kCursorDown, kNext, kPrev, kFlag, kReview, kEnd, kHelp,
  kBack, kYes, kNo, kScrollUp, kScrollDown, kFilterAll, kFilterFlagged, kFilterUnanswered, kOpen,
  kQuit, kUndo, kClearAnswer, kToggleIncorrect, kLeft, kRight, kTop, kBottom, kDigit
};

struct ActionEvent {
  Action action = Action::kNone;
  int index = -1;  // kChoose: the option index; kDigit: the digit
};

// Maps a key to an action. On the question screen, letters and digits choose options; F flags and
// E ends unless the question has an option with that letter (then Ctrl-F / Ctrl-E, or the review
// screen, do it).
ActionEvent MapKey(const KeyEvent& key, Screen screen, int option_count);

}  // namespace proctor
