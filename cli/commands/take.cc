// proctor take: sit a timed mock exam in the real format.
#include <ostream>
#include <utility>

#include "cli/answer_format.h"
#include "cli/commands/command.h"
#include "cli/exam_runner.h"
#include "cli/tui/start_screen.h"
#include "engine/error.h"
#include "engine/random.h"
#include "engine/start_attempt.h"
#include "engine/text.h"
#include "engine/store/attempt_store.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("exam", po::value<std::string>()->required()->value_name("EXAM"), "the exam, by code (CLF-C02) or family (clf)")
      ("seed", po::value<uint64_t>()->value_name("N"), "draw the form from this seed (the same seed and banks give the same form)")
      ("questions", po::value<int>()->value_name("N"), "a shorter form of N questions (the unscored count and the clock scale with it)")
      ("minutes", po::value<int>()->value_name("N"), "set the clock to N minutes instead of the exam's")
      ("bank", po::value<std::vector<std::string>>()->value_name("ID"), "draw only from this bank (repeat for several)")
      ("esl", "add 30 minutes (AWS's accommodation for non-native English speakers)")
      ("any-domain", "when a domain has too few questions, draw its missing scored items from the other domains")
      ("plain", "line mode even on a terminal");
  p.add("exam", 1);
}

// "CLF-C02 AWS Certified Cloud Practitioner: 65 questions (50 scored; ...), 90 minutes, pass line 700 of 1000."
std::string Introduction(const StartInfo& info) {
  return info.code + " " + info.name + ": " + CountOf(info.questions, "question") + " (" +
         std::to_string(info.questions - info.unscored) + " scored; the unscored ones look the same), " +
         std::to_string(info.minutes) + " minutes, pass line " + std::to_string(info.pass_score) + " of " +
         std::to_string(info.scale_max) + ".";
}

// Line mode on a terminal (a screen reader, --plain): the clock starts when the learner says so.
// Returns false if the learner leaves first. Pipes and scripts start at once.
bool PlainStart(Context& c) {
  if (!c.interactive) return true;
  c.out << "Press Enter to start the exam and its clock, or type q and Enter to leave. > " << std::flush;
  std::string line;
  if (c.in.ReadLine(line, INT64_MAX) != LineSource::Status::kLine) return false;
  return AsciiLower(std::string(Trim(line))) != "q";
}

int Run(const po::variables_map& vm, Context& c) {
  const Blueprint& b = c.catalog.Resolve(vm["exam"].as<std::string>(), c.Today());
  ExamStatus status = b.StatusOn(c.Today());
  if (status == ExamStatus::kRetired) {
    c.err << "Note: " << b.code << " was retired on " << b.retired << "; you can still practise it.\n";
  }
  AttemptOptions options;
  options.seed = vm.count("seed") ? vm["seed"].as<uint64_t>() : RandomSeed();
  if (vm.count("questions")) {
    options.questions = vm["questions"].as<int>();
    if (options.questions < 1) throw UsageError("--questions must be between 1 and " + std::to_string(b.total_questions));
  }
  if (vm.count("minutes")) options.minutes = vm["minutes"].as<int>();
  options.esl = vm.count("esl") > 0;
  options.any_domain = vm.count("any-domain") > 0;
  if (vm.count("bank")) options.banks = vm["bank"].as<std::vector<std::string>>();
  const bool plain = vm.count("plain") > 0;

  Database& db = c.Db();
  if (std::optional<int64_t> open = LatestInProgress(db)) {
    c.err << "Note: attempt " << *open << " is still in progress; 'proctor resume " << *open
          << "' continues it.\n";
  }
  // Everything that can fail or wait happens before the clock starts: the form is drawn (nothing is
  // stored yet), the screen opened, the start screen shown.
  Attempt attempt = DrawExamAttempt(db, b, options);
  const StartInfo info = StartInfoOf(attempt, options.esl);
  std::unique_ptr<Terminal> screen = OpenFullScreen(c, plain);
  if (screen) {
    if (!RunStartScreen(*screen, info)) {
      screen.reset();
      c.out << "No exam was started; nothing was saved.\n";
      return 0;
    }
    db.SetWaitNotice([&](int64_t) {
      ShowStartScreenNotice(*screen, info, "Waiting for another proctor to finish writing to the database (an import?). "
                                           "The clock starts when your first question shows.");
    });
  } else {
    c.out << Introduction(info) << "\n";
    if (!PlainStart(c)) {
      c.out << "No exam was started; nothing was saved.\n";
      return 0;
    }
    bool told = false;
    db.SetWaitNotice([&](int64_t) {
      if (std::exchange(told, true)) return;
      c.out << "(Waiting for another proctor to finish writing to the database, an import perhaps. The clock starts "
               "when your first question shows.)\n"
            << std::flush;
    });
  }
  const AttemptOwner me = ThisProcess(c.clock.NowMs());
  try {
    CreateAttempt(db, attempt, &me, &c.clock);  // the clock starts once the write lock is ours
  } catch (...) {
    db.SetWaitNotice(nullptr);
    throw;
  }
  db.SetWaitNotice(nullptr);
  if (!screen) c.out << "Attempt " << attempt.id << " started; seed " << attempt.seed << ".\n";
  return RunAttempt(c, std::move(attempt), std::move(screen), me);
}

}  // namespace

const CommandSpec& TakeCommand() {
  static const CommandSpec spec{
      "take", "EXAM", "sit a timed mock exam in the real format",
      "A start screen says what the exam is; the clock starts when you press Enter. Every answer, flag\n"
      "and move is saved as it happens; if the program is closed, 'proctor resume' continues with the\n"
      "time that is left (the clock keeps running, as in the real exam).",
      Define, Run};
  return spec;
}

}  // namespace proctor
