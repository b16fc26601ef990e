#include "cli/exam_runner.h"

#include <functional>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/plain/plain_exam.h"
#include "cli/report.h"
#include "cli/tui/tui_exam.h"
#include "engine/store/attempt_store.h"

namespace proctor {

namespace {

int RunFullScreen(Context& context, Session& session, std::unique_ptr<Terminal> screen) {
  TuiOptions options;
  options.color = context.color;
  options.install_wait_notice = [&](std::function<void(int64_t)> show) { context.Db().SetWaitNotice(std::move(show)); };
  TuiOutcome outcome = RunTuiExam(*screen, session, options);
  screen.reset();  // back on the normal screen: leave the result where the learner can scroll back to it
  if (outcome == TuiOutcome::kHangup) return 0;  // nobody to tell; everything is saved
  if (session.report()) {
    PrintScoreReport(context.out, session.attempt(), *session.report(), context.width);
  } else {
    context.out << "Attempt " << session.attempt().id << " is saved with "
                << CountOf(ProgressOf(session.attempt()).given(), "answer") << "; continue it with 'proctor resume "
                << session.attempt().id << "' (the clock keeps running).\n";
  }
  return 0;
}

}  // namespace

std::unique_ptr<Terminal> OpenFullScreen(Context& context, bool plain) {
  if (!context.interactive || plain) return nullptr;
  const std::string problem = FullScreenProblem();
  if (problem.empty()) {
    try {
      return std::make_unique<Terminal>(context.color);
    } catch (const std::exception& e) {
      context.err << "proctor: " << e.what() << "; running in line mode.\n";
      return nullptr;
    }
  }
  context.err << "proctor: the full-screen exam cannot run here (" << problem << "); running in line mode.\n";
  return nullptr;
}

int RunAttempt(Context& context, Attempt attempt, std::unique_ptr<Terminal> screen, const AttemptOwner& owner) {
  struct Lease {
    Database& db;
    int64_t id;
    const AttemptOwner& owner;
    ~Lease() { ReleaseLease(db, id, owner); }
  } lease{context.Db(), attempt.id, owner};
  SqliteAttemptLog log(context.Db(), owner);
  Session session(std::move(attempt), context.clock, log);
  if (session.CheckDeadline()) {
    // The report says that time ran out and what it was scored with.
    if (screen) return RunFullScreen(context, session, std::move(screen));
    PrintScoreReport(context.out, session.attempt(), *session.report(), context.width);
    return 0;
  }
  if (screen) return RunFullScreen(context, session, std::move(screen));
  struct WaitNotice {
    Database& db;
    ~WaitNotice() { db.SetWaitNotice(nullptr); }
  } wait_notice{context.Db()};
  // Said after half a second of waiting, then every 10 seconds (a line each, for screen readers).
  int64_t told_at = -1;
  wait_notice.db.SetWaitNotice([&](int64_t waited_ms) {
    if (told_at >= 0 && waited_ms - told_at < 10000) return;
    told_at = waited_ms;
    context.out << "(" << PendingSaveNotice(session.position() + 1, waited_ms) << " Ctrl-C leaves without it.)\n"
                << std::flush;
  });
  RunPlainExam(session, context.in, context.out, context.width);
  return 0;
}

}  // namespace proctor
