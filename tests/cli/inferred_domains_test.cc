// Issue 13: a learner imports 700 SAA-C03 questions in the most common public layout (a checklist
// Markdown file with no domains) and sits a full, domain-weighted mock exam from them alone.
#include <regex>

#include "engine/catalog.h"
#include "engine/shipped.h"
#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

// 700 checklist questions, none with a domain. Each draws its wording from one SAA-C03 domain's
// services and task statements (so there is something to infer from), but says nothing of domains.
std::string SevenHundredQuestions() {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  const Blueprint& b = *catalog.Find("SAA-C03", "2026-12-06");
  const char* const situations[] = {"a retailer", "a bank", "a game studio", "a hospital", "a logistics firm",
                                    "a university", "a media company", "an insurer", "a startup", "a city council"};
  std::string text = "# My SAA-C03 notes\n\n";
  for (int i = 0; i < 700; ++i) {
    const Domain& d = b.domains[static_cast<size_t>(i % 4)];
    const std::string& service = d.services[static_cast<size_t>(i / 4) % d.services.size()];
    const std::string& other = d.services[static_cast<size_t>(i / 4 + 3) % d.services.size()];
    const std::string& task = d.tasks[static_cast<size_t>(i / 7) % d.tasks.size()];
    text += "### " + std::to_string(i + 1) + ". " + std::string(situations[i % 10]) + " must " + task +
            " for workload " + std::to_string(i) + " using " + service + ". What should it do?\n";
    text += "- [x] Use " + service + " with " + other + "\n";
    text += "- [ ] Use " + other + " alone for workload " + std::to_string(i) + "\n";
    text += "- [ ] Move workload " + std::to_string(i) + " to a single EC2 instance\n";
    text += "- [ ] Do nothing until an audit asks for it\n\n";
  }
  return text;
}

TEST_F(CliTest, SevenHundredQuestionsWithoutDomainsBecomeAFullDomainWeightedExam) {
  const std::string path = dir_ / "saa-notes.md";
  WriteFileBytes(path, SevenHundredQuestions());
  ProcessResult import = Run({"import", "--exam", "SAA-C03", "--bank", "mine", path});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_NE(import.out.find("bank mine: 700 added"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find("700 questions had no domain; proctor inferred one for each"), std::string::npos) << import.out;

  ProcessResult show = Run({"banks", "show", "mine"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  for (const char* domain : {"1 Design Secure Architectures", "2 Design Resilient Architectures",
                             "3 Design High-Performing Architectures", "4 Design Cost-Optimized Architectures"}) {
    EXPECT_TRUE(std::regex_search(show.out, std::regex(std::string(domain) + " +\\d+ \\(\\d+ inferred\\)"))) << show.out;
  }

  // A full SAA-C03 form from this bank alone: 65 questions, 50 scored in the blueprint's 15/13/12/10.
  std::string answers;
  for (int i = 0; i < 65; ++i) answers += "a\n";
  ProcessResult take = Run({"take", "SAA-C03", "--bank", "mine", "--seed", "3"}, answers + "end\ny\n");
  ASSERT_EQ(take.exit_code, 0) << take.err;
  EXPECT_NE(take.out.find("Question 65 of 65"), std::string::npos);
  const char* const rows[] = {"1 Design Secure Architectures \\* +30% +\\d+/15 ", "2 Design Resilient Architectures \\* +26% +\\d+/13 ",
                              "3 Design High-Performing Architectures \\* +24% +\\d+/12 ",
                              "4 Design Cost-Optimized Architectures \\* +20% +\\d+/10 "};
  for (const char* row : rows) EXPECT_TRUE(std::regex_search(take.out, std::regex(row))) << row << "\n" << take.out.substr(take.out.size() - 1500);
  EXPECT_NE(take.out.find("* inferred: 50 of the 50 scored questions came from banks that gave no domain"), std::string::npos)
      << take.out.substr(take.out.size() - 1500);

  // The review says which domains were inferred.
  ProcessResult review = Run({"review", "1", "--plain"});
  EXPECT_NE(review.out.find("(inferred)"), std::string::npos) << review.out.substr(0, 1500);
}

TEST_F(CliTest, ADomainSetByHandIsKeptByEveryLaterImport) {
  const std::string path = dir_ / "notes.md";
  const std::string text = "### Which service stores objects durably for a data lake?\n- [x] Amazon S3\n- [ ] Amazon EC2\n"
                           "- [ ] Amazon Route 53\n- [ ] AWS Lambda\n";
  WriteFileBytes(path, text);
  ASSERT_EQ(Run({"import", "--exam", "SAA-C03", "--bank", "notes", path}).exit_code, 0);
  ProcessResult show = Run({"banks", "show", "notes"});
  ASSERT_TRUE(std::regex_search(show.out, std::regex("\\(1 inferred\\)"))) << show.out;
  // The learner finds the question's id where the inferred domains are listed.
  ProcessResult listed = Run({"banks", "show", "notes", "--inferred"});
  std::smatch id;
  ASSERT_TRUE(std::regex_search(listed.out, id, std::regex("\n(q-[0-9a-f]{12}) +\\d \\(\\d+%\\) +Which service stores objects"))) << listed.out;
  const std::string question = id[1];

  ProcessResult bad = Run({"bank", "set-domain", "notes", question, "9"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("SAA-C03 has domains 1-4, not 9"), std::string::npos) << bad.err;
  ProcessResult set = Run({"bank", "set-domain", "notes", question, "3"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  show = Run({"banks", "show", "notes"});
  EXPECT_TRUE(std::regex_search(show.out, std::regex("3 Design High-Performing Architectures +1\\n"))) << show.out;
  EXPECT_EQ(show.out.find("inferred"), std::string::npos) << show.out;

  // The file changes (an option reworded) and is imported again: the hand-set domain stays.
  WriteFileBytes(path, text + "\n");
  WriteFileBytes(path, "### Which service stores objects durably for a data lake?\n- [x] Amazon S3\n- [ ] Amazon EC2 instances\n"
                       "- [ ] Amazon Route 53\n- [ ] AWS Lambda\n");
  ProcessResult again = Run({"import", "--exam", "SAA-C03", "--bank", "notes", path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("1 updated"), std::string::npos) << again.out;
  show = Run({"banks", "show", "notes"});
  EXPECT_TRUE(std::regex_search(show.out, std::regex("3 Design High-Performing Architectures +1\\n"))) << show.out;
}

// A whole category (a Markdown section heading here; a GIFT or Moodle $CATEGORY is kept the same way)
// is mapped to a domain at once, and later imports keep it.
TEST_F(CliTest, AWholeCategoryIsMappedToADomainAndLaterImportsKeepIt) {
  const std::string path = dir_ / "sections.md";
  const std::string text =
      "# My notes\n\n## Networking\n\n"
      "### Which service gives a VPC private access to S3 without a NAT gateway?\n- [x] A gateway endpoint\n- [ ] An internet gateway\n- [ ] A transit gateway\n\n"
      "### Which service routes users to the Region with the lowest latency?\n- [x] Amazon Route 53\n- [ ] Amazon VPC\n- [ ] AWS Direct Connect\n\n"
      "## Storage\n\n"
      "### Which S3 storage class suits data read once a year and restorable within 12 hours?\n- [x] S3 Glacier Deep Archive\n- [ ] S3 Standard\n- [ ] S3 Express One Zone\n";
  WriteFileBytes(path, text);
  ASSERT_EQ(Run({"import", "--exam", "SAA-C03", "--bank", "notes", path}).exit_code, 0);

  ProcessResult unknown = Run({"bank", "set-domain", "notes", "--category", "Databases", "3"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
  EXPECT_NE(unknown.err.find("no question of bank notes has the category \"Databases\"; its categories: \"Networking\" (2), \"Storage\" (1)"),
            std::string::npos)
      << unknown.err;
  ProcessResult bad = Run({"bank", "set-domain", "notes", "--category", "networking", "7"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("SAA-C03 has domains 1-4, not 7"), std::string::npos) << bad.err;

  ProcessResult set = Run({"bank", "set-domain", "notes", "--category", "networking", "3"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("2 questions of bank notes in the category \"networking\" are in domain 3 now"), std::string::npos) << set.out;
  ProcessResult show = Run({"banks", "show", "notes"});
  EXPECT_TRUE(std::regex_search(show.out, std::regex("3 Design High-Performing Architectures +2\\n"))) << show.out;

  // Imported again unchanged and then with a reworded option: the two stay in domain 3, by hand.
  ASSERT_EQ(Run({"import", "--exam", "SAA-C03", "--bank", "notes", path}).exit_code, 0);
  std::string reworded = text;
  reworded.replace(reworded.find("- [ ] A transit gateway"), 23, "- [ ] An AWS Transit Gateway");
  WriteFileBytes(path, reworded);
  ProcessResult again = Run({"import", "--exam", "SAA-C03", "--bank", "notes", path});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  show = Run({"banks", "show", "notes"});
  EXPECT_TRUE(std::regex_search(show.out, std::regex("3 Design High-Performing Architectures +2\\n"))) << show.out;
}

}  // namespace
}  // namespace proctor::testing
