#include "cli/answer_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace proctor {

char OptionLetter(size_t index) { return index < 26 ? static_cast<char>('A' + index) : '?'; }

Progress ProgressOf(const Attempt& attempt) {
  Progress p;
  p.total = static_cast<int>(attempt.items.size());
  for (const AttemptItem& item : attempt.items) {
    switch (StateOf(item.question, item.response)) {
      case ResponseState::kAnswered: ++p.answered; break;
      case ResponseState::kIncomplete: ++p.incomplete; break;
      case ResponseState::kUnanswered: break;
    }
    p.flagged += item.flagged ? 1 : 0;
  }
  return p;
}

std::string ProgressLine(const Progress& p, std::string_view separator) {
  std::string line = "Answered " + std::to_string(p.answered) + "/" + std::to_string(p.total);
  if (p.incomplete > 0) line += std::string(separator) + "Incomplete " + std::to_string(p.incomplete);
  return line + std::string(separator) + "Flagged " + std::to_string(p.flagged);
}

std::string EndWarning(const Progress& p) {
  std::string text;
  if (p.unanswered() > 0 || p.incomplete > 0) {
    text = "You have ";
    if (p.unanswered() > 0) text += CountOf(p.unanswered(), "unanswered question");
    if (p.unanswered() > 0 && p.incomplete > 0) text += " and ";
    if (p.incomplete > 0) text += CountOf(p.incomplete, "incomplete question");
    text += (p.unanswered() + p.incomplete == 1 ? "; it counts" : "; they count") + std::string(" as wrong.");
  }
  if (p.flagged > 0) {
    text.append(text.empty() ? "" : " ").append(CountOf(p.flagged, "question")).append(p.flagged == 1 ? " is" : " are");
    text += " flagged for review.";
  }
  return text;
}

std::string ResponseLetters(const AttemptItem& item, const Response& response) {
  if (response.empty()) return "-";
  const auto letter_of = [&](const std::string& option_id) {
    auto it = std::find(item.option_order.begin(), item.option_order.end(), option_id);
    return it == item.option_order.end() ? '?' : OptionLetter(static_cast<size_t>(it - item.option_order.begin()));
  };
  std::string out;
  if (item.question.type == ItemType::kMatching) {
    for (size_t p = 0; p < item.question.prompts.size(); ++p) {
      for (const std::string& pair : response) {
        if (pair.substr(0, pair.find('=')) == item.question.prompts[p].id) {
          out.append(out.empty() ? "" : " ").append(std::to_string(p + 1)).append(1, '-');
          out += letter_of(pair.substr(pair.find('=') + 1));
        }
      }
    }
    return out;
  }
  for (const std::string& id : response) out += letter_of(id);
  if (item.question.type != ItemType::kOrdering) std::sort(out.begin(), out.end());
  return out;
}

std::optional<Response> ParseAnswer(const AttemptItem& item, const std::string& line, std::string& problem,
                                    std::string& note) {
  const Question& q = item.question;
  std::string text = !line.empty() && line[0] == '=' ? line.substr(1) : line;
  std::string letters;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == ';') continue;
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      problem = "Not understood: type option letters, or ? for help.";
      return std::nullopt;
    }
    letters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const size_t count = item.option_order.size();
  if (letters.empty() || count == 0) {
    problem = "Type option letters, or ? for help.";
    return std::nullopt;
  }
  const std::string range = std::string("A-") + OptionLetter(count - 1);
  for (char c : letters) {
    if (static_cast<size_t>(c - 'A') >= count) {
      problem = std::string("There is no option ") + c + " here; the options are " + range + ".";
      return std::nullopt;
    }
  }
  Response response;
  const auto id_of = [&](char c) { return item.option_order[static_cast<size_t>(c - 'A')]; };
  switch (q.type) {
    case ItemType::kSingle:
      if (letters.size() != 1) {
        problem = "Choose one option (" + range + ").";
        return std::nullopt;
      }
      response.push_back(id_of(letters[0]));
      break;
    case ItemType::kMultiple: {
      std::set<char> unique(letters.begin(), letters.end());
      if (static_cast<int>(unique.size()) > q.ChooseCount()) {
        problem = "This question asks for " + CountWord(q.ChooseCount()) + "; you chose " + std::to_string(unique.size()) +
                  ". Choose " + CountWord(q.ChooseCount()) + ".";
        return std::nullopt;
      }
      for (char c : unique) response.push_back(id_of(c));
      if (static_cast<int>(unique.size()) < q.ChooseCount()) {
        note = " (incomplete: this question asks for " + CountWord(q.ChooseCount()) + ")";
      }
      break;
    }
    case ItemType::kOrdering: {
      std::set<char> unique(letters.begin(), letters.end());
      if (letters.size() != count || unique.size() != count) {
        problem = "Type all " + std::to_string(count) + " letters (" + range + ") once each, first step first.";
        return std::nullopt;
      }
      for (char c : letters) response.push_back(id_of(c));
      break;
    }
    case ItemType::kMatching:
      if (letters.size() != q.prompts.size()) {
        problem = "Type " + std::to_string(q.prompts.size()) + " letters, one for each numbered item.";
        return std::nullopt;
      }
      for (size_t p = 0; p < letters.size(); ++p) response.push_back(q.prompts[p].id + "=" + id_of(letters[p]));
      break;
  }
  return response;
}

std::string ItemInstruction(const Question& q, bool full_screen) {
  switch (q.type) {
    case ItemType::kSingle:
      return "";
    case ItemType::kMultiple:
      // Imported stems often say it already ("... (Choose TWO.)"): not twice.
      if (AsciiLower(q.stem).find("(choose ") != std::string::npos) return "";
      return "(Choose " + CountWord(q.ChooseCount()) + ".)";
    case ItemType::kOrdering:
      return full_screen ? "(Put the steps in order: press their letters from first to last. Backspace undoes, X clears.)"
                         : "(Put the steps in order: type every letter, first step first.)";
    case ItemType::kMatching: {
      // As the real exam's instructions do, say whether a response can serve several items.
      std::set<std::string> used;
      bool reused = q.options.size() < q.prompts.size();
      for (const std::string& pair : q.key) reused |= !used.insert(pair.substr(pair.find('=') + 1)).second;
      const std::string reuse = reused ? " A response may be used more than once." : " Each response is used at most once.";
      return full_screen ? "(Match each numbered item: move to it with Up/Down and press the letter of its match. "
                           "Backspace undoes the last match, X clears." + reuse + ")"
                         : "(Match each numbered item to a lettered response: type one letter per item, in order." + reuse + ")";
    }
  }
  return "";
}

std::string PendingSaveNotice(int question_number, int64_t waited_ms) {
  const int64_t seconds = waited_ms / 1000;
  char clock[32];
  std::snprintf(clock, sizeof clock, "%lld:%02lld", static_cast<long long>(seconds / 60), static_cast<long long>(seconds % 60));
  return "Saving: another proctor is writing to the database (an import?). Question " + std::to_string(question_number) +
         " is not saved yet: it is kept and saved as soon as the database is free (waiting " + clock + ").";
}

}  // namespace proctor
