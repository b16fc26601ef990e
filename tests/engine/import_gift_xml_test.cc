// Issue 13, fidelity: the quirks of real GIFT and Moodle XML files, each on a fixture written
// for it (tests/fixtures/import/fidelity/), read as `proctor import` reads them.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/import/importer.h"
#include "engine/shipped.h"
#include "engine/store/bank_store.h"
#include "engine/store/migrations.h"
#include "engine/text.h"

namespace proctor {
namespace {

const std::string kFidelity = PROCTOR_SOURCE_DIR "/tests/fixtures/import/fidelity/";

struct Read {
  ReadResult result;
  Diagnostics diag;
  const Question& Q(size_t i) const { return result.bank.questions.at(i); }
  // The messages at `where` ("file:line"), formatted.
  std::string At(const std::string& where) const {
    std::string out;
    for (const Diagnostic& d : diag.items()) {
      if (d.where == where) out += d.Format() + "\n";
    }
    return out;
  }
};

Read ImportFixture(const std::string& name, const std::string& exam = "AIF-C01") {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  Read r;
  // Named as on a learner's command line, so messages read "gift_quirks.gift:8: ...".
  TextFile file = TextFile::FromText(TextFile::Load(kFidelity + name).text(), name);
  ImportSettings settings;
  settings.exam = exam;
  r.result = ReadBankFile(file, DetectBankFormat(name, file.text()), settings, catalog, r.diag);
  return r;
}

std::vector<std::string> Texts(const std::vector<Option>& options) {
  std::vector<std::string> out;
  for (const Option& o : options) out.push_back(o.text);
  return out;
}

// The key as "prompt -> response" (matching) or the right options' texts.
std::vector<std::string> KeyTexts(const Question& q) {
  std::vector<std::string> out;
  for (const std::string& k : q.key) {
    if (q.type != ItemType::kMatching) {
      out.push_back(q.FindOption(k)->text);
      continue;
    }
    const std::string prompt_id = k.substr(0, k.find('='));
    const auto p = std::find_if(q.prompts.begin(), q.prompts.end(), [&](const Prompt& x) { return x.id == prompt_id; });
    out.push_back(p->text + " -> " + q.FindOption(k.substr(k.find('=') + 1))->text);
  }
  return out;
}

TEST(GiftFidelityTest, TheFixtureImportsSixQuestionsAndSkipsTheCloze) {
  Read r = ImportFixture("gift_quirks.gift");
  EXPECT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  EXPECT_EQ(r.result.bank.questions.size(), 6u) << r.diag.Format();
  EXPECT_EQ(r.result.skipped, 1);
}

// Before: "gift_quirks.gift:8: error: the positive answer weights add up to 50%, not 100%", and
// the whole file was refused.
TEST(GiftFidelityTest, PartialCreditDistractorsKeepTheEqualsAnswerAsTheKeyWithAWarning) {
  Read r = ImportFixture("gift_quirks.gift");
  const Question& q = r.Q(0);
  EXPECT_EQ(q.type, ItemType::kSingle);
  EXPECT_EQ(Texts(q.options), (std::vector<std::string>{"Semi-supervised learning", "Supervised learning",
                                                        "Unsupervised learning", "Reinforcement learning"}));
  EXPECT_EQ(KeyTexts(q), std::vector<std::string>{"Supervised learning"});
  EXPECT_EQ(q.explanation, "Right: every training example carries its label.");
  EXPECT_EQ(r.At("gift_quirks.gift:8"),
            "gift_quirks.gift:8: warning: partial credit (~%N%) on \"Semi-supervised learning\": proctor gives none, as AWS "
            "exams give none, so it is scored as wrong; the = answer is the key\n");
}

// Before: the stem read "A model that ... new data is , and more varied training data can help."
TEST(GiftFidelityTest, ABlankInsideTheStemShowsAsUnderscores) {
  Read r = ImportFixture("gift_quirks.gift");
  EXPECT_EQ(r.Q(1).stem, "A model that scores well on its training data but poorly on new data is _____, and more varied "
                         "training data can help.");
  EXPECT_EQ(KeyTexts(r.Q(1)), std::vector<std::string>{"overfitting"});
}

// Before: skipped as "matching question".
TEST(GiftFidelityTest, MatchingQuestionsImportAsMatchingItems) {
  Read r = ImportFixture("gift_quirks.gift");
  const Question& q = r.Q(2);
  ASSERT_EQ(q.type, ItemType::kMatching);
  EXPECT_EQ(q.stem, "Match each Amazon SageMaker AI capability to what it does.");
  ASSERT_EQ(q.prompts.size(), 3u);
  EXPECT_EQ(q.prompts[0].text, "SageMaker Ground Truth");
  EXPECT_EQ(Texts(q.options), (std::vector<std::string>{"Labels data for training", "Detects bias and explains predictions",
                                                        "Watches deployed models for drift"}));
  EXPECT_EQ(KeyTexts(q), (std::vector<std::string>{"SageMaker Ground Truth -> Labels data for training",
                                                   "SageMaker Clarify -> Detects bias and explains predictions",
                                                   "SageMaker Model Monitor -> Watches deployed models for drift"}));
  EXPECT_EQ(q.explanation.rfind("Ground Truth labels data", 0), 0u);
}

// Before: "{1:MC:~German~=English~Latin}" imported as a multiple-choice question whose first
// option read "1:MC:German".
TEST(GiftFidelityTest, ClozeIsRefusedWithItsReasonAndLine) {
  Read r = ImportFixture("gift_quirks.gift");
  EXPECT_EQ(r.At("gift_quirks.gift:35"),
            "gift_quirks.gift:35: warning: skipped: Cloze question (Moodle embedded answers such as {1:MC:~a~=b}: proctor "
            "cannot show answers inside a stem)\n");
  for (const Question& q : r.result.bank.questions) EXPECT_EQ(q.stem.find("1:MC"), std::string::npos);
}

// Found while reading the GIFT reader again: text before the first answer was glued onto it
// ("{junk =a ~b}" imported the option "junka"). It is an error with its line now.
TEST(GiftFidelityTest, TextBeforeTheFirstAnswerIsAnError) {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  Diagnostics diag;
  ImportSettings settings;
  settings.exam = "AIF-C01";
  const std::string text = "Fine? {=a ~b}\n\nWhich one?\n{ Pick one: =a ~b }\n";
  ReadResult r = ReadBankFile(TextFile::FromText(text, "g.gift"), BankFormat::kGift, settings, catalog, diag);
  EXPECT_EQ(diag.Format(), "g.gift:3: error: text before the first answer in the braces: 'Pick one:' (each answer starts with = "
                           "for right or ~ for wrong)\n");
}

// Before: &rsquo; &ldquo; &mdash; &laquo; &eacute; showed raw, and <p> stayed in text without [html].
TEST(GiftFidelityTest, HtmlWithOrWithoutThePrefixBecomesTextWithEveryEntityDecoded) {
  Read r = ImportFixture("gift_quirks.gift");
  EXPECT_EQ(r.Q(3).stem, "A foundation model\u2019s \u201ctemperature\u201d setting controls how random its output is.");
  EXPECT_EQ(r.Q(4).stem, "Which AWS service gives API access to foundation models from several providers \u2014 without "
                         "managing servers?");
  EXPECT_EQ(r.Q(5).stem, "Amazon Translate can render the French word \u00abcaf\u00e9\u00bb in English.");
}

// The tags and the matching item survive the store.
TEST(GiftFidelityTest, TagsAndMatchingItemsAreStoredAsRead) {
  Read r = ImportFixture("gift_quirks.gift");
  Database db = Database::Open(":memory:");
  Migrate(db);
  ImportBank(db, r.result.bank, {"gift_quirks.gift", "gift", "", false}, 0);
  const Question stored = LoadQuestion(db, r.result.bank.info.id, r.Q(2).id);
  EXPECT_EQ(stored.tags, r.Q(2).tags);
  EXPECT_EQ(stored.type, ItemType::kMatching);
  EXPECT_EQ(KeyTexts(stored), KeyTexts(r.Q(2)));
}

// Before: the category set the domain but was then forgotten.
TEST(GiftFidelityTest, CategoriesAreKeptAsTagsAndOneThatNamesADomainSetsIt) {
  Read r = ImportFixture("gift_quirks.gift");
  std::vector<int> domains;
  for (const Question& q : r.result.bank.questions) domains.push_back(q.domain);
  EXPECT_EQ(domains, (std::vector<int>{1, 1, 1, 2, 2, 0}));
  EXPECT_EQ(r.Q(0).tags, std::vector<std::string>{"AIF-C01/Fundamentals of AI and ML"});
  EXPECT_EQ(r.Q(2).tags, std::vector<std::string>{"AIF-C01/Fundamentals of AI and ML"});
  EXPECT_EQ(r.Q(3).tags, std::vector<std::string>{"AIF-C01/2"});
  EXPECT_EQ(r.Q(5).tags, std::vector<std::string>{"AIF-C01/Responsible AI topics"});
}


// Before: skipped as "matching question"; the category was forgotten once it set the domain.
TEST(MoodleXmlFidelityTest, MatchingQuestionsImportAsMatchingItemsWithTheirDistractors) {
  Read r = ImportFixture("moodle_matching.xml", "SCS-C03");
  EXPECT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 2u) << r.diag.Format();
  const Question& q = r.Q(0);
  ASSERT_EQ(q.type, ItemType::kMatching);
  EXPECT_EQ(q.stem, "Match each policy type to what it does in an account\u2019s permissions.");
  ASSERT_EQ(q.prompts.size(), 4u);
  EXPECT_EQ(q.prompts[3].text, "Resource-based policy \u2013 for example an S3 bucket policy");
  EXPECT_EQ(q.options.size(), 5u) << "four responses and the distractor (a subquestion with no text)";
  EXPECT_EQ(q.options.back().text, "Encrypts the data that a policy protects");
  EXPECT_EQ(KeyTexts(q)[1], "Permissions boundary -> Sets the most that one IAM user or role can be allowed");
  EXPECT_EQ(q.domain, 4);  // the category names SCS-C03's domain 4
  EXPECT_EQ(q.tags, (std::vector<std::string>{"iam", "policies", "SCS-C03/Identity and Access Management"}));
  EXPECT_EQ(q.explanation.rfind("SCPs cap what accounts", 0), 0u);
}

// Before: "a single-answer question (<single>true</single>) with 2 right answers", file refused.
TEST(MoodleXmlFidelityTest, PartialCreditIsWarnedAndTheFullAnswerIsTheKey) {
  Read r = ImportFixture("moodle_matching.xml", "SCS-C03");
  const Question& q = r.Q(1);
  EXPECT_EQ(q.type, ItemType::kSingle);
  EXPECT_EQ(q.stem, "For which AWS KMS key type can the customer turn on automatic rotation and choose the rotation period?");
  EXPECT_EQ(KeyTexts(q), std::vector<std::string>{"Symmetric customer managed keys"});
  EXPECT_EQ(r.At("moodle_matching.xml:44"),
            "moodle_matching.xml:44: warning: partial credit on \"AWS managed keys\" (50%): proctor gives none, as AWS exams "
            "give none, so it is scored as wrong; the 100% answer is the key\n");
}

TEST(MoodleXmlFidelityTest, AMatchingQuestionOfTwoPairsIsSkippedWithItsCount) {
  Read r = ImportFixture("moodle_matching.xml", "SCS-C03");
  EXPECT_EQ(r.result.skipped, 1);
  EXPECT_EQ(r.At("moodle_matching.xml:56"),
            "moodle_matching.xml:56: warning: skipped: matching question of 2 pairs (proctor's matching items, like AWS's, "
            "have 3-7)\n");
}

// The XML reader is expat now (docs/design.md): DTDs stay refused, so a bomb or an external
// entity is harmless, and nesting stays bounded.
TEST(MoodleXmlFidelityTest, BombsExternalEntitiesAndDeepNestingAreRefusedWithTheirLine) {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) laughs += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    laughs += "\">\n";
  }
  laughs += "]>\n<quiz>&lol9;</quiz>\n";
  std::string deep = "<quiz>\n";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {laughs, "bomb.xml:2: error: XML is not well-formed: DOCTYPE declarations are not accepted in bank files"},
      {"<?xml version=\"1.0\"?>\n\n<!DOCTYPE quiz [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<quiz>&x;</quiz>\n",
       "bomb.xml:3: error: XML is not well-formed: DOCTYPE declarations are not accepted in bank files"},
      {deep, "bomb.xml:2: error: XML is not well-formed: elements nested deeper than 64 levels"},
      {"<quiz>\n<question type=\"multichoice\"><questiontext><text>caf&eacute;</text></questiontext></question></quiz>",
       "bomb.xml:2: error: XML is not well-formed: undefined entity (XML has only &lt; &gt; &amp; &quot; &apos;; HTML's, "
       "such as &nbsp;, belong inside <![CDATA[...]]>)"},
      {"<quiz>\n<question type=\"multichoice\">\n<questiontext><text>x</questiontext>",
       "bomb.xml:3: error: XML is not well-formed: mismatched tag (<text> from line 3 is still open)"},
  };
  for (const auto& [text, message] : cases) {
    Diagnostics diag;
    ImportSettings settings;
    settings.exam = "SCS-C03";
    ReadResult r = ReadBankFile(TextFile::FromText(text, "bomb.xml"), BankFormat::kMoodleXml, settings, catalog, diag);
    EXPECT_TRUE(r.bank.questions.empty());
    EXPECT_EQ(diag.Format(), message + "\n");
  }
}

}  // namespace
}  // namespace proctor
