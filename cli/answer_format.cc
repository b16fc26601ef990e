#include "cli/answer_format.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace proctor {

char OptionLetter(size_t index) { return static_cast<char>('A' + index); }

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
          out += (out.empty() ? "" : " ") + std::to_string(p + 1) + "-" + letter_of(pair.substr(pair.find('=') + 1));
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
      for (char c : unique) response.push_back(id_of(c));
      if (static_cast<int>(unique.size()) != q.ChooseCount()) {
        note = " (this question asks for " + std::to_string(q.ChooseCount()) + ")";
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
      return "(Choose " + CountWord(q.ChooseCount()) + ".)";
    case ItemType::kOrdering:
      return full_screen ? "(Put the steps in order: press their letters from first to last. Backspace undoes, X clears.)"
                         : "(Put the steps in order: type every letter, first step first.)";
    case ItemType::kMatching:
      return full_screen ? "(Match each numbered item: move to it with Up/Down and press the letter of its match.)"
                         : "(Match each numbered item to a lettered response: type one letter per item, in order.)";
  }
  return "";
}

}  // namespace proctor
