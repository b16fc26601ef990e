#include "engine/text.h"

#include <algorithm>
#include <cctype>

namespace proctor {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool IsBidiControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

struct Range {
  char32_t first;
  char32_t last;
};

bool InRanges(char32_t cp, const Range* ranges, size_t count) {
  size_t lo = 0;
  size_t hi = count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < ranges[mid].first) {
      hi = mid;
    } else if (cp > ranges[mid].last) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

// Combining marks and zero-width characters (the common blocks; enough for Latin, Greek, Cyrillic,
// CJK and Japanese text with dakuten).
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200D}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302F}, {0x3099, 0x309A},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

// East Asian Wide (W) and Fullwidth (F) ranges, plus the emoji blocks terminals draw two wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B16F}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

bool IsWideBreakable(char32_t cp) { return CodePointWidth(cp) == 2; }

}  // namespace

char32_t DecodeUtf8(std::string_view text, size_t& pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  int length;
  char32_t cp;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + static_cast<size_t>(length) > text.size()) {
    ++pos;
    return kReplacement;
  }
  for (int i = 1; i < length; ++i) {
    unsigned char b = byte(pos + static_cast<size_t>(i));
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += static_cast<size_t>(length);
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = DecodeUtf8(text, pos);
    if (cp == kReplacement && !(pos - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD")) {
      return false;
    }
  }
  return true;
}

std::string SanitizeForTerminal(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  // Skips a control string (OSC, DCS, SOS, PM, APC) up to its terminator: BEL, ESC \ or 8-bit ST.
  const auto skip_control_string = [&] {
    while (pos < text.size()) {
      size_t at = pos;
      char32_t cp = DecodeUtf8(text, pos);
      if (cp == 0x07 || cp == 0x9C) return;
      if (cp == 0x1B) {
        if (pos < text.size() && text[pos] == '\\') ++pos;
        else pos = at + 1;
        return;
      }
    }
  };
  // Skips CSI parameters and intermediates through the final byte (0x40-0x7E).
  const auto skip_csi = [&] {
    while (pos < text.size()) {
      unsigned char c = static_cast<unsigned char>(text[pos++]);
      if (c >= 0x40 && c <= 0x7E) return;
      if (c < 0x20 || c > 0x7E) return;  // malformed: stop at the first byte that cannot belong
    }
  };
  while (pos < text.size()) {
    char32_t cp = DecodeUtf8(text, pos);
    if (cp == '\n') {
      out += keep_newlines ? '\n' : ' ';
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp == 0x1B) {
      if (pos >= text.size()) break;
      char next = text[pos++];
      if (next == '[') {
        skip_csi();
      } else if (next == ']' || next == 'P' || next == 'X' || next == '^' || next == '_') {
        skip_control_string();
      } else if (next >= 0x20 && next <= 0x2F) {
        // nF escape: intermediates then one final byte.
        while (pos < text.size() && text[pos] >= 0x20 && text[pos] <= 0x2F) ++pos;
        if (pos < text.size()) ++pos;
      }
      // Any other ESC x pair is dropped whole.
    } else if (cp == 0x9B) {
      skip_csi();
    } else if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
      skip_control_string();
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || IsBidiControl(cp)) {
      // Other controls (including CR, which could overwrite a line) and bidi overrides go.
    } else {
      AppendUtf8(out, cp);
    }
  }
  return out;
}

int CodePointWidth(char32_t cp) {
  if (cp == 0) return 0;
  if (InRanges(cp, kZeroWidth, sizeof kZeroWidth / sizeof kZeroWidth[0])) return 0;
  if (InRanges(cp, kWide, sizeof kWide / sizeof kWide[0])) return 2;
  return 1;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = DecodeUtf8(text, pos);
    if (cp != '\n') width += CodePointWidth(cp);
  }
  return width;
}

std::vector<std::string> WrapText(std::string_view text, int width) {
  std::vector<std::string> lines;
  if (width < 1) width = 1;
  size_t para_start = 0;
  while (para_start <= text.size()) {
    size_t para_end = text.find('\n', para_start);
    if (para_end == std::string_view::npos) para_end = text.size();
    std::string_view para = text.substr(para_start, para_end - para_start);

    std::string line;
    int line_width = 0;
    std::string word;
    int word_width = 0;
    const auto flush_line = [&] {
      while (!line.empty() && line.back() == ' ') {
        line.pop_back();
        --line_width;
      }
      lines.push_back(line);
      line.clear();
      line_width = 0;
    };
    const auto place_word = [&] {
      if (word.empty()) return;
      if (line_width > 0 && line_width + word_width > width) flush_line();
      if (word_width <= width) {
        line += word;
        line_width += word_width;
      } else {
        // Hard-break a word wider than the line, character by character.
        size_t p = 0;
        while (p < word.size()) {
          size_t s = p;
          char32_t cp = DecodeUtf8(word, p);
          int w = CodePointWidth(cp);
          if (line_width + w > width && line_width > 0) flush_line();
          line.append(word, s, p - s);
          line_width += w;
        }
      }
      word.clear();
      word_width = 0;
    };

    size_t p = 0;
    while (p < para.size()) {
      size_t s = p;
      char32_t cp = DecodeUtf8(para, p);
      if (cp == ' ') {
        place_word();
        if (line_width > 0 && line_width < width) {
          line += ' ';
          ++line_width;
        }
      } else if (IsWideBreakable(cp)) {
        // CJK text has no spaces: each wide character may start a new line.
        place_word();
        word.append(para, s, p - s);
        word_width = 2;
        place_word();
      } else {
        word.append(para, s, p - s);
        word_width += CodePointWidth(cp);
      }
    }
    place_word();
    if (!para.empty() || para_end < text.size()) flush_line();
    if (para_end >= text.size()) break;
    para_start = para_end + 1;
  }
  return lines;
}

std::string TruncateToWidth(std::string_view text, int width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  std::string out;
  int used = 0;
  size_t p = 0;
  while (p < text.size()) {
    size_t s = p;
    char32_t cp = DecodeUtf8(text, p);
    int w = CodePointWidth(cp);
    if (used + w > width - 1) break;
    out.append(text, s, p - s);
    used += w;
  }
  if (width >= 1) out += "\xE2\x80\xA6";  // …
  return out;
}

std::string PadRight(std::string_view text, int width) {
  std::string out(text);
  int w = DisplayWidth(text);
  if (w < width) out.append(static_cast<size_t>(width - w), ' ');
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string CountOf(int n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string_view Trim(std::string_view text) {
  size_t b = 0;
  size_t e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return text.substr(b, e - b);
}

}  // namespace proctor
