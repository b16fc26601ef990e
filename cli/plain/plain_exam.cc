#include "cli/plain/plain_exam.h"

#include <algorithm>
#include <optional>
#include <cctype>
#include <climits>
#include <ostream>
#include <set>

#include "cli/answer_format.h"
#include "cli/report.h"
#include "engine/text.h"

namespace proctor {

namespace {

constexpr int64_t kWarnings[] = {15 * 60000, 5 * 60000};

class PlainExam {
 public:
  PlainExam(Session& session, LineSource& in, std::ostream& out, int width)
      : s_(session), in_(in), out_(out), width_(std::max(width, 30)) {
    // Warnings already behind us (a resumed attempt) are not shown again.
    for (size_t i = 0; i < 2; ++i) warned_[i] = s_.RemainingMs() <= kWarnings[i];
  }

  PlainOutcome Run() {
    ShowQuestion();
    std::string line;
    while (s_.in_progress()) {
      int64_t remaining = s_.RemainingMs();
      int64_t wait = remaining;
      for (size_t i = 0; i < 2; ++i) {
        if (!warned_[i] && remaining > kWarnings[i]) wait = std::min(wait, remaining - kWarnings[i]);
      }
      out_ << "> " << std::flush;
      LineSource::Status status = in_.ReadLine(line, wait == INT64_MAX ? INT64_MAX : wait + 50);
      if (status == LineSource::Status::kTimeout) {
        out_ << "\n";
        if (s_.CheckDeadline()) break;
        Warn();
        continue;
      }
      if (status == LineSource::Status::kEndOfInput) {
        out_ << "\nInput ended. Attempt " << s_.attempt().id << " is saved with "
             << CountOf(ProgressOf(s_.attempt()).given(), "answer") << "; continue it with 'proctor resume " << s_.attempt().id
             << "' (the clock keeps running).\n";
        return PlainOutcome::kInputEnded;
      }
      if (s_.CheckDeadline()) break;
      Warn();
      if (!Handle(std::string(Trim(line)))) {
        out_ << "Attempt " << s_.attempt().id << " is saved; continue it with 'proctor resume "
             << s_.attempt().id << "' (the clock keeps running).\n";
        return PlainOutcome::kInputEnded;
      }
    }
    if (s_.attempt().status == AttemptStatus::kExpired) {
      out_ << "\nTime is up. The exam was submitted with your saved answers.\n";
    }
    PrintScoreReport(out_, s_.attempt(), *s_.report(), width_);
    return PlainOutcome::kFinished;
  }

 private:
  void Warn() {
    int64_t remaining = s_.RemainingMs();
    for (size_t i = 0; i < 2; ++i) {
      if (!warned_[i] && remaining <= kWarnings[i]) {
        warned_[i] = true;
        out_ << "*** " << kWarnings[i] / 60000 << " minutes left (" << FormatDuration(remaining) << ") ***\n";
      }
    }
  }

  std::string TimeLeft() const {
    int64_t r = s_.RemainingMs();
    return r == INT64_MAX ? std::string("no time limit") : "Time left " + FormatDuration(r);
  }

  // `text` wrapped, its first line after `label` ("1. ") and the rest under it.
  void Wrapped(std::string_view text, std::string_view label = "") {
    int w = width_ - DisplayWidth(label);
    const std::string under(static_cast<size_t>(DisplayWidth(label)), ' ');
    bool first = true;
    for (const std::string& l : WrapText(SanitizeForTerminal(text), w)) {
      out_ << (first ? std::string(label) : under) << l << "\n";
      first = false;
    }
  }

  void ShowQuestion() {
    const AttemptItem& item = s_.current();
    const Question& q = item.question;
    out_ << "\n" << "Question " << s_.position() + 1 << " of " << s_.size() << "  |  "
         << s_.attempt().blueprint.code << "  |  " << TimeLeft() << (item.flagged ? "  |  FLAGGED" : "") << "\n\n";
    if (!q.scenario_text.empty()) {
      out_ << "Case study" << (q.scenario_title.empty() ? "" : ": " + SanitizeForTerminal(q.scenario_title, false)) << "\n";
      Wrapped(q.scenario_text);
      out_ << "\n";
    }
    Wrapped(q.stem);
    if (std::string hint = ItemInstruction(q, false); !hint.empty()) out_ << hint << "\n";
    if (q.type == ItemType::kMatching) {
      out_ << "\n";
      for (size_t p = 0; p < q.prompts.size(); ++p) Wrapped(q.prompts[p].text, std::to_string(p + 1) + ". ");
    }
    out_ << "\n";
    for (size_t i = 0; i < item.option_order.size(); ++i) {
      const Option* o = q.FindOption(item.option_order[i]);
      std::string label = std::string(1, OptionLetter(i)) + ". ";
      std::vector<std::string> lines = WrapText(SanitizeForTerminal(o ? o->text : "?", false), width_ - 5);
      for (size_t l = 0; l < lines.size(); ++l) out_ << (l == 0 ? "  " + label : "     ") << lines[l] << "\n";
    }
    out_ << "\n";
    if (!item.response.empty()) out_ << "Your answer: " << ResponseLetters(item, item.response) << "\n";
    out_ << ProgressLine(ProgressOf(s_.attempt()), " | ") << " | Type letters to answer; n next, p previous, g N go to, f flag, review, end, ? help\n";
  }

  void Help() {
    out_ << "Answer: type the option letters (A, AC, \"a c\"); for ordering, every letter in order;\n"
            "        for matching, one letter per numbered item. Start with '=' to force an answer (=F).\n"
            "Move:   n (next), p (previous), g N (go to question N), or just the number.\n"
            "Other:  f (flag or unflag), clear (remove your answer), review (all questions),\n"
            "        time (time left), end (finish and score), quit (leave; the clock keeps running).\n";
  }

  void Review() {
    const Progress p = ProgressOf(s_.attempt());
    out_ << "\nReview: " << p.answered << " answered, " << (p.incomplete > 0 ? std::to_string(p.incomplete) + " incomplete, " : "")
         << p.unanswered() << " unanswered, " << p.flagged
         << " flagged ('*' marks a flagged question, '+' an incomplete one). " << TimeLeft() << "\n";
    const int cell = 10;
    int per_row = std::max(1, width_ / cell);
    for (int i = 0; i < s_.size(); ++i) {
      const AttemptItem& item = s_.item(i);
      std::string text = std::to_string(i + 1) + ":" + ResponseLetters(item, item.response);
      if (item.question.type == ItemType::kMatching && !item.response.empty()) text = std::to_string(i + 1) + ":matched";
      if (StateOf(item.question, item.response) == ResponseState::kIncomplete) text += "+";
      if (item.flagged) text += "*";
      out_ << PadRight(text, cell);
      if ((i + 1) % per_row == 0 || i + 1 == s_.size()) out_ << "\n";
    }
    out_ << "Type g N to go to question N, or end to finish.\n";
  }

  // Returns false when the learner quits.
  bool Handle(const std::string& line) {
    std::string word = AsciiLower(line);
    if (word.empty()) {
      ShowQuestion();
      return true;
    }
    if (word == "n" || word == "next") return Move(s_.position() + 1);
    if (word == "p" || word == "prev" || word == "previous") return Move(s_.position() - 1);
    if (word == "f" || word == "flag" || word == "unflag") {
      bool flag = !s_.current().flagged;
      if (s_.SetFlag(flag)) out_ << (flag ? "Flagged" : "Unflagged") << " question " << s_.position() + 1 << ".\n";
      return true;
    }
    if (word == "clear") {
      if (s_.Clear()) out_ << "Cleared your answer to question " << s_.position() + 1 << ".\n";
      return true;
    }
    if (word == "r" || word == "review") {
      Review();
      return true;
    }
    if (word == "?" || word == "h" || word == "help") {
      Help();
      return true;
    }
    if (word == "t" || word == "time") {
      out_ << TimeLeft() << "\n";
      return true;
    }
    if (word == "q" || word == "quit") return false;
    if (word == "end" || word == "submit") {
      EndExam();
      return true;
    }
    std::string number = word;
    if (number.rfind("goto", 0) == 0) number = number.substr(4);
    else if (number.rfind("g", 0) == 0) number = number.substr(1);
    number = std::string(Trim(number));
    if (!number.empty() && std::all_of(number.begin(), number.end(), [](unsigned char c) { return std::isdigit(c); })) {
      int n = number.size() > 6 ? 0 : std::stoi(number);
      if (n < 1 || n > s_.size()) {
        out_ << "There is no question " << number << "; the questions are 1-" << s_.size() << ".\n";
        return true;
      }
      return Move(n - 1);
    }
    Answer(line);
    return true;
  }

  bool Move(int to) {
    if (to < 0) {
      out_ << "This is the first question.\n";
      return true;
    }
    if (to >= s_.size()) {
      out_ << "This is the last question. Type review to check your answers, or end to finish.\n";
      return true;
    }
    if (s_.GoTo(to)) ShowQuestion();
    return true;
  }

  void Answer(const std::string& line) {
    std::string problem;
    std::string note;
    std::optional<Response> parsed = ParseAnswer(s_.current(), line, problem, note);
    if (!parsed) {
      out_ << problem << "\n";
      return;
    }
    Response response = std::move(*parsed);
    if (!s_.Answer(response)) return;
    out_ << "Saved " << ResponseLetters(s_.current(), response) << " for question " << s_.position() + 1 << note << ".\n";
    if (s_.position() + 1 < s_.size()) {
      Move(s_.position() + 1);
    } else {
      out_ << "That was the last question. Type review to check your answers, or end to finish.\n";
    }
  }

  void EndExam() {
    const std::string warning = EndWarning(ProgressOf(s_.attempt()));
    out_ << (warning.empty() ? "Every question is answered and none is flagged." : warning)
         << " End the exam and submit it for scoring? (y/N) " << std::flush;
    std::string reply;
    LineSource::Status status = in_.ReadLine(reply, std::max<int64_t>(s_.RemainingMs(), 1));
    if (status == LineSource::Status::kTimeout) {
      out_ << "\n";
      s_.CheckDeadline();
      return;
    }
    std::string answer = AsciiLower(Trim(reply));
    if (status == LineSource::Status::kLine && (answer == "y" || answer == "yes")) {
      s_.Submit();
      return;
    }
    out_ << "The exam goes on.\n";
  }

  Session& s_;
  LineSource& in_;
  std::ostream& out_;
  int width_;
  bool warned_[2] = {false, false};
};

}  // namespace

PlainOutcome RunPlainExam(Session& session, LineSource& in, std::ostream& out, int width) {
  return PlainExam(session, in, out, width).Run();
}

}  // namespace proctor
