// proctor take: sit a timed mock exam in the real format.
#include <ostream>

#include "cli/commands/command.h"
#include "cli/exam_runner.h"
#include "engine/error.h"
#include "engine/random.h"
#include "engine/start_attempt.h"
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
      ("plain", "line mode even on a terminal");
  p.add("exam", 1);
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
  if (vm.count("bank")) options.banks = vm["bank"].as<std::vector<std::string>>();

  Database& db = c.Db();
  if (std::optional<int64_t> open = LatestInProgress(db)) {
    c.err << "Note: attempt " << *open << " is still in progress; 'proctor resume " << *open
          << "' continues it.\n";
  }
  Attempt attempt = StartExamAttempt(db, b, options, c.clock.NowMs());
  int scored = b.total_questions - b.unscored_questions;
  if (options.questions > 0) scored = attempt.items.empty() ? 0 : static_cast<int>(std::count_if(
      attempt.items.begin(), attempt.items.end(), [](const AttemptItem& i) { return i.form.scored; }));
  c.out << b.code << " " << b.name << ": attempt " << attempt.id << ", " << attempt.items.size()
        << " questions (" << scored << " scored; the unscored ones look the same), " << attempt.minutes
        << " minutes, pass line " << b.pass_score << " of " << b.scale_max << ". Seed " << attempt.seed << ".\n";
  return RunAttempt(c, std::move(attempt), vm.count("plain") > 0);
}

}  // namespace

const CommandSpec& TakeCommand() {
  static const CommandSpec spec{
      "take", "EXAM", "sit a timed mock exam in the real format",
      "Every answer, flag and move is saved as it happens; if the program is closed, 'proctor resume'\n"
      "continues with the time that is left (the clock keeps running, as in the real exam).",
      Define, Run};
  return spec;
}

}  // namespace proctor
