#include "engine/store/database.h"

#include <gtest/gtest.h>

#include "engine/error.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"
#include "tests/support/temp_dir.h"

namespace proctor {
namespace {

using testing::ReadFileBytes;
using testing::TempDir;
using testing::WriteFileBytes;

// A bank of `count` CLF-C02 domain-1 questions with the given stem.
Bank MakeBank(int count, const std::string& stem) {
  Bank bank;
  bank.info = {"b", "B", "", "", "", {}};
  for (int i = 0; i < count; ++i) {
    Question q;
    q.bank_id = "b";
    q.id = "q" + std::to_string(i);
    q.exam = "CLF-C02";
    q.domain = 1;
    q.stem = stem + " #" + std::to_string(i);
    bank.questions.push_back(q);
  }
  return bank;
}

std::string OpenError(const std::string& path) {
  try {
    Database::Open(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(DatabaseTest, NewDatabaseIsMarkedAndMigrated) {
  TempDir dir;
  {
    Database db = Database::Open(dir / "p.db");
    Statement app(db, "PRAGMA application_id");
    ASSERT_TRUE(app.Step());
    EXPECT_EQ(app.Int(0), kApplicationId);
    Statement version(db, "PRAGMA user_version");
    ASSERT_TRUE(version.Step());
    EXPECT_EQ(version.Int(0), SchemaVersion());
    Statement mode(db, "PRAGMA journal_mode");
    ASSERT_TRUE(mode.Step());
    EXPECT_EQ(mode.Text(0), "wal");
  }
  EXPECT_NO_THROW(Database::Open(dir / "p.db"));  // reopening is fine
}

TEST(DatabaseTest, RefusesFilesThatAreNotProctorDatabasesAndLeavesThemAlone) {
  TempDir dir;
  WriteFileBytes(dir / "notes.txt", "my study notes\n");
  EXPECT_EQ(OpenError(dir / "notes.txt"),
            dir / "notes.txt" + " is not a proctor database (it is not an SQLite file); it was left untouched");
  EXPECT_EQ(ReadFileBytes(dir / "notes.txt"), "my study notes\n");

  WriteFileBytes(dir / "empty.db", "");
  EXPECT_NE(OpenError(dir / "empty.db").find("is an empty file (0 bytes), not a proctor database"), std::string::npos);
  EXPECT_EQ(ReadFileBytes(dir / "empty.db"), "");

  {  // Another application's SQLite file.
    sqlite3* raw = nullptr;
    sqlite3_open((dir / "other.db").c_str(), &raw);
    sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  std::string before = ReadFileBytes(dir / "other.db");
  EXPECT_NE(OpenError(dir / "other.db").find("is an SQLite database but not a proctor database (application_id 0x00000000)"),
            std::string::npos);
  EXPECT_EQ(ReadFileBytes(dir / "other.db"), before);
}

TEST(DatabaseTest, MissingDirectoryIsNamed) {
  EXPECT_EQ(OpenError("/nonexistent-proctor-dir/sub/p.db"),
            "cannot create the database /nonexistent-proctor-dir/sub/p.db: the directory "
            "/nonexistent-proctor-dir/sub does not exist");
}

TEST(DatabaseTest, NewerSchemaIsRefusedUntouched) {
  TempDir dir;
  { Database db = Database::Open(dir / "p.db"); db.Exec("PRAGMA user_version = 999"); }
  std::string before = ReadFileBytes(dir / "p.db");
  EXPECT_NE(OpenError(dir / "p.db").find("was written by a newer proctor (schema version 999"), std::string::npos);
  EXPECT_EQ(ReadFileBytes(dir / "p.db"), before);
}

TEST(DatabaseTest, DamagedDatabaseGivesAClearMessage) {
  TempDir dir;
  {
    Database db = Database::Open(dir / "p.db");
    ImportBank(db, MakeBank(300, std::string(200, 'x')), {"test", "native", "h", false}, 0);
  }
  std::string bytes = ReadFileBytes(dir / "p.db");
  ASSERT_GT(bytes.size(), 8192u);
  for (size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);  // every page but the first
  WriteFileBytes(dir / "p.db", bytes);
  std::string message;
  try {
    Database db = Database::Open(dir / "p.db");
    LoadCandidates(db, "CLF-C02");
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("the database is damaged"), std::string::npos) << message;
  EXPECT_EQ(ReadFileBytes(dir / "p.db"), bytes);
}

TEST(DatabaseTest, TransactionRollsBackUnlessCommitted) {
  Database db = Database::Open(":memory:");
  db.Exec("CREATE TABLE t (x)");
  {
    Transaction tx(db);
    db.Exec("INSERT INTO t VALUES (1)");
  }
  Statement count(db, "SELECT count(*) FROM t");
  ASSERT_TRUE(count.Step());
  EXPECT_EQ(count.Int(0), 0);
}

TEST(BankStoreTest, ReimportAddsNothingAndUpdatesInPlace) {
  Database db = Database::Open(":memory:");
  Bank bank = MakeBank(3, "stem");
  ImportSummary first = ImportBank(db, bank, {"f", "native", "h1", false}, 0);
  EXPECT_EQ(first.added, 3);
  ImportSummary again = ImportBank(db, bank, {"f", "native", "h1", false}, 0);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.unchanged, 3);
  bank.questions[1].explanation = "edited";
  bank.questions.pop_back();
  ImportSummary edited = ImportBank(db, bank, {"f", "native", "h2", false}, 0);
  EXPECT_EQ(edited.updated, 1);
  EXPECT_EQ(edited.unchanged, 1);
  EXPECT_EQ(edited.retired, 1);
  EXPECT_EQ(LoadCandidates(db, "CLF-C02").size(), 2u);
  EXPECT_EQ(LoadQuestion(db, "b", "q1").explanation, "edited");
}

TEST(BankStoreTest, TheSameQuestionInAnotherBankIsReportedAndNotDoubled) {
  Database db = Database::Open(":memory:");
  ImportBank(db, MakeBank(3, "What is S3?"), {"f", "native", "h1", false}, 0);
  Bank copy = MakeBank(4, "what  is S3?");  // same text, other case and spacing
  copy.info.id = "copy";
  for (Question& q : copy.questions) q.bank_id = "copy";
  ImportSummary s = ImportBank(db, copy, {"g", "native", "h2", false}, 0);
  EXPECT_EQ(s.added, 1);  // only "#3" is new
  ASSERT_EQ(s.duplicates.size(), 3u);
  EXPECT_EQ(s.duplicates[0], "q0: same as b/q0");
  EXPECT_EQ(LoadCandidates(db, "CLF-C02").size(), 4u);
}

}  // namespace
}  // namespace proctor

namespace proctor {
namespace {

// tests/fixtures/db/schema-v2.db was written by proctor at schema version 2: a finished CLF-C02
// exam (65 answers, scaled 225), an SAA-C03 exam in progress (2 answers, one flagged) and a
// finished AIF-C01 practice session (2 answers).
TEST(MigrationTest, SchemaTwoDatabaseKeepsEveryAttempt) {
  TempDir dir;
  std::string path = dir / "old.db";
  WriteFileBytes(path, ReadFileBytes(PROCTOR_SOURCE_DIR "/tests/fixtures/db/schema-v2.db"));
  Database db = Database::Open(path);  // migrates to the current schema
  {
    Statement version(db, "PRAGMA user_version");
    ASSERT_TRUE(version.Step());
    EXPECT_EQ(version.Int(0), SchemaVersion());
  }
  std::vector<HistoryRow> rows = ListAttempts(db, "");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].exam, "CLF-C02");
  EXPECT_EQ(rows[0].status, AttemptStatus::kSubmitted);
  EXPECT_EQ(rows[0].scaled, 225);
  EXPECT_EQ(rows[0].answered, 65);
  EXPECT_EQ(rows[1].status, AttemptStatus::kInProgress);
  EXPECT_EQ(rows[1].answered, 2);
  EXPECT_EQ(rows[2].mode, AttemptMode::kPractice);
  Attempt resumed = LoadAttempt(db, rows[1].id);
  ASSERT_EQ(resumed.items.size(), 65u);
  EXPECT_FALSE(resumed.items[0].response.empty());
  EXPECT_TRUE(resumed.items[1].flagged);
  EXPECT_FALSE(resumed.items[0].question.stem.empty()) << "the snapshot moved with its item";
  Attempt finished = LoadAttempt(db, rows[0].id);
  EXPECT_EQ(ScoreAttempt(finished).scaled, 225) << "rescoring the migrated snapshots gives the stored score";
}

}  // namespace
}  // namespace proctor
