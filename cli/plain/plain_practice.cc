#include "cli/plain/plain_practice.h"

#include <climits>
#include <ostream>

#include "cli/answer_format.h"
#include "engine/text.h"

namespace proctor {

namespace {

// `first` on the first line, then as many spaces on the rest: an option's letter once, its text
// hanging under it ("A. long text / continued", not "A. long text / A. continued").
void Wrapped(std::ostream& out, std::string_view text, int width, std::string_view first = "") {
  const std::string rest(static_cast<size_t>(DisplayWidth(first)), ' ');
  bool is_first = true;
  for (const std::string& l : WrapText(SanitizeForTerminal(text), width - DisplayWidth(first))) {
    out << (is_first ? std::string(first) : rest) << l << "\n";
    is_first = false;
  }
}

std::string DomainName(const Attempt& a, int number) {
  const Domain* d = a.blueprint.FindDomain(number);
  return d ? "domain " + std::to_string(d->number) + " " + d->name : std::string("no domain");
}

void ShowItem(const PracticeSession& p, std::ostream& out, int width) {
  const Session& s = p.session();
  const AttemptItem& item = s.current();
  const Question& q = item.question;
  std::string header = p.relearning() ? "Again: question " + std::to_string(s.position() + 1) + ", missed earlier"
                                       : "Practice question " + std::to_string(s.position() + 1) + " of " + std::to_string(s.size());
  header += "  |  " + DomainName(s.attempt(), item.form.domain);
  if (item.flagged) header += "  |  flagged";
  if (s.RemainingMs() != INT64_MAX) header += "  |  Time left " + FormatDuration(s.RemainingMs());
  out << "\n";
  Wrapped(out, header, width);
  out << "\n";
  if (!q.scenario_text.empty()) {
    Wrapped(out, "Case study: " + q.scenario_title, width);
    Wrapped(out, q.scenario_text, width);
    out << "\n";
  }
  Wrapped(out, q.stem, width);
  if (std::string hint = ItemInstruction(q, false); !hint.empty()) out << hint << "\n";
  if (q.type == ItemType::kMatching) {
    out << "\n";
    for (size_t i = 0; i < q.prompts.size(); ++i) Wrapped(out, q.prompts[i].text, width, std::to_string(i + 1) + ". ");
  }
  out << "\n";
  for (size_t i = 0; i < item.option_order.size(); ++i) {
    const Option* o = q.FindOption(item.option_order[i]);
    Wrapped(out, o ? o->text : "?", width, std::string("  ") + OptionLetter(i) + ". ");
  }
  out << "\nType letters to answer; s skips, flag marks it, q stops.\n";
}

void ShowFeedback(const PracticeSession& p, std::ostream& out, int width) {
  const AttemptItem& item = p.current();
  const Question& q = item.question;
  if (p.checked_correct()) {
    out << "Right: " << ResponseLetters(item, q.key) << ".\n";
  } else {
    out << "Not right: the answer is " << ResponseLetters(item, q.key) << " (you chose "
        << ResponseLetters(item, p.checked_response()) << "). It comes back later in this session.\n";
  }
  if (!q.explanation.empty()) Wrapped(out, q.explanation, width);
  for (const std::string& ref : q.references) out << "  " << SanitizeForTerminal(ref, false) << "\n";
}

bool IsFlagWord(const std::string& word) { return word == "flag" || word == "!"; }

void Flag(PracticeSession& p, std::ostream& out) {
  if (p.ToggleFlag()) out << (p.current().flagged ? "Flagged." : "Flag removed.") << "\n";
}

}  // namespace

void PrintPracticeSummary(std::ostream& out, const Session& s, const PracticeSummary& sum, int width) {
  width = std::max(width, 30);
  std::string head = "Practice finished: " + std::to_string(sum.right) + " of " + std::to_string(sum.answered) +
                     " answered right (" + std::to_string(sum.not_answered()) + " not answered).";
  head += sum.kept ? " Attempt " + std::to_string(s.attempt().id) +
                         " is in your history; practice never counts as an exam attempt."
                   : std::string(" Nothing was answered, so nothing was kept.");
  out << "\n";
  Wrapped(out, head, width);
  for (const PracticeDomainTally& d : sum.by_domain) {
    out << "  " << (d.number ? std::to_string(d.number) + " " + d.name : std::string("no domain")) << ": " << d.right
        << " of " << d.answered << "\n";
  }
  if (sum.came_back > 0) {
    Wrapped(out, "Missed questions asked again: " + std::to_string(sum.came_back) + ", " + std::to_string(sum.right_again) +
                     " right the last time.", width);
  }
  auto list = [&](const std::vector<int>& positions) {
    std::string text;
    for (int p : positions) text += (text.empty() ? "" : ", ") + std::to_string(p + 1);
    return text;
  };
  if (!sum.flagged.empty()) Wrapped(out, "Flagged: question " + list(sum.flagged) + ".", width);
  if (!sum.missed.empty()) {
    std::string missed = "Missed: question " + list(sum.missed) + "; 'proctor review " + std::to_string(s.attempt().id) +
                         " --incorrect' walks through them.";
    if (const int still = sum.still_wrong(); still > 0) {
      missed += " " + (still == 1 ? std::string("One is") : std::to_string(still) + " are") +
                " due again today ('proctor practice " + s.attempt().blueprint.code + " --due').";
    }
    Wrapped(out, missed, width);
  }
}

PracticeSummary RunPlainPractice(Session& s, LineSource& in, std::ostream& out, int width, bool pause) {
  width = std::max(width, 30);
  PracticeSession p(s);
  std::string line;
  bool stopped = false;
  auto read = [&](std::string& word) {
    out << "> " << std::flush;
    LineSource::Status status = in.ReadLine(line, s.RemainingMs());
    if (status == LineSource::Status::kTimeout || s.CheckDeadline()) {
      out << "\nTime is up.\n";
      return false;
    }
    if (status == LineSource::Status::kEndOfInput) return false;
    word = AsciiLower(Trim(line));
    return true;
  };
  while (!stopped && !p.time_up()) {
    ShowItem(p, out, width);
    std::string word;
    while (true) {
      if (!read(word) || word == "q" || word == "quit") {
        stopped = true;
        break;
      }
      if (word == "s" || word == "skip") break;
      if (IsFlagWord(word)) {
        Flag(p, out);
        continue;
      }
      std::string problem;
      std::string note;
      std::optional<Response> response = ParseAnswer(p.current(), std::string(Trim(line)), problem, note);
      if (!response) {
        out << problem << "\n";
        continue;
      }
      if (!p.Check(*response)) {
        out << "\nTime is up.\n";
        stopped = true;
        break;
      }
      ShowFeedback(p, out, width);
      if (pause) {
        // On a terminal the feedback stays until the learner has read it.
        out << "Press Enter for the next question (flag marks this one, q stops).\n";
        while (read(word)) {
          if (IsFlagWord(word)) {
            Flag(p, out);
            continue;
          }
          if (word == "q" || word == "quit") stopped = true;
          break;
        }
        if (s.CheckDeadline() || !s.in_progress()) stopped = true;
      }
      break;
    }
    if (stopped || !p.Next()) break;
  }
  PracticeSummary summary = p.Finish();
  PrintPracticeSummary(out, s, summary, width);
  return summary;
}

}  // namespace proctor
