// Pure rendering: (exam snapshot, view state, size) -> frame. No terminal, no clock, no I/O, so
// every screen can be tested against literal expected text.
#pragma once

#include <string>
#include <vector>

#include "cli/tui/frame.h"
#include "cli/tui/view.h"

namespace proctor {

Frame Render(const ExamSnapshot& exam, const ViewState& view, int width, int height);

// The review screen's grid: one cell per question, this many columns wide.
inline constexpr int kReviewCellWidth = 12;

// The questions the review screen lists under the view's filter (0-based positions).
std::vector<int> ReviewList(const Attempt& attempt, ReviewFilter filter);

// The questions the answer review walks under `filters` (0-based positions).
std::vector<int> AnswerReviewList(const Attempt& attempt, const AnswerFilters& filters);

// Body lines of the question screen and where each option (or prompt) starts, for scrolling.
struct BodyLine {
  std::string text;
  Style style = Style::kNormal;
  int option = -1;  // the option or prompt this line belongs to, or -1
};
std::vector<BodyLine> QuestionBody(const AttemptItem& item, const ViewState& view, int width);

// Lines of the rows the body may use on a screen of `height` rows.
int BodyHeight(int height);

// The largest useful scroll offset of the open screen's body.
int ScrollLimit(const ExamSnapshot& exam, const ViewState& view, int width, int height);

}  // namespace proctor
