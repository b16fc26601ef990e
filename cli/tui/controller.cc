#include "cli/tui/controller.h"

#include <algorithm>
#include <climits>

#include "cli/tui/render.h"
#include "engine/clock.h"

namespace proctor {

namespace {

constexpr int64_t kWarnings[] = {15 * 60000, 5 * 60000};

}  // namespace

ExamController::ExamController(Session& session, ViewState view) : session_(session), view_(std::move(view)) {
  for (size_t i = 0; i < 2; ++i) warned_[i] = session_.RemainingMs() <= kWarnings[i];
  if (!session_.in_progress()) view_.screen = Screen::kReport;
}

ExamSnapshot ExamController::Snapshot() const {
  return SnapshotOf(session_.attempt(), session_.RemainingMs(), session_.report() ? &*session_.report() : nullptr);
}

void ExamController::ClearNotice() {
  view_.notice.clear();
  view_.notice_is_warning = false;
}

void ExamController::ShowReport() {
  // The report says how the exam ended (time up, or submitted): no notice repeats it.
  ClearNotice();
  view_.screen = Screen::kReport;
  view_.scroll = 0;
}

void ExamController::Tick() {
  if (!session_.in_progress()) return;
  if (session_.CheckDeadline()) {
    ShowReport();
    return;
  }
  int64_t remaining = session_.RemainingMs();
  for (size_t i = 0; i < 2; ++i) {
    if (!warned_[i] && remaining <= kWarnings[i]) {
      warned_[i] = true;
      view_.notice = std::to_string(kWarnings[i] / 60000) + " minutes remain. The exam ends by itself at zero.";
      view_.notice_is_warning = true;
    }
  }
}

bool ExamController::HandleKey(const KeyEvent& key, int width, int height) {
  if (key.kind == KeyEvent::Kind::kIgnored) return true;
  if (key.kind == KeyEvent::Kind::kTimeout || key.kind == KeyEvent::Kind::kResize) {
    if (view_.screen == Screen::kQuestion) KeepCursorVisible(width, height);
    return true;
  }
  if (width < kMinWidth || height < kMinHeight) return !(key.kind == KeyEvent::Kind::kChar && (key.ch == 'q' || key.ch == 'Q'));
  const AttemptItem& item = session_.current();
  int options = static_cast<int>(item.option_order.size());
  ActionEvent action = MapKey(key, view_.screen, options);
  if (action.action != Action::kNone && view_.screen != Screen::kReport) ClearNotice();
  Apply(action, width, height);
  return !quit_;
}

void ExamController::AskToLeave() {
  if (!session_.in_progress()) {
    quit_ = true;
    return;
  }
  view_.dialog_return = view_.screen;
  view_.screen = Screen::kConfirmQuit;
}

void ExamController::Apply(const ActionEvent& a, int width, int height) {
  switch (view_.screen) {
    case Screen::kQuestion:
      ApplyQuestion(a, width, height);
      return;
    case Screen::kReview:
      ApplyReview(a, width);
      return;
    case Screen::kConfirmEnd:
      if (a.action == Action::kYes) {
        session_.Submit();
        ShowReport();
      } else if (a.action == Action::kNo) {
        view_.screen = view_.dialog_return;
      }
      return;
    case Screen::kConfirmQuit:
      if (a.action == Action::kYes) quit_ = true;
      if (a.action == Action::kNo) view_.screen = view_.dialog_return;
      return;
    case Screen::kHelp:
      if (a.action == Action::kBack) {
        view_.screen = view_.help_return;
        view_.scroll = 0;
      } else if (a.action == Action::kScrollUp) {
        view_.scroll = std::max(0, view_.scroll - 1);
      } else if (a.action == Action::kScrollDown) {
        view_.scroll = std::min(view_.scroll + 1, ScrollLimit(Snapshot(), view_, width, height));
      }
      return;
    case Screen::kReport:
      if (a.action == Action::kQuit) quit_ = true;
      if (a.action == Action::kScrollUp) view_.scroll = std::max(0, view_.scroll - 1);
      if (a.action == Action::kScrollDown) view_.scroll += 1;
      if (a.action == Action::kOpen) OpenAnswerReview();
      view_.scroll = std::min(view_.scroll, ScrollLimit(Snapshot(), view_, width, height));
      return;
    case Screen::kAnswerReview:
      ApplyAnswerReview(a, width, height);
      return;
  }
}

void ExamController::ApplyReview(const ActionEvent& a, int width) {
  const Attempt& attempt = session_.attempt();
  std::vector<int> list = ReviewList(attempt, view_.filter);
  const int per_row = std::max(1, (width - 2) / kReviewCellWidth);
  const int last = std::max(0, static_cast<int>(list.size()) - 1);
  const auto filter = [&](ReviewFilter f) {
    view_.filter = f;
    view_.review_cursor = 0;
  };
  switch (a.action) {
    case Action::kLeft: view_.review_cursor = std::max(0, view_.review_cursor - 1); break;
    case Action::kRight: view_.review_cursor = std::min(last, view_.review_cursor + 1); break;
    case Action::kCursorUp: view_.review_cursor = std::max(0, view_.review_cursor - per_row); break;
    case Action::kCursorDown: view_.review_cursor = std::min(last, view_.review_cursor + per_row); break;
    case Action::kTop: view_.review_cursor = 0; break;
    case Action::kBottom: view_.review_cursor = last; break;
    case Action::kFilterAll: filter(ReviewFilter::kAll); break;
    case Action::kFilterFlagged: filter(ReviewFilter::kFlagged); break;
    case Action::kFilterUnanswered: filter(ReviewFilter::kUnanswered); break;
    case Action::kFilterIncomplete: filter(ReviewFilter::kIncomplete); break;
    case Action::kDigit:
      if (view_.go_to.size() < 3) view_.go_to += static_cast<char>('0' + a.index);
      break;
    case Action::kUndo:
      if (!view_.go_to.empty()) view_.go_to.pop_back();
      break;
    case Action::kOpen: {
      int to = -1;
      if (!view_.go_to.empty()) {
        int n = std::stoi(view_.go_to);
        view_.go_to.clear();
        if (n < 1 || n > session_.size()) {
          view_.notice = "There is no question " + std::to_string(n) + "; the questions are 1-" + std::to_string(session_.size()) + ".";
          break;
        }
        to = n - 1;
      } else if (!list.empty()) {
        to = list[static_cast<size_t>(std::min(view_.review_cursor, last))];
      }
      if (to < 0) break;
      if (!session_.GoTo(to)) {
        ShowReport();
        return;
      }
      view_.screen = Screen::kQuestion;
      view_.cursor = 0;
      view_.scroll = 0;
      break;
    }
    case Action::kEnd: view_.dialog_return = Screen::kReview; view_.screen = Screen::kConfirmEnd; break;
    case Action::kBack: view_.screen = Screen::kQuestion; view_.go_to.clear(); break;
    case Action::kHelp: view_.help_return = Screen::kReview; view_.screen = Screen::kHelp; view_.scroll = 0; break;
    case Action::kQuit: AskToLeave(); break;
    default: break;
  }
}

void ExamController::ApplyAnswerReview(const ActionEvent& a, int width, int height) {
  const Attempt& attempt = session_.attempt();
  AnswerFilters& f = view_.answer_filters;
  // Which question is shown now, so a filter change keeps it when it still matches.
  std::vector<int> before = AnswerReviewList(attempt, f);
  const int shown = before.empty() ? -1 : before[static_cast<size_t>(std::clamp(view_.answer_review, 0, static_cast<int>(before.size()) - 1))];
  bool refilter = false;
  switch (a.action) {
    case Action::kQuit: quit_ = true; return;
    case Action::kScrollUp: view_.scroll = std::max(0, view_.scroll - 1); break;
    case Action::kScrollDown: view_.scroll += 1; break;
    case Action::kNext:
      view_.answer_review = std::min(std::max(0, static_cast<int>(before.size()) - 1), view_.answer_review + 1);
      view_.scroll = 0;
      break;
    case Action::kPrev:
      view_.answer_review = std::max(0, view_.answer_review - 1);
      view_.scroll = 0;
      break;
    case Action::kFilterAll: f = AnswerFilters{}; refilter = true; break;
    case Action::kToggleIncorrect: f.incorrect = !f.incorrect; refilter = true; break;
    case Action::kToggleFlagged: f.flagged = !f.flagged; refilter = true; break;
    case Action::kToggleUnscored: f.unscored = !f.unscored; refilter = true; break;
    case Action::kToggleIncomplete: f.incomplete = !f.incomplete; refilter = true; break;
    case Action::kNextDomain:
      f.domain = f.domain >= static_cast<int>(attempt.blueprint.domains.size()) ? 0 : f.domain + 1;
      refilter = true;
      break;
    case Action::kDigit:
      if (view_.go_to.size() < 3) view_.go_to += static_cast<char>('0' + a.index);
      break;
    case Action::kUndo:
      if (!view_.go_to.empty()) view_.go_to.pop_back();
      break;
    case Action::kOpen: {
      if (view_.go_to.empty()) break;
      int n = std::stoi(view_.go_to);
      view_.go_to.clear();
      if (n < 1 || n > session_.size()) {
        view_.notice = "There is no question " + std::to_string(n) + "; the questions are 1-" + std::to_string(session_.size()) + ".";
        break;
      }
      std::vector<int> list = AnswerReviewList(attempt, f);
      auto it = std::find(list.begin(), list.end(), n - 1);
      if (it == list.end()) {  // not under the filters: show every question, at that one
        f = AnswerFilters{};
        list = AnswerReviewList(attempt, f);
        it = std::find(list.begin(), list.end(), n - 1);
      }
      view_.answer_review = static_cast<int>(it - list.begin());
      view_.scroll = 0;
      break;
    }
    case Action::kHelp: view_.help_return = Screen::kAnswerReview; view_.screen = Screen::kHelp; view_.scroll = 0; return;
    default: break;
  }
  if (refilter) {
    std::vector<int> after = AnswerReviewList(attempt, f);
    auto it = std::find(after.begin(), after.end(), shown);
    view_.answer_review = it == after.end() ? 0 : static_cast<int>(it - after.begin());
    view_.scroll = 0;
  }
  view_.scroll = std::min(view_.scroll, ScrollLimit(Snapshot(), view_, width, height));
}

void ExamController::ApplyQuestion(const ActionEvent& a, int width, int height) {
  const AttemptItem& item = session_.current();
  const Question& q = item.question;
  const int choices = q.type == ItemType::kMatching ? static_cast<int>(q.prompts.size())
                                                     : static_cast<int>(item.option_order.size());
  const int page = std::max(1, BodyHeight(height) - 2);
  bool ok = true;
  switch (a.action) {
    case Action::kChoose: Choose(a.index); break;
    case Action::kChooseCursor:
      if (q.type == ItemType::kSingle || q.type == ItemType::kMultiple) Choose(view_.cursor);
      break;
    case Action::kCursorUp: view_.cursor = std::max(0, view_.cursor - 1); KeepCursorVisible(width, height); break;
    case Action::kCursorDown: view_.cursor = std::min(choices - 1, view_.cursor + 1); KeepCursorVisible(width, height); break;
    case Action::kTop: view_.cursor = 0; KeepCursorVisible(width, height); break;
    case Action::kBottom: view_.cursor = std::max(0, choices - 1); KeepCursorVisible(width, height); break;
    case Action::kScrollUp: view_.scroll = std::max(0, view_.scroll - page); break;
    case Action::kScrollDown: {
      int lines = static_cast<int>(QuestionBody(item, view_, width - 2).size());
      view_.scroll = std::min(std::max(0, lines - BodyHeight(height)), view_.scroll + page);
      break;
    }
    case Action::kNext:
    case Action::kPrev: {
      int to = session_.position() + (a.action == Action::kNext ? 1 : -1);
      if (to < 0 || to >= session_.size()) {
        view_.notice = to < 0 ? "This is the first question." : "This is the last question. Press R to review, or E to end.";
        break;
      }
      ok = session_.GoTo(to);
      view_.cursor = 0;
      view_.scroll = 0;
      break;
    }
    case Action::kFlag: ok = session_.SetFlag(!item.flagged); break;
    case Action::kStrike: ok = Strike(); break;
    case Action::kClearAnswer: ok = session_.Clear(); break;
    case Action::kUndo:
      if ((q.type == ItemType::kOrdering || q.type == ItemType::kMatching) && !item.response.empty()) {
        // Ordering: the last step placed; matching: the last pair made (pairs are kept in the order made).
        Response r = item.response;
        r.pop_back();
        ok = session_.Answer(r);
      }
      break;
    case Action::kReview: {
      view_.screen = Screen::kReview;
      std::vector<int> list = ReviewList(session_.attempt(), view_.filter);
      auto it = std::find(list.begin(), list.end(), session_.position());
      view_.review_cursor = it == list.end() ? 0 : static_cast<int>(it - list.begin());
      break;
    }
    case Action::kEnd: view_.dialog_return = Screen::kQuestion; view_.screen = Screen::kConfirmEnd; break;
    case Action::kHelp: view_.help_return = Screen::kQuestion; view_.screen = Screen::kHelp; view_.scroll = 0; break;
    case Action::kQuit: AskToLeave(); break;
    default: break;
  }
  if (!ok || !session_.in_progress()) {
    // The deadline passed: the session refused the event and ended the attempt.
    Tick();
    ShowReport();
  }
}

bool ExamController::Strike() {
  const AttemptItem& item = session_.current();
  if (item.question.type != ItemType::kSingle && item.question.type != ItemType::kMultiple) {
    view_.notice = "Striking out is for questions with options to choose from.";
    return true;
  }
  if (view_.cursor < 0 || view_.cursor >= static_cast<int>(item.option_order.size())) return true;
  const std::string& id = item.option_order[static_cast<size_t>(view_.cursor)];
  std::vector<std::string> struck = item.struck;
  auto it = std::find(struck.begin(), struck.end(), id);
  if (it == struck.end()) struck.push_back(id);
  else struck.erase(it);
  return session_.SetStruck(std::move(struck));
}

void ExamController::Choose(int index) {
  const AttemptItem& item = session_.current();
  const Question& q = item.question;
  if (index < 0 || index >= static_cast<int>(item.option_order.size())) return;
  const std::string& id = item.option_order[static_cast<size_t>(index)];
  Response r = item.response;
  switch (q.type) {
    case ItemType::kSingle:
      r = {id};
      break;
    case ItemType::kMultiple: {
      auto it = std::find(r.begin(), r.end(), id);
      if (it != r.end()) {
        r.erase(it);
      } else if (static_cast<int>(r.size()) >= q.ChooseCount()) {
        // As the test centre does: never more than asked, and never a choice dropped silently.
        view_.cursor = index;
        view_.notice = "This question asks for " + CountWord(q.ChooseCount()) +
                       ". Press a chosen letter again to unchoose it first.";
        return;
      } else {
        r.push_back(id);
      }
      break;
    }
    case ItemType::kOrdering:
      if (std::find(r.begin(), r.end(), id) != r.end()) return;  // each step once; Backspace undoes
      r.push_back(id);
      break;
    case ItemType::kMatching: {
      if (view_.cursor < 0 || view_.cursor >= static_cast<int>(q.prompts.size())) return;
      const std::string& prompt = q.prompts[static_cast<size_t>(view_.cursor)].id;
      std::erase_if(r, [&](const std::string& pair) { return pair.substr(0, pair.find('=')) == prompt; });
      r.push_back(prompt + "=" + id);
      if (view_.cursor + 1 < static_cast<int>(q.prompts.size())) ++view_.cursor;
      break;
    }
  }
  if (q.type != ItemType::kMatching) view_.cursor = index;
  if (!session_.Answer(r)) {
    Tick();
    ShowReport();
  }
}

void ExamController::KeepCursorVisible(int width, int height) {
  std::vector<BodyLine> lines = QuestionBody(session_.current(), view_, width - 2);
  int first = -1;
  int last = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].option == view_.cursor) {
      if (first < 0) first = static_cast<int>(i);
      last = static_cast<int>(i);
    }
  }
  int body = BodyHeight(height);
  view_.scroll = std::clamp(view_.scroll, 0, std::max(0, static_cast<int>(lines.size()) - body));
  if (first < 0) return;
  if (first < view_.scroll) view_.scroll = first;
  if (last >= view_.scroll + body) view_.scroll = last - body + 1;
}

}  // namespace proctor
