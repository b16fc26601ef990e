#include "cli/tui/tui_exam.h"

#include <algorithm>
#include <chrono>
#include <climits>

#include "cli/answer_format.h"
#include "cli/tui/controller.h"
#include "cli/tui/render.h"
#include "cli/tui/terminal.h"

namespace proctor {

TuiOutcome RunTuiExam(Terminal& terminal, Session& session, const TuiOptions& options) {
  ViewState view;
  view.color = options.color;
  view.cursor = 0;
  view.answer_filters = options.answer_filters;
  ExamController controller(session, view);
  if (options.answer_review) controller.OpenAnswerReview();
  // A save that waits for another proctor's write (a long import) says so instead of freezing.
  struct WaitNotice {
    const TuiOptions& options;
    ~WaitNotice() {
      if (options.install_wait_notice) options.install_wait_notice(nullptr);
    }
  } wait_notice{options};
  if (options.install_wait_notice) {
    options.install_wait_notice([&](int64_t waited_ms) {
      ViewState waiting = controller.view();
      waiting.notice = PendingSaveNotice(session.position() + 1, waited_ms) + " Closing the window leaves without it.";
      waiting.notice_is_warning = true;
      terminal.Draw(Render(controller.Snapshot(), waiting, terminal.width(), terminal.height()));
    });
  }
  while (true) {
    controller.Tick();
    int w = terminal.width();
    int h = terminal.height();
    ViewState shown = controller.view();
    if (options.answers_kept_aside && shown.notice.empty() && options.answers_kept_aside()) {
      shown.notice = "Another proctor is writing to the database (an import?): your answers are kept on disk and go into it as soon as it is free.";
      shown.notice_is_warning = true;
    }
    terminal.Draw(Render(controller.Snapshot(), shown, w, h));
    // Wake at the next whole second of the clock so the countdown ticks smoothly.
    int64_t remaining = session.RemainingMs();
    int wait = remaining == INT64_MAX ? 1000 : static_cast<int>(std::clamp<int64_t>(remaining % 1000 + 1, 50, 1000));
    KeyEvent key = terminal.ReadKey(wait);
    if (key.kind == KeyEvent::Kind::kHangup) return TuiOutcome::kHangup;
    if (key.kind == KeyEvent::Kind::kInterrupt) return TuiOutcome::kLeft;
    if (!controller.HandleKey(key, w, h)) break;
  }
  return session.in_progress() ? TuiOutcome::kLeft : TuiOutcome::kFinished;
}

}  // namespace proctor
