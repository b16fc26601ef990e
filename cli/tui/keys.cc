#include "cli/tui/keys.h"

#include <string>

namespace proctor {

namespace {

char32_t Lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

using K = KeyEvent::Kind;

// The rest of a sequence arrives within a few milliseconds of its ESC, even over ssh; a person
// cannot type ESC and then another key that fast.
constexpr int kSequenceWaitMs = 30;
// A paste streams in; a gap this long means its end marker was lost.
constexpr int kPasteGapMs = 300;
constexpr int kMaxParameterBytes = 64;

// Drops a bracketed paste's text up to and including its end marker, ESC [ 2 0 1 ~.
KeyEvent SkipPaste(const std::function<int(int)>& next) {
  static constexpr char kEnd[] = "\x1b[201~";
  size_t matched = 0;
  while (true) {
    int c = next(kPasteGapMs);
    if (c == -1) return {K::kIgnored};
    if (c == kEnd[matched]) {
      if (++matched == sizeof kEnd - 1) return {K::kIgnored};
    } else {
      matched = c == kEnd[0] ? 1 : 0;
    }
  }
}

// CSI: ESC [ parameters (0x30-0x3F) intermediates (0x20-0x2F) final (0x40-0x7E).
KeyEvent DecodeCsi(const std::function<int(int)>& next) {
  int c = next(kSequenceWaitMs);
  if (c == 'M') {  // an X10 mouse report: three raw bytes follow
    for (int i = 0; i < 3; ++i) next(kSequenceWaitMs);
    return {K::kIgnored};
  }
  if (c == '[') {  // the Linux console's F1-F5: ESC [ [ A .. E
    next(kSequenceWaitMs);
    return {K::kIgnored};
  }
  std::string params;
  while (c >= 0x30 && c <= 0x3F && params.size() < kMaxParameterBytes) {
    params += static_cast<char>(c);
    c = next(kSequenceWaitMs);
  }
  while (c >= 0x20 && c <= 0x2F) c = next(kSequenceWaitMs);
  if (c < 0x40 || c > 0x7E) return {K::kIgnored};  // cut short or malformed: what was read is dropped
  if (c == '~') {
    if (params == "200") return SkipPaste(next);
    if (params == "1" || params == "7") return {K::kHome};
    if (params == "4" || params == "8") return {K::kEnd};
    if (params == "5") return {K::kPageUp};
    if (params == "6") return {K::kPageDown};
    return {K::kIgnored};
  }
  if (!params.empty() && params != "1") return {K::kIgnored};  // modified keys (Ctrl-Home: ESC [ 1 ; 5 H)
  switch (c) {
    case 'A': return {K::kUp};
    case 'B': return {K::kDown};
    case 'C': return {K::kRight};
    case 'D': return {K::kLeft};
    case 'H': return {K::kHome};
    case 'F': return {K::kEnd};
    default: return {K::kIgnored};
  }
}

// SS3: ESC O, an optional modifier, one letter (arrows, Home, End and F1-F4 on many terminals).
KeyEvent DecodeSs3(const std::function<int(int)>& next) {
  int c = next(kSequenceWaitMs);
  bool modified = false;
  while (c >= '0' && c <= '9') {
    modified = true;
    c = next(kSequenceWaitMs);
  }
  if (modified) return {K::kIgnored};
  switch (c) {
    case 'A': return {K::kUp};
    case 'B': return {K::kDown};
    case 'C': return {K::kRight};
    case 'D': return {K::kLeft};
    case 'H': return {K::kHome};
    case 'F': return {K::kEnd};
    default: return {K::kIgnored};
  }
}

}  // namespace

KeyEvent SkipMouseReport(const std::function<int(int)>& next, bool sgr) {
  if (!sgr) {
    for (int i = 0; i < 3; ++i) next(kSequenceWaitMs);
    return {K::kIgnored};
  }
  for (int i = 0; i < kMaxParameterBytes; ++i) {
    int c = next(kSequenceWaitMs);
    if (c < 0x30 || c > 0x3F) break;  // the final M or m, or the report was cut short
  }
  return {K::kIgnored};
}

KeyEvent DecodeEscape(const std::function<int(int)>& next) {
  int c = next(kSequenceWaitMs);
  if (c == -1) return {K::kEscape};
  if (c == '[') return DecodeCsi(next);
  if (c == 'O') return DecodeSs3(next);
  if (c == 0x1b) {  // Alt with a key that sends a sequence of its own (Alt+Left: ESC ESC [ D)
    DecodeEscape(next);
    return {K::kIgnored};
  }
  return {K::kIgnored};  // Alt+key (ESC a), or ESC then a key ncurses decoded (-2)
}

ActionEvent MapKey(const KeyEvent& key, Screen screen, int option_count) {
  const char32_t c = key.kind == K::kChar ? Lower(key.ch) : 0;
  if (key.kind == K::kPageUp) return {Action::kScrollUp};
  if (key.kind == K::kPageDown) return {Action::kScrollDown};
  switch (screen) {
    case Screen::kQuestion: {
      if (key.kind == K::kUp) return {Action::kCursorUp};
      if (key.kind == K::kDown) return {Action::kCursorDown};
      if (key.kind == K::kLeft) return {Action::kPrev};
      if (key.kind == K::kRight) return {Action::kNext};
      if (key.kind == K::kHome) return {Action::kTop};
      if (key.kind == K::kEnd) return {Action::kBottom};
      if (key.kind == K::kEnter) return {Action::kChooseCursor};
      if (key.kind == K::kBackspace) return {Action::kUndo};
      if (key.kind == K::kCtrl && key.ch == 'e') return {Action::kEnd};
      if (key.kind == K::kCtrl && key.ch == 'f') return {Action::kFlag};
      if (key.kind == K::kCtrl && key.ch == 'c') return {Action::kQuit};
      if (key.kind != K::kChar) return {};
      if (c == ' ') return {Action::kChooseCursor};
      if (c >= '1' && c <= '9' && static_cast<int>(c - '1') < option_count) return {Action::kChoose, static_cast<int>(c - '1')};
      if (c >= 'a' && c <= 'z' && static_cast<int>(c - 'a') < option_count) return {Action::kChoose, static_cast<int>(c - 'a')};
      switch (c) {
        case 'n': return {Action::kNext};
        case 'p': return {Action::kPrev};
        case 'f': return {Action::kFlag};
        case 'r': return {Action::kReview};
        case 'e': return {Action::kEnd};
        case 's': case '-': return {Action::kStrike};
        case '?': case 'h': return {Action::kHelp};
        case 'x': return {Action::kClearAnswer};
        case 'q': return {Action::kQuit};
        default: return {};
      }
    }
    case Screen::kReview:
      if (key.kind == K::kUp) return {Action::kCursorUp};
      if (key.kind == K::kDown) return {Action::kCursorDown};
      if (key.kind == K::kLeft) return {Action::kLeft};
      if (key.kind == K::kRight) return {Action::kRight};
      if (key.kind == K::kHome) return {Action::kTop};
      if (key.kind == K::kEnd) return {Action::kBottom};
      if (key.kind == K::kEnter) return {Action::kOpen};
      if (key.kind == K::kEscape) return {Action::kBack};
      if (key.kind == K::kBackspace) return {Action::kUndo};
      if (key.kind == K::kCtrl && key.ch == 'e') return {Action::kEnd};
      if (key.kind == K::kCtrl && key.ch == 'c') return {Action::kQuit};
      if (c >= '0' && c <= '9') return {Action::kDigit, static_cast<int>(c - '0')};
      switch (c) {
        case 'a': return {Action::kFilterAll};
        case 'f': return {Action::kFilterFlagged};
        case 'u': return {Action::kFilterUnanswered};
        case 'i': return {Action::kFilterIncomplete};
        case 'e': return {Action::kEnd};
        case 'r': return {Action::kBack};
        case '?': return {Action::kHelp};
        case 'q': return {Action::kQuit};
        default: return {};
      }
    case Screen::kConfirmEnd:
    case Screen::kConfirmQuit:
      if (c == 'y') return {Action::kYes};
      if (c == 'n' || key.kind == K::kEscape) return {Action::kNo};
      return {};
    case Screen::kHelp:
      if (key.kind == K::kEscape || c == '?' || c == 'q' || key.kind == K::kEnter) return {Action::kBack};
      if (key.kind == K::kUp) return {Action::kScrollUp};
      if (key.kind == K::kDown) return {Action::kScrollDown};
      return {};
    case Screen::kReport:
      if (key.kind == K::kEnter) return {Action::kOpen};
      if (key.kind == K::kUp) return {Action::kScrollUp};
      if (key.kind == K::kDown) return {Action::kScrollDown};
      if (c == 'q' || key.kind == K::kEscape) return {Action::kQuit};
      return {};
    case Screen::kAnswerReview:
      if (key.kind == K::kLeft || c == 'p') return {Action::kPrev};
      if (key.kind == K::kRight || c == 'n') return {Action::kNext};
      if (key.kind == K::kUp) return {Action::kScrollUp};
      if (key.kind == K::kDown) return {Action::kScrollDown};
      if (key.kind == K::kEnter) return {Action::kOpen};
      if (key.kind == K::kBackspace) return {Action::kUndo};
      if (c >= '0' && c <= '9') return {Action::kDigit, static_cast<int>(c - '0')};
      switch (c) {
        case 'a': return {Action::kFilterAll};
        case 'i': case 'w': return {Action::kToggleIncorrect};
        case 'f': return {Action::kToggleFlagged};
        case 'u': return {Action::kToggleUnscored};
        case 'c': return {Action::kToggleIncomplete};
        case 'd': return {Action::kNextDomain};
        case '?': return {Action::kHelp};
        case 'q': return {Action::kQuit};
        default: return key.kind == K::kEscape ? ActionEvent{Action::kQuit} : ActionEvent{};
      }
  }
  return {};
}

}  // namespace proctor
