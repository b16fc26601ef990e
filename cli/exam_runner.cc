#include "cli/exam_runner.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/plain/plain_exam.h"
#include "cli/report.h"
#include "cli/tui/tui_exam.h"
#include "engine/store/attempt_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

int RunFullScreen(Context& context, Session& session, std::unique_ptr<Terminal> screen,
                  const SqliteAttemptLog* log = nullptr) {
  TuiOptions options;
  if (log != nullptr) options.answers_kept_aside = [log] { return log->pending(); };
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

namespace {

// At the end: changes still in the journal (another proctor was writing the whole time) stay there,
// with the attempt's lease, until the attempt is continued; the learner is told which.
void SettleJournal(Context& context, SqliteAttemptLog& log, int64_t attempt_id, bool& keep_lease) {
  if (!log.pending() || log.TryFlush(attempt_id, 2000)) return;
  keep_lease = true;
  std::string questions;
  const std::vector<int> pending = log.PendingQuestions();
  for (size_t i = 0; i < pending.size(); ++i) {
    questions += (i == 0 ? "" : i + 1 == pending.size() ? " and " : ", ") + std::to_string(pending[i]);
  }
  context.out << "Another proctor is still writing to the database: your last changes (question"
              << (pending.size() == 1 ? " " : "s ") << questions << ") are kept in " << SanitizeForTerminal(log.journal_path(), false)
              << " and go into the database when you continue with 'proctor resume " << attempt_id << "'.\n";
}

}  // namespace

int RunAttempt(Context& context, Attempt attempt, std::unique_ptr<Terminal> screen, const AttemptOwner& owner) {
  struct Lease {
    Database& db;
    int64_t id;
    const AttemptOwner& owner;
    bool keep = false;  // the journal still holds changes: the lease says whose they are
    ~Lease() {
      if (!keep) ReleaseLease(db, id, owner);
    }
  } lease{context.Db(), attempt.id, owner};
  SqliteAttemptLog log(context.Db(), owner);
  const int64_t attempt_id = attempt.id;
  Session session(std::move(attempt), context.clock, log);
  if (session.CheckDeadline()) {
    // The report says that time ran out and what it was scored with.
    if (screen) return RunFullScreen(context, session, std::move(screen));
    PrintScoreReport(context.out, session.attempt(), *session.report(), context.width);
    return 0;
  }
  if (screen) {
    const int status = RunFullScreen(context, session, std::move(screen), &log);
    SettleJournal(context, log, attempt_id, lease.keep);
    return status;
  }
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
  // Said once each time changes start going into the journal.
  bool told_kept = false;
  log.SetKeptNotice([&] {
    if (std::exchange(told_kept, true)) return;
    context.out << "(Another proctor is writing to the database (an import?): your answers are kept on disk in "
                << SanitizeForTerminal(log.journal_path(), false) << " and go into the database as soon as it is free.)\n"
                << std::flush;
  });
  RunPlainExam(session, context.in, context.out, context.width);
  SettleJournal(context, log, attempt_id, lease.keep);
  return 0;
}

}  // namespace proctor
