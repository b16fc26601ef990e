// The one file that talks to ncursesw: start and restore the terminal, draw frames, read keys.
#pragma once

#include "cli/tui/frame.h"
#include "cli/tui/keys.h"

#include <string>

struct screen;  // ncurses' SCREEN, kept out of this header

namespace proctor {

// Why the full-screen exam cannot run on this terminal ("TERM is not set", "TERM 'dumb' cannot place
// text on the screen", an unknown TERM), or "" when it can. Asks terminfo; draws nothing.
std::string FullScreenProblem();

class Terminal {
 public:
  // Takes over the terminal (full screen, raw keys, no echo, hidden cursor). Closing the terminal
  // (SIGHUP) or SIGTERM is reported by ReadKey as kHangup / kInterrupt, never a busy loop. Throws
  // Error when the terminal cannot be opened (check FullScreenProblem first).
  explicit Terminal(bool color);
  ~Terminal();  // restores the terminal
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  int width() const;
  int height() const;
  void Draw(const Frame& frame);
  // Waits up to timeout_ms for a key; kTimeout when none came.
  KeyEvent ReadKey(int timeout_ms);

 private:
  bool color_;
  bool sgr_mouse_ = false;  // terminfo's kmous is ESC [ < (SGR reports), not ESC [ M (X10)
  bool strike_ = false;     // the terminal declares strike-through (terminfo smxx)
  ::screen* screen_ = nullptr;
};

}  // namespace proctor
