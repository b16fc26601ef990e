// Issue 15: nothing lost, nobody locked out. A write cut short by a file-size limit or a full file
// system, two first starts at once, a kill during the first start, and another process holding the
// write lock past the busy timeout must never lock a learner out of an intact database, nor drop an
// answer.
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <thread>

#include "engine/store/database.h"
#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

namespace fs = std::filesystem;

// A native bank of `n` questions of about 700 bytes each, of random letters (the store compresses
// question text, so repeated letters would take almost no room).
std::string Bank(int n, const std::string& id) {
  std::string text = R"({"format_version": 1, "bank": {"id": ")" + id + R"(", "title": "Big"}, "exam": "CLF-C02", "questions": [)";
  std::mt19937 random(static_cast<unsigned>(n));
  std::uniform_int_distribution<int> letter(0, 25);
  for (int i = 0; i < n; ++i) {
    std::string words;
    for (int k = 0; k < 600; ++k) words += k % 7 == 6 ? ' ' : static_cast<char>('a' + letter(random));
    text += std::string(i ? "," : "") + R"({"id": "q)" + std::to_string(i) + R"(", "domain": 1, "type": "single", "stem": "Question )" +
            std::to_string(i) + " " + words +
            R"(?", "options": [{"id": "a", "text": "One"}, {"id": "b", "text": "Two"}], "answer": "a", "explanation": "E"})";
  }
  return text + "]}";
}

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

class StorageFaultsTest : public CliTest {
 protected:
  // Starts an exam, answers the first `n` questions with B and leaves: committed answers that must
  // survive whatever comes next.
  void AnswerSome(int n) {
    std::string input;
    for (int i = 0; i < n; ++i) input += "b\n";
    ProcessResult r = Run({"take", "CLF-C02", "--seed", "9", "--plain"}, input + "quit\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_NE(r.out.find("Saved B for question " + std::to_string(n)), std::string::npos) << r.out;
  }
  void ExpectAnswersKept(int n) {
    ProcessResult resumed = Run({"resume", "--plain"}, "review\nquit\n");
    EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(SavedAnswers(resumed.out), n) << resumed.out << resumed.err;
  }
};

// The commit of an import lands in the WAL, and the checkpoint when proctor closes the database
// extends the file by part of a page before the limit stops it. Every later command said "the
// database is damaged (... not a whole number of 65536-byte pages)" although SQLite opens it intact;
// and with SIGXFSZ not ignored (a shell's ulimit -f) the checkpoint killed proctor silently (153).
TEST_F(StorageFaultsTest, AFileSizeLimitDuringAWriteNeverLocksTheLearnerOut) {
  AnswerSome(3);
  const auto before = static_cast<long long>(fs::file_size(db_path_));
  ASSERT_TRUE(!fs::exists(db_path_ + "-wal") || fs::file_size(db_path_ + "-wal") == 0);
  // 2,000 questions: about 1.5 MiB in the WAL (under the limit), then the checkpoint needs that much
  // again in the database file, past the limit, which falls inside a page.
  WriteFileBytes(dir_ / "big.json", Bank(2000, "big"));
  ProcessOptions limited = Options();
  limited.file_size_limit = before + (1 << 20) + 12345;
  ProcessResult import = RunProcess(Argv({"import", dir_ / "big.json"}), "", limited);
  EXPECT_EQ(import.signal, 0) << "killed by signal " << import.signal << " (SIGXFSZ is 25)";
  EXPECT_EQ(import.exit_code, 0) << import.err;
  EXPECT_NE(import.out.find("bank big: 2000 added"), std::string::npos) << import.out;
  const auto size = static_cast<long long>(fs::file_size(db_path_));
  EXPECT_NE(size % 65536, 0) << "the checkpoint was expected to leave part of a page (size " << size << ")";

  // Still under the limit: reading works, nothing is called damaged.
  ProcessResult limited_history = RunProcess(Argv({"history"}), "", limited);
  EXPECT_EQ(limited_history.exit_code, 0) << limited_history.err;
  EXPECT_EQ(limited_history.err.find("damaged"), std::string::npos) << limited_history.err;

  // Once the limit is gone, everything works and nothing committed is lost.
  ProcessResult history = Run({"history"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.err.find("damaged"), std::string::npos) << history.err;
  ProcessResult banks = Run({"banks"});
  EXPECT_NE(banks.out.find("big "), std::string::npos) << "the committed import is kept: " << banks.out;
  ExpectAnswersKept(3);
  EXPECT_EQ(fs::file_size(db_path_) % 65536, 0u) << "the next checkpoint completes the file";
  ProcessResult check = RunProcess({"/usr/bin/sqlite3", db_path_, "PRAGMA integrity_check"}, "");
  EXPECT_EQ(check.out, "ok\n") << check.err;
}

// A write that no longer fits reports the limit in one line and exits 1 (SIGXFSZ used to kill it).
TEST_F(StorageFaultsTest, AFileSizeLimitIsReportedInOneLineNotBySIGXFSZ) {
  AnswerSome(2);
  const auto before = static_cast<long long>(fs::file_size(db_path_));
  WriteFileBytes(dir_ / "big.json", Bank(8000, "big"));  // about 5.5 MiB: the WAL cannot hold it
  ProcessOptions limited = Options();
  limited.file_size_limit = std::min(before, 4LL << 20);
  ProcessResult r = RunProcess(Argv({"import", dir_ / "big.json"}), "", limited);
  EXPECT_EQ(r.signal, 0) << "killed by signal " << r.signal;
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("a file reached the size limit set for proctor (ulimit -f"), std::string::npos) << r.err;
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
  ProcessResult banks = Run({"banks"});
  EXPECT_EQ(banks.exit_code, 0) << banks.err;
  EXPECT_EQ(banks.out.find("big "), std::string::npos) << banks.out;
  ExpectAnswersKept(2);
}

// A small file system (tmpfs) that fills up: once during a first start, once with the commit in the
// WAL and the checkpoint cut short. Needs root to mount; skipped otherwise.
class SmallFileSystemTest : public StorageFaultsTest {
 protected:
  void SetUp() override {
    mount_ = dir_ / "small";
    fs::create_directory(mount_);
    if (geteuid() != 0 || mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=64m") != 0) {
      GTEST_SKIP() << "mounting a small tmpfs needs root";
    }
    mounted_ = true;
    db_path_ = mount_ + "/proctor.db";
  }
  void TearDown() override {
    if (mounted_) umount2(mount_.c_str(), MNT_DETACH);
  }
  // Fills the file system but `room` bytes.
  void Fill(long long room) {
    const auto space = fs::space(mount_);
    long long fill = static_cast<long long>(space.available) - room;
    ASSERT_GT(fill, 0);
    WriteFileBytes(mount_ + "/filler", std::string(static_cast<size_t>(fill), 'f'));
  }
  std::string mount_;
  bool mounted_ = false;
};

TEST_F(SmallFileSystemTest, AFullFileSystemNeverLocksTheLearnerOutAndLosesNothingCommitted) {
  // A first start with no room: one line, and no half-made database left to refuse later.
  Fill(64 << 10);
  ProcessResult first = Run({"history"});
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_NE(first.err.find("the disk is full"), std::string::npos) << first.err;
  EXPECT_EQ(CountLines(first.err), 1) << first.err;
  EXPECT_FALSE(fs::exists(db_path_)) << "an unstamped database was left behind";
  fs::remove(mount_ + "/filler");

  AnswerSome(3);
  // Room for the commit in the WAL, not for the checkpoint after it.
  WriteFileBytes(dir_ / "big.json", Bank(2000, "big"));
  Fill(3 << 20);
  ProcessResult import = Run({"import", dir_ / "big.json"});
  EXPECT_EQ(import.signal, 0);
  // Either the commit fitted (and the checkpoint did not), or it did not fit and nothing changed.
  const bool committed = import.exit_code == 0;
  if (!committed) {
    EXPECT_NE(import.err.find("the disk is full"), std::string::npos) << import.err;
    EXPECT_EQ(CountLines(import.err), 1) << import.err;
  }
  ProcessResult full_history = Run({"history"});
  EXPECT_EQ(full_history.exit_code, 0) << "locked out while the disk is full: " << full_history.err;
  fs::remove(mount_ + "/filler");
  ProcessResult history = Run({"history"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  ProcessResult banks = Run({"banks"});
  EXPECT_EQ(banks.out.find("big ") != std::string::npos, committed) << banks.out;
  ExpectAnswersKept(3);
  ProcessResult again = Run({"import", dir_ / "big.json"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  ProcessResult check = RunProcess({"/usr/bin/sqlite3", db_path_, "PRAGMA integrity_check"}, "");
  EXPECT_EQ(check.out, "ok\n") << check.err;
}

// Two terminals on first use: the second command used to fail at once ("locked ... for 10 seconds",
// or "an empty file", or "not a proctor database") while the first was creating the database.
TEST_F(StorageFaultsTest, FiftyPairsOfFirstStartsAtOnceAllSucceed) {
  int failures = 0;
  std::string failure;
  for (int pair = 0; pair < 50; ++pair) {
    const std::string dir = dir_ / ("pair" + std::to_string(pair));
    fs::create_directory(dir);
    ProcessOptions options = Options();
    options.env["PROCTOR_DB"] = dir + "/proctor.db";
    Process a(Argv({"history"}), options);
    Process b(Argv({pair % 2 ? "banks" : "history"}), options);
    for (ProcessResult r : {a.Finish(), b.Finish()}) {
      if (r.exit_code != 0) {
        ++failures;
        failure = r.err;
      }
    }
    if (pair % 10 != 0) continue;  // every tenth: the database holds the shipped banks (kept short for the sanitizer build)
    ProcessResult banks = RunProcess(Argv({"banks"}), "", options);
    if (banks.exit_code != 0 || banks.out.find("clf-c02") == std::string::npos) {
      ++failures;
      failure = "after pair " + std::to_string(pair) + ": " + banks.out + banks.err;
    }
  }
  EXPECT_EQ(failures, 0) << failure;
}

// A kill during the very first start left an empty SQLite file without proctor's application id,
// which every later start refused. Kills at random points of the first start, many of them around
// the moment the first file appears (where the old window was), must leave a usable place.
TEST_F(StorageFaultsTest, AKillAtAnyPointOfTheFirstStartLeavesNoUnusableFile) {
  // How long a first start takes, and when its first file appears.
  int64_t appear_ms = -1;
  int64_t whole_ms = 0;
  {
    const std::string dir = dir_ / "measure";
    fs::create_directory(dir);
    ProcessOptions options = Options();
    options.env["PROCTOR_DB"] = dir + "/proctor.db";
    const int64_t start = SteadyMs();
    Process p(Argv({"history"}), options);
    while (appear_ms < 0 && SteadyMs() - start < 20000) {
      if (!fs::is_empty(dir)) appear_ms = SteadyMs() - start;
    }
    ASSERT_EQ(p.Finish().exit_code, 0);
    whole_ms = SteadyMs() - start;
  }
  ASSERT_GE(appear_ms, 0);
  std::mt19937 random(15);
  int unusable = 0;
  std::string failure;
  // 60 kills: the old design failed 54 of 100 (about 30 of these); more outlast the sanitizer
  // build's 300 s test timeout.
  for (int run = 0; run < 60; ++run) {
    const std::string dir = dir_ / ("kill" + std::to_string(run));
    fs::create_directory(dir);
    ProcessOptions options = Options();
    options.env["PROCTOR_DB"] = dir + "/proctor.db";
    const int64_t delay_us = run % 2 == 0
        ? std::uniform_int_distribution<int64_t>(std::max<int64_t>(0, appear_ms - 3) * 1000, (appear_ms + 8) * 1000)(random)
        : std::uniform_int_distribution<int64_t>(0, whole_ms * 1000)(random);
    Process p(Argv({"history"}), options);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    p.Signal(SIGKILL);
    p.Finish();
    ProcessResult after = RunProcess(Argv({"history"}), "", options);
    if (after.exit_code != 0) {
      ++unusable;
      failure = "killed after " + std::to_string(delay_us) + " us: " + after.err;
    }
  }
  EXPECT_EQ(unusable, 0) << failure;
}

// An answer given while another process holds the write lock longer than the busy timeout (120 s;
// 1.5 s here through PROCTOR_BUSY_TIMEOUT_MS) was dropped after the screen promised to keep it. Now
// it is acknowledged at once, kept on disk in the answer journal, and goes into the database with
// the first change that gets the lock.
TEST_F(StorageFaultsTest, AnAnswerGivenWhileTheLockIsHeldPastTheBusyTimeoutIsKeptAndSaved) {
  ProcessOptions options = Options();
  options.env["PROCTOR_BUSY_TIMEOUT_MS"] = "1500";
  Process take(Argv({"take", "CLF-C02", "--seed", "5", "--plain"}), options);
  ASSERT_TRUE(take.WaitFor("Question 1 of 65")) << take.out();
  {
    Database other = Database::Open(db_path_);
    Transaction hold(other);
    const int64_t sent = SteadyMs();
    take.Write("b\n");
    ASSERT_TRUE(take.WaitFor("Saved B for question 1", 5000)) << take.out();
    EXPECT_LT(SteadyMs() - sent, 1000) << "the answer waited for the lock";
    EXPECT_NE(take.out().find("(Another proctor is writing to the database (an import?): your answers are kept on disk in " +
                              db_path_ + ".answers-"), std::string::npos) << take.out();
    std::this_thread::sleep_for(std::chrono::milliseconds(4000));  // well past the 1.5 s limit
    take.Write("c\n");
    ASSERT_TRUE(take.WaitFor("Saved C for question 2", 5000)) << take.out();
    hold.Commit();
  }
  take.Write("d\n");  // the first change with the lock free takes the journal in with it
  ASSERT_TRUE(take.WaitFor("Saved D for question 3")) << take.out();
  take.Write("quit\n");
  ProcessResult r = take.Finish();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("locked"), std::string::npos) << r.err;
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".answers-"), std::string::npos) << "journal left: " << entry.path();
  }
  ExpectAnswersKept(3);
}

// Killed, or leaving, while answers are only in the journal: the next start that continues the
// attempt takes them into the database first.
TEST_F(StorageFaultsTest, AnswersKeptAsideSurviveAKillAndALeaveWhileTheLockIsHeld) {
  for (const bool kill : {true, false}) {
    SCOPED_TRACE(kill ? "SIGKILL" : "quit");
    db_path_ = dir_ / (kill ? "killed.db" : "left.db");
    Process take(Argv({"take", "CLF-C02", "--seed", "5", "--plain"}), Options());
    ASSERT_TRUE(take.WaitFor("Question 1 of 65")) << take.out();
    take.Write("b\n");
    ASSERT_TRUE(take.WaitFor("Saved B for question 1")) << take.out();
    auto other = std::make_unique<Database>(Database::Open(db_path_));
    auto hold = std::make_unique<Transaction>(*other);
    take.Write("c\n");
    ASSERT_TRUE(take.WaitFor("Saved C for question 2", 5000)) << take.out();
    take.Write("f\n");
    ASSERT_TRUE(take.WaitFor("Flagged question 3", 5000)) << take.out();
    if (kill) {
      take.Signal(SIGKILL);
      take.Finish();
    } else {
      take.Write("quit\n");
      ProcessResult r = take.Finish();
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_NE(r.out.find("Another proctor is still writing to the database: your last changes (questions 2 and 3) are kept in " +
                           db_path_ + ".answers-"), std::string::npos) << r.out;
      EXPECT_NE(r.out.find("and go into the database when you continue with 'proctor resume 1'."), std::string::npos) << r.out;
    }
    hold->Commit();
    hold.reset();
    other.reset();
    ProcessResult resumed = Run({"resume", "--plain"}, "review\nquit\n");
    EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(SavedAnswers(resumed.out), 2) << resumed.out;
    EXPECT_NE(resumed.out.find("3:-*"), std::string::npos) << "the flag is kept too: " << resumed.out;
    EXPECT_NE(resumed.out.find("Resuming attempt 1: CLF-C02, question 3 of 65"), std::string::npos) << resumed.out;
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
      EXPECT_EQ(entry.path().filename().string().find(".answers-"), std::string::npos) << "spent journal left: " << entry.path();
    }
  }
}

}  // namespace
}  // namespace proctor::testing
