// proctor backup FILE and proctor restore FILE (issue 17): a backup taken while an exam saves answers
// is consistent and holds every answer saved before it began; restoring it, on a new machine or
// over an existing database, loses nothing; and restore refuses anything that is not a proctor
// database, changing nothing.
#include <sqlite3.h>

#include <fstream>
#include <regex>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

// Answers saved in attempt 1 of the database at `path`, as proctor reports them.
int AnsweredInAttempt1(const std::string& path) {
  std::vector<std::string> argv = {PROCTOR_BINARY, "history", "--json", "--db", path};
  ProcessResult r = RunProcess(argv, "", {{{"HOME", std::filesystem::path(path).parent_path().string()}}});
  std::smatch m;
  if (!std::regex_search(r.out, m, std::regex("\"id\": 1, .*?\"answered\": (\\d+)"))) return -1;
  return std::stoi(m[1]);
}

std::string Sql(const std::string& path, const std::string& query) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(s, 0);
    out = text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// The plain review grid of attempt 1 ("1:A 2:B ..."), as `proctor resume` shows it, without the
// time left (which moves on between two runs).
std::string ReviewOf(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ProcessResult r = RunProcess(argv, "review\nquit\n", options);
  size_t start = r.out.rfind("Review: ");
  if (start == std::string::npos) return r.out + r.err;
  return std::regex_replace(r.out.substr(start), std::regex("Time left \\d+:\\d\\d:\\d\\d"), "Time left -");
}

TEST_F(CliTest, BackupWhileAnExamSavesAnswersThenRestoreLosesNothing) {
  Process take(Argv({"take", "CLF-C02", "--seed", "3"}), Options());
  ASSERT_TRUE(take.WaitFor("Question 1 of 65")) << take.out();
  struct Taken {
    std::string path;
    int saved_before = 0;  // answers acknowledged (committed) before the backup started
    int saved_after = 0;   // answers acknowledged when it had finished
  };
  std::vector<Taken> backups;
  int saved = 0;
  auto answer = [&]() {
    ++saved;
    take.Write("A\n");
    ASSERT_TRUE(take.WaitFor("Saved A for question " + std::to_string(saved))) << take.out();
  };
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 8; ++i) answer();
    // The backup runs while the exam goes on saving answers.
    Taken t{dir_ / ("during-" + std::to_string(round) + ".db"), saved, 0};
    Process backup(Argv({"backup", t.path}), Options());
    for (int i = 0; i < 4; ++i) answer();
    ProcessResult done = backup.Finish();
    ASSERT_EQ(done.exit_code, 0) << done.err;
    EXPECT_NE(done.out.find("Backed up " + db_path_ + " to " + t.path), std::string::npos) << done.out;
    t.saved_after = saved;
    backups.push_back(t);
  }
  take.Write("quit\n");
  ASSERT_EQ(take.Finish().exit_code, 0);

  for (const Taken& t : backups) {
    // Consistent, self-contained (rollback-journal mode: no -wal needed), and holding every answer
    // committed before it began.
    EXPECT_EQ(Sql(t.path, "PRAGMA integrity_check"), "ok") << t.path;
    EXPECT_EQ(Sql(t.path, "PRAGMA journal_mode"), "delete") << t.path;
    EXPECT_FALSE(std::filesystem::exists(t.path + "-wal"));
    int answered = AnsweredInAttempt1(t.path);
    EXPECT_GE(answered, t.saved_before) << t.path;
    EXPECT_LE(answered, t.saved_after) << t.path;
  }

  // The final backup, restored on a new machine (another home, no database yet), shows the same
  // answers and the same attempt in progress.
  ASSERT_EQ(Run({"backup", dir_ / "final.db"}).exit_code, 0);
  TempDir other;
  ProcessOptions there;
  there.env = {{"HOME", other.path()}, {"XDG_DATA_HOME", other / "data"}};
  ProcessResult restored = RunProcess(Argv({"restore", dir_ / "final.db"}), "", there);
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(restored.out, "Restored " + dir_ / "final.db" + " into " + other / "data/proctor/proctor.db" +
                              ": 1 attempt, " + Sql(dir_ / "final.db", "SELECT count(*) FROM questions") + " questions.\n");
  const std::string here_review = ReviewOf(Argv({"resume"}), Options());
  EXPECT_NE(here_review.find("Review: "), std::string::npos) << here_review;
  EXPECT_EQ(ReviewOf(Argv({"resume"}), there), here_review);
  EXPECT_EQ(AnsweredInAttempt1(other / "data/proctor/proctor.db"), saved);

  // Restoring the first backup over the live database: the database it replaced is kept, whole.
  ProcessResult over = Run({"restore", backups[0].path});
  ASSERT_EQ(over.exit_code, 0) << over.err;
  EXPECT_NE(over.out.find("The database it replaced is kept as " + db_path_ + ".bak.\n"), std::string::npos) << over.out;
  EXPECT_EQ(AnsweredInAttempt1(db_path_), AnsweredInAttempt1(backups[0].path));
  EXPECT_EQ(AnsweredInAttempt1(db_path_ + ".bak"), saved);
}

TEST_F(CliTest, RestoreRefusesWhatIsNotAProctorDatabaseAndChangesNothing) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);
  ASSERT_EQ(Run({"take", "CLF-C02", "--seed", "1"}, "A\nquit\n").exit_code, 0);
  const std::string before = ReadFileBytes(db_path_);

  std::ofstream(dir_ / "notes.txt") << "not a database\n";
  ProcessResult text = Run({"restore", dir_ / "notes.txt"});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.err, "proctor: " + dir_ / "notes.txt" + " is not a proctor database (it is not an SQLite file)\n");

  sqlite3* other = nullptr;
  sqlite3_open((dir_ / "other.db").c_str(), &other);
  sqlite3_exec(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  ProcessResult foreign = Run({"restore", dir_ / "other.db"});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_EQ(foreign.err, "proctor: " + dir_ / "other.db" + " is an SQLite database but not a proctor database\n");

  ProcessResult missing = Run({"restore", dir_ / "nothing.db"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "proctor: " + dir_ / "nothing.db" + ": No such file or directory\n");

  // A backup from a newer proctor (a higher schema version) is refused, and so is a damaged one.
  ASSERT_EQ(Run({"backup", dir_ / "newer.db"}).exit_code, 0);
  sqlite3* newer = nullptr;
  sqlite3_open((dir_ / "newer.db").c_str(), &newer);
  sqlite3_exec(newer, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
  sqlite3_close(newer);
  ProcessResult future = Run({"restore", dir_ / "newer.db"});
  EXPECT_EQ(future.exit_code, 1);
  EXPECT_NE(future.err.find(dir_ / "newer.db" + " was written by a newer proctor (schema version 999"), std::string::npos)
      << future.err;
  EXPECT_NE(future.err.find("; nothing was changed\n"), std::string::npos) << future.err;
  ASSERT_EQ(Run({"backup", dir_ / "cut.db"}).exit_code, 0);
  std::filesystem::resize_file(dir_ / "cut.db", std::filesystem::file_size(dir_ / "cut.db") / 2 + 100);
  ProcessResult cut = Run({"restore", dir_ / "cut.db"});
  EXPECT_EQ(cut.exit_code, 1) << cut.out;
  EXPECT_NE(cut.err.find("damaged"), std::string::npos) << cut.err;

  EXPECT_EQ(ReadFileBytes(db_path_), before);
  EXPECT_FALSE(std::filesystem::exists(db_path_ + ".bak"));
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().string().find(".restoring"), std::string::npos) << entry.path();
  }
}

// A backup made by an older proctor (schema 1) is migrated on the way in; the file itself is only read.
TEST_F(CliTest, RestoreOfAnOlderBackupMigratesItAndLeavesTheFileAlone) {
  const std::string old_backup = dir_ / "old.db";
  std::filesystem::copy_file(std::string(PROCTOR_SOURCE_DIR) + "/tests/fixtures/db/schema-v1.db", old_backup);
  const std::string before = ReadFileBytes(old_backup);
  const std::string attempts = Sql(old_backup, "SELECT count(*) FROM attempts");
  ProcessResult r = Run({"restore", old_backup});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(": " + attempts + " attempt"), std::string::npos) << r.out;
  EXPECT_EQ(ReadFileBytes(old_backup), before);
  EXPECT_GT(std::stoi(Sql(db_path_, "PRAGMA user_version")), 1);
  ProcessResult history = Run({"history"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
}

TEST_F(CliTest, BackupNeverOverwritesWithoutForceAndNeverOverwritesOtherFiles) {
  ProcessResult none = Run({"backup", dir_ / "b.db"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_EQ(none.err, "proctor: there is no database at " + db_path_ + " yet: nothing to back up\n");
  ASSERT_EQ(Run({"exams"}).exit_code, 0);
  ASSERT_EQ(Run({"backup", dir_ / "b.db"}).exit_code, 0);
  ProcessResult again = Run({"backup", dir_ / "b.db"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(Run({"backup", dir_ / "b.db", "--force"}).exit_code, 0);
  std::ofstream(dir_ / "precious.txt") << "keep me\n";
  ProcessResult precious = Run({"backup", dir_ / "precious.txt", "--force"});
  EXPECT_EQ(precious.exit_code, 1);
  EXPECT_EQ(ReadFileBytes(dir_ / "precious.txt"), "keep me\n");
  ProcessResult missing_dir = Run({"backup", dir_ / "no/such/dir/b.db"});
  EXPECT_EQ(missing_dir.exit_code, 1);
  EXPECT_NE(missing_dir.err.find("cannot back up to " + dir_ / "no/such/dir/b.db"), std::string::npos) << missing_dir.err;
}

}  // namespace
}  // namespace proctor::testing
