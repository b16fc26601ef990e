#include "engine/question.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/hash.h"

namespace proctor {
namespace {

Question Make(ItemType type, std::vector<std::string> key) {
  Question q;
  q.type = type;
  q.options = {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}, {"e", "E"}};
  q.key = std::move(key);
  return q;
}

TEST(IsCorrectTest, SingleNeedsExactlyTheKey) {
  Question q = Make(ItemType::kSingle, {"b"});
  EXPECT_TRUE(IsCorrect(q, {"b"}));
  EXPECT_FALSE(IsCorrect(q, {"a"}));
  EXPECT_FALSE(IsCorrect(q, {"a", "b"}));
  EXPECT_FALSE(IsCorrect(q, {}));  // unanswered is wrong
}

TEST(IsCorrectTest, MultipleIsAllOrNothingInAnyOrder) {
  Question q = Make(ItemType::kMultiple, {"a", "d"});
  EXPECT_TRUE(IsCorrect(q, {"d", "a"}));
  EXPECT_FALSE(IsCorrect(q, {"a"}));            // one of two right: no partial credit
  EXPECT_FALSE(IsCorrect(q, {"a", "d", "e"}));  // one too many
  EXPECT_FALSE(IsCorrect(q, {"a", "c"}));
}

TEST(IsCorrectTest, OrderingNeedsTheWholeSequence) {
  Question q = Make(ItemType::kOrdering, {"c", "a", "b"});
  EXPECT_TRUE(IsCorrect(q, {"c", "a", "b"}));
  EXPECT_FALSE(IsCorrect(q, {"c", "b", "a"}));  // two of three in place: still wrong
  EXPECT_FALSE(IsCorrect(q, {"a", "b", "c"}));
}

TEST(IsCorrectTest, MatchingNeedsEveryPair) {
  Question q = Make(ItemType::kMatching, {"p1=b", "p2=a", "p3=e"});
  q.prompts = {{"p1", "one"}, {"p2", "two"}, {"p3", "three"}};
  EXPECT_TRUE(IsCorrect(q, {"p2=a", "p1=b", "p3=e"}));
  EXPECT_FALSE(IsCorrect(q, {"p1=b", "p2=a", "p3=d"}));
  EXPECT_FALSE(IsCorrect(q, {"p1=b", "p2=a"}));  // an unanswered prompt
}

TEST(ResponseEncodingTest, RoundTrips) {
  Response r = {"a", "p1=b", "z.9_x-1"};
  EXPECT_EQ(DecodeResponse(EncodeResponse(r)), r);
  EXPECT_TRUE(DecodeResponse("").empty());
}

TEST(IdTest, ValidIdsAreShortAndPlain) {
  EXPECT_TRUE(IsValidId("clf-d1-001"));
  EXPECT_TRUE(IsValidId("Q.1_a"));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("a,b"));
  EXPECT_FALSE(IsValidId("a=b"));
  EXPECT_FALSE(IsValidId(std::string(65, 'a')));
}

}  // namespace
}  // namespace proctor

namespace proctor {
namespace {

TEST(HashTest, IsXxHash64AndDoesNotDependOnHowTheDataIsSplit) {
  // Published xxHash64 values (seed 0): a file hashed here matches `xxh64sum`.
  EXPECT_EQ(Hash64Hex(""), "ef46db3751d8e999");
  EXPECT_EQ(Hash64Hex("abc"), "44bc2cf5ad770999");
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>('a' + (i * 7) % 26);
  const std::string whole = Hash64Hex(data);
  for (size_t piece : {1u, 3u, 31u, 32u, 33u, 100u}) {
    Hasher64 h;
    for (size_t at = 0; at < data.size(); at += piece) h.Update(std::string_view(data).substr(at, piece));
    EXPECT_EQ(h.HexDigest(), whole) << "pieces of " << piece;
  }
  data[500] ^= 1;
  EXPECT_NE(Hash64Hex(data), whole);
}

// The rule NormalizeText and Fingerprint follow, written plainly: stored fingerprints must not
// change when the code that computes them is made faster.
std::string PlainNormalize(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

TEST(FingerprintTest, FollowsThePlainRuleOnAnyText) {
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state >> 33);
  };
  const std::string alphabet = "abcXYZ  \t\n\r\f\v.,\xC3\xA9\x80";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t length = next() % 120;
    const bool wordy = round % 2 == 0;  // words between single spaces, the common case
    for (size_t i = 0; i < length; ++i) {
      text += wordy ? (next() % 6 == 0 ? ' ' : static_cast<char>('A' + next() % 58)) : alphabet[next() % alphabet.size()];
    }
    ASSERT_EQ(NormalizeText(text), PlainNormalize(text)) << "round " << round;
    Question q;
    q.stem = text;
    q.options = {{"a", text.substr(0, text.size() / 2)}, {"b", "  Other  "}, {"c", text}};
    q.prompts = {{"p1", "Prompt " + text}};
    // Each part normalized, without trailing punctuation or spaces ("What is S3 ?" is "what is s3").
    auto part = [](const std::string& t) {
      std::string n = PlainNormalize(t);
      while (!n.empty() && std::string(" .?!:;,").find(n.back()) != std::string::npos) n.pop_back();
      return n;
    };
    std::vector<std::string> parts = {part(q.options[0].text), "other", part(text), "prompt:" + part(q.prompts[0].text)};
    std::sort(parts.begin(), parts.end());
    std::string joined = part(text);
    for (const std::string& p : parts) joined += '\x1f' + p;
    ASSERT_EQ(Fingerprint(q), Hash64Hex(joined)) << "round " << round;
  }
}

TEST(HashSetTest, HoldsEachValueOnce) {
  HashSet64 set;
  EXPECT_FALSE(set.Contains(0));
  EXPECT_TRUE(set.Insert(0));
  EXPECT_FALSE(set.Insert(0));
  for (uint64_t v = 1; v <= 100000; ++v) ASSERT_TRUE(set.Insert(v * 0x9E3779B97F4A7C15ull));
  for (uint64_t v = 1; v <= 100000; ++v) ASSERT_FALSE(set.Insert(v * 0x9E3779B97F4A7C15ull));
  EXPECT_EQ(set.size(), 100001u);
  EXPECT_TRUE(set.Contains(77 * 0x9E3779B97F4A7C15ull));
  EXPECT_FALSE(set.Contains(100001 * 0x9E3779B97F4A7C15ull));
  EXPECT_FALSE(set.Contains(12345));
}

}  // namespace
}  // namespace proctor
