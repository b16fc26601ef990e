// Keys as the exam sees them, and the map from a key to an action on the current screen.
#pragma once

#include <functional>

#include "cli/tui/view.h"

namespace proctor {

struct KeyEvent {
  enum class Kind {
    kChar, kCtrl, kUp, kDown, kLeft, kRight, kEnter, kEscape, kBackspace, kPageUp, kPageDown,
    kHome, kEnd, kResize, kTimeout, kHangup, kInterrupt,
    kIgnored  // a key or sequence that means nothing here (F5, Alt+A, a mouse report, a paste): do nothing
  };
  Kind kind = Kind::kTimeout;
  char32_t ch = 0;  // kChar: the character; kCtrl: the letter, lower case
};

enum class Action {
  kNone, kChoose, kChooseCursor, kCursorUp, kCursorDown, kNext, kPrev, kFlag, kReview, kEnd, kHelp,
  kBack, kYes, kNo, kScrollUp, kScrollDown, kFilterAll, kFilterFlagged, kFilterUnanswered, kFilterIncomplete,
  kOpen, kQuit, kUndo, kClearAnswer, kLeft, kRight, kTop, kBottom, kDigit, kStrike,
  kToggleIncorrect, kToggleFlagged, kToggleUnscored, kToggleIncomplete, kNextDomain
};

struct ActionEvent {
  Action action = Action::kNone;
  int index = -1;  // kChoose: the option index; kDigit: the digit
};

// Decodes what follows an ESC, consuming the whole sequence so that none of its characters is ever
// read as a key of its own (ncurses hands over `ESC [ 1 ~` as four characters when terminfo does not
// list it, and `1` would choose option A). `next(timeout_ms)` returns the next input character, -1
// when none came within timeout_ms, or -2 for a key ncurses decoded itself (KEY_UP after an ESC).
// Returns kEscape for a lone Esc, an arrow, Home, End, PgUp or PgDn for their sequences in any of the
// encodings terminals use, and kIgnored for everything else: other CSI and SS3 sequences (function
// keys, modified keys, mouse reports, terminal replies), Alt+key, and a bracketed paste with its text.
KeyEvent DecodeEscape(const std::function<int(int)>& next);

// Consumes the rest of a mouse report after ncurses matched its start (terminfo's kmous, which it
// returns as KEY_MOUSE while proctor has not asked for mouse events): `sgr` for kmous = ESC [ <
// (parameters up to a final M or m), else the X10 form's three bytes. Returns kIgnored.
KeyEvent SkipMouseReport(const std::function<int(int)>& next, bool sgr);

// Maps a key to an action. On the question screen, letters and digits choose options; F flags, E
// ends, S strikes out and the other command letters work unless the question has an option with
// that letter (then Ctrl-F / Ctrl-E, '-' to strike, or the review screen, do it). The whole map is
// in docs/design.md ("The exam room's keys").
ActionEvent MapKey(const KeyEvent& key, Screen screen, int option_count);

}  // namespace proctor
