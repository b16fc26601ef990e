#include "engine/import/native_json.h"

#include <gtest/gtest.h>

#include "engine/error.h"
#include "engine/hash.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

const Catalog& TheCatalog() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

std::string BankText(const std::string& questions) {
  return R"({
  "format_version": 1,
  "bank": {"id": "t", "title": "Test"},
  "exam": "CLF-C02",
  "scenarios": [{"id": "s1", "title": "Shop", "text": "A shop moves."}],
  "questions": [)" + questions + "]\n}\n";
}

const char* kGood = R"(
    {"id": "q1", "domain": 3, "type": "single", "stem": "Which?",
     "options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}],
     "answer": "b", "explanation": "Because.", "borderline": 0.6},
    {"id": "q2", "domain": "security and compliance", "type": "multiple", "stem": "Which two?",
     "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}, {"id": "c", "text": "3"}],
     "answer": ["c", "a"], "explanation": "E", "scenario": "s1"},
    {"id": "q3", "domain": 1, "type": "matching", "stem": "Match.",
     "prompts": [{"id": "p1", "text": "x"}, {"id": "p2", "text": "y"}, {"id": "p3", "text": "z"}],
     "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
     "answer": {"p1": "a", "p2": "b", "p3": "a"}, "explanation": "E"})";

TEST(NativeJsonTest, ReadsEveryField) {
  Diagnostics diag;
  Bank bank = ReadNativeBank(BankText(kGood), "good.json", TheCatalog(), diag);
  ASSERT_FALSE(diag.HasErrors()) << diag.Format();
  ASSERT_EQ(bank.questions.size(), 3u);
  EXPECT_EQ(bank.info.id, "t");
  const Question& q1 = bank.questions[0];
  EXPECT_EQ(q1.exam, "CLF-C02");
  EXPECT_EQ(q1.domain, 3);
  EXPECT_EQ(q1.key, Response{"b"});
  EXPECT_DOUBLE_EQ(*q1.borderline, 0.6);
  const Question& q2 = bank.questions[1];
  EXPECT_EQ(q2.domain, 2);  // by name, any case
  EXPECT_EQ(q2.type, ItemType::kMultiple);
  EXPECT_EQ(q2.ChooseCount(), 2);
  EXPECT_EQ(q2.scenario_text, "A shop moves.");
  const Question& q3 = bank.questions[2];
  EXPECT_EQ(q3.key, (Response{"p1=a", "p2=b", "p3=a"}));
  // Matching is a CLF practice-only type: a warning, not an error.
  EXPECT_EQ(diag.warning_count(), 1) << diag.Format();
}

struct BrokenCase {
  const char* name;
  std::string text;
  std::string expected;  // must appear in the diagnostics
};

TEST(NativeJsonTest, EveryProblemHasItsPlace) {
  const std::vector<BrokenCase> cases = {
      {"unknown key", BankText(R"({"id": "q1", "domain": 1, "type": "single", "stem": "S", "answr": "a",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "a"})"),
       "t.json:6:83: $.questions[0].answr: error: unknown field \"answr\""},
      {"key not an option", BankText(R"({"id": "q1", "domain": 1, "type": "single", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "f"})"),
       "$.questions[0] (q1): error: the answer names option \"f\", which is not one of the options (a, b)"},
      {"wrong type", BankText(R"({"id": "q1", "domain": 1, "type": "single", "stem": 5,
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "a"})"),
       "$.questions[0].stem: error: expected a string, found a number"},
      {"domain out of range", BankText(R"({"id": "q1", "domain": 9, "type": "single", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "a"})"),
       "CLF-C02 has domains 1-4, not 9"},
      {"duplicate id", BankText(std::string(kGood) + R"(, {"id": "q1", "domain": 1, "type": "single", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "a"})"),
       "$.questions[3].id: error: question id \"q1\" appears twice in this bank"},
      {"multiple with one key", BankText(R"({"id": "q1", "domain": 1, "type": "multiple", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}, {"id": "c", "text": "3"}], "answer": ["a"]})"),
       "needs 2 or more answers"},
      // Found by fuzzing: a huge domain number was converted to int before its range was checked.
      {"huge domain number", BankText(R"({"id": "q1", "domain": 3.3e88, "type": "single", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "a"})"),
       "a domain number is a whole number from 1, found 3.3e88"},
      {"borderline out of range", BankText(R"({"id": "q1", "domain": 1, "type": "single", "stem": "S", "borderline": 1.5,
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}], "answer": "a"})"),
       "borderline must be strictly between 0 and 1"},
      {"newer format", R"({"format_version": 2, "bank": {"id": "t", "title": "T"}, "questions": []})",
       "t.json:1:20: $.format_version: error: this proctor reads format_version 1; the file says 2"},
  };
  for (const BrokenCase& c : cases) {
    SCOPED_TRACE(c.name);
    Diagnostics diag;
    ReadNativeBank(c.text, "t.json", TheCatalog(), diag);
    EXPECT_TRUE(diag.HasErrors());
    EXPECT_NE(diag.Format().find(c.expected), std::string::npos) << diag.Format();
  }
}

TEST(NativeJsonTest, SyntaxErrorsGiveLineAndColumn) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\n  \"format_version\": 1,\n  \"bank\": {\"id\": \"t\",}\n}", "bad.json:3:"},
      {"{\"a\": 1, \"a\": 2}", "bad.json:1:10: duplicate key \"a\""},
      {"{\"a\": \"\xff\"}", "bad.json:1:"},
      {std::string("{\"a\": 1}\0garbage", 16), "a NUL byte"},
      {"   ", "the file is empty"},
      {std::string(100000, '['), "nesting deeper than 64 levels"},
      {"{\"format_version\": 0.00000000001e-2147483639}", "format_version"},
  };
  for (const auto& [text, expected] : cases) {
    Diagnostics diag;
    try {
      ReadNativeBank(text, "bad.json", TheCatalog(), diag);
      EXPECT_NE(diag.Format().find(expected), std::string::npos) << diag.Format();
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
}

// Hands the text out a few bytes at a time, as a file read in pieces would.
class DripSource final : public ByteSource {
 public:
  DripSource(std::string text, size_t piece) : text_(std::move(text)), piece_(piece) {}
  std::string_view Next() override {
    std::string_view out = std::string_view(text_).substr(std::min(at_, text_.size()), piece_);
    at_ += out.size();
    return out;
  }

 private:
  std::string text_;
  size_t piece_;
  size_t at_ = 0;
};

TEST(NativeStreamTest, QuestionsArriveOneAtATimeWithTheSameResultsAndPlaces) {
  const std::string text = BankText(std::string(kGood) + R"(,
    {"id": "q4", "domain": 9, "type": "single", "stem": "Bad domain",
     "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "answer": "a"})");
  Diagnostics whole_diag;
  Bank whole = ReadNativeBank(text, "t.json", TheCatalog(), whole_diag);
  for (size_t piece : {1u, 7u, 64u}) {
    DripSource input(text, piece);
    Diagnostics diag;
    std::vector<std::string> events;
    NativeBankHandler handler;
    handler.header = [&](const BankInfo& info) { events.push_back("header " + info.id); };
    handler.question = [&](Question q) {
      events.push_back(q.id + " " + q.exam);
      return true;
    };
    Hasher64 hash;
    StreamNativeBank(input, "t.json", TheCatalog(), diag, handler, &hash);
    EXPECT_EQ(events, (std::vector<std::string>{"header t", "q1 CLF-C02", "q2 CLF-C02", "q3 CLF-C02"})) << piece;
    EXPECT_EQ(diag.Format(), whole_diag.Format()) << "errors name the same line and column";
    EXPECT_NE(diag.Format().find("t.json:17:5: $.questions[3] (q4): error: CLF-C02 has domains 1-4, not 9"), std::string::npos) << diag.Format();
    EXPECT_EQ(hash.HexDigest(), Hash64Hex(text)) << "the file hash covers every byte";
  }
  EXPECT_EQ(whole.questions.size(), 3u);
}

TEST(NativeStreamTest, AHeaderAfterTheQuestionsIsReadWholeOrNamed) {
  const std::string question = R"({"id": "q1", "domain": 1, "type": "single", "stem": "Which?",
      "options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}], "answer": "a"})";
  // Questions before the bank: the file is read whole, and the order does not matter.
  Diagnostics first;
  Bank bank = ReadNativeBank(R"({"questions": [)" + question + R"(], "exam": "CLF-C02", "format_version": 1,
      "bank": {"id": "late", "title": "Late"}})", "a.json", TheCatalog(), first);
  EXPECT_FALSE(first.HasErrors()) << first.Format();
  ASSERT_EQ(bank.questions.size(), 1u);
  EXPECT_EQ(bank.questions[0].bank_id, "late");
  EXPECT_EQ(bank.questions[0].exam, "CLF-C02");
  // The bank first but the default exam after the questions: streamed questions could not use it.
  Diagnostics second;
  ReadNativeBank(R"({"format_version": 1, "bank": {"id": "b", "title": "B"}, "questions": [)" + question +
                     R"(], "exam": "CLF-C02"})", "b.json", TheCatalog(), second);
  EXPECT_NE(second.Format().find("\"exam\" must come before \"questions\""), std::string::npos) << second.Format();
}

}  // namespace
}  // namespace proctor
