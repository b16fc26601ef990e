// proctor practice EXAM: questions one at a time, each answer checked and explained at once.
#include <ostream>

#include "cli/answer_format.h"
#include "cli/commands/command.h"
#include "cli/plain/plain_practice.h"
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
      ("due", "only questions due for review (spaced repetition, SM-2)")
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
  if (vm.count("bank")) options.banks = vm["bank"].as<std::vector<std::string>>();
  Database& db = c.Db();
  Attempt attempt = StartPracticeAttempt(db, b, options, c.clock.NowMs());
  c.out << b.code << " practice: " << CountOf(static_cast<int>(attempt.items.size()), "question")
        << (options.minutes ? ", " + std::to_string(*options.minutes) + " minutes" : std::string(", untimed")) << ".\n";
  SqliteAttemptLog log(db);
  Session session(std::move(attempt), c.clock, log);
  RunPlainPractice(session, c.in, c.out, c.width);
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
