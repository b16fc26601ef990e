#include "cli/tui/render.h"

#include <algorithm>
#include <climits>
#include <sstream>

#include "cli/answer_format.h"
#include "cli/report.h"
#include "engine/text.h"

namespace proctor {

namespace {

// Layout: row 0 header, row 1 notice, rows 2..h-3 body, row h-2 status, row h-1 footer.
constexpr int kBodyTop = 2;

void AddWrapped(std::vector<BodyLine>& lines, std::string_view text, int width, Style style = Style::kNormal,
                const std::string& first_prefix = "", const std::string& rest_prefix = "", int option = -1) {
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
  switch (view.screen) {
    case Screen::kQuestion:
    case Screen::kConfirmEnd:
    case Screen::kHelp:
      middle = "Question " + std::to_string(a.position + 1) + " of " + std::to_string(a.items.size());
      if (a.items[static_cast<size_t>(a.position)].flagged) middle += "  [Flagged]";
      break;
    case Screen::kReview: middle = "Review"; break;
    case Screen::kReport: middle = "Score report"; break;
    case Screen::kAnswerReview: middle = "Answer review"; break;
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

// Draws body lines from view.scroll (clamped); returns true if there is more below.
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

std::string CountsText(const ExamSnapshot& exam) {
  return "Answered " + std::to_string(exam.answered) + "/" + std::to_string(exam.attempt->items.size()) +
         " \xC2\xB7 Flagged " + std::to_string(exam.flagged);
}

std::string WithHint(std::string status, const std::string& hint, int width) {
  if (hint.empty()) return status;
  int gap = width - 2 - DisplayWidth(status) - DisplayWidth(hint);
  return status + std::string(static_cast<size_t>(std::max(2, gap)), ' ') + hint;
}

void RenderQuestion(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  const AttemptItem& item = exam.attempt->items[static_cast<size_t>(exam.attempt->position)];
  std::vector<BodyLine> lines = QuestionBody(item, view, f.width() - 2);
  std::string hint;
  DrawBody(f, lines, view.scroll, view.cursor, &hint);
  size_t n = item.option_order.size();
  bool has_e = n >= 5;
  bool has_f = n >= 6;
  std::string keys = std::string("A-") + OptionLetter(n - 1) + " choose  ";
  if (item.question.type == ItemType::kMultiple) keys += "Space toggle  ";
  keys += std::string("\xE2\x86\x90/\xE2\x86\x92 move  ") + (has_f ? "^F" : "F") + " flag  R review  " +
          (has_e ? "^E" : "E") + " end  ? help";
  Footer(f, keys, WithHint(CountsText(exam), hint, f.width()));
}

void RenderReview(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  const Attempt& a = *exam.attempt;
  int unanswered = static_cast<int>(a.items.size()) - exam.answered;
  f.Put(kBodyTop, 1, std::to_string(exam.answered) + " answered, " + std::to_string(unanswered) + " unanswered, " +
                         std::to_string(exam.flagged) + " flagged.  * marks a flagged question.", Style::kBold);
  int col = f.Put(kBodyTop + 1, 1, "Show: ");
  const std::pair<ReviewFilter, const char*> filters[] = {
      {ReviewFilter::kAll, "[A] all"}, {ReviewFilter::kFlagged, "[F] flagged"}, {ReviewFilter::kUnanswered, "[U] unanswered"}};
  for (const auto& [filter, label] : filters) {
    col = f.Put(kBodyTop + 1, col, label, filter == view.filter ? Style::kSelected : Style::kDim);
    col = f.Put(kBodyTop + 1, col, "  ");
  }
  col = f.Put(kBodyTop + 1, col + 2, "Go to: ", Style::kDim);
  f.Put(kBodyTop + 1, col, view.go_to.empty() ? "type a number" : view.go_to + "_", view.go_to.empty() ? Style::kDim : Style::kBold);
  std::vector<int> list = ReviewList(a, view.filter);
  const int cell = 12;
  int per_row = std::max(1, (f.width() - 2) / cell);
  int rows_available = BodyHeight(f.height()) - 3;
  int cursor_row = view.review_cursor / per_row;
  int first_row = std::max(0, cursor_row - rows_available + 1);
  if (list.empty()) f.Put(kBodyTop + 3, 1, "No questions match this filter.", Style::kDim);
  for (size_t i = 0; i < list.size(); ++i) {
    int row = static_cast<int>(i) / per_row - first_row;
    if (row < 0 || row >= rows_available) continue;
    const AttemptItem& item = a.items[static_cast<size_t>(list[i])];
    std::string answer = item.response.empty() ? "--" : ResponseLetters(item, item.response);
    if (item.question.type == ItemType::kMatching && !item.response.empty()) answer = "match";
    std::string text = PadRight(std::to_string(list[i] + 1), 3) + " " + TruncateToWidth(answer, 5);
    text = PadRight(text, 9) + (item.flagged ? "*" : " ");
    bool at_cursor = static_cast<int>(i) == view.review_cursor;
    int x = 1 + (static_cast<int>(i) % per_row) * cell;
    f.Put(kBodyTop + 3 + row, x, PadRight(text, cell - 1),
          at_cursor ? Style::kCursor : (item.response.empty() ? Style::kDim : Style::kNormal));
  }
  Footer(f, "Arrows or a number, Enter open  A/F/U filter  E end exam  Esc back", CountsText(exam));
}

void RenderConfirmEnd(Frame& f, const ExamSnapshot& exam) {
  int unanswered = static_cast<int>(exam.attempt->items.size()) - exam.answered;
  std::vector<BodyLine> lines;
  int w = f.width() - 2;
  lines.push_back({"End the exam?", Style::kBold});
  lines.push_back({""});
  if (unanswered == 0 && exam.flagged == 0) {
    AddWrapped(lines, "Every question is answered and none is flagged.", w);
  } else {
    AddWrapped(lines, "You have " + std::to_string(unanswered) + " unanswered and " + std::to_string(exam.flagged) +
                          " flagged questions. Unanswered questions count as wrong.", w,
               unanswered > 0 ? Style::kWarn : Style::kNormal);
  }
  AddWrapped(lines, "Once the exam ends you cannot change your answers.", w);
  lines.push_back({""});
  lines.push_back({"[Y] End the exam and see my score     [N] Go back", Style::kBold});
  DrawBody(f, lines, 0, -1, nullptr);
  Footer(f, "Y end exam  N go back", CountsText(exam));
}

const char* const kHelpLines[] = {
    "Keys",
    "",
    "A-E or 1-9     choose an option (toggles it on multiple-response questions)",
    "Up/Down        move the cursor; Space or Enter chooses the option under it",
    "Left/Right     previous or next question (also P and N)",
    "F              flag or unflag the question for review (Ctrl-F too)",
    "R              the review screen: every question, jump to any, filter",
    "E              end the exam (Ctrl-E, or E on the review screen, when E is an option)",
    "PgUp/PgDn      scroll a long question",
    "Backspace      ordering: undo the last step; X clears the order",
    "Q              leave without ending; 'proctor resume' continues (the clock runs on)",
    "",
    "Every action is saved the moment you make it.",
};

std::vector<BodyLine> HelpLines(int w) {
  std::vector<BodyLine> lines;
  for (const char* line : kHelpLines) AddWrapped(lines, line, w, lines.empty() ? Style::kBold : Style::kNormal);
  return lines;
}

void RenderHelp(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  DrawBody(f, HelpLines(f.width() - 2), view.scroll, -1, nullptr);
  Footer(f, "Esc or ? back", CountsText(exam));
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
  Footer(f, "Enter review answers  Up/Down scroll  Q quit", WithHint("Attempt " + std::to_string(exam.attempt->id) + " is saved in your history.", hint, f.width()));
}

std::vector<BodyLine> AnswerReviewLines(const ExamSnapshot& exam, const ViewState& view, int w) {
  const Attempt& a = *exam.attempt;
  std::vector<int> list = AnswerReviewList(a, view);
  std::vector<BodyLine> lines;
  if (list.empty()) {
    lines.push_back({view.incorrect_only ? "Every question shown was answered right." : "No question matches this review's filters.", Style::kCorrect});
  } else {
    int index = std::clamp(view.answer_review, 0, static_cast<int>(list.size()) - 1);
    const AttemptItem& item = a.items[static_cast<size_t>(list[static_cast<size_t>(index)])];
    const Question& q = item.question;
    bool right = IsCorrect(q, item.response);
    std::string status = "Question " + std::to_string(list[static_cast<size_t>(index)] + 1) + " of " +
                         std::to_string(a.items.size()) + " \xC2\xB7 domain " + std::to_string(item.form.domain) + " \xC2\xB7 " +
                         (item.form.scored ? "scored" : "unscored (did not count)") + " \xC2\xB7 " +
                         (item.response.empty() ? "unanswered" : right ? "right" : "wrong");
    lines.push_back({status, right ? Style::kCorrect : Style::kWrong});
    lines.push_back({""});
    if (!q.scenario_text.empty()) {
      AddWrapped(lines, "Case study: " + q.scenario_title, w, Style::kBold);
      AddWrapped(lines, q.scenario_text, w);
      lines.push_back({""});
    }
    AddWrapped(lines, q.stem, w);
    if (std::string hint = ItemInstruction(q, false); !hint.empty() && q.type == ItemType::kMultiple) lines.push_back({hint, Style::kBold});
    lines.push_back({""});
    if (q.type == ItemType::kMatching) {
      for (size_t p = 0; p < q.prompts.size(); ++p) AddWrapped(lines, q.prompts[p].text, w, Style::kNormal, std::to_string(p + 1) + ". ", "   ");
      lines.push_back({""});
    }
    for (size_t i = 0; i < item.option_order.size(); ++i) {
      const std::string& id = item.option_order[i];
      bool keyed = q.type == ItemType::kSingle || q.type == ItemType::kMultiple
                       ? std::find(q.key.begin(), q.key.end(), id) != q.key.end()
                       : false;
      bool chose = Chosen(item, id);
      std::string mark = std::string(chose ? ">" : " ") + (keyed ? "*" : " ");
      Style style = keyed ? Style::kCorrect : (chose ? Style::kWrong : Style::kNormal);
      AddWrapped(lines, OptionText(item, i), w, style, mark + " " + std::string(1, OptionLetter(i)) + ". ", "      ");
    }
    lines.push_back({""});
    if (q.type == ItemType::kSingle || q.type == ItemType::kMultiple) {
      lines.push_back({"> your answer   * the right answer", Style::kDim});
    } else {
      lines.push_back({"Your answer:    " + ResponseLetters(item, item.response), right ? Style::kCorrect : Style::kWrong});
      lines.push_back({"Right answer:   " + ResponseLetters(item, q.key), Style::kCorrect});
    }
    lines.push_back({"Time on this question: " + FormatDuration(item.time_spent_ms), Style::kDim});
    lines.push_back({""});
    if (!q.explanation.empty()) {
      lines.push_back({"Explanation", Style::kBold});
      AddWrapped(lines, q.explanation, w);
    }
    if (!q.references.empty()) {
      lines.push_back({""});
      lines.push_back({"References", Style::kBold});
      for (const std::string& ref : q.references) AddWrapped(lines, ref, w, Style::kNormal, "  ", "  ");
    }
  }
  return lines;
}

void RenderAnswerReview(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  std::vector<int> list = AnswerReviewList(*exam.attempt, view);
  std::string hint;
  DrawBody(f, AnswerReviewLines(exam, view, f.width() - 2), view.scroll, -1, &hint);
  std::string position = list.empty() ? "" : std::to_string(std::clamp(view.answer_review, 0, static_cast<int>(list.size()) - 1) + 1) + " of " + std::to_string(list.size()) + (view.incorrect_only ? " not right" : " questions");
  Footer(f, "\xE2\x86\x90/\xE2\x86\x92 question  I only wrong ones  Up/Down scroll  Q quit", WithHint(position, hint, f.width()));
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
    case Screen::kHelp: lines = HelpLines(width - 2).size(); break;
    case Screen::kReport: lines = exam.report ? ReportLines(exam, width - 2).size() : 0; break;
    case Screen::kAnswerReview: lines = AnswerReviewLines(exam, view, width - 2).size(); break;
    case Screen::kReview:
    case Screen::kConfirmEnd: break;
  }
  return std::max(0, static_cast<int>(lines) - BodyHeight(height));
}

std::vector<int> ReviewList(const Attempt& attempt, ReviewFilter filter) {
  std::vector<int> list;
  for (size_t i = 0; i < attempt.items.size(); ++i) {
    const AttemptItem& item = attempt.items[i];
    if (filter == ReviewFilter::kFlagged && !item.flagged) continue;
    if (filter == ReviewFilter::kUnanswered && !item.response.empty()) continue;
    list.push_back(static_cast<int>(i));
  }
  return list;
}

std::vector<int> AnswerReviewList(const Attempt& attempt, const ViewState& view) {
  std::vector<int> list;
  for (size_t i = 0; i < attempt.items.size(); ++i) {
    if (view.incorrect_only && IsCorrect(attempt.items[i].question, attempt.items[i].response)) continue;
    if (view.flagged_only && !attempt.items[i].flagged) continue;
    if (view.domain_only != 0 && attempt.items[i].form.domain != view.domain_only) continue;
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
        bool chosen = Chosen(item, item.option_order[i]);
        std::string mark = q.type == ItemType::kSingle ? (chosen ? "(*)" : "( )") : (chosen ? "[x]" : "[ ]");
        AddWrapped(lines, OptionText(item, i), width, chosen ? Style::kSelected : Style::kNormal,
                   mark + " " + std::string(1, OptionLetter(i)) + ". ", "       ", static_cast<int>(i));
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
    case Screen::kHelp: RenderHelp(f, exam, view); break;
    case Screen::kReport: RenderReport(f, exam, view); break;
    case Screen::kAnswerReview: RenderAnswerReview(f, exam, view); break;
  }
  return f;
}

}  // namespace proctor
