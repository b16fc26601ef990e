#include "cli/tui/keys.h"

namespace proctor {

namespace {

char32_t Lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

}  // namespace

ActionEvent MapKey(const KeyEvent& key, Screen screen, int option_count) {
  using K = KeyEvent::Kind;
  const char32_t c = key.kind == K::kChar ? Lower(key.ch) : 0;
  if (key.kind == K::kPageUp) return {Action::kScrollUp};
  if (key.kind == K::kPageDown) return {Action::kScrollDown};
  switch (screen) {
    case Screen::kQuestion: {
      if (key.kind == K::kUp) return {Action::kCursorUp};
      if (key.kind == K::kDown) return {Action::kCursorDown};
      if (key.kind == K::kLeft) return {Action::kPrev};
      if (key.kind == K::kRight) return {Action::kNext};
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
      if (c >= '0' && c <= '9') return {Action::kDigit, static_cast<int>(c - '0')};
      switch (c) {
        case 'a': return {Action::kFilterAll};
        case 'f': return {Action::kFilterFlagged};
        case 'u': return {Action::kFilterUnanswered};
        case 'e': return {Action::kEnd};
        case 'r': return {Action::kBack};
        case '?': return {Action::kHelp};
        case 'q': return {Action::kQuit};
        default: return {};
      }
    case Screen::kConfirmEnd:
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
      if (c == 'i') return {Action::kToggleIncorrect};
      if (c == 'q' || key.kind == K::kEscape) return {Action::kQuit};
      return {};
  }
  return {};
}

}  // namespace proctor
