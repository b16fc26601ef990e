#include "cli/exam_runner.h"

#include <ostream>

#include "cli/plain/plain_exam.h"
#include "cli/report.h"
#include "engine/store/attempt_store.h"

namespace proctor {

int RunAttempt(Context& context, Attempt attempt) {
  SqliteAttemptLog log(context.Db());
  Session session(std::move(attempt), context.clock, log);
  if (session.CheckDeadline()) {
    context.out << "Time ran out on attempt " << session.attempt().id
                << " while proctor was closed. It was scored with the " << session.answered_count()
                << " answers saved before the deadline.\n";
    PrintScoreReport(context.out, session.attempt(), *session.report());
    return 0;
  }
  RunPlainExam(session, context.in, context.out, context.width);
  return 0;
}

}  // namespace proctor
