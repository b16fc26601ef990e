#include "cli/plain/plain_practice.h"

#include <climits>
#include <map>
#include <ostream>

#include "cli/answer_format.h"
#include "engine/text.h"

namespace proctor {

namespace {

// `text` wrapped to `width`, its first line after `label` ("  C. ") and the rest under it.
void Wrapped(std::ostream& out, std::string_view text, int width, std::string_view label = "") {
  const std::string under(static_cast<size_t>(DisplayWidth(label)), ' ');
  bool first = true;
  for (const std::string& l : WrapText(SanitizeForTerminal(text), width - DisplayWidth(label))) {
    out << (first ? std::string(label) : under) << l << "\n";
    first = false;
  }
}

void ShowItem(const Session& s, std::ostream& out, int width) {
  const AttemptItem& item = s.current();
  const Question& q = item.question;
  const Domain* d = s.attempt().blueprint.FindDomain(item.form.domain);
  out << "\nPractice question " << s.position() + 1 << " of " << s.size() << "  |  "
      << (d ? "domain " + std::to_string(d->number) + " " + d->name : std::string("no domain"));
  if (s.RemainingMs() != INT64_MAX) out << "  |  Time left " << FormatDuration(s.RemainingMs());
  out << "\n\n";
  if (!q.scenario_text.empty()) {
    Wrapped(out, "Case study: " + q.scenario_title, width);
    Wrapped(out, q.scenario_text, width);
    out << "\n";
  }
  Wrapped(out, q.stem, width);
  if (std::string hint = ItemInstruction(q, false); !hint.empty()) out << hint << "\n";
  if (q.type == ItemType::kMatching) {
    out << "\n";
    for (size_t p = 0; p < q.prompts.size(); ++p) Wrapped(out, q.prompts[p].text, width, std::to_string(p + 1) + ". ");
  }
  out << "\n";
  for (size_t i = 0; i < item.option_order.size(); ++i) {
    const Option* o = q.FindOption(item.option_order[i]);
    Wrapped(out, o ? o->text : "?", width, std::string("  ") + OptionLetter(i) + ". ");
  }
  out << "\nType letters to answer; s skips, q stops.\n";
}

void ShowFeedback(const AttemptItem& item, std::ostream& out, int width) {
  const Question& q = item.question;
  if (IsCorrect(q, item.response)) {
    out << "Right: " << ResponseLetters(item, q.key) << ".\n";
  } else {
    out << "Not right: the answer is " << ResponseLetters(item, q.key) << " (you chose "
        << ResponseLetters(item, item.response) << ").\n";
  }
  if (!q.explanation.empty()) Wrapped(out, q.explanation, width);
  for (const std::string& ref : q.references) out << "  " << SanitizeForTerminal(ref, false) << "\n";
}

}  // namespace

void RunPlainPractice(Session& s, LineSource& in, std::ostream& out, int width) {
  width = std::max(width, 30);
  std::string line;
  bool stopped = false;
  while (s.in_progress() && !stopped) {
    ShowItem(s, out, width);
    while (true) {
      out << "> " << std::flush;
      int64_t wait = s.RemainingMs();
      LineSource::Status status = in.ReadLine(line, wait);
      if (status == LineSource::Status::kTimeout || s.CheckDeadline()) {
        out << "\nTime is up.\n";
        stopped = true;
        break;
      }
      if (status == LineSource::Status::kEndOfInput) {
        stopped = true;
        break;
      }
      std::string word = AsciiLower(Trim(line));
      if (word == "q" || word == "quit") {
        stopped = true;
        break;
      }
      if (word == "s" || word == "skip") break;
      std::string problem;
      std::string note;
      std::optional<Response> response = ParseAnswer(s.current(), std::string(Trim(line)), problem, note);
      if (!response) {
        out << problem << "\n";
        continue;
      }
      if (!s.Answer(*response)) break;
      ShowFeedback(s.current(), out, width);
      break;
    }
    if (stopped || !s.in_progress()) break;
    if (s.position() + 1 >= s.size()) break;
    s.GoTo(s.position() + 1);
  }
  const ScoreReport& report = s.Submit();
  const int answered = ProgressOf(s.attempt()).given();  // incomplete answers were given too
  out << "\nPractice finished: " << report.correct << " of " << answered << " answered right ("
      << s.size() - answered << " not answered). Attempt " << s.attempt().id
      << " is in your history; practice never counts as an exam attempt.\n";
  std::map<int, std::pair<int, int>> by_domain;
  for (const AttemptItem& item : s.attempt().items) {
    if (item.response.empty()) continue;
    auto& [right, total] = by_domain[item.form.domain];
    ++total;
    right += IsCorrect(item.question, item.response);
  }
  for (const auto& [domain, counts] : by_domain) {
    const Domain* d = s.attempt().blueprint.FindDomain(domain);
    out << "  " << (d ? std::to_string(d->number) + " " + d->name : std::string("no domain")) << ": " << counts.first
        << " of " << counts.second << "\n";
  }
}

}  // namespace proctor
