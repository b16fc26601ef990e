#include "cli/exam_runner.h"

#include <functional>
#include <ostream>

#include "cli/plain/plain_exam.h"
#include "cli/report.h"
#include "cli/tui/tui_exam.h"
#include "engine/store/attempt_store.h"

namespace proctor {

namespace {

int RunFullScreen(Context& context, Session& session, const std::string& notice) {
  TuiOptions options;
  options.color = context.color;
  options.notice = notice;
  options.install_wait_notice = [&](std::function<void()> show) { context.Db().SetWaitNotice(std::move(show)); };
  TuiOutcome outcome = RunTuiExam(session, options);
  // Back on the normal screen: leave the result where the learner can scroll back to it.
  if (outcome == TuiOutcome::kHangup) return 0;  // nobody to tell; everything is saved
  if (session.report()) {
    PrintScoreReport(context.out, session.attempt(), *session.report(), context.width);
  } else {
    context.out << "Attempt " << session.attempt().id << " is saved with " << session.answered_count()
                << " answers; continue it with 'proctor resume " << session.attempt().id
                << "' (the clock keeps running).\n";
  }
  return 0;
}

}  // namespace

int RunAttempt(Context& context, Attempt attempt, bool plain) {
  SqliteAttemptLog log(context.Db());
  Session session(std::move(attempt), context.clock, log);
  const bool full_screen = context.interactive && !plain;
  if (session.CheckDeadline()) {
    if (full_screen) {
      return RunFullScreen(context, session,
                           "Time ran out while proctor was closed; the " + std::to_string(session.answered_count()) +
                               " answers saved before the deadline were scored.");
    }
    context.out << "Time ran out on attempt " << session.attempt().id
                << " while proctor was closed. It was scored with the " << session.answered_count()
                << " answers saved before the deadline.\n";
    PrintScoreReport(context.out, session.attempt(), *session.report(), context.width);
    return 0;
  }
  if (full_screen) return RunFullScreen(context, session, "");
  struct WaitNotice {
    Database& db;
    ~WaitNotice() { db.SetWaitNotice(nullptr); }
  } wait_notice{context.Db()};
  wait_notice.db.SetWaitNotice([&] {
    context.out << "(Saving: another proctor is writing to the database, an import perhaps. Your answer is kept and "
                   "saved as soon as it is free.)\n"
                << std::flush;
  });
  RunPlainExam(session, context.in, context.out, context.width);
  return 0;
}

}  // namespace proctor
