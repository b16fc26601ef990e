// The byte-level rules of JSON text, shared by the general reader (json_reader.cc) and the native
// bank's fast question decoder: where plain string bytes end, UTF-8 validity, escapes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace proctor::json_text {

// The first byte at or after `p` (before `end`) that a string cannot copy as it is: a quote, a
// backslash, a control character or a non-ASCII byte. `end` if there is none.
inline const char* ScanPlain(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed, bytes of 0x80 and up are negative: one comparison finds them and the controls.
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                         _mm_cmplt_epi8(v, space));
    if (const int mask = _mm_movemask_epi8(special); mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
  }
  return end;
}

// The length of the valid UTF-8 sequence starting at `p` (2-4; RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF); 0 if `end` cuts short a sequence that is valid so far; -1
// if the bytes there are not one.
inline int Utf8Length(const char* p, const char* end) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  const auto avail = static_cast<size_t>(end - p);
  const unsigned c = u[0];
  int n = 0;
  unsigned lo = 0x80;  // the range of the second byte
  unsigned hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // a surrogate
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  for (size_t i = 1; i < static_cast<size_t>(n); ++i) {
    if (i >= avail) return 0;
    if (i == 1 ? (u[i] < lo || u[i] > hi) : (u[i] & 0xC0) != 0x80) return -1;
  }
  return n;
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits at `p` as a number, or -1.
inline int32_t Hex4(const char* p) {
  int32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = HexValue(p[i]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// The character a one-letter escape stands for (after the backslash), or 0 if it is not one.
inline char SimpleEscape(char c) {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
  }
}

// Decodes the escape sequence at `p` (at its backslash) onto `out`. Returns its length; 0 if
// `end` cuts it short; -1 if it is not a valid escape (surrogates must come in pairs).
inline int DecodeEscape(const char* p, const char* end, std::string& out) {
  const ptrdiff_t avail = end - p;
  if (avail < 2) return 0;
  if (const char c = SimpleEscape(p[1])) {
    out += c;
    return 2;
  }
  if (p[1] != 'u') return -1;
  if (avail < 6) return 0;
  int32_t cp = Hex4(p + 2);
  if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return -1;
  int length = 6;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (avail < 8) return 0;
    if (p[6] != '\\' || p[7] != 'u') return -1;
    if (avail < 12) return 0;
    const int32_t low = Hex4(p + 8);
    if (low < 0xDC00 || low > 0xDFFF) return -1;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    length = 12;
  }
  AppendUtf8(out, static_cast<char32_t>(cp));
  return length;
}

enum class StringStop { kClosed, kMore, kBad };

// Reads a string's characters from `p` (just after its opening quote) onto `out`. kClosed: read
// to its closing quote, `p` just after it. kBad: `p` is at a byte a string cannot have there (a
// control character, a bad escape, invalid UTF-8). kMore: the input ran out at `p`, perhaps inside
// an escape or a UTF-8 sequence; with more input, reading goes on from `p`.
inline StringStop ReadString(const char*& p, const char* end, std::string& out) {
  for (;;) {
    const char* const stop = ScanPlain(p, end);
    out.append(p, stop);
    p = stop;
    if (p == end) return StringStop::kMore;
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      ++p;
      return StringStop::kClosed;
    }
    const int n = c == '\\' ? DecodeEscape(p, end, out) : c < 0x20 ? -1 : Utf8Length(p, end);
    if (n < 0) return StringStop::kBad;
    if (n == 0) return StringStop::kMore;
    if (c >= 0x80) out.append(p, static_cast<size_t>(n));
    p += n;
  }
}

// The longest number either reader takes: a number is not a place to hide a megabyte.
inline constexpr size_t kMaxNumberLength = 1024;

enum class NumberStop { kDone, kMore, kBad };

// Scans the number at `p` by JSON's grammar (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?).
// kDone: `p` is just past it. kBad: `p` is at the byte that breaks the grammar, and `why` says what
// was expected there. kMore: `end` came where the number could go on; with `final` (the input
// ends at `end`) the end ends the number instead.
inline NumberStop ScanNumber(const char*& p, const char* end, bool final, const char*& why) {
  auto digit = [&] { return p < end && *p >= '0' && *p <= '9'; };
  auto digits = [&] {
    const char* const from = p;
    while (digit()) ++p;
    return p > from;
  };
  // A part that needs a digit: at `end`, either more input or (final) the missing digit.
  auto need_digits = [&](const char* what) {
    if (digits()) return NumberStop::kDone;
    if (p == end && !final) return NumberStop::kMore;
    why = what;
    return NumberStop::kBad;
  };
  if (p < end && *p == '-') ++p;
  if (p < end && *p == '0') {
    ++p;
    if (digit()) {
      why = "a number does not start with 0 (write 7, not 07)";
      return NumberStop::kBad;
    }
  } else if (NumberStop s = need_digits("expected a digit in the number"); s != NumberStop::kDone) {
    return s;
  }
  if (p < end && *p == '.') {
    ++p;
    if (NumberStop s = need_digits("expected a digit after the decimal point"); s != NumberStop::kDone) return s;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p < end && (*p == '+' || *p == '-')) ++p;
    if (NumberStop s = need_digits("expected a digit in the exponent"); s != NumberStop::kDone) return s;
  }
  return p == end && !final ? NumberStop::kMore : NumberStop::kDone;
}

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace proctor::json_text
