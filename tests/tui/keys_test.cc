// Escape sequences are decoded whole: a sequence is one key or nothing, never letters and digits.
#include "cli/tui/keys.h"

#include <gtest/gtest.h>

#include <string>

namespace proctor {
namespace {

// Decodes what follows an ESC from `rest`, as if each character had arrived in time.
KeyEvent AfterEscape(const std::string& rest, size_t* left = nullptr) {
  size_t pos = 0;
  KeyEvent key = DecodeEscape([&](int) { return pos < rest.size() ? static_cast<int>(static_cast<unsigned char>(rest[pos++])) : -1; });
  if (left != nullptr) *left = rest.size() - pos;
  return key;
}

using K = KeyEvent::Kind;

TEST(KeysTest, HomeAndEndInEveryEncodingAreHomeAndEnd) {
  for (const char* home : {"[1~", "[7~", "[H", "OH"}) EXPECT_EQ(AfterEscape(home).kind, K::kHome) << home;
  for (const char* end : {"[4~", "[8~", "[F", "OF"}) EXPECT_EQ(AfterEscape(end).kind, K::kEnd) << end;
  EXPECT_EQ(AfterEscape("[5~").kind, K::kPageUp);
  EXPECT_EQ(AfterEscape("[6~").kind, K::kPageDown);
  EXPECT_EQ(AfterEscape("[A").kind, K::kUp);
  EXPECT_EQ(AfterEscape("OD").kind, K::kLeft);
}

TEST(KeysTest, UnboundSequencesAreConsumedWholeAndIgnored) {
  for (const char* seq : {"[2~", "[3~", "[3;5~", "[1;5H", "[99~", "O5P", "OP", "[15~", "[24;2~", "[<0;12;7M",
                          "[<64;3;3m", "[M !!", "[?1;2c"}) {
    size_t left = 99;
    EXPECT_EQ(AfterEscape(seq, &left).kind, K::kIgnored) << seq;
    EXPECT_EQ(left, 0u) << seq << ": part of the sequence was left to be read as keys";
  }
}

TEST(KeysTest, AltLetterIsIgnoredAndALoneEscapeIsEscape) {
  size_t left = 99;
  EXPECT_EQ(AfterEscape("a", &left).kind, K::kIgnored);
  EXPECT_EQ(left, 0u);
  EXPECT_EQ(AfterEscape("1").kind, K::kIgnored);
  EXPECT_EQ(AfterEscape("").kind, K::kEscape);
}

TEST(KeysTest, BracketedPasteIsDroppedWithItsText) {
  size_t left = 99;
  EXPECT_EQ(AfterEscape("[200~abcd\x1b[201~", &left).kind, K::kIgnored);
  EXPECT_EQ(left, 0u);
  // The text after the paste is read again as keys.
  EXPECT_EQ(AfterEscape("[200~ab\x1b[201~c", &left).kind, K::kIgnored);
  EXPECT_EQ(left, 1u);
}

TEST(KeysTest, TheRestOfAMouseReportIsConsumedAfterNcursesMatchedItsStart) {
  for (const auto& [report, sgr] : {std::pair<std::string, bool>{"0;12;7M", true}, {"64;3;3m", true}, {" !!", false}}) {
    const std::string& rest = report;  // clang 14 cannot capture a structured binding in a lambda
    size_t pos = 0;
    KeyEvent key = SkipMouseReport([&](int) { return pos < rest.size() ? static_cast<int>(static_cast<unsigned char>(rest[pos++])) : -1; }, sgr);
    EXPECT_EQ(key.kind, KeyEvent::Kind::kIgnored);
    EXPECT_EQ(pos, rest.size()) << rest;
  }
}

TEST(KeysTest, HomeAndEndMoveTheCursorAndNeverChoose) {
  EXPECT_EQ(MapKey({K::kHome}, Screen::kQuestion, 4).action, Action::kTop);
  EXPECT_EQ(MapKey({K::kEnd}, Screen::kQuestion, 4).action, Action::kBottom);
  EXPECT_EQ(MapKey({K::kIgnored}, Screen::kQuestion, 4).action, Action::kNone);
}

}  // namespace
}  // namespace proctor
