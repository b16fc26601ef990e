#include "cli/tui/tui_practice.h"

#include <algorithm>
#include <climits>

#include "cli/answer_format.h"
#include "cli/tui/controller.h"
#include "cli/tui/render.h"
#include "cli/tui/render_parts.h"
#include "engine/text.h"

namespace proctor {

using K = KeyEvent::Kind;

PracticeScreen::PracticeScreen(Session& session, bool color)
    : session_(session), practice_(session), color_(color) {
  if (practice_.time_up()) Finish();
}

PracticeScreen::~PracticeScreen() = default;

void PracticeScreen::Tick() {
  if (phase_ == Phase::kSummary || phase_ == Phase::kMissed) return;
  if (session_.CheckDeadline() || !session_.in_progress()) {
    Finish();
    notice_ = "Time is up.";
  }
}

void PracticeScreen::Finish() {
  if (phase_ == Phase::kSummary || phase_ == Phase::kMissed) return;
  summary_ = practice_.Finish();
  phase_ = Phase::kSummary;
  scroll_ = 0;
}

void PracticeScreen::Choose(int index) {
  const AttemptItem& item = practice_.current();
  const Question& q = item.question;
  if (index < 0 || index >= static_cast<int>(item.option_order.size())) return;
  const std::string& id = item.option_order[static_cast<size_t>(index)];
  notice_.clear();
  switch (q.type) {
    case ItemType::kSingle:
      pending_ = {id};
      break;
    case ItemType::kMultiple: {
      auto it = std::find(pending_.begin(), pending_.end(), id);
      if (it != pending_.end()) {
        pending_.erase(it);
      } else if (static_cast<int>(pending_.size()) >= q.ChooseCount()) {
        notice_ = "This question asks for " + CountWord(q.ChooseCount()) + ". Press a chosen letter again to unchoose it first.";
        return;
      } else {
        pending_.push_back(id);
      }
      break;
    }
    case ItemType::kOrdering:
      if (std::find(pending_.begin(), pending_.end(), id) == pending_.end()) pending_.push_back(id);
      break;
    case ItemType::kMatching: {
      if (cursor_ < 0 || cursor_ >= static_cast<int>(q.prompts.size())) return;
      const std::string& prompt = q.prompts[static_cast<size_t>(cursor_)].id;
      std::erase_if(pending_, [&](const std::string& pair) { return pair.substr(0, pair.find('=')) == prompt; });
      pending_.push_back(prompt + "=" + id);
      if (cursor_ + 1 < static_cast<int>(q.prompts.size())) ++cursor_;
      return;
    }
  }
  cursor_ = index;
}

void PracticeScreen::Check() {
  if (pending_.empty()) {
    notice_ = "Choose an answer first (S skips this question).";
    return;
  }
  if (!practice_.Check(pending_)) {
    Finish();
    notice_ = "Time is up.";
    return;
  }
  phase_ = Phase::kFeedback;
  scroll_ = 0;
  notice_.clear();
}

void PracticeScreen::Advance() {
  pending_.clear();
  cursor_ = 0;
  scroll_ = 0;
  notice_.clear();
  if (!practice_.Next()) {
    Finish();
    return;
  }
  phase_ = Phase::kQuestion;
  if (practice_.relearning()) notice_ = "Missed earlier: try it again.";
}

bool PracticeScreen::HandleKey(const KeyEvent& key, int width, int height) {
  if (key.kind == K::kTimeout || key.kind == K::kResize || key.kind == K::kIgnored) return true;
  const char32_t c = key.kind == K::kChar && key.ch < 128 ? static_cast<char32_t>(std::tolower(static_cast<int>(key.ch))) : 0;
  if (key.kind == K::kPageUp) scroll_ = std::max(0, scroll_ - std::max(1, BodyHeight(height) - 1));
  if (key.kind == K::kPageDown) scroll_ += std::max(1, BodyHeight(height) - 1);
  if (key.kind == K::kPageUp || key.kind == K::kPageDown) return true;
  switch (phase_) {
    case Phase::kQuestion: {
      const AttemptItem& item = practice_.current();
      const int options = static_cast<int>(item.option_order.size());
      const int rows = item.question.type == ItemType::kMatching ? static_cast<int>(item.question.prompts.size()) : options;
      if (key.kind == K::kEnter) {
        Check();
      } else if (key.kind == K::kUp) {
        cursor_ = std::max(0, cursor_ - 1);
      } else if (key.kind == K::kDown) {
        cursor_ = std::min(rows - 1, cursor_ + 1);
      } else if (key.kind == K::kBackspace) {
        if (!pending_.empty()) pending_.pop_back();
      } else if (key.kind == K::kCtrl && key.ch == 'f') {
        practice_.ToggleFlag();
      } else if (key.kind == K::kCtrl && key.ch == 'c') {
        Finish();
      } else if (c == ' ' && item.question.type != ItemType::kMatching) {
        Choose(cursor_);
      } else if (c >= 'a' && c <= 'z' && static_cast<int>(c - 'a') < options) {
        Choose(static_cast<int>(c - 'a'));
      } else if (c >= '1' && c <= '9' && static_cast<int>(c - '1') < options && item.question.type != ItemType::kMatching) {
        Choose(static_cast<int>(c - '1'));
      } else if (c == 'f') {
        practice_.ToggleFlag();
      } else if (c == 's') {
        Advance();
      } else if (c == 'q') {
        Finish();
      }
      break;
    }
    case Phase::kFeedback:
      if (key.kind == K::kEnter || c == ' ' || c == 'n' || key.kind == K::kRight) {
        Advance();
      } else if (c == 'f' || (key.kind == K::kCtrl && key.ch == 'f')) {
        practice_.ToggleFlag();
      } else if (c == 'q' || (key.kind == K::kCtrl && key.ch == 'c')) {
        Finish();
      }
      break;
    case Phase::kSummary:
      if ((key.kind == K::kEnter || c == 'm') && !summary_.missed.empty()) {
        ViewState view;
        view.color = color_;
        view.answer_filters.incorrect = true;
        view.answer_filters.answered = true;  // what was missed, not what was never asked
        review_ = std::make_unique<ExamController>(session_, view);
        review_->OpenAnswerReview();
        phase_ = Phase::kMissed;
      } else if (c == 'q' || key.kind == K::kEnter || key.kind == K::kEscape || (key.kind == K::kCtrl && key.ch == 'c')) {
        return false;
      }
      break;
    case Phase::kMissed:
      if (key.kind == K::kEscape || !review_->HandleKey(key, width, height)) {
        phase_ = Phase::kSummary;
        scroll_ = 0;
      }
      break;
  }
  return true;
}

std::vector<std::string> PracticeScreen::Keys() const {
  switch (phase_) {
    case Phase::kQuestion: {
      const AttemptItem& item = practice_.current();
      const std::string last(1, OptionLetter(item.option_order.empty() ? 0 : item.option_order.size() - 1));
      return {"A-" + last + " choose", "Enter check", "F flag", "S skip", "Q end"};
    }
    case Phase::kFeedback: return {"Enter next", "F flag", "Q end", "PgUp/PgDn scroll"};
    case Phase::kSummary:
      if (summary_.missed.empty()) return {"Enter/Q leave"};
      return {"Enter walk through what you missed", "Q leave"};
    case Phase::kMissed: return {};
  }
  return {};
}

Frame PracticeScreen::Render(int width, int height) const {
  if (phase_ == Phase::kMissed) {
    return proctor::Render(review_->Snapshot(), review_->view(), width, height);
  }
  Frame f(width, height);
  if (width < kMinWidth || height < kMinHeight) {
    f.Put(0, 0, "Terminal too small: make it at least " + std::to_string(kMinWidth) + "x" + std::to_string(kMinHeight) + ".");
    return f;
  }
  const Attempt& a = session_.attempt();
  // Header: the exam, where the learner is, the clock.
  f.FillRow(0, Style::kBar);
  std::string middle;
  if (phase_ == Phase::kSummary) {
    middle = "Practice summary";
  } else {
    const AttemptItem& item = practice_.current();
    middle = practice_.relearning() ? "Again: question " + std::to_string(practice_.position() + 1)
                                    : "Practice " + std::to_string(practice_.position() + 1) + " of " + std::to_string(a.items.size());
    if (item.flagged) middle += "  [Flagged]";
  }
  const int64_t remaining = session_.RemainingMs();
  const std::string time = phase_ == Phase::kSummary ? "Finished" : remaining == INT64_MAX ? "No time limit" : "Time left " + FormatDuration(remaining);
  const int time_col = width - DisplayWidth(time) - 1;
  const int middle_col = time_col - DisplayWidth(middle) - 3;
  f.Put(0, 0, TruncateToWidth(" " + a.blueprint.code + "  " + a.blueprint.name, std::max(0, middle_col - 2)), Style::kBar);
  f.Put(0, middle_col, middle, Style::kBar);
  f.Put(0, time_col, time, Style::kBar);
  if (!notice_.empty()) f.Put(1, 1, TruncateToWidth(notice_, width - 2), Style::kWarn);

  const int inner = width - 2;
  std::vector<BodyLine> lines;
  int cursor_option = -1;
  std::string status;
  if (phase_ == Phase::kSummary) {
    const PracticeSummary& s = summary_;
    using render::AddWrapped;
    lines.push_back({"Practice finished: " + std::to_string(s.right) + " right, " + std::to_string(s.wrong()) + " wrong, " +
                         std::to_string(s.not_answered()) + " not answered.",
                     Style::kBold});
    lines.push_back({""});
    if (!s.by_domain.empty()) {
      lines.push_back({"By domain:", Style::kBold});
      for (const PracticeDomainTally& d : s.by_domain) {
        AddWrapped(lines, (d.number ? std::to_string(d.number) + " " + d.name : std::string("No domain")) + ": " +
                              std::to_string(d.right) + " of " + std::to_string(d.answered) + " right",
                   inner, d.right < d.answered ? Style::kNormal : Style::kCorrect, "  ", "    ");
      }
      lines.push_back({""});
    }
    if (s.came_back > 0) {
      lines.push_back({"Missed questions asked again: " + std::to_string(s.came_back) + ", " + std::to_string(s.right_again) +
                       " right the last time."});
    }
    if (!s.flagged.empty()) lines.push_back({"Flagged: " + std::to_string(s.flagged.size()) + " (see 'proctor review " +
                                             std::to_string(a.id) + " --flagged')."});
    if (!s.missed.empty()) {
      std::string missed = "Missed: " + std::to_string(s.missed.size()) + ".";
      if (s.still_wrong() > 0) {
        missed += " " + std::to_string(s.still_wrong()) + " still wrong: due again today ('proctor practice " +
                  a.blueprint.code + " --due').";
      }
      render::AddWrapped(lines, missed, inner);
    }
    lines.push_back({""});
    AddWrapped(lines, s.kept ? "Saved as attempt " + std::to_string(a.id) + "; practice never counts as an exam attempt."
                             : "Nothing was answered, so nothing was kept.",
               inner, Style::kDim);
    status = s.missed.empty() ? "" : "Enter walks through the questions you missed, with the right answers.";
  } else {
    AttemptItem shown = practice_.current();
    if (phase_ == Phase::kQuestion) {
      shown.response = pending_;
      cursor_option = cursor_;
    } else {
      shown.response = practice_.checked_response();
    }
    shown.struck.clear();
    lines = QuestionBody(shown, ViewState{}, inner);
    if (phase_ == Phase::kFeedback) {
      const Question& q = shown.question;
      // The key's options in the "right" colour, a wrong choice in the "wrong" one.
      if (q.type == ItemType::kSingle || q.type == ItemType::kMultiple) {
        for (BodyLine& line : lines) {
          if (line.option < 0) continue;
          const std::string& id = shown.option_order[static_cast<size_t>(line.option)];
          const bool keyed = std::find(q.key.begin(), q.key.end(), id) != q.key.end();
          if (keyed) line.style = Style::kCorrect;
          else if (render::Chosen(shown, id)) line.style = Style::kWrong;
        }
      }
      lines.push_back({""});
      if (practice_.checked_correct()) {
        lines.push_back({"Right: " + ResponseLetters(shown, q.key) + ".", Style::kCorrect});
      } else {
        render::AddWrapped(lines, "Not right: the answer is " + ResponseLetters(shown, q.key) + " (you chose " +
                                      ResponseLetters(shown, shown.response) + "). It comes back later in this session.",
                           inner, Style::kWrong);
      }
      if (!q.explanation.empty()) {
        lines.push_back({""});
        render::AddWrapped(lines, q.explanation, inner);
      }
      if (!q.references.empty()) {
        lines.push_back({""});
        for (const std::string& ref : q.references) render::AddWrapped(lines, ref, inner, Style::kDim, "  ", "  ");
      }
    }
    const int right = [&] {
      int n = 0;
      for (const AttemptItem& item : a.items) n += !item.response.empty() && IsCorrect(item.question, item.response);
      return n;
    }();
    int answered = 0;
    for (const AttemptItem& item : a.items) answered += !item.response.empty();
    status = "Right " + std::to_string(right) + " of " + std::to_string(answered) + " answered";
    if (practice_.pending_again() > 0) status += " · " + std::to_string(practice_.pending_again()) + " to try again";
  }
  std::string hint;
  const int scroll = std::clamp(scroll_, 0, std::max(0, static_cast<int>(lines.size()) - BodyHeight(height)));
  render::DrawBody(f, lines, scroll, cursor_option, &hint);
  std::string keys;
  for (const std::string& k : Keys()) keys += (keys.empty() ? "" : "  ") + k;
  render::Footer(f, keys, render::WithHint(status, hint, width));
  return f;
}

PracticeSummary RunTuiPractice(Terminal& terminal, Session& session, bool color) {
  PracticeScreen screen(session, color);
  while (true) {
    screen.Tick();
    const int w = terminal.width();
    const int h = terminal.height();
    terminal.Draw(screen.Render(w, h));
    const int64_t remaining = session.RemainingMs();
    const int wait = remaining == INT64_MAX ? 1000 : static_cast<int>(std::clamp<int64_t>(remaining % 1000 + 1, 50, 1000));
    const KeyEvent key = terminal.ReadKey(wait);
    if (key.kind == K::kHangup || key.kind == K::kInterrupt) break;
    if (!screen.HandleKey(key, w, h)) break;
  }
  if (screen.phase() != PracticeScreen::Phase::kSummary && screen.phase() != PracticeScreen::Phase::kMissed) {
    // The terminal went away: finish what was answered (a session with no answer is not kept).
    return PracticeSession(session).Finish();
  }
  return screen.summary();
}

}  // namespace proctor
