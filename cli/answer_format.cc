#include "cli/answer_format.h"

#include <algorithm>

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
