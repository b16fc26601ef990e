// A whole CLF-C02 exam driven through standard input, then history.
#include <regex>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

TEST_F(CliTest, ExamsListsActiveExamsAndAllAddsRetired) {
  ProcessResult r = Run({"exams"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("CLF-C02  AWS Certified Cloud Practitioner"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SAA-C03"), std::string::npos);
  EXPECT_EQ(r.out.find("SOA-C02"), std::string::npos) << "retired exams are hidden by default";
  ProcessResult all = Run({"exams", "--all"});
  EXPECT_NE(all.out.find("SOA-C02"), std::string::npos);
  EXPECT_NE(all.out.find("retired 2025-09-29"), std::string::npos);
}

TEST_F(CliTest, FullClfExamEndsWithAScoreReportAndAppearsInHistory) {
  // 65 answers ("a" to every question; multiple-response items get a partial answer and are
  // wrong), then end and confirm.
  std::string input;
  for (int i = 0; i < 65; ++i) input += "a\n";
  input += "end\ny\n";
  ProcessResult r = Run({"take", "CLF-C02", "--seed", "11"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Question 1 of 65"), std::string::npos);
  EXPECT_NE(r.out.find("Question 65 of 65"), std::string::npos);
  EXPECT_NE(r.out.find("Time left 1:29:"), std::string::npos) << "the 90-minute clock shows";
  // One letter for a "Choose TWO" question is incomplete, and the end says so (and that it counts as wrong).
  EXPECT_TRUE(std::regex_search(r.out, std::regex("You have \\d+ incomplete questions?; (it counts|they count) as wrong\\. "
                                                  "End the exam and submit it for scoring\\?")))
      << r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0);
  EXPECT_EQ(r.out.find("unanswered question"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Result: (PASS|FAIL)   Scaled score: (\\d+) \\(pass line 700")))
      << r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0);
  int scaled = std::stoi(m[2]);
  EXPECT_GE(scaled, 100);
  EXPECT_LE(scaled, 1000);
  EXPECT_EQ(m[1] == "PASS", scaled >= 700);
  for (const char* domain : {"1 Cloud Concepts", "2 Security and Compliance", "3 Cloud Technology and Services",
                             "4 Billing, Pricing, and Support"}) {
    EXPECT_TRUE(std::regex_search(r.out, std::regex(std::string(domain) +
                                                    " +\\d+%  \\d+/\\d+ +(Meets competencies|Needs improvement)")))
        << domain;
  }
  EXPECT_NE(r.out.find("15 unscored questions did not count"), std::string::npos);

  ProcessResult h = Run({"history"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_TRUE(std::regex_search(h.out, std::regex("   1  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  CLF-C02   exam       65/65 +" +
                                                  std::to_string(scaled) + "  " + std::string(m[1]) + " .*submitted")))
      << h.out;
}

TEST_F(CliTest, SameSeedAndHistoryGiveTheSameForm) {
  // Two fresh databases: the draw also prefers questions this learner has not seen, so the same
  // seed gives the same form only for the same history.
  ProcessResult a = Run({"take", "clf", "--seed", "5", "--db", dir_ / "a.db"}, "quit\n");
  ProcessResult b = Run({"take", "clf", "--seed", "5", "--db", dir_ / "b.db"}, "quit\n");
  ProcessResult c = Run({"take", "clf", "--seed", "5", "--db", dir_ / "b.db"}, "quit\n");
  auto first_question = [](const std::string& out) {
    size_t start = out.find("Question 1 of 65");
    return out.substr(start, out.find("Answered", start) - start);
  };
  std::string qa = first_question(a.out);
  std::string qb = first_question(b.out);
  qa.erase(0, qa.find('\n'));  // the header line has the clock
  qb.erase(0, qb.find('\n'));
  EXPECT_EQ(qa, qb);
  std::string qc = first_question(c.out);
  qc.erase(0, qc.find('\n'));
  EXPECT_NE(qb, qc) << "a second attempt starts with a question not seen before";
}

TEST_F(CliTest, FlagReviewAndGoToWork) {
  ProcessResult r = Run({"take", "CLF-C02", "--seed", "2"}, "b\nf\nreview\ng 40\nquit\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Flagged question 2."), std::string::npos);
  EXPECT_NE(r.out.find("Review: 1 answered, 64 unanswered, 1 flagged"), std::string::npos);
  EXPECT_NE(r.out.find("1:B "), std::string::npos);
  EXPECT_NE(r.out.find("2:-* "), std::string::npos);
  EXPECT_NE(r.out.find("Question 40 of 65"), std::string::npos);
  EXPECT_NE(r.out.find("continue it with 'proctor resume 1'"), std::string::npos);
}

TEST_F(CliTest, ShortFormWithEslAndHelp) {
  ProcessResult r = Run({"take", "saa", "--questions", "10", "--esl", "--seed", "1"}, "quit\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("SAA-C03 AWS Certified Solutions Architect - Associate: 10 questions"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("50 minutes"), std::string::npos) << "130 * 10/65 rounded up = 20, +30 ESL";
  ProcessResult help = Run({"take", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--esl"), std::string::npos);
  ProcessResult version = Run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("proctor ", 0), 0u);
}

}  // namespace
}  // namespace proctor::testing
