// Full-screen practice: the exam screen's look for drilling. Answer (letters, Enter checks), then
// right or wrong, the key, the explanation and the references; Enter goes on; F flags; Q ends with
// a summary (right, wrong, by domain) and a walk through what was missed (the answer review).
// A missed question comes back later in the session (engine/practice.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/tui/frame.h"
#include "cli/tui/keys.h"
#include "cli/tui/terminal.h"
#include "cli/tui/view.h"
#include "engine/practice.h"
#include "engine/session.h"

namespace proctor {

class ExamController;

// The practice screen's logic and drawing without a terminal (tests drive it directly).
class PracticeScreen {
 public:
  enum class Phase { kQuestion, kFeedback, kSummary, kMissed };

  PracticeScreen(Session& session, bool color);
  ~PracticeScreen();

  // Applies one key. Returns false when the learner leaves.
  bool HandleKey(const KeyEvent& key, int width, int height);
  // Ends the session at its deadline.
  void Tick();
  Frame Render(int width, int height) const;
  Phase phase() const { return phase_; }
  const PracticeSummary& summary() const { return summary_; }

 private:
  void Choose(int index);
  void Check();
  void Advance();
  void Finish();
  std::vector<std::string> Keys() const;

  Session& session_;
  PracticeSession practice_;
  Phase phase_ = Phase::kQuestion;
  Response pending_;  // the answer being put together
  int cursor_ = 0;
  int scroll_ = 0;
  std::string notice_;
  bool color_ = true;
  PracticeSummary summary_;
  std::unique_ptr<ExamController> review_;  // the answer review of what was missed (kMissed)
};

// Runs a practice session on `terminal` until the learner leaves the summary, or the terminal goes away.
PracticeSummary RunTuiPractice(Terminal& terminal, Session& session, bool color);

}  // namespace proctor
