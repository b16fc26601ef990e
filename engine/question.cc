#include "engine/question.h"

#include "engine/hash.h"

#include <algorithm>
#include <cstring>
#include <cctype>
#include <cstdio>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

ResponseState StateOf(const Question& q, const Response& r) {
  if (r.empty()) return ResponseState::kUnanswered;
  size_t wanted = 1;
  switch (q.type) {
    case ItemType::kSingle: wanted = 1; break;
    case ItemType::kMultiple: wanted = q.key.size(); break;
    case ItemType::kOrdering: wanted = q.options.size(); break;
    case ItemType::kMatching: wanted = q.prompts.size(); break;
  }
  return r.size() < wanted ? ResponseState::kIncomplete : ResponseState::kAnswered;
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
  // FNV alone leaves similar ids ("q1", "q2") close together.
  return static_cast<int64_t>(Mix64(h) >> 1);
}

namespace {

// NormalizeText, appended to `out`.
void AppendNormalized(std::string_view text, std::string& out) {
  // Written in place: a space is only written for white space read, so the output is never longer.
  const size_t start = out.size();
  out.resize(start + text.size());
  char* const begin = out.data() + start;
  char* o = begin;
  bool space = false;  // white space read and not yet written
  auto one = [&](char c) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {  // space, \t \n \v \f \r
      space = o != begin;
      return;
    }
    if (space) *o++ = ' ';
    space = false;
    *o++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  };
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time while the text is words between single spaces, the common case.
  const __m128i tab = _mm_set1_epi8('\t' - 1);
  const __m128i cr = _mm_set1_epi8('\r' + 1);
  const __m128i blank = _mm_set1_epi8(' ');
  const __m128i upper_a = _mm_set1_epi8('A' - 1);
  const __m128i upper_z = _mm_set1_epi8('Z' + 1);
  const __m128i to_lower = _mm_set1_epi8('a' - 'A');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, blank)));
    const bool controls = _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, tab), _mm_cmplt_epi8(v, cr))) != 0;
    // Plain: no other white space, no two spaces together, none first unless it is kept as it is.
    if (controls || (spaces & (spaces >> 1)) != 0 || ((spaces & 1) != 0 && (space || o == begin))) {
      for (size_t j = i; j < i + 16; ++j) one(text[j]);
      continue;
    }
    if (space) *o++ = ' ';
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, upper_a), _mm_cmplt_epi8(v, upper_z));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o), _mm_add_epi8(v, _mm_and_si128(upper, to_lower)));
    // A space last in the block waits, like any white space, for what follows it.
    space = (spaces & 0x8000u) != 0;
    o += space ? 15 : 16;
  }
#endif
  for (; i < text.size(); ++i) one(text[i]);
  out.resize(start + static_cast<size_t>(o - begin));
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  std::string out;
  AppendNormalized(text, out);
  return out;
}

std::string Fingerprint(const Question& q) {
  // The stem, then the options' texts (prompts' marked "prompt:") in sorted order, each after a
  // 0x1F, all normalized. Built in buffers kept by the thread: an import fingerprints every question.
  thread_local std::string text;
  thread_local std::string choices;
  thread_local std::vector<std::pair<size_t, size_t>> spans;  // of `choices`
  choices.clear();
  spans.clear();
  // Trailing punctuation and spaces do not make a question different ("What is S3?" and "What is
  // S3 ?" and "What is S3" are one question; so are "Amazon S3." and "Amazon S3").
  auto trim_end = [](std::string& s, size_t from) {
    while (s.size() > from && std::strchr(" .?!:;,", s.back()) != nullptr) s.pop_back();
  };
  auto add = [&](std::string_view prefix, std::string_view choice) {
    const size_t at = choices.size();
    choices += prefix;
    AppendNormalized(choice, choices);
    trim_end(choices, at + prefix.size());
    spans.emplace_back(at, choices.size() - at);
  };
  for (const Option& o : q.options) add("", o.text);
  for (const Prompt& p : q.prompts) add("prompt:", p.text);
  auto view = [&](const std::pair<size_t, size_t>& s) { return std::string_view(choices).substr(s.first, s.second); };
  std::sort(spans.begin(), spans.end(), [&](const auto& x, const auto& y) { return view(x) < view(y); });
  text.clear();
  AppendNormalized(q.stem, text);
  trim_end(text, 0);
  for (const auto& s : spans) {
    text += '\x1f';
    text += view(s);
  }
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

bool IsValidTopic(std::string_view topic) {
  if (topic.empty() || topic.size() > 64 || topic.front() == '-' || topic.back() == '-') return false;
  for (size_t i = 0; i < topic.size(); ++i) {
    const char c = topic[i];
    if (c == '-' && topic[i - 1] == '-') return false;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool IsValidBankId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace proctor
