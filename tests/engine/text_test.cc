#include "engine/text.h"

#include <gtest/gtest.h>

namespace proctor {
namespace {

TEST(SanitizeTest, RemovesEscapeSequencesAndControls) {
  EXPECT_EQ(SanitizeForTerminal("a\x1b[2Jb"), "ab");                         // CSI erase screen
  EXPECT_EQ(SanitizeForTerminal("a\x1b]0;pwned\x07" "b"), "ab");             // OSC title, BEL
  EXPECT_EQ(SanitizeForTerminal("a\x1b]52;c;aGk=\x1b\\b"), "ab");            // OSC 52 clipboard, ST
  EXPECT_EQ(SanitizeForTerminal("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"), "alink");  // OSC 8
  EXPECT_EQ(SanitizeForTerminal("a\xc2\x9b" "31mb"), "ab");                   // 8-bit CSI
  EXPECT_EQ(SanitizeForTerminal("a\xc2\x9d" "0;t\xc2\x9c" "b"), "ab");        // 8-bit OSC and ST
  EXPECT_EQ(SanitizeForTerminal("over\rwrite"), "overwrite");                // CR
  EXPECT_EQ(SanitizeForTerminal("a\x07\x08\x7f" "b"), "ab");                 // BEL BS DEL
  EXPECT_EQ(SanitizeForTerminal("x\xe2\x80\xaeyz\xe2\x81\xa6w"), "xyzw");    // RLO, LRI
  EXPECT_EQ(SanitizeForTerminal("tab\there"), "tab here");
  EXPECT_EQ(SanitizeForTerminal("two\nlines"), "two\nlines");
  EXPECT_EQ(SanitizeForTerminal("two\nlines", false), "two lines");
  EXPECT_EQ(SanitizeForTerminal("bad\xff" "byte"), "bad\xef\xbf\xbd" "byte");  // U+FFFD
  EXPECT_EQ(SanitizeForTerminal("日本語 ok"), "日本語 ok");
}

TEST(WidthTest, CountsDisplayColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("日本語"), 6);
  EXPECT_EQ(DisplayWidth("ｱ"), 1);          // halfwidth katakana
  EXPECT_EQ(DisplayWidth("e\xcc\x81"), 1);  // e + combining acute
  EXPECT_EQ(DisplayWidth("한국"), 4);
}

TEST(WrapTest, BreaksAtSpacesWithinWidth) {
  std::vector<std::string> lines = WrapText("the quick brown fox jumps over the lazy dog", 10);
  std::vector<std::string> expected = {"the quick", "brown fox", "jumps over", "the lazy", "dog"};
  EXPECT_EQ(lines, expected);
}

TEST(WrapTest, WrapsJapaneseByColumns) {
  std::vector<std::string> lines = WrapText("東京リージョンのサービス", 8);
  std::vector<std::string> expected = {"東京リー", "ジョンの", "サービス"};
  EXPECT_EQ(lines, expected);
  for (const std::string& l : lines) EXPECT_LE(DisplayWidth(l), 8);
}

TEST(WrapTest, HardBreaksLongWordsAndKeepsParagraphs) {
  std::vector<std::string> lines = WrapText("abcdefghij x\n\nnext", 4);
  std::vector<std::string> expected = {"abcd", "efgh", "ij x", "", "next"};
  EXPECT_EQ(lines, expected);
}

TEST(TruncateTest, EndsWithEllipsisWhenCut) {
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc\xe2\x80\xa6");
  EXPECT_EQ(TruncateToWidth("abc", 4), "abc");
  EXPECT_EQ(DisplayWidth(TruncateToWidth("日本語日本語", 5)), 5);
}

}  // namespace
}  // namespace proctor
