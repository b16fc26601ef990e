// proctor review ATTEMPT: every question with your answer, the key, the explanation and the time.
#include <algorithm>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/commands/command.h"
#include "cli/exam_runner.h"
#include "cli/tui/tui_exam.h"
#include "engine/error.h"
#include "engine/store/attempt_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("attempt", po::value<int64_t>()->required()->value_name("ATTEMPT"), "the attempt number (see 'proctor history')")
      ("incorrect", "only questions not answered right")
      ("flagged", "only flagged questions")
      ("domain", po::value<int>()->value_name("D"), "only this domain")
      ("plain", "plain text even on a terminal");
  p.add("attempt", 1);
}

void Wrapped(std::ostream& out, std::string_view text, int width, std::string_view first = "", std::string_view rest = "") {
  std::vector<std::string> lines = WrapText(SanitizeForTerminal(text), std::max(20, width - DisplayWidth(first)));
  for (size_t i = 0; i < lines.size(); ++i) out << (i == 0 ? first : rest) << lines[i] << "\n";
}

int Run(const po::variables_map& vm, Context& c) {
  Database& db = c.Db();
  Attempt attempt = LoadAttempt(db, vm["attempt"].as<int64_t>());
  if (attempt.status == AttemptStatus::kInProgress) {
    throw Error("attempt " + std::to_string(attempt.id) + " is still in progress; finish it with 'proctor resume " +
                std::to_string(attempt.id) + "' first (the review shows the keys)");
  }
  const bool incorrect = vm.count("incorrect") > 0;
  const bool flagged = vm.count("flagged") > 0;
  const int domain = vm.count("domain") ? vm["domain"].as<int>() : 0;
  if (domain != 0 && attempt.blueprint.FindDomain(domain) == nullptr) {
    throw UsageError(attempt.blueprint.code + " has domains 1-" + std::to_string(attempt.blueprint.domains.size()));
  }
  if (std::unique_ptr<Terminal> screen = OpenFullScreen(c, vm.count("plain") > 0)) {
    SqliteAttemptLog log(db);
    Session session(std::move(attempt), c.clock, log);
    TuiOptions options;
    options.color = c.color;
    options.answer_review = true;
    options.answer_filters.incorrect = incorrect;
    options.answer_filters.flagged = flagged;
    options.answer_filters.domain = domain;
    RunTuiExam(*screen, session, options);
    return 0;
  }
  const int w = c.width;
  int shown = 0;
  c.out << "Review of attempt " << attempt.id << ": " << attempt.blueprint.code << " " << attempt.blueprint.name << " ("
        << AttemptModeName(attempt.mode) << ", " << AttemptStatusName(attempt.status) << ")\n";
  for (size_t i = 0; i < attempt.items.size(); ++i) {
    const AttemptItem& item = attempt.items[i];
    const Question& q = item.question;
    const bool right = IsCorrect(q, item.response);
    if ((incorrect && right) || (flagged && !item.flagged) || (domain != 0 && item.form.domain != domain)) continue;
    ++shown;
    const Domain* d = attempt.blueprint.FindDomain(item.form.domain);
    c.out << "\nQuestion " << i + 1 << " of " << attempt.items.size() << "  |  "
          << (d ? "domain " + std::to_string(d->number) + " " + d->name + (q.domain_inferred ? " (inferred)" : "")
                : std::string("no domain")) << "  |  "
          << (item.form.scored ? "scored" : "unscored (did not count)") << "  |  "
          << (item.response.empty() ? "unanswered" : right ? "right" : "wrong") << (item.flagged ? "  |  flagged" : "")
          << "  |  " << FormatDuration(item.time_spent_ms) << "\n\n";
    if (!q.scenario_text.empty()) {
      Wrapped(c.out, "Case study: " + q.scenario_title, w);
      Wrapped(c.out, q.scenario_text, w);
      c.out << "\n";
    }
    Wrapped(c.out, q.stem, w);
    if (q.type == ItemType::kMultiple) c.out << ItemInstruction(q, false) << "\n";
    for (size_t p = 0; p < q.prompts.size(); ++p) Wrapped(c.out, q.prompts[p].text, w, std::to_string(p + 1) + ". ", "   ");
    c.out << "\n";
    for (size_t k = 0; k < item.option_order.size(); ++k) {
      const std::string& id = item.option_order[k];
      const Option* o = q.FindOption(id);
      const bool chose = std::find(item.response.begin(), item.response.end(), id) != item.response.end();
      const bool keyed = (q.type == ItemType::kSingle || q.type == ItemType::kMultiple) &&
                         std::find(q.key.begin(), q.key.end(), id) != q.key.end();
      std::string mark = std::string(chose ? ">" : " ") + (keyed ? "*" : " ") + " " + OptionLetter(k) + ". ";
      Wrapped(c.out, o ? o->text : "?", w, mark, "      ");
    }
    c.out << "Your answer: " << ResponseLetters(item, item.response) << "   Right answer: " << ResponseLetters(item, q.key) << "\n";
    if (!q.explanation.empty()) Wrapped(c.out, q.explanation, w, "Explanation: ", "             ");
    for (const std::string& ref : q.references) c.out << "Reference: " << SanitizeForTerminal(ref, false) << "\n";
  }
  c.out << "\n" << shown << " question" << (shown == 1 ? "" : "s") << " shown. '>' marks your answer, '*' the right one.\n";
  return 0;
}

}  // namespace

const CommandSpec& ReviewCommand() {
  static const CommandSpec spec{"review", "ATTEMPT", "go through a finished attempt's answers with the keys and explanations",
                                "", Define, Run};
  return spec;
}

}  // namespace proctor
