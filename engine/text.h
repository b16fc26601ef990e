// Text that reaches a terminal: sanitizing untrusted bank text, measuring it in display columns,
// and wrapping it. Everything here works on UTF-8 and never depends on the process locale, so the
// same input gives the same screen everywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proctor {

// Returns `text` with everything removed that could act on a terminal rather than print:
// C0 controls (except '\n'; '\t' becomes a space), DEL, C1 controls, whole ESC/CSI/OSC/DCS/APC/PM/SOS
// sequences (7-bit and 8-bit forms), carriage returns, and bidirectional overrides and isolates.
// Invalid UTF-8 bytes become U+FFFD. With keep_newlines false, '\n' becomes a space too.
std::string SanitizeForTerminal(std::string_view text, bool keep_newlines = true);

// Returns true if `text` is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Decodes one code point at text[pos], advancing pos. Invalid bytes decode as U+FFFD, one byte each.
char32_t DecodeUtf8(std::string_view text, size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(std::string& out, char32_t cp);

// Returns the number of terminal columns `cp` takes: 0 for combining marks and zero-width
// characters, 2 for East Asian wide and fullwidth characters (CJK, Hangul, kana, most emoji), else 1.
int CodePointWidth(char32_t cp);

// Returns the display width of sanitized UTF-8 text (sum of CodePointWidth; '\n' counts 0).
int DisplayWidth(std::string_view text);

// Wraps text into lines of at most `width` display columns. Breaks at spaces where it can; a word
// wider than the line, and runs of wide (CJK) characters, break between characters. '\n' starts a
// new line; an empty input gives no lines. Precondition: width >= 1.
std::vector<std::string> WrapText(std::string_view text, int width);

// Returns `text` cut to at most `width` columns, ending in "…" when something was cut.
std::string TruncateToWidth(std::string_view text, int width);

// Returns `text` padded with spaces on the right to `width` columns (never cut).
std::string PadRight(std::string_view text, int width);

// ASCII lower-case copy, for case-insensitive comparisons of codes and keywords.
std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);

// Trims ASCII white space at both ends.
std::string_view Trim(std::string_view text);

// "1 question", "2 questions": `noun` in the singular, with an s for any other count.
std::string CountOf(int n, std::string_view noun);

}  // namespace proctor
