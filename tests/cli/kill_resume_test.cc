// SIGKILL in the middle of an exam loses nothing: resume shows every answer given before the kill
// and the time left from the stored deadline.
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <regex>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

int64_t StoredDeadlineMs(const std::string& db_path, int attempt) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT deadline FROM attempts WHERE id = ?", -1, &s, nullptr);
  sqlite3_bind_int(s, 1, attempt);
  int64_t deadline = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return deadline;
}

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

// Parses the plain review grid ("12:AC*") into question -> letters (with '*' when flagged).
std::map<int, std::string> ReviewGrid(const std::string& out) {
  std::map<int, std::string> grid;
  size_t start = out.rfind("Review: ");
  std::string tail = out.substr(start);
  std::regex cell("(\\d+):([A-Z]+|-)\\+?(\\*?)");  // '+': incomplete
  for (std::sregex_iterator it(tail.begin(), tail.end(), cell), end; it != end; ++it) {
    grid[std::stoi((*it)[1])] = std::string((*it)[2]) + std::string((*it)[3]);
  }
  return grid;
}

TEST_F(CliTest, SigkillMidExamThenResumeShowsEveryAnswerAndTheTimeLeft) {
  Process take(Argv({"take", "CLF-C02", "--seed", "3"}), Options());
  ASSERT_TRUE(take.WaitFor("Question 1 of 65")) << take.out();
  const std::string letters = "BCADBDACBA";
  for (size_t i = 0; i < letters.size(); ++i) {
    take.Write(std::string(1, letters[i]) + "\n");
    // The acknowledgement is printed only after the answer is committed.
    ASSERT_TRUE(take.WaitFor("Saved " + std::string(1, letters[i]) + " for question " + std::to_string(i + 1)))
        << take.out();
  }
  take.Write("p\n");
  ASSERT_TRUE(take.WaitFor("Question 10 of 65"));
  take.Write("f\n");
  ASSERT_TRUE(take.WaitFor("Flagged question 10."));
  take.Signal(SIGKILL);
  ProcessResult killed = take.Finish();
  EXPECT_EQ(killed.signal, SIGKILL);

  ProcessResult resumed = Run({"resume"}, "review\nquit\n");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(resumed.out, m, std::regex(
      "Resuming attempt 1: CLF-C02, question 10 of 65, (\\d+):(\\d\\d):(\\d\\d) left"))) << resumed.out;
  int64_t shown_s = std::stoll(m[1]) * 3600 + std::stoll(m[2]) * 60 + std::stoll(m[3]);
  int64_t expected_s = (StoredDeadlineMs(db_path_, 1) - WallMs()) / 1000;
  EXPECT_NEAR(static_cast<double>(shown_s), static_cast<double>(expected_s), 3.0);
  EXPECT_LE(shown_s, 90 * 60);

  std::map<int, std::string> grid = ReviewGrid(resumed.out);
  for (size_t i = 0; i < letters.size(); ++i) {
    std::string expected(1, letters[i]);
    if (i == 9) expected += "*";
    EXPECT_EQ(grid[static_cast<int>(i) + 1], expected) << "question " << i + 1;
  }
  EXPECT_EQ(grid[11], "-");
  EXPECT_EQ(SavedAnswers(resumed.out), 10) << resumed.out;
  EXPECT_NE(resumed.out.find(" 55 unanswered, 1 flagged"), std::string::npos) << resumed.out;
}

TEST_F(CliTest, AttemptWhoseDeadlinePassedWhileClosedIsScoredAsExpired) {
  ProcessResult start = Run({"take", "CLF-C02", "--seed", "4", "--minutes", "1"}, "a\nb\nquit\n");
  ASSERT_EQ(start.exit_code, 0) << start.err;
  // Move the stored deadline into the past, as if the learner came back a day later.
  sqlite3* db = nullptr;
  sqlite3_open(db_path_.c_str(), &db);
  sqlite3_exec(db, "UPDATE attempts SET deadline = started_at - 1000, started_at = started_at - 61000", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  ProcessResult r = Run({"resume", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Time ran out: the exam ended by itself and was scored with the 2 answers saved before the deadline."),
            std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Time ran out"), r.out.rfind("Time ran out")) << "said once\n" << r.out;
  ProcessResult h = Run({"history"});
  EXPECT_NE(h.out.find("expired (time ran out)"), std::string::npos) << h.out;
}

TEST_F(CliTest, PlainModeSubmitsByItselfAtZero) {
  Process take(Argv({"take", "CLF-C02", "--seed", "6", "--minutes", "1"}), Options());
  ASSERT_TRUE(take.WaitFor("Question 1 of 65"));
  take.Write("c\n");
  ASSERT_TRUE(take.WaitFor("Saved C"));
  // No more input: at the deadline the exam ends by itself.
  ASSERT_TRUE(take.WaitFor("Time is up. The exam was submitted with your saved answers.", 75000)) << take.out();
  ASSERT_TRUE(take.WaitFor("Score report"));
  ProcessResult r = take.Finish();
  EXPECT_EQ(r.exit_code, 0);
}

}  // namespace
}  // namespace proctor::testing
