// The answer review after an exam: every question with the learner's answer, the key, the
// explanation and references, under filters the learner combines.
#include <algorithm>

#include "cli/answer_format.h"
#include "cli/report.h"
#include "cli/tui/render_parts.h"
#include "engine/text.h"

namespace proctor {

namespace render {

namespace {

const char* const kDot = " \xC2\xB7 ";

// "wrong, flagged, domain 2", or "" with no filter on.
std::string FilterNames(const AnswerFilters& f) {
  std::string out;
  auto add = [&](bool on, const std::string& name) {
    if (on) out += (out.empty() ? "" : ", ") + name;
  };
  add(f.incorrect, "not right");
  add(f.flagged, "flagged");
  add(f.unscored, "unscored");
  add(f.incomplete, "incomplete");
  add(f.domain != 0, "domain " + std::to_string(f.domain));
  return out;
}

}  // namespace

std::vector<BodyLine> AnswerReviewLines(const ExamSnapshot& exam, const ViewState& view, int w) {
  const Attempt& a = *exam.attempt;
  std::vector<int> list = AnswerReviewList(a, view.answer_filters);
  std::vector<BodyLine> lines;
  if (list.empty()) {
    const std::string names = FilterNames(view.answer_filters);
    lines.push_back({"No question is " + (names.empty() ? std::string("in this attempt") : names) + ".", Style::kCorrect});
    lines.push_back({""});
    lines.push_back({"Press A to see every question.", Style::kDim});
    return lines;
  }
  int index = std::clamp(view.answer_review, 0, static_cast<int>(list.size()) - 1);
  const AttemptItem& item = a.items[static_cast<size_t>(list[static_cast<size_t>(index)])];
  const Question& q = item.question;
  const bool right = IsCorrect(q, item.response);
  const ResponseState state = StateOf(q, item.response);
  std::string status = "Question " + std::to_string(list[static_cast<size_t>(index)] + 1) + " of " +
                       std::to_string(a.items.size()) + kDot + "domain " + std::to_string(item.form.domain) +
                       (q.domain_inferred ? " (inferred)" : "") + kDot +
                       (item.form.scored ? "scored" : "unscored (did not count)") + kDot +
                       (state == ResponseState::kUnanswered ? "unanswered"
                        : right                             ? "right"
                        : state == ResponseState::kIncomplete ? "incomplete, wrong"
                                                              : "wrong") +
                       (item.flagged ? std::string(kDot) + "flagged" : "");
  AddWrapped(lines, status, w, right ? Style::kCorrect : Style::kWrong);
  // Where the question comes from, so a learner can report a doubtful key.
  lines.push_back({TruncateToWidth("Bank " + SanitizeForTerminal(item.form.bank_id, false) + ", question " +
                                       SanitizeForTerminal(item.form.question_id, false),
                                   w),
                   Style::kDim});
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
    // Ordering and matching answers are shown as sequences below, not as marks on the options.
    bool chose = (q.type == ItemType::kSingle || q.type == ItemType::kMultiple) && Chosen(item, id);
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
  return lines;
}

void RenderAnswerReview(Frame& f, const ExamSnapshot& exam, const ViewState& view) {
  std::vector<int> list = AnswerReviewList(*exam.attempt, view.answer_filters);
  std::string hint;
  DrawBody(f, AnswerReviewLines(exam, view, f.width() - 2), view.scroll, -1, &hint);
  std::string position;
  if (!list.empty()) {
    position = std::to_string(std::clamp(view.answer_review, 0, static_cast<int>(list.size()) - 1) + 1) + " of " +
               CountOf(static_cast<int>(list.size()), "question");
  }
  const std::string names = FilterNames(view.answer_filters);
  if (!names.empty()) position += (position.empty() ? "" : kDot) + std::string("showing ") + names;
  if (!view.go_to.empty()) position += std::string(kDot) + "go to " + view.go_to + "_";
  Footer(f, "\xE2\x86\x90/\xE2\x86\x92 question  I/F/U/C/D filter  A all  ? help  Q quit", WithHint(position, hint, f.width()));
}

}  // namespace render

std::vector<int> AnswerReviewList(const Attempt& attempt, const AnswerFilters& f) {
  std::vector<int> list;
  for (size_t i = 0; i < attempt.items.size(); ++i) {
    const AttemptItem& item = attempt.items[i];
    if (f.incorrect && IsCorrect(item.question, item.response)) continue;
    if (f.answered && item.response.empty()) continue;
    if (f.flagged && !item.flagged) continue;
    if (f.unscored && item.form.scored) continue;
    if (f.incomplete && StateOf(item.question, item.response) != ResponseState::kIncomplete) continue;
    if (f.domain != 0 && item.form.domain != f.domain) continue;
    list.push_back(static_cast<int>(i));
  }
  return list;
}

}  // namespace proctor
