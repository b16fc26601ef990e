#include "engine/question.h"

#include "engine/hash.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace proctor {

std::string_view ItemTypeName(ItemType type) {
  switch (type) {
    case ItemType::kSingle: return "single";
    case ItemType::kMultiple: return "multiple";
    case ItemType::kOrdering: return "ordering";
    case ItemType::kMatching: return "matching";
  }
  return "single";
}

std::optional<ItemType> ParseItemType(std::string_view name) {
  if (name == "single") return ItemType::kSingle;
  if (name == "multiple") return ItemType::kMultiple;
  if (name == "ordering") return ItemType::kOrdering;
  if (name == "matching") return ItemType::kMatching;
  return std::nullopt;
}

const Option* Question::FindOption(std::string_view option_id) const {
  for (const Option& option : options) {
    if (option.id == option_id) return &option;
  }
  return nullptr;
}

bool IsCorrect(const Question& question, const Response& response) {
  if (response.empty()) return false;
  switch (question.type) {
    case ItemType::kSingle:
    case ItemType::kMultiple:
    case ItemType::kMatching: {
      // Order carries no meaning: compare as sets.
      Response a = response;
      Response b = question.key;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      return a == b;
    }
    case ItemType::kOrdering:
      return response == question.key;
  }
  return false;
}

std::string EncodeResponse(const Response& response) {
  std::string out;
  for (const std::string& id : response) {
    if (!out.empty()) out += ',';
    out += id;
  }
  return out;
}

Response DecodeResponse(std::string_view encoded) {
  Response out;
  size_t start = 0;
  while (start < encoded.size()) {
    size_t comma = encoded.find(',', start);
    if (comma == std::string_view::npos) comma = encoded.size();
    if (comma > start) out.emplace_back(encoded.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string HashHex(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

int64_t DrawKey(std::string_view bank_id, std::string_view question_id) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](std::string_view part) {
    for (char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ull;
    }
    h ^= 0xff;  // a separator no id contains
    h *= 0x100000001b3ull;
  };
  mix(bank_id);
  mix(question_id);
  // splitmix64's finaliser: FNV alone leaves similar ids ("q1", "q2") close together.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return static_cast<int64_t>(h >> 1);
}

std::string NormalizeText(std::string_view text) {
  // Written in place: a space is only written for white space read, so the output is never longer.
  std::string out(text.size(), '\0');
  char* const begin = out.data();
  char* o = begin;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = o != begin;
      continue;
    }
    if (space) *o++ = ' ';
    space = false;
    *o++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out.resize(static_cast<size_t>(o - begin));
  return out;
}

std::string Fingerprint(const Question& q) {
  std::vector<std::string> options;
  for (const Option& o : q.options) options.push_back(NormalizeText(o.text));
  for (const Prompt& p : q.prompts) options.push_back("prompt:" + NormalizeText(p.text));
  std::sort(options.begin(), options.end());
  std::string text = NormalizeText(q.stem);
  for (const std::string& o : options) text += '\x1f' + o;
  return Hash64Hex(text);
}

std::string CountWord(int n) {
  static const char* const kWords[] = {"ZERO", "ONE", "TWO",   "THREE", "FOUR", "FIVE",
                                       "SIX",  "SEVEN", "EIGHT", "NINE",  "TEN"};
  if (n >= 0 && n <= 10) return kWords[n];
  return std::to_string(n);
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

bool IsValidBankId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace proctor
