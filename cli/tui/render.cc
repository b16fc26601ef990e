#include "cli/tui/render.h"

#include <algorithm>
#include <climits>
#include <sstream>

#include "cli/answer_format.h"
#include "cli/report.h"
#include "cli/tui/render_parts.h"
#include "engine/text.h"

namespace proctor {

namespace render {

void AddWrapped(std::vector<BodyLine>& lines, std::string_view text, int width, Style style,
                const std::string& first_prefix, const std::string& rest_prefix, int option) {
  int inner = std::max(10, width - DisplayWidth(first_prefix));
  std::vector<std::string> wrapped = WrapText(SanitizeForTerminal(text), inner);
  if (wrapped.empty()) wrapped.push_back("");
  for (size_t i = 0; i < wrapped.size(); ++i) {
    lines.push_back({(i == 0 ? first_prefix : rest_prefix) + wrapped[i], style, option});
  }
}

std::string OptionText(const AttemptItem& item, size_t index) {
  const Option* o = item.question.FindOption(item.option_order[index]);
  return o ? o->text : "?";
}

bool Chosen(const AttemptItem& item, const std::string& option_id) {
  return std::find(item.response.begin(), item.response.end(), option_id) != item.response.end();
}

std::string TimeText(const ExamSnapshot& exam) {
  if (exam.remaining_ms == INT64_MAX) return "No time limit";
  return "Time left " + FormatDuration(exam.remaining_ms);
}

Style TimeStyle(const ExamSnapshot& exam) {
  if (exam.remaining_ms == INT64_MAX) return Style::kBar;
  if (exam.remaining_ms <= 5 * 60000) return Style::kCritical;
  if (exam.remaining_ms <= 15 * 60000) return Style::kWarn;
  return Style::kBar;
}

void Header(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  const Attempt& a = *exam.attempt;
  f.FillRow(0, Style::kBar);
  std::string middle;
  Screen screen = view.screen == Screen::kHelp ? view.help_return : view.screen;
  if (screen == Screen::kConfirmQuit || screen == Screen::kConfirmEnd) screen = view.dialog_return;
  switch (screen) {
    case Screen::kReview: middle = "Review"; break;
    case Screen::kReport: middle = "Score report"; break;
    case Screen::kAnswerReview: middle = "Answer review"; break;
    default:
      middle = "Question " + std::to_string(a.position + 1) + " of " + std::to_string(a.items.size());
      if (a.items[static_cast<size_t>(a.position)].flagged) middle += "  [Flagged]";
      break;
  }
  std::string time = exam.report ? "Finished" : TimeText(exam);
  int time_col = f.width() - DisplayWidth(time) - 1;
  int middle_col = time_col - DisplayWidth(middle) - 3;
  std::string left = " " + a.blueprint.code + "  " + a.blueprint.name;
  f.Put(0, 0, TruncateToWidth(left, std::max(0, middle_col - 2)), Style::kBar);
  f.Put(0, middle_col, middle, Style::kBar);
  f.Put(0, time_col, time, exam.report ? Style::kBar : TimeStyle(exam));
}

void Footer(Frame& f, const std::string& keys, const std::string& status) {
  f.FillRow(f.height() - 1, Style::kBar);
  f.Put(f.height() - 1, 0, TruncateToWidth(" " + keys, f.width()), Style::kBar);
  f.Put(f.height() - 2, 0, TruncateToWidth(" " + status, f.width()), Style::kDim);
}

void DrawBody(Frame& f, const std::vector<BodyLine>& lines, int scroll, int cursor_option, std::string* hint) {
  int height = BodyHeight(f.height());
  int max_scroll = std::max(0, static_cast<int>(lines.size()) - height);
  scroll = std::clamp(scroll, 0, max_scroll);
  for (int r = 0; r < height && scroll + r < static_cast<int>(lines.size()); ++r) {
    const BodyLine& line = lines[static_cast<size_t>(scroll + r)];
    Style style = line.option >= 0 && line.option == cursor_option ? Style::kCursor : line.style;
    if (style == Style::kCursor) f.FillRow(kBodyTop + r, Style::kCursor);
    f.Put(kBodyTop + r, 1, line.text, style);
  }
  if (hint != nullptr) {
    if (scroll > 0 && scroll < max_scroll) *hint = "PgUp/PgDn: more above and below";
    else if (scroll < max_scroll) *hint = "PgDn: more below";
    else if (scroll > 0) *hint = "PgUp: more above";
  }
}

std::string WithHint(std::string status, const std::string& hint, int width) {
  if (hint.empty()) return status;
  int gap = width - 2 - DisplayWidth(status) - DisplayWidth(hint);
  return status + std::string(static_cast<size_t>(std::max(2, gap)), ' ') + hint;
}

}  // namespace render

namespace {

using namespace render;  // NOLINT: this file is the render functions' home

const char* const kDot = " \xC2\xB7 ";

std::string CountsText(const ExamSnapshot& exam) { return ProgressLine(exam.progress, kDot); }

// The footer's keys. On a narrow terminal the least needed go first (strike, then Space toggle);
// the help lists them all.
std::string QuestionKeys(const AttemptItem& item, int width) {
  const size_t n = item.option_order.size();
  const bool strikable = item.question.type == ItemType::kSingle || item.question.type == ItemType::kMultiple;
  const std::string choose = std::string("A-") + OptionLetter(std::min<size_t>(n, 26) - 1) + " choose";
  const std::string toggle = item.question.type == ItemType::kMultiple ? "Space toggle" : "";
  const std::string strike = !strikable ? "" : n >= 19 ? "- strike" : "S strike";
  const std::string rest = std::string("\xE2\x86\x90/\xE2\x86\x92 move  ") + (n >= 6 ? "^F" : "F") + " flag  R review  " +
                           (n >= 5 ? "^E" : "E") + " end  ? help";
  const auto join = [&](bool with_toggle, bool with_strike) {
    std::string keys = choose + "  " + (with_toggle && !toggle.empty() ? toggle + "  " : "") + rest;
    return with_strike && !strike.empty() ? keys + "  " + strike : keys;
  };
  for (const auto& [with_toggle, with_strike] : {std::pair{true, true}, {true, false}, {false, false}}) {
    std::string keys = join(with_toggle, with_strike);
    if (DisplayWidth(keys) + 2 <= width) return keys;
  }
  return join(false, false);
}

void RenderQuestion(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  const AttemptItem& item = exam.attempt->items[static_cast<size_t>(exam.attempt->position)];
  std::vector<BodyLine> lines = QuestionBody(item, view, f.width() - 2);
  std::string hint;
  DrawBody(f, lines, view.scroll, view.cursor, &hint);
  std::string status = CountsText(exam);
  if (item.question.type == ItemType::kMultiple) {
    // As the test centre's footer does: how many to choose, and how many are chosen.
    const std::string choose = "Choose " + CountWord(item.question.ChooseCount()) + kDot +
                               std::to_string(item.response.size()) + " selected";
    status = choose + "    " + status;
    if (DisplayWidth(status) + 2 > f.width()) {
      // Narrow: a smaller gap, and no "Flagged 0".
      Progress p = exam.progress;
      status = choose + "  " + ProgressLine(p, kDot);
      if (p.flagged == 0) status = status.substr(0, status.rfind(kDot));
    }
  }
  Footer(f, QuestionKeys(item, f.width()), WithHint(status, hint, f.width()));
}

// One review-grid cell, never wider than kReviewCellWidth - 1: the number with its flag mark,
// then the answer with a '+' when it is incomplete.
std::string ReviewCell(const AttemptItem& item, int number) {
  std::string answer;
  const ResponseState state = StateOf(item.question, item.response);
  if (state == ResponseState::kUnanswered) {
    answer = "--";
  } else if (item.question.type == ItemType::kMatching) {
    answer = state == ResponseState::kAnswered
                 ? "match"
                 : std::to_string(item.response.size()) + "/" + std::to_string(item.question.prompts.size());
  } else {
    answer = TruncateToWidth(ResponseLetters(item, item.response), 5);
  }
  if (state == ResponseState::kIncomplete) answer += "+";
  std::string num = std::to_string(number);
  if (num.size() < 2) num = " " + num;
  return PadRight(num + (item.flagged ? "*" : " ") + " " + answer, kReviewCellWidth - 1);
}

void RenderReview(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  const Attempt& a = *exam.attempt;
  const Progress& p = exam.progress;
  std::string summary = std::to_string(p.answered) + " answered, ";
  if (p.incomplete > 0) summary += std::to_string(p.incomplete) + " incomplete, ";
  summary += std::to_string(p.unanswered()) + " unanswered, " + std::to_string(p.flagged) + " flagged.";
  const std::string legend = "* flagged  + incomplete";
  f.Put(kBodyTop, 1, summary, Style::kBold);
  // Narrow: the legend and the go-to field move to the spare row under the filters.
  int spare = 1;
  if (DisplayWidth(summary) + 4 + DisplayWidth(legend) <= f.width()) {
    f.Put(kBodyTop, 3 + DisplayWidth(summary), legend, Style::kDim);
  } else {
    spare = f.Put(kBodyTop + 2, 1, legend, Style::kDim) + 3;
  }
  int col = f.Put(kBodyTop + 1, 1, "Show: ");
  const std::pair<ReviewFilter, const char*> filters[] = {{ReviewFilter::kAll, "[A] all"},
                                                          {ReviewFilter::kFlagged, "[F] flagged"},
                                                          {ReviewFilter::kUnanswered, "[U] unanswered"},
                                                          {ReviewFilter::kIncomplete, "[I] incomplete"}};
  for (const auto& [filter, label] : filters) {
    col = f.Put(kBodyTop + 1, col, label, filter == view.filter ? Style::kSelected : Style::kDim);
    col = f.Put(kBodyTop + 1, col, " ");
  }
  const std::string go_to = view.go_to.empty() ? "type a number" : view.go_to + "_";
  int go_row = kBodyTop + 1;
  if (col + 2 + DisplayWidth("Go to: " + go_to) > f.width() - 1) {
    go_row = kBodyTop + 2;
    col = spare;
  } else {
    col += 2;
  }
  col = f.Put(go_row, col, "Go to: ", Style::kDim);
  f.Put(go_row, col, go_to, view.go_to.empty() ? Style::kDim : Style::kBold);
  std::vector<int> list = ReviewList(a, view.filter);
  int per_row = std::max(1, (f.width() - 2) / kReviewCellWidth);
  int rows_available = BodyHeight(f.height()) - 3;
  int cursor_row = view.review_cursor / per_row;
  int first_row = std::max(0, cursor_row - rows_available + 1);
  if (list.empty()) f.Put(kBodyTop + 3, 1, "No questions match this filter.", Style::kDim);
  for (size_t i = 0; i < list.size(); ++i) {
    int row = static_cast<int>(i) / per_row - first_row;
    if (row < 0 || row >= rows_available) continue;
    const AttemptItem& item = a.items[static_cast<size_t>(list[i])];
    bool at_cursor = static_cast<int>(i) == view.review_cursor;
    int x = 1 + (static_cast<int>(i) % per_row) * kReviewCellWidth;
    f.Put(kBodyTop + 3 + row, x, ReviewCell(item, list[i] + 1),
          at_cursor ? Style::kCursor : (item.response.empty() ? Style::kDim : Style::kNormal));
  }
  const std::string keys = "Arrows or a number, Enter open  A/F/U/I filter  E end exam  Esc back";
  Footer(f, DisplayWidth(keys) + 2 <= f.width() ? keys : "Arrows, Enter open  A/F/U/I filter  E end  Esc back", CountsText(exam));
}

void RenderDialog(Frame& f, const ExamSnapshot& exam, const std::vector<BodyLine>& lines, const std::string& keys) {
  DrawBody(f, lines, 0, -1, nullptr);
  Footer(f, keys, CountsText(exam));
}

void RenderConfirmEnd(Frame& f, const ExamSnapshot& exam) {
  std::vector<BodyLine> lines;
  int w = f.width() - 2;
  lines.push_back({"End the exam?", Style::kBold});
  lines.push_back({""});
  const std::string warning = EndWarning(exam.progress);
  if (warning.empty()) {
    AddWrapped(lines, "Every question is answered and none is flagged.", w);
  } else {
    AddWrapped(lines, warning, w, exam.progress.given() < exam.progress.total || exam.progress.incomplete > 0 ? Style::kWarn : Style::kNormal);
  }
  AddWrapped(lines, "Once the exam ends you cannot change your answers.", w);
  lines.push_back({""});
  lines.push_back({"[Y] End the exam and see my score     [N] Go back", Style::kBold});
  RenderDialog(f, exam, lines, "Y end exam  N go back");
}

void RenderConfirmQuit(Frame& f, const ExamSnapshot& exam) {
  std::vector<BodyLine> lines;
  int w = f.width() - 2;
  lines.push_back({"Leave the exam for now?", Style::kBold});
  lines.push_back({""});
  AddWrapped(lines, "Your answers are saved and attempt " + std::to_string(exam.attempt->id) +
                        " stays open: 'proctor resume' continues it at this question.", w);
  AddWrapped(lines, "The clock keeps running while you are away, as in the real exam.", w,
             exam.remaining_ms == INT64_MAX ? Style::kNormal : Style::kWarn);
  lines.push_back({""});
  lines.push_back({"[Y] Leave     [N] Stay", Style::kBold});
  RenderDialog(f, exam, lines, "Y leave  N stay");
}

const char* const kQuestionHelp[] = {
    "Keys on a question",
    "",
    "A-E or 1-9     choose an option (toggles it on multiple-response questions)",
    "Up/Down        move the cursor; Space or Enter chooses the option under it",
    "Home/End       the cursor to the first or last option",
    "Left/Right     previous or next question (also P and N)",
    "F              flag or unflag the question for review (Ctrl-F too)",
    "S or -         strike out the option under the cursor (again to restore it); a struck option is never an answer",
    "X              clear your answer",
    "Backspace      ordering: undo the last step; matching: undo the last match",
    "R              the review screen: every question, jump to any, filter",
    "E              end the exam (Ctrl-E when E is an option)",
    "PgUp/PgDn      scroll a long question",
    "Q              leave without ending; 'proctor resume' continues (the clock runs on)",
    "",
    // One line, written as two literals (the parentheses tell clang the concatenation is meant).
    ("A multiple-response question wants exactly the number it asks for: fewer is incomplete (and counts "
     "as wrong), and more is refused. Every action is saved the moment you make it."),
};

const char* const kReviewHelp[] = {
    "Keys on the review screen",
    "",
    "Arrows, Home/End   move between questions; Enter opens the one under the cursor",
    "0-9 then Enter     go to that question number (Backspace corrects)",
    "A F U I            show all, flagged, unanswered or incomplete questions",
    "E                  end the exam",
    "Esc or R           back to the question",
    "Q                  leave without ending ('proctor resume' continues)",
    "",
    "* marks a flagged question, + an incomplete answer (fewer choices than asked).",
};

const char* const kAnswerReviewHelp[] = {
    "Keys in the answer review",
    "",
    "Left/Right or P/N   previous or next question",
    "Up/Down, PgUp/PgDn  scroll",
    "0-9 then Enter      go to that question number",
    "I                   only questions not answered right (W too)",
    "F                   only flagged questions",
    "U                   only unscored questions (they did not count)",
    "C                   only incomplete answers",
    "D                   one domain at a time (again for the next; after the last, all)",
    "A                   every question (clears the filters)",
    "Q or Esc            leave",
    "",
    ("Filters combine: I and F together show the flagged questions you got wrong. The bank and the "
     "question id are shown with each question, so you can report a doubtful key."),
};

std::vector<BodyLine> HelpLines(const ViewState& view, int w) {
  std::vector<BodyLine> lines;
  auto add = [&](const auto& table) {
    for (const char* line : table) {
      // A key's description wraps under itself: the hanging indent is where it starts.
      std::string_view text(line);
      size_t gap = text.find("  ");
      size_t start = gap == std::string_view::npos ? 0 : text.find_first_not_of(' ', gap);
      std::string hang(start == std::string_view::npos || start > 24 ? 0 : start, ' ');
      AddWrapped(lines, text, w, lines.empty() ? Style::kBold : Style::kNormal, "", hang);
    }
  };
  switch (view.help_return) {
    case Screen::kReview: add(kReviewHelp); break;
    case Screen::kAnswerReview: add(kAnswerReviewHelp); break;
    default: add(kQuestionHelp); break;
  }
  return lines;
}

void RenderHelp(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  DrawBody(f, HelpLines(view, f.width() - 2), view.scroll, -1, nullptr);
  Footer(f, "Esc or ? back  Up/Down scroll", exam.report ? std::string() : CountsText(exam));
}

std::vector<BodyLine> ReportLines(const ExamSnapshot& exam, int width) {
  std::ostringstream text;
  PrintScoreReport(text, *exam.attempt, *exam.report, width);
  std::vector<BodyLine> lines;
  std::istringstream in(text.str());
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first && line.empty()) continue;
    first = false;
    Style style = Style::kNormal;
    if (line.rfind("Result: PASS", 0) == 0) style = Style::kCorrect;
    if (line.rfind("Result: FAIL", 0) == 0 || line.rfind("Time ran out", 0) == 0) style = Style::kWrong;
    if (line.find("Needs improvement") != std::string::npos) style = Style::kWarn;
    if (line.rfind("Score report", 0) == 0 || line.rfind("Domain ", 0) == 0) style = Style::kBold;
    if (line.rfind("Domain ", 0) == 0 || line.find("% ") != std::string::npos) {
      lines.push_back({TruncateToWidth(line, width), style});  // the table is kept on one line
    } else {
      AddWrapped(lines, line, width, style);
    }
  }
  return lines;
}

void RenderReport(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  std::string hint;
  DrawBody(f, ReportLines(exam, f.width() - 2), view.scroll, -1, &hint);
  Footer(f, "Enter review answers  Up/Down scroll  Q quit",
         WithHint("Attempt " + std::to_string(exam.attempt->id) + " is saved in your history.", hint, f.width()));
}

void RenderTooSmall(Frame& f, const ExamSnapshot& exam) {
  std::vector<std::string> lines = {
      "Terminal too small",
      "proctor needs " + std::to_string(kMinWidth) + "x" + std::to_string(kMinHeight) + ", this is " +
          std::to_string(f.width()) + "x" + std::to_string(f.height()) + ".",
      exam.report ? std::string("The exam has ended.") : TimeText(exam),
      "Your answers are saved.",
  };
  int top = std::max(0, (f.height() - static_cast<int>(lines.size())) / 2);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string text = TruncateToWidth(lines[i], f.width());
    f.Put(top + static_cast<int>(i), std::max(0, (f.width() - DisplayWidth(text)) / 2), text,
          i == 0 ? Style::kBold : (i == 2 && !exam.report ? TimeStyle(exam) == Style::kBar ? Style::kNormal : TimeStyle(exam) : Style::kNormal));
  }
}

}  // namespace

int BodyHeight(int height) { return std::max(1, height - 4); }

int ScrollLimit(const ExamSnapshot& exam, const ViewState& view, int width, int height) {
  size_t lines = 0;
  switch (view.screen) {
    case Screen::kQuestion:
      lines = QuestionBody(exam.attempt->items[static_cast<size_t>(exam.attempt->position)], view, width - 2).size();
      break;
    case Screen::kHelp: lines = HelpLines(view, width - 2).size(); break;
    case Screen::kReport: lines = exam.report ? ReportLines(exam, width - 2).size() : 0; break;
    case Screen::kAnswerReview: lines = AnswerReviewLines(exam, view, width - 2).size(); break;
    case Screen::kReview:
    case Screen::kConfirmEnd:
    case Screen::kConfirmQuit: break;
  }
  return std::max(0, static_cast<int>(lines) - BodyHeight(height));
}

std::vector<int> ReviewList(const Attempt& attempt, ReviewFilter filter) {
  std::vector<int> list;
  for (size_t i = 0; i < attempt.items.size(); ++i) {
    const AttemptItem& item = attempt.items[i];
    const ResponseState state = StateOf(item.question, item.response);
    if (filter == ReviewFilter::kFlagged && !item.flagged) continue;
    if (filter == ReviewFilter::kUnanswered && state != ResponseState::kUnanswered) continue;
    if (filter == ReviewFilter::kIncomplete && state != ResponseState::kIncomplete) continue;
    list.push_back(static_cast<int>(i));
  }
  return list;
}

std::vector<BodyLine> QuestionBody(const AttemptItem& item, const ViewState& view, int width) {
  (void)view;
  const Question& q = item.question;
  std::vector<BodyLine> lines;
  if (!q.scenario_text.empty()) {
    AddWrapped(lines, "Case study" + (q.scenario_title.empty() ? std::string() : ": " + q.scenario_title), width, Style::kBold);
    AddWrapped(lines, q.scenario_text, width);
    lines.push_back({""});
  }
  AddWrapped(lines, q.stem, width);
  if (std::string hint = ItemInstruction(q, true); !hint.empty()) AddWrapped(lines, hint, width, Style::kBold);
  lines.push_back({""});
  switch (q.type) {
    case ItemType::kSingle:
    case ItemType::kMultiple:
      for (size_t i = 0; i < item.option_order.size(); ++i) {
        const std::string& id = item.option_order[i];
        bool chosen = Chosen(item, id);
        bool struck = std::find(item.struck.begin(), item.struck.end(), id) != item.struck.end();
        // A struck option is marked in the box, so it shows on a terminal without dim or strike-through.
        std::string mark = q.type == ItemType::kSingle ? (chosen ? "(*)" : struck ? "(/)" : "( )")
                                                       : (chosen ? "[x]" : struck ? "[/]" : "[ ]");
        Style style = chosen ? Style::kSelected : struck ? Style::kStruck : Style::kNormal;
        AddWrapped(lines, OptionText(item, i), width, style, mark + " " + std::string(1, OptionLetter(i)) + ". ",
                   "       ", static_cast<int>(i));
      }
      break;
    case ItemType::kOrdering: {
      for (size_t i = 0; i < item.option_order.size(); ++i) {
        bool placed = Chosen(item, item.option_order[i]);
        AddWrapped(lines, OptionText(item, i), width, placed ? Style::kDim : Style::kNormal,
                   std::string(1, OptionLetter(i)) + ". ", "   ");
      }
      lines.push_back({""});
      lines.push_back({"Your order:", Style::kBold});
      if (item.response.empty()) lines.push_back({"  (none yet)", Style::kDim});
      for (size_t k = 0; k < item.response.size(); ++k) {
        auto it = std::find(item.option_order.begin(), item.option_order.end(), item.response[k]);
        size_t index = static_cast<size_t>(it - item.option_order.begin());
        if (it == item.option_order.end()) continue;
        AddWrapped(lines, OptionText(item, index), width, Style::kSelected,
                   "  " + std::to_string(k + 1) + ". " + std::string(1, OptionLetter(index)) + ". ", "        ");
      }
      break;
    }
    case ItemType::kMatching: {
      for (size_t p = 0; p < q.prompts.size(); ++p) {
        std::string match = "  ->  _";
        for (const std::string& pair : item.response) {
          if (pair.substr(0, pair.find('=')) == q.prompts[p].id) {
            auto it = std::find(item.option_order.begin(), item.option_order.end(), pair.substr(pair.find('=') + 1));
            if (it != item.option_order.end()) match = std::string("  ->  ") + OptionLetter(static_cast<size_t>(it - item.option_order.begin()));
          }
        }
        AddWrapped(lines, q.prompts[p].text + match, width, Style::kNormal, std::to_string(p + 1) + ". ", "   ",
                   static_cast<int>(p));
      }
      lines.push_back({""});
      lines.push_back({"Responses:", Style::kBold});
      for (size_t i = 0; i < item.option_order.size(); ++i) {
        AddWrapped(lines, OptionText(item, i), width, Style::kNormal, std::string(1, OptionLetter(i)) + ". ", "   ");
      }
      break;
    }
  }
  return lines;
}

Frame Render(const ExamSnapshot& exam, const ViewState& view, int width, int height) {
  Frame f(width, height);
  if (width < kMinWidth || height < kMinHeight) {
    RenderTooSmall(f, exam);
    return f;
  }
  Header(f, exam, view);
  if (!view.notice.empty()) {
    f.Put(1, 1, TruncateToWidth(view.notice, width - 2), view.notice_is_warning ? Style::kWarn : Style::kBold);
  }
  switch (view.screen) {
    case Screen::kQuestion: RenderQuestion(f, exam, view); break;
    case Screen::kReview: RenderReview(f, exam, view); break;
    case Screen::kConfirmEnd: RenderConfirmEnd(f, exam); break;
    case Screen::kConfirmQuit: RenderConfirmQuit(f, exam); break;
    case Screen::kHelp: RenderHelp(f, exam, view); break;
    case Screen::kReport: RenderReport(f, exam, view); break;
    case Screen::kAnswerReview: RenderAnswerReview(f, exam, view); break;
  }
  return f;
}

}  // namespace proctor
