#include "engine/store/database.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

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

// Every bank's counts as kept in bank_counts, and as counted from the questions themselves.
std::pair<std::string, std::string> KeptAndCounted(Database& db) {
  auto rows = [&](const std::string& sql) {
    std::string out;
    Statement s(db, sql);
    while (s.Step()) {
      for (int i = 0; i < 7; ++i) out += s.Text(i) + (i < 6 ? "|" : "\n");
    }
    return out;
  };
  return {rows("SELECT * FROM bank_counts ORDER BY 1, 2, 3, 4, 5, 6"),
          rows(R"sql(SELECT * FROM (
                 SELECT bank_id, exam, domain, type, case_study, 1, count(*) FROM questions WHERE active = 1
                  GROUP BY bank_id, exam, domain, type, case_study
                 UNION ALL
                 SELECT bank_id, '', 0, '', 0, 0, count(*) FROM questions WHERE active = 0 GROUP BY bank_id)
                ORDER BY 1, 2, 3, 4, 5, 6)sql")};
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

TEST(BankCountsTest, EveryImportAndRemovalKeepsTheCountsOfWhatIsInTheDatabase) {
  Database db = Database::Open(":memory:");
  auto check = [&](const char* when) {
    auto [kept, counted] = KeptAndCounted(db);
    EXPECT_EQ(kept, counted) << when;
    EXPECT_FALSE(counted.empty()) << when;
  };
  Bank a = MakeBank(10, "Alpha");
  a.questions[3].domain = 2;
  a.questions[4].type = ItemType::kMultiple;
  a.questions[4].key = {"a", "b"};
  a.questions[5].scenario_id = "s1";
  ImportBank(db, a, {"a.json", "native", "h1", false}, 1000);
  check("a new bank");
  // Re-imported: three questions gone (retired), two changed, two new.
  Bank again = MakeBank(9, "Alpha");
  again.questions.erase(again.questions.begin() + 6, again.questions.begin() + 9);
  again.questions[0].stem = "Changed";
  again.questions[1].domain = 3;
  for (int i = 10; i < 12; ++i) {
    Question q = MakeBank(1, "New " + std::to_string(i)).questions[0];
    q.id = "q" + std::to_string(i);
    again.questions.push_back(q);
  }
  ImportBank(db, again, {"a.json", "native", "h2", false}, 2000);
  check("the same bank again");
  // Another bank with a duplicate of one of b's questions (left out) and one of its own.
  Bank other = MakeBank(2, "Alpha");
  other.info.id = "c";
  for (Question& q : other.questions) q.bank_id = "c";
  other.questions[1].stem = "Its own";
  ImportBank(db, other, {"c.json", "native", "h3", false}, 3000);
  check("a bank with a duplicate");
  db.Exec("DELETE FROM questions WHERE bank_id = 'b'");
  db.Exec("DELETE FROM banks WHERE id = 'b'");
  check("a bank removed");
}

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
  auto [kept, counted] = KeptAndCounted(db);
  EXPECT_EQ(kept, counted) << "schema 5 counted the questions already there";
}

// What a schema-1 file holds, read with plain SQL before proctor opens (and migrates) it.
struct OldItem {
  std::string bank_id;
  std::string question_id;
  std::string option_order;  // comma-separated option ids
  std::string response;      // comma-separated option ids, or empty
  bool flagged = false;
  bool scored = false;
  int domain = 0;
  std::string stem;  // from the snapshot kept in the item
  std::string key;   // the snapshot's key, as JSON
};
struct OldAttempt {
  int64_t id = 0;
  std::string exam;
  std::string status;
  int64_t seed = 0;
  int64_t started_at = 0;
  int64_t deadline = 0;
  int position = 0;
  std::optional<int> scaled;
  std::optional<bool> passed;
  int correct = 0;
  int scored_count = 0;
  std::vector<OldItem> items;
  std::map<int, int> domain_correct;  // attempt_domains: domain -> scored items right
};

std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> ids;
  std::stringstream in(text);
  for (std::string id; std::getline(in, id, ',');) ids.push_back(id);
  return ids;
}

std::string ColumnText(sqlite3_stmt* s, int column) {
  const unsigned char* text = sqlite3_column_text(s, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// Reads every attempt of the file at `path` (a copy: reading a WAL file may create -shm beside it).
std::vector<OldAttempt> ReadOldAttempts(const std::string& path, int& user_version) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  std::vector<OldAttempt> attempts;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr);
  user_version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "SELECT id, exam, status, seed, started_at, deadline, position, scaled, passed, "
                         "correct, scored_count FROM attempts ORDER BY id", -1, &s, nullptr);
  while (sqlite3_step(s) == SQLITE_ROW) {
    OldAttempt a;
    a.id = sqlite3_column_int64(s, 0);
    a.exam = ColumnText(s, 1);
    a.status = ColumnText(s, 2);
    a.seed = sqlite3_column_int64(s, 3);
    a.started_at = sqlite3_column_int64(s, 4);
    a.deadline = sqlite3_column_int64(s, 5);
    a.position = sqlite3_column_int(s, 6);
    if (sqlite3_column_type(s, 7) != SQLITE_NULL) a.scaled = sqlite3_column_int(s, 7);
    if (sqlite3_column_type(s, 8) != SQLITE_NULL) a.passed = sqlite3_column_int(s, 8) != 0;
    a.correct = sqlite3_column_int(s, 9);
    a.scored_count = sqlite3_column_int(s, 10);
    attempts.push_back(a);
  }
  sqlite3_finalize(s);
  for (OldAttempt& a : attempts) {
    sqlite3_prepare_v2(db, "SELECT bank_id, question_id, option_order, response, flagged, scored, domain, "
                           "json_extract(question, '$.question.stem'), json_extract(question, '$.question.key') "
                           "FROM attempt_items WHERE attempt_id = ?1 ORDER BY position", -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, a.id);
    while (sqlite3_step(s) == SQLITE_ROW) {
      a.items.push_back({ColumnText(s, 0), ColumnText(s, 1), ColumnText(s, 2), ColumnText(s, 3),
                         sqlite3_column_int(s, 4) != 0, sqlite3_column_int(s, 5) != 0, sqlite3_column_int(s, 6),
                         ColumnText(s, 7), ColumnText(s, 8)});
    }
    sqlite3_finalize(s);
    sqlite3_prepare_v2(db, "SELECT domain, correct FROM attempt_domains WHERE attempt_id = ?1", -1, &s, nullptr);
    sqlite3_bind_int64(s, 1, a.id);
    while (sqlite3_step(s) == SQLITE_ROW) a.domain_correct[sqlite3_column_int(s, 0)] = sqlite3_column_int(s, 1);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return attempts;
}

int CountActiveQuestions(const std::string& path, const std::string& exam) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM questions WHERE exam = ?1 AND active = 1", -1, &s, nullptr);
  sqlite3_bind_text(s, 1, exam.c_str(), -1, SQLITE_TRANSIENT);
  int count = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return count;
}

// A key as SQLite's json_extract writes it: ["c","d"].
std::string KeyJson(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() > 1 ? ",\"" : "\"") + id + "\"";
  return out + "]";
}

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

// tests/fixtures/db/schema-v1.db was written by the proctor of commit 75a55d4, the last at schema
// version 1 (tests/fixtures/db/make_schema_v1.py drove it): every shipped bank as it then was, a
// finished CLF-C02 exam (63 of 65 answered, every third wrong on purpose, 3 flagged) and a SAA-C03
// exam killed with SIGKILL after 5 answers (2 flagged). Schema 1 had no practice mode. Everything
// the test expects is read from the file itself before proctor migrates it.
TEST(MigrationTest, SchemaOneDatabaseKeepsEveryAttempt) {
  TempDir dir;
  const std::string fixture = ReadFileBytes(PROCTOR_SOURCE_DIR "/tests/fixtures/db/schema-v1.db");
  WriteFileBytes(dir / "before.db", fixture);
  WriteFileBytes(dir / "old.db", fixture);
  int old_version = 0;
  const std::vector<OldAttempt> old = ReadOldAttempts(dir / "before.db", old_version);
  const int old_clf_questions = CountActiveQuestions(dir / "before.db", "CLF-C02");

  // The fixture is what the comment above says.
  ASSERT_EQ(old_version, 1);
  ASSERT_EQ(old.size(), 2u);
  ASSERT_EQ(old[0].status, "submitted");
  ASSERT_TRUE(old[0].scaled.has_value());
  ASSERT_EQ(old[0].items.size(), 65u);
  ASSERT_EQ(old[1].status, "in_progress");
  ASSERT_EQ(old[1].items.size(), 65u);
  const auto count = [](const OldAttempt& a, bool OldItem::*flag) {
    return std::count_if(a.items.begin(), a.items.end(), [&](const OldItem& i) { return i.*flag; });
  };
  const auto answered = [](const OldAttempt& a) {
    return std::count_if(a.items.begin(), a.items.end(), [](const OldItem& i) { return !i.response.empty(); });
  };
  ASSERT_EQ(answered(old[0]), 63);
  ASSERT_EQ(count(old[0], &OldItem::flagged), 3);
  ASSERT_EQ(answered(old[1]), 5);
  ASSERT_EQ(count(old[1], &OldItem::flagged), 2);
  ASSERT_GT(old_clf_questions, 65);

  Database db = Database::Open(dir / "old.db");  // migrates to the current schema
  {
    Statement version(db, "PRAGMA user_version");
    ASSERT_TRUE(version.Step());
    EXPECT_EQ(version.Int(0), SchemaVersion());
  }
  std::vector<HistoryRow> rows = ListAttempts(db, "");
  ASSERT_EQ(rows.size(), old.size());
  for (size_t a = 0; a < old.size(); ++a) {
    SCOPED_TRACE("attempt " + std::to_string(old[a].id));
    const OldAttempt& before = old[a];
    const HistoryRow& row = rows[a];
    EXPECT_EQ(row.id, before.id);
    EXPECT_EQ(row.exam, before.exam);
    EXPECT_EQ(row.mode, AttemptMode::kExam);
    EXPECT_EQ(row.status, before.status == "submitted" ? AttemptStatus::kSubmitted : AttemptStatus::kInProgress);
    EXPECT_EQ(row.questions, static_cast<int>(before.items.size()));
    EXPECT_EQ(row.answered, answered(before));
    EXPECT_EQ(row.scaled, before.scaled);
    EXPECT_EQ(row.passed, before.passed);
    EXPECT_EQ(row.started_ms, before.started_at);
    EXPECT_EQ(row.deadline_ms, before.deadline) << "resume takes the time left from the stored deadline";
    if (before.scaled) {
      EXPECT_EQ(row.correct, before.correct);
      EXPECT_EQ(row.scored_count, before.scored_count);
    }

    Attempt attempt = LoadAttempt(db, before.id);
    EXPECT_EQ(attempt.blueprint.code, before.exam);
    EXPECT_EQ(attempt.seed, static_cast<uint64_t>(before.seed));
    EXPECT_EQ(attempt.position, before.position) << "resume reopens the question that was on screen";
    ASSERT_EQ(attempt.items.size(), before.items.size());
    for (size_t i = 0; i < before.items.size(); ++i) {
      SCOPED_TRACE("item " + std::to_string(i + 1) + " " + before.items[i].question_id);
      const AttemptItem& item = attempt.items[i];
      const OldItem& old_item = before.items[i];
      EXPECT_EQ(item.form.bank_id, old_item.bank_id);
      EXPECT_EQ(item.form.question_id, old_item.question_id);
      EXPECT_EQ(item.form.scored, old_item.scored);
      EXPECT_EQ(item.form.domain, old_item.domain);
      EXPECT_EQ(JoinIds(item.option_order), old_item.option_order) << "the letters the learner saw";
      EXPECT_EQ(item.response, SplitIds(old_item.response));
      EXPECT_EQ(item.flagged, old_item.flagged);
      EXPECT_EQ(item.question.id, old_item.question_id) << "the snapshot moved with its item";
      EXPECT_EQ(item.question.stem, old_item.stem);
      EXPECT_EQ(KeyJson(item.question.key), old_item.key);
    }
    if (before.scaled) {
      ScoreReport rescored = ScoreAttempt(attempt);
      EXPECT_EQ(rescored.scaled, *before.scaled) << "rescoring the migrated snapshots gives the stored score";
      EXPECT_EQ(rescored.correct, before.correct);
      EXPECT_EQ(std::optional<bool>(rescored.passed), before.passed);
      std::map<int, int> domain_correct;
      for (const DomainResult& d : rescored.domains) domain_correct[d.number] = d.correct;
      EXPECT_EQ(domain_correct, before.domain_correct);
    }
  }
  // The banks came along too: their questions can still be drawn, and got the content fingerprints
  // that find the same question imported again in another bank.
  EXPECT_EQ(static_cast<int>(LoadCandidates(db, "CLF-C02").size()), old_clf_questions);
  Bank copy;
  copy.info = {"copy", "Copy", "", "", "", {}};
  copy.questions.push_back(LoadQuestion(db, old[0].items[0].bank_id, old[0].items[0].question_id));
  copy.questions[0].bank_id = "copy";
  copy.questions[0].id = "copied";
  ImportSummary summary = ImportBank(db, copy, {"copy.json", "native", "h", false}, 0);
  EXPECT_EQ(summary.added, 0);
  ASSERT_EQ(summary.duplicates.size(), 1u);
  EXPECT_EQ(summary.duplicates[0], "copied: same as " + old[0].items[0].bank_id + "/" + old[0].items[0].question_id);
}

}  // namespace
}  // namespace proctor
