// What public Markdown banks carry at their edges, each on a fixture in tests/fixtures/import/fidelity/
// written to show the quirk: images, autolinks and references, an option glued onto its stem's line,
// explanations after a checklist's options, README.md bank ids.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/import/importer.h"
#include "engine/shipped.h"
#include "engine/text.h"

namespace proctor {
namespace {

const std::string kDir = PROCTOR_SOURCE_DIR "/tests/fixtures/import/fidelity/";

struct Read {
  ReadResult result;
  Diagnostics diag;
};

Read ReadFixture(const std::string& name, const std::string& exam = "CLF-C02") {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  TextFile file = TextFile::Load(kDir + name);
  Read r;
  ImportSettings settings;
  settings.exam = exam;
  r.result = ReadBankFile(file, DetectBankFormat(name, file.text()), settings, catalog, r.diag);
  return r;
}

// The diagnostics at `where` (any place, if empty) whose message contains `text`.
int Count(const Diagnostics& diag, Diagnostic::Severity severity, const std::string& where, const std::string& text) {
  return static_cast<int>(std::count_if(diag.items().begin(), diag.items().end(), [&](const Diagnostic& d) {
    return d.severity == severity && (where.empty() || d.where == where) && d.message.find(text) != std::string::npos;
  }));
}
int CountWarnings(const Diagnostics& diag, const std::string& where, const std::string& text) {
  return Count(diag, Diagnostic::Severity::kWarning, where, text);
}

const Question* WithStem(const Bank& bank, const std::string& start) {
  for (const Question& q : bank.questions) {
    if (q.stem.rfind(start, 0) == 0) return &q;
  }
  return nullptr;
}

TEST(ImportFidelityTest, ImagesAreKeptAsTextAndCounted) {
  Read r = ReadFixture("images.md");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 3u) << r.diag.Format();

  const Question* stem_image = WithStem(r.result.bank, "A company runs the architecture");
  ASSERT_NE(stem_image, nullptr);
  EXPECT_NE(stem_image->stem.find("[image: architecture diagram \xE2\x80\x94 images/q01.png]"), std::string::npos)
      << stem_image->stem;
  EXPECT_EQ(stem_image->stem.find("!["), std::string::npos) << "no raw Markdown image left";

  // An image inside the stem's line, without alt text and with a title; and one inside an option.
  const Question* inline_image = WithStem(r.result.bank, "Which service stores objects");
  ASSERT_NE(inline_image, nullptr);
  EXPECT_NE(inline_image->stem.find("[image: no description \xE2\x80\x94 images/q03.png]"), std::string::npos)
      << inline_image->stem;
  EXPECT_EQ(inline_image->options.back().text, "Amazon EFS [image: EFS icon \xE2\x80\x94 icons/efs.svg]");

  // One warning for the file, counting the questions that need a picture.
  EXPECT_EQ(CountWarnings(r.diag, "", "2 questions refer to an image"), 1) << r.diag.Format();
}

TEST(ImportFidelityTest, OptionsThatAreOnlyImagesAreSkippedWithReasonAndLine) {
  Read r = ReadFixture("images.md");
  EXPECT_EQ(r.result.skipped, 1);
  EXPECT_EQ(WithStem(r.result.bank, "Which diagram shows a VPC"), nullptr);
  // The question starts on line 11 of the fixture.
  EXPECT_EQ(CountWarnings(r.diag, kDir + "images.md:11", "skipped: options that are only images"), 1) << r.diag.Format();
}

TEST(ImportFidelityTest, AutolinksStayInStemsAndExplanations) {
  Read r = ReadFixture("links.md");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  const Question* q = WithStem(r.result.bank, "Which service records the API calls");
  ASSERT_NE(q, nullptr) << r.diag.Format();
  EXPECT_NE(q->stem.find("See https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html for"),
            std::string::npos)
      << q->stem;
  EXPECT_NE(q->explanation.find("(https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html)"),
            std::string::npos)
      << q->explanation;
  EXPECT_EQ(q->references,
            std::vector<std::string>{"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html"});
}

TEST(ImportFidelityTest, AUrlBrokenBySpaceIsJoinedAndReportedAtItsLine) {
  Read r = ReadFixture("links.md");
  const Question* q = WithStem(r.result.bank, "Which VPC feature filters");
  ASSERT_NE(q, nullptr) << r.diag.Format();
  EXPECT_EQ(q->references, std::vector<std::string>{"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"});
  EXPECT_EQ(CountWarnings(r.diag, kDir + "links.md:24", "broken by a space"), 1) << r.diag.Format();
  // Words after a link that are not part of it are left out, and said so, at their line.
  const Question* cf = WithStem(r.result.bank, "Which service delivers content");
  ASSERT_NE(cf, nullptr);
  EXPECT_EQ(cf->references,
            std::vector<std::string>{"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Introduction.html"});
  EXPECT_GE(CountWarnings(r.diag, kDir + "links.md:34", "left out"), 1) << r.diag.Format();
}

TEST(ImportFidelityTest, AnOptionGluedOntoTheStemLineIsOptionA) {
  Read r = ReadFixture("links.md");
  const Question* q = WithStem(r.result.bank, "Which service delivers content");
  ASSERT_NE(q, nullptr) << r.diag.Format();
  EXPECT_EQ(q->stem, "Which service delivers content from edge locations?");
  ASSERT_EQ(q->options.size(), 3u);
  EXPECT_EQ(q->options[0].text, "Amazon CloudFront");
  EXPECT_EQ(q->key, std::vector<std::string>{q->options[0].id});
  // Warned at the stem's line (26), where the learner would look, not at the answer line.
  EXPECT_EQ(CountWarnings(r.diag, kDir + "links.md:26", "was on the question's line"), 1) << r.diag.Format();
  EXPECT_EQ(CountWarnings(r.diag, kDir + "links.md:30", ""), 0) << r.diag.Format();
}

TEST(ImportFidelityTest, ChecklistExplanationAndReferenceAfterTheOptions) {
  Read r = ReadFixture("checklist-explained.md");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 2u);
  const Question& q = r.result.bank.questions[0];
  ASSERT_EQ(q.options.size(), 3u) << "the explanation is not part of the last option";
  EXPECT_EQ(q.options[2].text, "AWS Batch");
  EXPECT_EQ(q.explanation,
            "Amazon EKS runs the Kubernetes control plane for you "
            "(https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html);\nECS is AWS's own orchestrator and Batch schedules batch jobs.");
  EXPECT_EQ(q.references, std::vector<std::string>{"https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html"});
  EXPECT_TRUE(r.result.bank.questions[1].explanation.empty());
}

TEST(ImportFidelityTest, ReadmeFilesTakeTheirBankIdFromTheirFolder) {
  EXPECT_EQ(BankIdFromFileName("/home/me/aws-saa-notes/README.md"), "aws-saa-notes.md");
  EXPECT_EQ(BankIdFromFileName("clf-questions/readme.md"), "clf-questions.md");
  EXPECT_NE(BankIdFromFileName("a/README.md"), BankIdFromFileName("b/README.md"));
  EXPECT_EQ(BankIdFromFileName("questions.md"), "questions.md");
}


// Messages (issue 13): a problem of the whole file is said once; questions that differ only in
// trailing punctuation or spacing are one; identical options are warned.
TEST(ImportMessagesTest, NoExamIsSaidOnceForTheWholeFile) {
  Read r = ReadFixture("messages.md", "");
  EXPECT_EQ(r.diag.error_count(), 1) << r.diag.Format();
  EXPECT_EQ(Count(r.diag, Diagnostic::Severity::kError, kDir + "messages.md:1",
                  "no exam: the file does not say which exam its questions are for (4 questions); pass --exam CODE"),
            1)
      << r.diag.Format();
  EXPECT_EQ(r.result.invalid, 4) << "each question left out is counted, once";
}

TEST(ImportMessagesTest, AnUnknownExamIsSaidOncePerCode) {
  Read r = ReadFixture("messages.md", "XYZ-C01");
  EXPECT_EQ(r.diag.error_count(), 1) << r.diag.Format();
  EXPECT_EQ(Count(r.diag, Diagnostic::Severity::kError, kDir + "messages.md:1", "unknown exam \"XYZ-C01\" (4 questions)"), 1)
      << r.diag.Format();
}

TEST(ImportMessagesTest, TrailingPunctuationAndSpacingDoNotMakeANewQuestion) {
  Read r = ReadFixture("messages.md");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  EXPECT_EQ(r.result.bank.questions.size(), 3u) << r.diag.Format();
  EXPECT_EQ(CountWarnings(r.diag, kDir + "messages.md:7", "skipped: duplicate of the question at line 1"), 1) << r.diag.Format();
  EXPECT_EQ(r.result.skipped, 1);
}

TEST(ImportMessagesTest, IdenticalOptionTextsAreWarned) {
  Read r = ReadFixture("messages.md");
  EXPECT_EQ(CountWarnings(r.diag, kDir + "messages.md:13", "options A and C have the same text"), 1) << r.diag.Format();
  EXPECT_EQ(CountWarnings(r.diag, kDir + "messages.md:1", "same text"), 0) << r.diag.Format();
}

TEST(ImportMessagesTest, AHugeDomainNumberIsAnErrorNotDomainOne) {
  Read r = ReadFixture("domain-overflow.csv");
  EXPECT_EQ(Count(r.diag, Diagnostic::Severity::kError, kDir + "domain-overflow.csv:2", "has no domain \"Domain 4294967297\""), 1)
      << r.diag.Format();
  EXPECT_EQ(Count(r.diag, Diagnostic::Severity::kError, kDir + "domain-overflow.csv:3", "has no domain \"4294967297\""), 1)
      << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 1u);
  EXPECT_EQ(r.result.bank.questions[0].domain, 3);
}


// One question's text is capped at 64 KiB in every format, reported at the question's line: a
// Markdown question that runs on for 70 KiB (its next heading lost) is refused there.
TEST(ImportMessagesTest, AQuestionOver64KiBIsAnErrorAtItsLine) {
  std::string text = "### A short one?\n- [x] yes\n- [ ] no\n\n### A long one?\n";
  for (int i = 0; i < 1000; ++i) text += std::string(70, 'w') + "\n";
  text += "- [x] yes\n- [ ] no\n";
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  Diagnostics diag;
  ImportSettings settings;
  settings.exam = "CLF-C02";
  ReadResult r = ReadBankFile(TextFile::FromText(text, "long.md"), BankFormat::kChecklistMarkdown, settings, catalog, diag);
  EXPECT_EQ(Count(diag, Diagnostic::Severity::kError, "long.md:5", "the question's text is 70 KiB; proctor takes questions up to 64 KiB"), 1)
      << diag.Format();
  EXPECT_EQ(r.bank.questions.size(), 1u);
}

// A "Reference:" line that names no link is kept as a line of the explanation (it made the question
// invalid: 'reference "the Amazon S3 user guide..." is not an http(s) link'); a label with an escaped
// colon and an escaped "![" are text, as proctor's Markdown export writes them.
TEST(ImportFidelityTest, LabelsThatAreTextStayText) {
  Read r = ReadFixture("labels.md");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 2u) << r.diag.Format();
  const Question& storage = r.result.bank.questions[0];
  EXPECT_EQ(storage.explanation,
            "Standard-IA is for infrequent access with millisecond retrieval.\n"
            "Reference: is a word a learner may start a line with; this line is text.\n"
            "Reference: the Amazon S3 user guide, storage classes chapter");
  EXPECT_TRUE(storage.references.empty());
  EXPECT_EQ(r.result.bank.questions[1].explanation,
            "CloudTrail records API activity; Inspector scans for vulnerabilities. ![not an image](x.png) stays.");
  EXPECT_EQ(CountWarnings(r.diag, "", "image"), 0) << r.diag.Format();
}

// Markdown's image syntax means an image only in a Markdown file: in a CSV it is the text it says.
TEST(ImportFidelityTest, ImageSyntaxOutsideMarkdownIsText) {
  Read r = ReadFixture("image-in-csv.csv");
  ASSERT_FALSE(r.diag.HasErrors()) << r.diag.Format();
  ASSERT_EQ(r.result.bank.questions.size(), 1u);
  EXPECT_NE(r.result.bank.questions[0].stem.find("![alt](path) shows an image"), std::string::npos)
      << r.result.bank.questions[0].stem;
  EXPECT_EQ(CountWarnings(r.diag, "", "image"), 0) << r.diag.Format();
}

}  // namespace
}  // namespace proctor
