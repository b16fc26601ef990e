// Issue 13: JSON question files in the shapes public repositories use (engine/import/public_json.cc),
// on fixtures written for the test (tests/fixtures/import/fidelity/json_*.json). Before, every one
// of them was refused with "$: expected an object, found an array", printed twice.
#include <gtest/gtest.h>

#include "engine/error.h"
#include "engine/import/importer.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

const std::string kFidelity = PROCTOR_SOURCE_DIR "/tests/fixtures/import/fidelity/";

const Catalog& TheCatalog() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

struct Read {
  ReadResult result;
  Diagnostics diag;
};

Read ReadText(const std::string& name, const std::string& text, std::optional<BankFormat> format = std::nullopt) {
  Read r;
  ImportSettings settings;
  settings.exam = "SAA-C03";
  r.result = ReadBankFile(TextFile::FromText(text, name), format.value_or(DetectBankFormat(name, text)), settings, TheCatalog(), r.diag);
  return r;
}

Read ReadFixture(const std::string& name) { return ReadText(name, TextFile::Load(kFidelity + name).text()); }

std::vector<std::string> KeyTexts(const Question& q) {
  std::vector<std::string> out;
  for (const std::string& k : q.key) out.push_back(q.FindOption(k)->text);
  return out;
}

std::vector<int> Domains(const Bank& bank) {
  std::vector<int> out;
  for (const Question& q : bank.questions) out.push_back(q.domain);
  return out;
}

TEST(JsonShapesTest, AnArrayIsDetectedAsTheJsonArrayFormat) {
  EXPECT_EQ(DetectBankFormat("bank.json", "\xEF\xBB\xBF  [ {\"question\": \"Q?\"} ]"), BankFormat::kJsonArray);
  EXPECT_EQ(DetectBankFormat("bank.json", "{\"format_version\": 1}"), BankFormat::kNative);
  EXPECT_EQ(DetectBankFormat("bank.txt", "[\n  {\"question\": \"Q?\"}\n]"), BankFormat::kJsonArray);
  // A Markdown file that opens with a badge is still Markdown.
  EXPECT_EQ(DetectBankFormat("README.md", "[![build](x.svg)](y)\n### Q?\n- [x] a\n- [ ] b\n{x}"), BankFormat::kChecklistMarkdown);
  EXPECT_EQ(ParseBankFormat("json-array"), BankFormat::kJsonArray);
}

TEST(JsonShapesTest, StringOptionsWithLetterKeysAndDomainNames) {
  Read r = ReadFixture("json_letters.json");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 3u);
  EXPECT_EQ(r.result.shape, "an array of {question, options (strings), answer (letters), explanation, domain}");
  const Question& multi = r.result.bank.questions[1];
  EXPECT_EQ(multi.type, ItemType::kMultiple);
  // "A. " labels on every option are dropped; "A, B" is two letters.
  EXPECT_EQ(KeyTexts(multi), (std::vector<std::string>{"Enable Multi-AZ on the DB instance",
                                                       "Create a read replica and send the reporting queries to it"}));
  EXPECT_EQ(multi.references, std::vector<std::string>{"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html"});
  EXPECT_EQ(KeyTexts(r.result.bank.questions[0]), std::vector<std::string>{"S3 Standard-Infrequent Access"});
  // A lower-case letter; entities in options decoded.
  EXPECT_EQ(KeyTexts(r.result.bank.questions[2]),
            std::vector<std::string>{"Attach an IAM role to the instances with a policy that allows s3:GetObject on that bucket"});
  EXPECT_EQ(r.result.bank.questions[2].options[0].text, "Store an IAM user\u2019s access keys in the application\u2019s configuration file");
  // "Design Cost Optimized Architectures" (no hyphen) and "design secure architectures" are SAA-C03's 4 and 1.
  EXPECT_EQ(Domains(r.result.bank), (std::vector<int>{4, 2, 1}));
}

TEST(JsonShapesTest, OptionObjectsWithCorrectFlagsAndDomainNumbers) {
  Read r = ReadFixture("json_choices_objects.json");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  EXPECT_EQ(r.result.shape, "an array of {text, choices (objects {id, text, isCorrect}), explanation, domain}");
  ASSERT_EQ(r.result.bank.questions.size(), 3u);
  EXPECT_EQ(KeyTexts(r.result.bank.questions[0]), std::vector<std::string>{"Amazon Simple Queue Service (Amazon SQS)"});
  EXPECT_EQ(KeyTexts(r.result.bank.questions[1]), (std::vector<std::string>{"Amazon ElastiCache", "Amazon CloudFront"}));
  EXPECT_EQ(KeyTexts(r.result.bank.questions[2]), std::vector<std::string>{"A gateway VPC endpoint for Amazon S3"});  // "correct"
  EXPECT_EQ(Domains(r.result.bank), (std::vector<int>{2, 3, 1}));
}

TEST(JsonShapesTest, IndexesFromZeroAndCategories) {
  Read r = ReadFixture("json_indexes.json");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  EXPECT_EQ(r.diag.warning_count(), 0) << "an index 0 settles the base: " << r.diag.Format();
  EXPECT_EQ(r.result.shape, "an array of {stem, answers (strings), correctAnswer (indexes from 0), explanation, domain, category}");
  ASSERT_EQ(r.result.bank.questions.size(), 3u);
  EXPECT_EQ(KeyTexts(r.result.bank.questions[0]), std::vector<std::string>{"Amazon Elastic File System (Amazon EFS)"});
  EXPECT_EQ(KeyTexts(r.result.bank.questions[1]),
            (std::vector<std::string>{"Reserved Instances with a three-year term", "Compute Savings Plans with a three-year term"}));
  EXPECT_EQ(KeyTexts(r.result.bank.questions[2]), std::vector<std::string>{"Amazon DynamoDB"});
  EXPECT_EQ(Domains(r.result.bank), (std::vector<int>{3, 4, 3}));  // "Domain 3: Design ...", 4, "3"
  EXPECT_EQ(r.result.bank.questions[0].tags, std::vector<std::string>{"Storage"});
}

TEST(JsonShapesTest, AnObjectOfOptionsKeyedByIdOrText) {
  Read r = ReadFixture("json_options_map.json");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  EXPECT_EQ(r.result.shape, "an array of {question, options (an object of id: text), correct (option ids or option texts), "
                            "explanation, domain}");
  ASSERT_EQ(r.result.bank.questions.size(), 3u);
  EXPECT_EQ(KeyTexts(r.result.bank.questions[0]), std::vector<std::string>{"AWS CloudTrail"});
  EXPECT_EQ(KeyTexts(r.result.bank.questions[2]), std::vector<std::string>{"Amazon CloudFront"});
  EXPECT_EQ(r.result.bank.questions[0].tags, (std::vector<std::string>{"logging", "audit"}));
  EXPECT_EQ(Domains(r.result.bank), (std::vector<int>{1, 2, 3}));
}

TEST(JsonShapesTest, AnUnknownShapeIsRefusedOnceNamingTheFieldsFoundAndNeeded) {
  Read r = ReadFixture("json_unknown_shape.json");
  EXPECT_TRUE(r.result.bank.questions.empty());
  EXPECT_EQ(r.diag.error_count(), 1);
  EXPECT_EQ(r.diag.Format(),
            "json_unknown_shape.json:1:1: $: error: not a question shape proctor reads: its objects have the fields \"ans\", "
            "\"opts\", \"q\"; proctor needs a question (question, text or stem), options (options, choices or answers: "
            "strings, or objects with text and correct/isCorrect) and the answer (answer, correct, correctAnswer or "
            "correctAnswers: letters such as \"B\" or \"A,C\", indexes, or option ids), or proctor's own format "
            "(question_banks/README.md)\n");
}

// Before: "$: error: expected an object, found an array", twice.
TEST(JsonShapesTest, AnArrayReadAsANativeBankIsOneErrorThatSaysWhatToDo) {
  Read r = ReadText("bank.json", "[{\"question\": \"Q?\", \"options\": [\"a\", \"b\"], \"answer\": \"A\"}]", BankFormat::kNative);
  EXPECT_EQ(r.diag.Format(),
            "bank.json:1:1: $: error: expected proctor's bank object, found an array (an array of questions is read with "
            "--format json-array, or from a .json file, by detection)\n");
}

TEST(JsonShapesTest, TheIndexBaseIsTheFilesAndSaidWhenTheFileDoesNotShowIt) {
  // An index equal to the option count: the file counts from 1.
  Read one = ReadText("a.json", "[{\"question\": \"Q1?\", \"options\": [\"a\", \"b\", \"c\"], \"answer\": 3},"
                                " {\"question\": \"Q2?\", \"options\": [\"a\", \"b\", \"c\"], \"answer\": 1}]");
  ASSERT_FALSE(one.diag.HasErrors()) << one.diag.Format();
  EXPECT_EQ(KeyTexts(one.result.bank.questions[0]), std::vector<std::string>{"c"});
  EXPECT_EQ(KeyTexts(one.result.bank.questions[1]), std::vector<std::string>{"a"});
  // Neither 0 nor past the end: read from 0, with a warning at the first index.
  Read unsure = ReadText("b.json", "[\n{\"question\": \"Q1?\", \"options\": [\"a\", \"b\", \"c\"],\n \"answer\": 2}]");
  ASSERT_FALSE(unsure.diag.HasErrors()) << unsure.diag.Format();
  EXPECT_EQ(KeyTexts(unsure.result.bank.questions[0]), std::vector<std::string>{"c"});
  EXPECT_EQ(unsure.diag.Format(),
            "b.json:3: warning: answer indexes read as counting from 0 (0 = the first option): no index is 0 and none is past "
            "the last option, so the file does not say; check a key or two after importing\n");
  // Both: an error.
  Read both = ReadText("c.json", "[{\"question\": \"Q1?\", \"options\": [\"a\", \"b\"], \"answer\": 0},"
                                 " {\"question\": \"Q2?\", \"options\": [\"a\", \"b\"], \"answer\": 2}]");
  EXPECT_TRUE(both.diag.HasErrors());
  EXPECT_NE(both.diag.Format().find("answer indexes count from 0 in some questions"), std::string::npos) << both.diag.Format();
}

TEST(JsonShapesTest, EachProblemNamesItsQuestion) {
  Read r = ReadText("d.json", "[{\"question\": \"Q1?\", \"options\": [\"a\", \"b\"], \"answer\": \"Z\"},\n"
                              " {\"question\": \"Q2?\", \"options\": [\"a\", \"b\"]},\n"
                              " {\"options\": [\"a\", \"b\"], \"answer\": \"A\"}]");
  EXPECT_EQ(r.diag.Format(),
            "d.json:1:2: $[0].answer: error: cannot tell which option \"Z\" names: expected letters (\"B\", \"A,C\"), an index, "
            "an option id or an option's text\n"
            "d.json:2:2: $[1]: error: no answer: expected answer, correct, correctAnswer or correctAnswers, or options marked "
            "correct/isCorrect\n"
            "d.json:3:2: $[2]: error: not a question: no question text (question, text or stem)\n");
  // Not JSON at all: an Error with its place, as for a native bank.
  EXPECT_THROW(ReadText("e.json", "[{\"question\": }]"), Error);
}

}  // namespace
}  // namespace proctor
