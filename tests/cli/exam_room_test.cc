// The exam room's promises across processes (issue 12): one live process per attempt, nothing
// stored once an attempt has ended, practice never shows an open attempt's questions, and a
// terminal that cannot show the full screen never leaves a clock running behind it.
#include <signal.h>
#include <sqlite3.h>

#include <regex>
#include <set>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

// Rows of `sql` on the test's database, each row's columns joined by '|'.
std::vector<std::string> Query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return rows;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK) {
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const unsigned char* text = sqlite3_column_text(s, c);
        row.append(c ? "|" : "").append(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      rows.push_back(row);
    }
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

TEST_F(CliTest, ASecondProcessIsRefusedWhileTheFirstHoldsTheAttemptAndNothingIsStoredAfterTheEnd) {
  Process first(Argv({"take", "CLF-C02", "--seed", "7", "--plain"}), Options());
  ASSERT_TRUE(first.WaitFor("Question 1 of 65")) << first.out();
  first.Write("b\n");
  ASSERT_TRUE(first.WaitFor("Saved B for question 1")) << first.out();

  // The second process names the first and since when, and changes nothing.
  ProcessResult second = Run({"resume", "1", "--plain"}, "c\nf\nend\ny\n");
  EXPECT_EQ(second.exit_code, 1) << second.out;
  EXPECT_TRUE(std::regex_search(second.err, std::regex("attempt 1 is open in another proctor \\(process \\d+, since "
                                                       "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\)")))
      << second.err;
  EXPECT_EQ(Query(db_path_, "SELECT status FROM attempts WHERE id = 1"), std::vector<std::string>{"in_progress"});

  // Practice, meanwhile, never shows a question of the open attempt, with its key.
  ProcessResult practice = Run({"practice", "CLF-C02", "--count", "120", "--seed", "3"}, "q\n");
  ASSERT_EQ(practice.exit_code, 0) << practice.err;
  std::vector<std::string> overlap = Query(db_path_, R"sql(
      SELECT p.question_id FROM attempt_items p JOIN attempt_items e ON e.bank_id = p.bank_id AND e.question_id = p.question_id
       WHERE p.attempt_id = 2 AND e.attempt_id = 1)sql");
  EXPECT_TRUE(overlap.empty()) << overlap.size() << " questions of the open exam were offered in practice, e.g. " << overlap[0];
  ProcessResult missed = Run({"practice", "CLF-C02", "--missed"}, "q\n");
  EXPECT_NE(missed.exit_code, 0) << "an open attempt's answer is not yet 'missed': " << missed.out;

  first.Write("end\ny\n");
  ASSERT_TRUE(first.WaitFor("Score report")) << first.out();
  first.Finish();
  const std::vector<std::string> before = Query(db_path_, "SELECT position, response, flagged FROM attempt_items WHERE attempt_id = 1");

  // After the end: resume says so and stores nothing.
  ProcessResult late = Run({"resume", "1", "--plain"}, "c\nf\n");
  EXPECT_EQ(late.exit_code, 0) << late.err;
  EXPECT_NE(late.out.find("Attempt 1 is already finished (submitted)"), std::string::npos) << late.out;
  EXPECT_EQ(Query(db_path_, "SELECT position, response, flagged FROM attempt_items WHERE attempt_id = 1"), before);
  EXPECT_TRUE(Query(db_path_, "SELECT * FROM attempt_leases").empty()) << "the lease is released at the end";
}

TEST_F(CliTest, ALeaseLeftByAKilledProcessIsTakenOver) {
  Process first(Argv({"take", "CLF-C02", "--seed", "8", "--plain"}), Options());
  ASSERT_TRUE(first.WaitFor("Question 1 of 65")) << first.out();
  first.Signal(SIGKILL);
  first.Finish();
  ASSERT_EQ(Query(db_path_, "SELECT count(*) FROM attempt_leases"), std::vector<std::string>{"1"});
  ProcessResult resumed = Run({"resume", "1", "--plain"}, "a\nquit\n");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("Saved A for question 1"), std::string::npos) << resumed.out;
}

}  // namespace
}  // namespace proctor::testing
