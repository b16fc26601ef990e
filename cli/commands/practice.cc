// proctor practice EXAM: questions one at a time, each answer checked and explained at once.
#include <memory>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/commands/command.h"
#include "cli/exam_runner.h"
#include "cli/plain/plain_practice.h"
#include "cli/tui/tui_practice.h"
#include "engine/error.h"
#include "engine/random.h"
#include "engine/start_attempt.h"
#include "engine/store/attempt_store.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("exam", po::value<std::string>()->required()->value_name("EXAM"), "the exam, by code or family")
      ("domain", po::value<int>()->value_name("D"), "only this domain (its number)")
      ("count", po::value<int>()->default_value(10)->value_name("N"), "how many questions")
      ("missed", "only questions you answered wrong the last time")
      ("due", "only questions due for review (spaced repetition, FSRS-5): missed ones are due again the same day")
      ("retention", po::value<double>()->value_name("R"), "the chance of recall to schedule for (0.70-0.99, default 0.90)")
      ("plain", "line mode even on a terminal")
      ("minutes", po::value<int>()->value_name("N"), "a clock for the session (default: untimed)")
      ("bank", po::value<std::vector<std::string>>()->value_name("ID"), "only this bank (repeat for several)")
      ("seed", po::value<uint64_t>()->value_name("N"), "the seed for the order");
  p.add("exam", 1);
}

int Run(const po::variables_map& vm, Context& c) {
  const Blueprint& b = c.catalog.Resolve(vm["exam"].as<std::string>(), c.Today());
  PracticeOptions options;
  options.seed = vm.count("seed") ? vm["seed"].as<uint64_t>() : RandomSeed();
  options.count = vm["count"].as<int>();
  if (vm.count("domain")) options.domain = vm["domain"].as<int>();
  options.missed = vm.count("missed") > 0;
  options.due = vm.count("due") > 0;
  if (vm.count("minutes")) {
    options.minutes = vm["minutes"].as<int>();
    if (*options.minutes < 1 || *options.minutes > 1440) throw UsageError("--minutes must be between 1 and 1440");
  }
  if (vm.count("retention")) {
    options.retention = vm["retention"].as<double>();
    if (!(options.retention >= kMinRetention && options.retention <= kMaxRetention)) {
      throw UsageError("--retention must be between 0.70 and 0.99");
    }
  }
  if (vm.count("bank")) options.banks = vm["bank"].as<std::vector<std::string>>();
  Database& db = c.Db();
  Attempt attempt = StartPracticeAttempt(db, b, options, c.clock.NowMs());
  c.out << b.code << " practice: " << CountOf(static_cast<int>(attempt.items.size()), "question")
        << (options.minutes ? ", " + std::to_string(*options.minutes) + " minutes" : std::string(", untimed")) << ".\n";
  SqliteAttemptLog log(db);
  Session session(std::move(attempt), c.clock, log);
  // Full screen on a terminal; line mode for pipes, screen readers and --plain (with a pause after
  // each answer's feedback when a learner reads it on a terminal).
  if (std::unique_ptr<Terminal> screen = OpenFullScreen(c, vm.count("plain") > 0)) {
    const PracticeSummary summary = RunTuiPractice(*screen, session, c.color);
    screen.reset();  // back on the normal screen: the summary stays where the learner can scroll to it
    PrintPracticeSummary(c.out, session, summary, c.width);
    return 0;
  }
  RunPlainPractice(session, c.in, c.out, c.width, c.interactive);
  return 0;
}

}  // namespace

const CommandSpec& PracticeCommand() {
  static const CommandSpec spec{"practice", "EXAM", "practise with the answer and explanation after each question",
                                "Answers feed your statistics and review schedule but never count as exam attempts.",
                                Define, Run};
  return spec;
}

}  // namespace proctor
