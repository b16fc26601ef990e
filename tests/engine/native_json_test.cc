#include "engine/import/native_json.h"

#include <gtest/gtest.h>

#include "engine/error.h"
#include "engine/hash.h"
#include "engine/json/json_tree.h"
#include "engine/json/snapshot.h"
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

TEST(NativeJsonTest, ATopicIsReadKeptInTheStoredFormAndCheckedForItsShape) {
  Diagnostics diag;
  Bank bank = ReadNativeBank(BankText(R"({"id": "q1", "domain": 3, "type": "single", "stem": "Which?",
     "options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}], "answer": "b", "explanation": "E",
     "topic": "s3-object-lock-compliance"})"), "t.json", TheCatalog(), diag);
  ASSERT_FALSE(diag.HasErrors()) << diag.Format();
  ASSERT_EQ(bank.questions.size(), 1u);
  EXPECT_EQ(bank.questions[0].topic, "s3-object-lock-compliance");
  EXPECT_EQ(QuestionFromStored(QuestionToStored(bank.questions[0])).topic, "s3-object-lock-compliance");
  EXPECT_EQ(QuestionFromJson(QuestionToJson(bank.questions[0])).topic, "s3-object-lock-compliance");
  // Bodies stored before topics (version byte 1) and before inferred domains (2) still read.
  Question old = bank.questions[0];
  old.topic.clear();
  std::string v3 = QuestionToStored(old);
  ASSERT_EQ(v3[0], '\x03');
  // Version 3 ends with the topic (an 8-byte length, empty here), a bool and a double.
  std::string v2 = "\x02" + v3.substr(1, v3.size() - 1 - 9);
  std::string v1 = "\x01" + v3.substr(1, v3.size() - 1 - 17);
  for (const std::string& body : {v1, v2}) {
    Question back = QuestionFromStored(body);
    EXPECT_EQ(back.stem, "Which?");
    EXPECT_EQ(back.topic, "");
    EXPECT_FALSE(back.domain_inferred);
  }
  Question inferred = bank.questions[0];
  inferred.domain_inferred = true;
  inferred.domain_confidence = 0.83;
  EXPECT_TRUE(QuestionFromStored(QuestionToStored(inferred)).domain_inferred);
  EXPECT_DOUBLE_EQ(QuestionFromStored(QuestionToStored(inferred)).domain_confidence, 0.83);
  EXPECT_DOUBLE_EQ(QuestionFromJson(QuestionToJson(inferred)).domain_confidence, 0.83);

  Diagnostics bad;
  ReadNativeBank(BankText(R"({"id": "q1", "domain": 3, "type": "single", "stem": "Which?",
     "options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}], "answer": "b", "explanation": "E",
     "topic": "Object Lock"})"), "t.json", TheCatalog(), bad);
  EXPECT_NE(bad.Format().find("t.json:6:17: $.questions[0] (q1): error: topic \"Object Lock\" must be"), std::string::npos)
      << bad.Format();
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


// What reading `text` gives: each question stored, then every message (or the error).
struct ReadOutcome {
  std::vector<std::string> stored;
  std::string messages;
  size_t fast = 0;  // questions the fast decoder read
};
ReadOutcome ReadBoth(const std::string& text, bool general_only) {
  ReadOutcome out;
  Diagnostics diag;
  NativeBankHandler handler;
  handler.general_reader_only = general_only;
  handler.fast_count = &out.fast;
  handler.question = [&](Question q) {
    out.stored.push_back(QuestionToStored(q));
    return true;
  };
  try {
    MemoryByteSource input(text);
    StreamNativeBank(input, "t.json", TheCatalog(), diag, handler);
  } catch (const Error& e) {
    out.messages = e.what();
  }
  out.messages += diag.Format(1000);
  return out;
}

TEST(NativeStreamTest, TheFastDecoderReadsExactlyWhatTheGeneralReaderReads) {
  const std::string options = R"("options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two", "fixed": true}])";
  // `text` with the first `from` made `to`.
  auto With = [](std::string text, std::string_view from, std::string_view to) {
    return text.replace(text.find(from), from.size(), to);
  };
  auto question = [&](const std::string& members) {
    return R"({"id": "q1", "domain": 2, "type": "single", "stem": "Which?", )" + options + R"(, "answer": "a", )" + members + "}";
  };
  struct Case {
    std::string name;
    std::string question;
    bool fast;  // the fast decoder takes it
  };
  const std::vector<Case> cases = {
      {"plain", question(R"("explanation": "Because.")"), true},
      {"every member", question(R"("explanation": "E", "exam": "clf-c02", "scenario": "s1", "references": ["https://docs.aws.amazon.com/"],
          "tags": ["x", "y"], "topic": "s3-object-lock", "borderline": 0.25, "pilot": true)"), true},
      {"a topic that is not kebab-case", question(R"("explanation": "E", "topic": "S3 Object Lock")"), true},
      {"domain by name", R"({"id": "q1", "domain": "Security and Compliance", "type": "multiple", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}, {"id": "c", "text": "3"}],
          "answer": ["b", "a"], "explanation": "E"})", true},
      {"escapes and UTF-8", question(R"("explanation": "caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t é 😀")"), true},
      {"white space everywhere", " {\n\t\"id\" :\"q1\" ,\"domain\":2,\"type\":\"single\",\"stem\":\"S\"," + options +
          ",\"answer\" : \"a\" , \"explanation\":\"E\" \r\n} ", true},
      {"a domain written 2.0", With(question(R"("explanation": "E")"), "\"domain\": 2", "\"domain\": 2.0e0"), true},
      {"no explanation: a warning", question(R"("tags": [])"), true},
      {"a validation error: a multiple-response key of one", R"({"id": "q1", "domain": 1, "type": "multiple", "stem": "S",
          "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"}, {"id": "c", "text": "3"}], "answer": ["a"],
          "explanation": "E"})", true},
      {"a validation error: a reference that is not a link", question(R"("explanation": "E", "references": ["docs"])"), true},
      {"matching: a warning for CLF-C02", R"({"id": "q1", "domain": 1, "type": "matching", "stem": "Match.",
          "prompts": [{"id": "p1", "text": "x"}], "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
          "answer": {"p1": "a"}, "explanation": "E"})", true},
      {"unknown member", question(R"("explanation": "E", "hint": "h")"), false},
      {"member twice", question(R"("explanation": "E", "explanation": "F")"), false},
      {"option member twice", With(question(R"("explanation": "E")"), R"("text": "One")", R"("text": "One", "text": "1")"), false},
      {"wrong type", question(R"("explanation": 5)"), false},
      {"domain out of range", With(question(R"("explanation": "E")"), "\"domain\": 2", "\"domain\": 51"), false},
      {"number with a leading zero", With(question(R"("explanation": "E")"), "\"domain\": 2", "\"domain\": 02"), false},
      {"unknown scenario", question(R"("explanation": "E", "scenario": "s9")"), false},
      {"a multiple answer as a string", With(question(R"("explanation": "E")"), "\"single\"", "\"multiple\""), false},
      {"unknown type", With(question(R"("explanation": "E")"), "\"single\"", "\"essay\""), false},
      {"prompts on a single", question(R"("explanation": "E", "prompts": [])"), false},
      {"a lone surrogate", question(R"("explanation": "\ud83d")"), false},
      {"a bad escape", question(R"("explanation": "\x41")"), false},
      {"invalid UTF-8", question("\"explanation\": \"\xC3\x28\""), false},
      {"a control character", question("\"explanation\": \"a\tb\""), false},
      {"a trailing comma", question(R"("explanation": "E",)"), false},
      {"fixed on a prompt", R"({"id": "q1", "domain": 1, "type": "matching", "stem": "M", "prompts": [{"id": "p1", "text": "x", "fixed": true}],
          "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "answer": {"p1": "a"}, "explanation": "E"})", false},
      {"a matching key naming no prompt", R"({"id": "q1", "domain": 1, "type": "matching", "stem": "M", "prompts": [{"id": "p1", "text": "x"}],
          "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "answer": {"p9": "a"}, "explanation": "E"})", false},
      {"truex", question(R"("explanation": "E", "pilot": truex)"), false},
      {"a number longer than 1,024 characters", question(R"("explanation": "E", "borderline": 0.)" + std::string(1100, '0') + "5"), false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // Twice: the second has the same id, which the fast decoder must leave to the general reader.
    const std::string text = BankText(c.question + ",\n" + c.question);
    ReadOutcome fast = ReadBoth(text, false);
    ReadOutcome general = ReadBoth(text, true);
    EXPECT_EQ(fast.stored, general.stored);
    EXPECT_EQ(fast.messages, general.messages);
    EXPECT_EQ(fast.fast, c.fast ? 1u : 0u) << fast.messages;
    EXPECT_EQ(general.fast, 0u);
    if (c.fast) {
      EXPECT_NE(fast.messages.find("appears twice"), std::string::npos) << fast.messages;
    }
  }
}

TEST(NativeStreamTest, AQuestionAcrossTheReadersWindowIsReadTheSame) {
  // Questions longer than the reader's window (about 1 MiB), and many short ones around them.
  std::string questions;
  for (int i = 0; i < 300; ++i) {
    const std::string stem = i % 100 == 7 ? std::string(1200000, 's') : "Stem " + std::to_string(i);
    questions += std::string(i ? "," : "") + R"({"id": "q)" + std::to_string(i) + R"(", "domain": 1, "type": "single", "stem": ")" + stem +
                 R"(", "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B)" + std::to_string(i) +
                 R"("}], "answer": "a", "explanation": "E"})";
  }
  const std::string text = BankText(questions);
  ReadOutcome fast = ReadBoth(text, false);
  ReadOutcome general = ReadBoth(text, true);
  // Over 64 KiB, the long ones are errors now (kMaxQuestionTextBytes): both readers must still find
  // them at the same places and read every question around them.
  EXPECT_EQ(fast.stored.size(), 297u) << fast.messages;
  for (const char* q : {"$.questions[7] (q7)", "$.questions[107] (q107)", "$.questions[207] (q207)"}) {
    EXPECT_NE(fast.messages.find(std::string(q) + ": error: the question's text is 1172 KiB"), std::string::npos) << fast.messages;
  }
  EXPECT_EQ(fast.stored, general.stored);
  EXPECT_EQ(fast.messages, general.messages);
  EXPECT_GT(fast.fast, 290u);
  EXPECT_LT(fast.fast, 300u) << "the long questions are read by the general reader";
}

TEST(NativeJsonTest, StrictJsonIsReportedWithItsPlace) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"a\": [1, 2,]}", "bad.json:1:13: a comma before ']'"},
      {"{\"a\": 1,}", "bad.json:1:9: a comma before '}'"},
      {"{\"a\": 01}", "bad.json:1:8: a number does not start with 0"},
      {"{\"a\": 1.}", "bad.json:1:9: expected a digit after the decimal point"},
      {"{\"a\": \"x\\q\"}", "bad.json:1:9: an invalid escape"},
      {"{\"a\": \"\\ud800x\"}", "bad.json:1:8: an invalid escape"},
      {"{\"a\": \"line\nbreak\"}", "bad.json:1:12: a line break inside a string"},
      {"{\"a\": \"open", "bad.json:1:7: the string that starts here has no closing double quote"},
      {"{\"a\": tru}", "bad.json:1:7: expected a value"},
      {"{\"a\": 1} 2", "bad.json:1:10: more text after the end of the JSON value"},
      {"{\"a\": \"\xED\xA0\x80\"}", "bad.json:1:8: invalid UTF-8"},
      {"\n\n  {a: 1}", "bad.json:3:4: expected a member name in double quotes"},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    try {
      JsonNode node = ParseJson(JsonSource(text, "bad.json"));
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  JsonNode node = ParseJson(JsonSource("{\"s\": \"caf\\u00e9 \\ud83d\\ude00 \xF0\x9F\x98\x80\", \"n\": -1.5e+3}", "good.json"));
  EXPECT_EQ(node.Find("s")->text, "caf\xC3\xA9 \xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
  EXPECT_EQ(node.Find("n")->text, "-1.5e+3");
}

TEST(NativeJsonTest, TooMuchToHoldAtOnceIsRefusedWithAHint) {
  // A million and one values in one question: refused, not held.
  std::string tags;
  for (int i = 0; i <= 1000000; ++i) tags += i ? ",1" : "1";
  const std::string big = R"({"id": "q1", "domain": 1, "type": "single", "stem": "S",
      "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "answer": "a", "tags": [)" + tags + "]}";
  Diagnostics diag;
  try {
    ReadNativeBank(BankText(big), "big.json", TheCatalog(), diag);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("big.json:7:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("too much to hold at once: more than 1000000 JSON values"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("put \"bank\""), std::string::npos) << "it was streamed: " << e.what();
  }
  // The same number of values spread over streamed questions is read, a question at a time.
  std::string many;
  for (int i = 0; i < 40000; ++i) {
    many += std::string(i ? "," : "") + R"({"id": "q)" + std::to_string(i) + R"(", "domain": 1, "type": "single", "stem": "S)" +
            std::to_string(i) + R"(", "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "answer": "a",
            "tags": [1], "explanation": "E"})";
  }
  Diagnostics streamed;
  ReadNativeBank(BankText(many), "many.json", TheCatalog(), streamed);
  EXPECT_EQ(streamed.error_count(), 40000) << "each question's numeric tag is an error of its own, not a refusal of the file";
  // Questions before the bank's header are read whole, and such a file says how to stream it.
  Diagnostics whole;
  try {
    ReadNativeBank(R"({"questions": [)" + big + R"(], "format_version": 1, "bank": {"id": "t", "title": "T"}})", "first.json",
                   TheCatalog(), whole);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("put \"bank\" before \"questions\", and the questions are read one at a time"),
              std::string::npos) << e.what();
  }
  // A number is not a place to hide a megabyte.
  try {
    ParseJson(JsonSource("[1" + std::string(2000, '0') + "]", "n.json"));
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("n.json:1:1026: a number longer than 1024 characters"), std::string::npos) << e.what();
  }
  // At the very end of the input too, and one digit fewer is a number.
  EXPECT_THROW(ParseJson(JsonSource("1" + std::string(1024, '0'), "n.json")), Error);
  EXPECT_EQ(ParseJson(JsonSource("1" + std::string(1023, '0'), "n.json")).text.size(), 1024u);
}

TEST(DiagnosticsTest, ManyMessagesAreCountedButNotAllKept) {
  Diagnostics diag;
  for (int i = 0; i < 25000; ++i) diag.Warning("f:" + std::to_string(i), "no explanation");
  diag.Error("f:x", "a real problem");
  for (int i = 0; i < 3; ++i) diag.Warning("f:s" + std::to_string(i), "skipped: essay question");
  EXPECT_EQ(diag.warning_count(), 25003);
  EXPECT_EQ(diag.error_count(), 1);
  EXPECT_TRUE(diag.HasErrors());
  EXPECT_EQ(diag.items().size(), Diagnostics::kMaxKept + 3) << "the first 10,000, and every skip (counted by reason)";
  const std::string shown = diag.Format(2);
  EXPECT_NE(shown.find("f:0: warning: no explanation\nf:1: warning: no explanation\n... and 25002 more\n"), std::string::npos)
      << shown;
}

}  // namespace
}  // namespace proctor
