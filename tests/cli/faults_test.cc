// Faults: two processes on one database, and a disk that fills up during an import.
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "engine/store/database.h"
#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

// A native bank of `n` questions with long stems, big enough to fill a small disk.
std::string BigBank(int n, const std::string& id) {
  std::string text = R"({"format_version": 1, "bank": {"id": ")" + id + R"(", "title": "Big"}, "exam": "CLF-C02", "questions": [)";
  for (int i = 0; i < n; ++i) {
    text += std::string(i ? "," : "") + R"({"id": "q)" + std::to_string(i) + R"(", "domain": 1, "type": "single", "stem": "Question )" +
            std::to_string(i) + " " + std::string(600, 'x') +
            R"(?", "options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}], "answer": "a", "explanation": "E"})";
  }
  return text + "]}";
}

TEST_F(CliTest, AnExamInProgressAndOtherProcessesShareTheDatabase) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);
  WriteFileBytes(dir_ / "big.json", BigBank(2000, "big"));
  Process take(Argv({"take", "CLF-C02", "--seed", "3"}), Options());
  ASSERT_TRUE(take.WaitFor("Question 1 of 65"));
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<int> runs{0};
  std::string failure;
  std::thread other([&] {
    int n = 0;
    while (!done) {
      // Alternate a writer (re-importing a 2,000-question bank) and readers.
      std::vector<std::string> args = n % 3 == 0 ? std::vector<std::string>{"import", "--bank", "big", dir_ / "big.json"}
                                     : n % 3 == 1 ? std::vector<std::string>{"history"}
                                                  : std::vector<std::string>{"stats", "clf"};
      ProcessResult r = Run(args);
      if (r.exit_code != 0 || r.err.find("locked") != std::string::npos) {
        ++failures;
        failure = r.err;
      }
      ++runs;
      ++n;
    }
  });
  // Keep answering, at a quick human pace, until the other process has run several times.
  int answered = 0;
  for (int q = 1; q <= 60 && (runs < 6 || q <= 10); ++q) {
    take.Write("b\n");
    ASSERT_TRUE(take.WaitFor("Saved B for question " + std::to_string(q), 20000)) << take.out();
    answered = q;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  done = true;
  other.join();
  take.Write("quit\n");
  take.Finish();
  EXPECT_GE(runs.load(), 6);
  EXPECT_EQ(failures.load(), 0) << failure;
  ProcessResult resumed = Run({"resume", "--plain"}, "review\nquit\n");
  EXPECT_EQ(SavedAnswers(resumed.out), answered) << resumed.out;
}

// Found while testing leases: the first start imports the shipped banks, and the import's writeback
// helper opened and closed its own descriptor of the database file, which drops every POSIX lock
// the process holds on it (fcntl locks belong to the process and the file, not the descriptor).
// The exam's connection then held no shared lock, so the next process to close believed it was the
// last one, checkpointed and deleted the WAL under the running exam, and the exam's next commit
// damaged the database ("wrong # of entries in index").
TEST_F(CliTest, AnExamStartedOnANewDatabaseKeepsItsLocksWhileOtherProcessesComeAndGo) {
  Process take(Argv({"take", "CLF-C02", "--seed", "3", "--plain"}), Options());  // the first start: imports
  ASSERT_TRUE(take.WaitFor("Question 1 of 65"));
  take.Write("b\n");
  ASSERT_TRUE(take.WaitFor("Saved B for question 1"));
  ASSERT_EQ(Run({"history"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(db_path_ + "-wal")) << "another process took the WAL away from a running exam";
  ASSERT_EQ(Run({"practice", "CLF-C02", "--count", "5", "--seed", "4"}, "q\n").exit_code, 0);
  take.Write("c\nend\ny\n");
  ASSERT_TRUE(take.WaitFor("Score report"));
  take.Finish();
  ProcessResult check = RunProcess({"/usr/bin/sqlite3", db_path_, "PRAGMA integrity_check"}, "");
  EXPECT_EQ(check.out, "ok\n") << check.err;
  ProcessResult history = Run({"history"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("submitted"), std::string::npos) << history.out;
}

TEST_F(CliTest, AFullDiskDuringImportLeavesTheDatabaseUnchanged) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);
  const std::string before = ReadFileBytes(db_path_);
  // Room for the database as it is and 1 MiB more: the import's journal (the WAL, a file of its own
  // under the same limit) cannot grow past it, so the bank must be larger than that (a question
  // here takes about 700 bytes); the shipped banks grow, so the size follows the database's.
  const int questions = static_cast<int>((before.size() + (2 << 20)) / 600);
  WriteFileBytes(dir_ / "big.json", BigBank(questions, "big"));
  ProcessOptions options = Options();
  options.file_size_limit = static_cast<long long>(before.size()) + (1 << 20);
  // Some 17,000 questions: the sanitizer build on a loaded 2-core machine took 45 s (killed at 20 s).
  options.timeout_ms = 300000;
  ProcessResult r = RunProcess(Argv({"import", dir_ / "big.json"}), "", options);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.signal, 0) << "SIGXFSZ must not kill proctor (a shell's ulimit -f leaves it at its default)";
  EXPECT_NE(r.err.find("a file reached the size limit set for proctor (ulimit -f: File too large); nothing was changed"),
            std::string::npos) << r.err;
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
  EXPECT_TRUE(ReadFileBytes(db_path_) == before) << "the database file changed";
  ProcessResult banks = Run({"banks"});
  EXPECT_EQ(banks.exit_code, 0) << banks.err;
  EXPECT_EQ(banks.out.find("big "), std::string::npos) << "nothing of the failed import is in the database";
}

}  // namespace
}  // namespace proctor::testing

namespace proctor::testing {
namespace {

// Another process holding the write lock for seconds (as a large import does) never makes an answer
// wait: it is acknowledged at once, kept on disk in the answer journal, and saved into the database
// with the first change after the lock is released.
TEST_F(CliTest, AnAnswerDuringALongWriteInAnotherProcessIsKeptAndSaved) {
  Process take(Argv({"take", "CLF-C02", "--seed", "5"}), Options());
  ASSERT_TRUE(take.WaitFor("Question 1 of 65"));
  {
    Database other = Database::Open(db_path_);
    Transaction hold(other);  // BEGIN IMMEDIATE: the write lock
    take.Write("b\n");
    EXPECT_TRUE(take.WaitFor("(Another proctor is writing to the database (an import?): your answers are kept on disk", 5000))
        << "the journal is explained: " << take.out();
    EXPECT_TRUE(take.WaitFor("Saved B for question 1", 2000)) << take.out();
    std::this_thread::sleep_for(std::chrono::milliseconds(3000));
    hold.Commit();
  }
  take.Write("quit\n");  // leaving: the journal goes into the database now that the lock is free
  ProcessResult r = take.Finish();
  EXPECT_EQ(r.err.find("locked"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("are kept in"), std::string::npos) << r.out;
  ProcessResult history = Run({"history"});
  EXPECT_NE(history.out.find("1/65"), std::string::npos) << "in the database, not only in the journal: " << history.out;
  ProcessResult resumed = Run({"resume", "--plain"}, "review\nquit\n");
  EXPECT_EQ(SavedAnswers(resumed.out), 1) << resumed.out;
}

// A native bank is written as it is read; an error near its end must still leave nothing behind.
TEST_F(CliTest, AStreamedBankWithAnErrorNearItsEndImportsNothing) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);
  const std::string before = ReadFileBytes(db_path_);
  std::string bank = BigBank(3000, "late");
  const std::string last = R"("id": "q2999", "domain": 1)";
  ASSERT_NE(bank.find(last), std::string::npos);
  bank.replace(bank.find(last), last.size(), R"("id": "q2999", "domain": 7)");
  WriteFileBytes(dir_ / "late.json", bank);
  ProcessResult r = Run({"import", dir_ / "late.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("$.questions[2999] (q2999): error: CLF-C02 has domains 1-4, not 7"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing imported: 1 error (fix it, or use --skip-invalid to import the 2999 valid questions)"),
            std::string::npos) << r.err;
  EXPECT_EQ(ReadFileBytes(db_path_), before) << "the 2,999 questions written before the error were rolled back";
  // With --skip-invalid the valid ones go in, and the same file again changes nothing.
  ProcessResult skip = Run({"import", "--skip-invalid", dir_ / "late.json"});
  EXPECT_EQ(skip.exit_code, 0) << skip.err;
  EXPECT_NE(skip.out.find("bank late: 2999 added, 0 updated, 0 unchanged, 1 skipped (1 with errors)"), std::string::npos) << skip.out;
  ProcessResult again = Run({"import", "--skip-invalid", dir_ / "late.json"});
  EXPECT_NE(again.out.find("bank late: 0 added, 0 updated, 2999 unchanged"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace proctor::testing
