#include "cli/tui/terminal.h"

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

namespace {

volatile std::sig_atomic_t g_hangup = 0;
volatile std::sig_atomic_t g_terminate = 0;

extern "C" void OnHangup(int) { g_hangup = 1; }
extern "C" void OnTerminate(int) { g_terminate = 1; }

void Install(int signal, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read must return so the loop sees the flag
  sigaction(signal, &action, nullptr);
}

// The next input character within wait_ms: -1 if none, -2 for a key ncurses decoded (KEY_*).
int NextInput(int wait_ms) {
  timeout(wait_ms);
  wint_t next = 0;
  int got = get_wch(&next);
  if (got == ERR) return -1;
  if (got == KEY_CODE_YES) return -2;
  return static_cast<int>(next);
}

enum Pair : short { kPairWarn = 1, kPairCritical, kPairCorrect, kPairWrong, kPairBarWarn, kPairBarCritical };

attr_t Attributes(Style style, bool color, short& pair) {
  pair = 0;
  switch (style) {
    case Style::kNormal: return A_NORMAL;
    case Style::kBar: return A_REVERSE;
    case Style::kBold: return A_BOLD;
    case Style::kCursor: return A_REVERSE;
    case Style::kSelected: return A_BOLD;
    case Style::kDim: return A_DIM;
    case Style::kStruck: return A_DIM;
    case Style::kWarn:
      if (!color) return A_BOLD | A_UNDERLINE;
      pair = kPairWarn;
      return A_BOLD;
    case Style::kCritical:
      if (!color) return A_BOLD | A_REVERSE;
      pair = kPairCritical;
      return A_BOLD;
    case Style::kCorrect:
      if (!color) return A_BOLD;
      pair = kPairCorrect;
      return A_NORMAL;
    case Style::kWrong:
      if (!color) return A_UNDERLINE;
      pair = kPairWrong;
      return A_NORMAL;
  }
  return A_NORMAL;
}

}  // namespace

std::string FullScreenProblem() {
  const char* term = std::getenv("TERM");
  if (term == nullptr || *term == '\0') return "TERM is not set";
  const std::string name = "TERM '" + SanitizeForTerminal(term, false) + "'";
  int status = 0;
  if (setupterm(term, STDOUT_FILENO, &status) != OK) {
    return status == 0 ? name + " is not a terminal this system knows (no terminfo entry)"
                       : name + ": the terminfo database cannot be read";
  }
  const char* cup = tigetstr("cup");
  const bool addressable = cup != nullptr && cup != reinterpret_cast<const char*>(-1) && tigetflag("hc") <= 0;
  del_curterm(cur_term);
  if (!addressable) return name + " cannot place text on the screen";
  return "";
}

Terminal::Terminal(bool color) : color_(color) {
  // newterm, not initscr: initscr prints "Error opening terminal" and exits the process.
  screen_ = newterm(std::getenv("TERM"), stdout, stdin);
  if (screen_ == nullptr) throw Error("the full-screen exam cannot open on this terminal (" + FullScreenProblem() + "); use --plain");
  set_term(screen_);
  raw();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  scrollok(stdscr, FALSE);
  set_escdelay(25);
  curs_set(0);
  if (color_ && has_colors()) {
    start_color();
    use_default_colors();  // keep the terminal's own background: readable on dark and light themes
    init_pair(kPairWarn, COLOR_YELLOW, -1);
    init_pair(kPairCritical, COLOR_RED, -1);
    init_pair(kPairCorrect, COLOR_GREEN, -1);
    init_pair(kPairWrong, COLOR_RED, -1);
  } else {
    color_ = false;
  }
  Install(SIGHUP, OnHangup);
  Install(SIGTERM, OnTerminate);
  // ncurses matches the start of a mouse report (terminfo's kmous) even though proctor asks for no
  // mouse events, and leaves the rest of the report to be read as keys.
  const char* smxx = tigetstr("smxx");
  strike_ = smxx != nullptr && smxx != reinterpret_cast<const char*>(-1) && MB_CUR_MAX > 1;
  const char* kmous = tigetstr("kmous");
  sgr_mouse_ = kmous != nullptr && kmous != reinterpret_cast<const char*>(-1) && std::string_view(kmous).ends_with("<");
  // Bracketed paste: a terminal then wraps pasted text in ESC [200~ ... ESC [201~, which ReadKey
  // drops whole, so a paste can never choose options. Terminals without it ignore the request.
  putp("\x1b[?2004h");
  fflush(stdout);
}

Terminal::~Terminal() {
  putp("\x1b[?2004l");
  curs_set(1);
  endwin();
  delscreen(screen_);
}

int Terminal::width() const { return COLS; }
int Terminal::height() const { return LINES; }

void Terminal::Draw(const Frame& frame) {
  erase();
  for (int r = 0; r < frame.height() && r < LINES; ++r) {
    for (int c = 0; c < frame.width() && c < COLS; ++c) {
      const Cell& cell = frame.At(r, c);
      if (cell.glyph.empty()) continue;  // right half of a wide character
      wchar_t text[8] = {};
      size_t n = 0;
      size_t pos = 0;
      while (pos < cell.glyph.size() && n < 6) text[n++] = static_cast<wchar_t>(DecodeUtf8(cell.glyph, pos));
      // Struck through where the terminal declares strike-through (terminfo smxx): a combining long
      // stroke overlay on each character. Elsewhere the option's "(/)" mark and the dimming show it.
      if (cell.style == Style::kStruck && strike_ && cell.glyph != " ") text[n++] = L'\u0336';
      short pair = 0;
      attr_t attrs = Attributes(cell.style, color_, pair);
      cchar_t cc;
      setcchar(&cc, text, attrs, pair, nullptr);
      mvadd_wch(r, c, &cc);
    }
  }
  refresh();
}

KeyEvent Terminal::ReadKey(int timeout_ms) {
  using K = KeyEvent::Kind;
  if (g_hangup) return {K::kHangup};
  if (g_terminate) return {K::kInterrupt};
  timeout(timeout_ms);
  wint_t ch = 0;
  int r = get_wch(&ch);
  if (g_hangup) return {K::kHangup};
  if (g_terminate) return {K::kInterrupt};
  if (r == ERR) {
    // A read error rather than a timeout: the terminal is gone. Never spin on it.
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    if (poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))) return {K::kHangup};
    if (!isatty(STDIN_FILENO)) return {K::kHangup};
    return {K::kTimeout};
  }
  if (r == KEY_CODE_YES) {
    switch (ch) {
      case KEY_UP: return {K::kUp};
      case KEY_DOWN: return {K::kDown};
      case KEY_LEFT: return {K::kLeft};
      case KEY_RIGHT: return {K::kRight};
      case KEY_ENTER: return {K::kEnter};
      case KEY_BACKSPACE: return {K::kBackspace};
      case KEY_PPAGE: return {K::kPageUp};
      case KEY_NPAGE: return {K::kPageDown};
      case KEY_HOME: return {K::kHome};
      case KEY_END: return {K::kEnd};
      case KEY_RESIZE: return {K::kResize};
      case KEY_MOUSE: return SkipMouseReport(NextInput, sgr_mouse_);
      default: return {K::kIgnored};  // function keys, Insert, Delete, mouse: nothing is bound to them
    }
  }
  if (ch == 27) {
    return DecodeEscape(NextInput);
  }
  if (ch == '\r' || ch == '\n') return {K::kEnter};
  if (ch == 127 || ch == 8) return {K::kBackspace};
  if (ch >= 1 && ch <= 26) return {K::kCtrl, static_cast<char32_t>('a' + ch - 1)};
  return {K::kChar, static_cast<char32_t>(ch)};
}

}  // namespace proctor
