// proctor resume: continue an attempt that was interrupted.
#include <ostream>

#include "cli/commands/command.h"
#include "cli/exam_runner.h"
#include "cli/report.h"
#include "engine/error.h"
#include "engine/store/attempt_store.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("attempt", po::value<int64_t>()->value_name("ATTEMPT"), "the attempt number (default: the newest in progress)")
      ("plain", "line mode even on a terminal");
  p.add("attempt", 1);
}

int Run(const po::variables_map& vm, Context& c) {
  Database& db = c.Db();
  int64_t id = 0;
  if (vm.count("attempt")) {
    id = vm["attempt"].as<int64_t>();
  } else if (std::optional<int64_t> open = LatestInProgress(db)) {
    id = *open;
  } else {
    throw Error("no attempt is in progress; start one with 'proctor take EXAM'");
  }
  Attempt attempt = LoadAttempt(db, id);
  if (attempt.status != AttemptStatus::kInProgress) {
    c.out << "Attempt " << id << " is already finished (" << AttemptStatusName(attempt.status) << ").\n";
    PrintScoreReport(c.out, attempt, ScoreAttempt(attempt), c.width);
    return 0;
  }
  // One live process per attempt: refused here, before any screen opens, while another holds it.
  const AttemptOwner me = ThisProcess(c.clock.NowMs());
  TakeLease(db, id, me);
  // Taking the lease over from a process that is gone brings in the changes it kept aside in its
  // answer journal (another proctor was writing): read the attempt as it is now.
  attempt = LoadAttempt(db, id);
  std::unique_ptr<Terminal> screen = OpenFullScreen(c, vm.count("plain") > 0);
  int64_t left = attempt.deadline_ms - c.clock.NowMs();
  if (left > 0 && !screen) {
    c.out << "Resuming attempt " << id << ": " << attempt.blueprint.code << ", question " << attempt.position + 1
          << " of " << attempt.items.size() << ", " << FormatDuration(left) << " left.\n";
  }
  return RunAttempt(c, std::move(attempt), std::move(screen), me);
}

}  // namespace

const CommandSpec& ResumeCommand() {
  static const CommandSpec spec{"resume", "[ATTEMPT]", "continue an interrupted attempt with the time left", "",
                                Define, Run};
  return spec;
}

}  // namespace proctor
