// Drawing pieces shared by the render files (render.cc, answer_review.cc). Internal to cli/tui.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/tui/frame.h"
#include "cli/tui/render.h"
#include "cli/tui/view.h"

namespace proctor::render {

// Layout: row 0 header, row 1 notice, rows 2..h-3 body, row h-2 status, row h-1 footer.
inline constexpr int kBodyTop = 2;

// Appends `text`, sanitized and wrapped to `width` columns, with a prefix on the first line and
// another on the rest (an option's "( ) A. " and its hanging indent).
void AddWrapped(std::vector<BodyLine>& lines, std::string_view text, int width, Style style = Style::kNormal,
                const std::string& first_prefix = "", const std::string& rest_prefix = "", int option = -1);

std::string OptionText(const AttemptItem& item, size_t index);
bool Chosen(const AttemptItem& item, const std::string& option_id);
std::string TimeText(const ExamSnapshot& exam);
Style TimeStyle(const ExamSnapshot& exam);

void Header(Frame& f, const ExamSnapshot& exam, const ViewState& view);
// The key line (last row) and the status line above it.
void Footer(Frame& f, const std::string& keys, const std::string& status);
// Draws body lines from `scroll` (clamped); sets `hint` to a PgUp/PgDn hint when there is more.
void DrawBody(Frame& f, const std::vector<BodyLine>& lines, int scroll, int cursor_option, std::string* hint);
// `status`, then `hint` at the right edge (if any).
std::string WithHint(std::string status, const std::string& hint, int width);

// The answer review's body and footer (answer_review.cc).
std::vector<BodyLine> AnswerReviewLines(const ExamSnapshot& exam, const ViewState& view, int width);
void RenderAnswerReview(Frame& f, const ExamSnapshot& exam, const ViewState& view);

}  // namespace proctor::render
