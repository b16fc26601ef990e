// The full-screen exam's logic without a terminal: keys in, session events and view changes out.
// tui_exam.cc drives it with a real terminal; tests drive it directly.
#pragma once

#include "cli/tui/keys.h"
#include "cli/tui/view.h"
#include "engine/session.h"

namespace proctor {

class ExamController {
 public:
  ExamController(Session& session, ViewState view);

  // Applies one key on a screen of the given size. Returns false when the learner leaves.
  bool HandleKey(const KeyEvent& key, int width, int height);
  // Checks the clock: ends the attempt at its deadline, raises the 15- and 5-minute notices.
  void Tick();
  ExamSnapshot Snapshot() const;
  // Opens the answer review of a finished attempt (under the view's answer filters).
  void OpenAnswerReview() {
    view_.screen = Screen::kAnswerReview;
    view_.answer_review = 0;
    view_.scroll = 0;
    ClearNotice();
  }
  const ViewState& view() const { return view_; }

 private:
  void Apply(const ActionEvent& action, int width, int height);
  void ApplyQuestion(const ActionEvent& action, int width, int height);
  void ApplyReview(const ActionEvent& action, int width);
  void ApplyAnswerReview(const ActionEvent& action, int width, int height);
  // q: leaving an attempt in progress asks first (it stays open for 'proctor resume').
  void AskToLeave();
  void Choose(int index);
  // Strikes out, or restores, the option under the cursor. Returns false if the session refused.
  bool Strike();
  void KeepCursorVisible(int width, int height);
  void ShowReport();
  void ClearNotice();

  Session& session_;
  ViewState view_;
  bool warned_[2] = {false, false};
  bool quit_ = false;
};

}  // namespace proctor
