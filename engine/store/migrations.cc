#include "engine/store/migrations.h"

#include <string>
#include <tuple>
#include <vector>

#include "engine/hash.h"
#include "engine/json/snapshot.h"
#include "engine/question.h"
#include "engine/store/database.h"
#include "engine/store/item_tally.h"
#include "engine/store/review_store.h"

namespace proctor {

namespace {

struct Step {
  const char* sql;
  void (*after)(Database& db);  // data changes SQL alone cannot make, or nullptr
  const char* finish_sql;       // SQL to run after `after`, or nullptr
};

// Version 2 adds a content fingerprint to every question, for finding duplicates across banks.
void BackfillFingerprints(Database& db) {
  Statement read(db, "SELECT bank_id, id, body FROM questions");
  Statement write(db, "UPDATE questions SET fingerprint = ?3 WHERE bank_id = ?1 AND id = ?2");
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  while (read.Step()) rows.emplace_back(read.Text(0), read.Text(1), Fingerprint(QuestionFromStored(read.Blob(2))));
  for (const auto& [bank, id, fingerprint] : rows) {
    write.Reset();
    write.Bind(1, bank).Bind(2, id).Bind(3, fingerprint).Run();
  }
}

// Version 3 keeps each question snapshot once, in question_snapshots, instead of in every
// attempt item (a 10,000-attempt history was 2.9 GB, and reading an item's answer meant reading
// past its snapshot).
void MoveSnapshots(Database& db) {
  Statement read(db, "SELECT attempt_id, position, question FROM attempt_items");
  Statement keep(db, "INSERT OR IGNORE INTO question_snapshots (id, body) VALUES (?1, ?2)");
  Statement link(db, "UPDATE attempt_items SET snapshot = ?3 WHERE attempt_id = ?1 AND position = ?2");
  std::vector<std::tuple<int64_t, int64_t, std::string>> rows;
  while (read.Step()) rows.emplace_back(read.Int(0), read.Int(1), read.Blob(2));
  for (const auto& [attempt, position, body] : rows) {
    // JSON bodies of schema 1 become the stored form, so every snapshot has one key.
    std::string stored = QuestionToStored(QuestionFromStored(body));
    std::string key = SnapshotKey(stored);
    keep.Reset();
    keep.Bind(1, key).BindBlob(2, stored).Run();
    link.Reset();
    link.Bind(1, attempt).Bind(2, position).Bind(3, key).Run();
  }
}

// Version 4 keys every question for a fast random draw, keeps when each question was last in an
// attempt (drawing from a million questions must not scan them, nor every attempt item), and moves
// content hashes and fingerprints to the faster hash (bank files are hashed again when next seen).
void KeyQuestionsForDrawing(Database& db) {
  Statement read(db, "SELECT bank_id, id, body FROM questions");
  Statement write(db, R"sql(
      UPDATE questions SET draw_key = ?3, content_hash = ?4, fingerprint = ?5 WHERE bank_id = ?1 AND id = ?2)sql");
  struct Row {
    std::string bank, id, hash, fingerprint;
  };
  std::vector<Row> rows;
  while (read.Step()) {
    std::string body = read.Blob(2);
    rows.push_back({read.Text(0), read.Text(1), Hash64Hex(body), Fingerprint(QuestionFromStored(body))});
  }
  for (const Row& r : rows) {
    write.Reset();
    write.Bind(1, r.bank).Bind(2, r.id).Bind(3, DrawKey(r.bank, r.id)).Bind(4, r.hash).Bind(5, r.fingerprint).Run();
  }
}

// Version 7 stores each question's topic in a column of its own, for drawing.
void BackfillTopics(Database& db) {
  Statement read(db, "SELECT rowid, body FROM questions");
  Statement write(db, "UPDATE questions SET topic = ?2 WHERE rowid = ?1");
  std::vector<std::pair<int64_t, std::string>> rows;
  while (read.Step()) {
    std::string topic = QuestionFromStored(read.Blob(1)).topic;
    if (!topic.empty()) rows.emplace_back(read.Int(0), std::move(topic));
  }
  for (const auto& [rowid, topic] : rows) {
    write.Reset();
    write.Bind(1, rowid).Bind(2, topic).Run();
  }
}

// Index i takes the schema from version i to i + 1. Never edit a shipped entry: add a new one.
// Version 11: the study schedule replayed from the history, and the per-question tallies.
void Schema11(Database& db) {
  ReplayAnswerHistory(db);
  BackfillItemTallies(db);
}

const std::vector<Step>& Steps() {
  static const std::vector<Step> steps = {
      // 0 -> 1: banks, questions, attempts and their items.
      {R"sql(
CREATE TABLE banks (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  source      TEXT NOT NULL,
  format      TEXT NOT NULL,
  file_hash   TEXT NOT NULL,
  shipped     INTEGER NOT NULL DEFAULT 0,
  imported_at INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE questions (
  bank_id      TEXT NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  exam         TEXT NOT NULL,
  domain       INTEGER NOT NULL,
  type         TEXT NOT NULL,
  case_study   INTEGER NOT NULL,
  pilot        INTEGER NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1,
  content_hash TEXT NOT NULL,
  body         TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (bank_id, id)
) WITHOUT ROWID;
CREATE INDEX questions_by_exam ON questions (exam, domain);
CREATE TABLE attempts (
  id           INTEGER PRIMARY KEY,
  exam         TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('exam', 'practice')),
  blueprint    TEXT NOT NULL,
  seed         INTEGER NOT NULL,
  started_at   INTEGER NOT NULL,
  deadline     INTEGER NOT NULL,
  minutes      INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted', 'expired')),
  position     INTEGER NOT NULL DEFAULT 0,
  finished_at  INTEGER,
  scaled       INTEGER,
  passed       INTEGER,
  scored_count INTEGER,
  correct      INTEGER,
  cut          REAL
);
CREATE INDEX attempts_by_exam ON attempts (exam, started_at);
CREATE TABLE attempt_items (
  attempt_id    INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  bank_id       TEXT NOT NULL,
  question_id   TEXT NOT NULL,
  domain        INTEGER NOT NULL,
  scored        INTEGER NOT NULL,
  option_order  TEXT NOT NULL,
  question      TEXT NOT NULL,
  response      TEXT NOT NULL DEFAULT '',
  flagged       INTEGER NOT NULL DEFAULT 0,
  time_spent_ms INTEGER NOT NULL DEFAULT 0,
  correct       INTEGER,
  PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;
CREATE INDEX attempt_items_by_question ON attempt_items (bank_id, question_id);
CREATE TABLE attempt_domains (
  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  domain     INTEGER NOT NULL,
  name       TEXT NOT NULL,
  weight     INTEGER NOT NULL,
  scored     INTEGER NOT NULL,
  correct    INTEGER NOT NULL,
  cut        REAL NOT NULL,
  class      TEXT NOT NULL,
  PRIMARY KEY (attempt_id, domain)
) WITHOUT ROWID;
)sql", nullptr, nullptr},
      // 1 -> 2: content fingerprints (duplicates across banks), and the bank files seen in the
      // banks folder (only new or changed files are read again).
      {R"sql(
ALTER TABLE questions ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
CREATE INDEX questions_by_fingerprint ON questions (fingerprint);
CREATE TABLE bank_files (
  path        TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  file_hash   TEXT NOT NULL,
  bank_id     TEXT,
  status      TEXT NOT NULL,
  checked_at  INTEGER NOT NULL
);
)sql", BackfillFingerprints, nullptr},
      // 2 -> 3: question snapshots kept once each.
      {R"sql(
CREATE TABLE question_snapshots (
  id   TEXT PRIMARY KEY,
  body BLOB NOT NULL
);
ALTER TABLE attempt_items ADD COLUMN snapshot TEXT NOT NULL DEFAULT '';
)sql", MoveSnapshots, "ALTER TABLE attempt_items DROP COLUMN question;"},
      // 3 -> 4: questions move to a rowid table with the body last (a question's body is about a
      // kilobyte: as the key of a WITHOUT ROWID table it overflowed its page, and importing a large
      // bank spent most of its time splitting pages), with a random draw key each; and when each
      // question was last in an attempt is kept, for drawing from a large bank without a scan.
      // Attempts keep their item and answer counts and pass score, so history reads no items.
      // The draw indexes cover every column drawing reads (active and pilot too: SQLite 3.40 does
      // not count a partial index's own condition as covered), so a draw never reads a row; the
      // fingerprint index likewise covers the import's read of every active fingerprint.
      {R"sql(
CREATE TABLE questions_4 (
  rowid        INTEGER PRIMARY KEY,
  bank_id      TEXT NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  exam         TEXT NOT NULL,
  domain       INTEGER NOT NULL,
  type         TEXT NOT NULL,
  case_study   INTEGER NOT NULL,
  pilot        INTEGER NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1,
  content_hash TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  fingerprint  TEXT NOT NULL DEFAULT '',
  draw_key     INTEGER NOT NULL DEFAULT 0,
  body         BLOB NOT NULL,
  UNIQUE (bank_id, id)
);
INSERT INTO questions_4 (bank_id, id, exam, domain, type, case_study, pilot, active, content_hash,
                         updated_at, fingerprint, body)
  SELECT bank_id, id, exam, domain, type, case_study, pilot, active, content_hash, updated_at,
         fingerprint, body FROM questions ORDER BY bank_id, id;
DROP TABLE questions;
ALTER TABLE questions_4 RENAME TO questions;
CREATE TABLE question_seen (
  bank_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  exam        TEXT NOT NULL,
  last_seen   INTEGER NOT NULL,
  PRIMARY KEY (bank_id, question_id)
) WITHOUT ROWID;
CREATE INDEX question_seen_by_exam ON question_seen (exam);
ALTER TABLE attempts ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN pass_score INTEGER NOT NULL DEFAULT 0;
UPDATE attempts SET
  item_count = (SELECT count(*) FROM attempt_items i WHERE i.attempt_id = attempts.id),
  answered = (SELECT count(*) FROM attempt_items i WHERE i.attempt_id = attempts.id AND i.response <> ''),
  pass_score = coalesce(json_extract(blueprint, '$.blueprint.pass_score'), 0);
INSERT INTO question_seen (bank_id, question_id, exam, last_seen)
  SELECT i.bank_id, i.question_id, a.exam, max(a.started_at)
    FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id
   GROUP BY i.bank_id, i.question_id;
)sql", KeyQuestionsForDrawing, R"sql(
CREATE INDEX questions_by_fingerprint ON questions (fingerprint, active) WHERE active = 1;
CREATE INDEX questions_for_draw
  ON questions (exam, domain, draw_key, type, case_study, pilot, bank_id, id, active) WHERE active = 1;
CREATE INDEX questions_pilots_for_draw
  ON questions (exam, draw_key, domain, type, case_study, bank_id, id, active, pilot) WHERE active = 1 AND pilot = 1;
)sql"},
      // Version 5: each bank's question counts, kept by every import, so that 'exams' and 'banks'
      // need not count a million questions (half a second) each time. Active questions per exam,
      // domain, type and case study; the bank's retired questions in one row with active = 0.
      {R"sql(
CREATE TABLE bank_counts (
  bank_id    TEXT NOT NULL REFERENCES banks(id) ON DELETE CASCADE,
  exam       TEXT NOT NULL,
  domain     INTEGER NOT NULL,
  type       TEXT NOT NULL,
  case_study INTEGER NOT NULL,
  active     INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (bank_id, exam, domain, type, case_study, active)
) WITHOUT ROWID;
INSERT INTO bank_counts
  SELECT bank_id, exam, domain, type, case_study, 1, count(*) FROM questions WHERE active = 1
   GROUP BY bank_id, exam, domain, type, case_study;
INSERT INTO bank_counts
  SELECT bank_id, '', 0, '', 0, 0, count(*) FROM questions WHERE active = 0 GROUP BY bank_id;
)sql", nullptr, nullptr},
      // Version 6: who holds an attempt open (one live process at a time; engine/store/attempt_lease.h),
      // and the options a learner struck out on each item, kept like flags.
      {R"sql(
CREATE TABLE attempt_leases (
  attempt_id    INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
  pid           INTEGER NOT NULL,
  host          TEXT NOT NULL,
  process_start TEXT NOT NULL,
  since         INTEGER NOT NULL
);
ALTER TABLE attempt_items ADD COLUMN struck TEXT NOT NULL DEFAULT '';
)sql", nullptr, nullptr},
      // Version 7: each question's topic (the fact it tests), which drawing reads so that a form
      // never holds two questions on one fact; the draw indexes cover it.
      {R"sql(
ALTER TABLE questions ADD COLUMN topic TEXT NOT NULL DEFAULT '';
DROP INDEX questions_for_draw;
DROP INDEX questions_pilots_for_draw;
)sql", BackfillTopics, R"sql(
CREATE INDEX questions_for_draw
  ON questions (exam, domain, draw_key, type, case_study, pilot, bank_id, id, topic, active) WHERE active = 1;
CREATE INDEX questions_pilots_for_draw
  ON questions (exam, draw_key, domain, type, case_study, bank_id, id, topic, active, pilot) WHERE active = 1 AND pilot = 1;
)sql"},
      // Version 8: whether a question's domain was inferred (its bank gave none), and the domains a
      // learner set by hand, which every later import of the bank keeps.
      {R"sql(
ALTER TABLE questions ADD COLUMN domain_inferred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempt_items ADD COLUMN domain_inferred INTEGER NOT NULL DEFAULT 0;
CREATE INDEX questions_inferred ON questions (bank_id, active) WHERE domain_inferred = 1;
CREATE TABLE domain_overrides (
  bank_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  domain      INTEGER NOT NULL,
  set_at      INTEGER NOT NULL,
  PRIMARY KEY (bank_id, question_id)
) WITHOUT ROWID;
)sql", nullptr, nullptr},
      // Version 9: the learner's certification journey (engine/certs.h): every real exam result and
      // hand-recorded renewal the learner reports (kept apart from proctor's own attempts), and when
      // each pass's discount voucher was used. Rows carry a UUID for syncing.
      {R"sql(
CREATE TABLE cert_records (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  family      TEXT NOT NULL,
  exam        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('pass', 'fail', 'maintain', 'renewal')),
  on_date     TEXT NOT NULL,
  score       INTEGER,
  validation  TEXT NOT NULL DEFAULT '',
  voucher_used_on TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX cert_records_by_date ON cert_records (on_date, id);
)sql", nullptr, nullptr},
      // Version 10: fingerprints ignore trailing punctuation and spacing ("What is S3?" and "What is
      // S3" are one question), so every stored one is computed again.
      {"", BackfillFingerprints, nullptr},
      // Version 11: the study schedule (FSRS-5, engine/study.h). `reviews` logs every review (an
      // exam's answers at its end, practice answers when given, a missed question answered again in
      // the same session); `memory_states` keeps each question's stability and difficulty after its
      // last review. Every answer already in the history is replayed into both, in time order.
      // Finished practice sessions with no answer (quit at once) are deleted: they were only noise in
      // the statistics, and a practice session with no answer is no longer kept. `item_tallies` and
      // `item_wrong_choices` keep per-question answer statistics for `stats --items`, computed from
      // the history here and added to as each attempt finishes.
      {R"sql(
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  bank_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  exam        TEXT NOT NULL,
  reviewed_at INTEGER NOT NULL,
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  kind        TEXT NOT NULL CHECK (kind IN ('exam', 'practice', 'relearn')),
  attempt_id  INTEGER REFERENCES attempts(id) ON DELETE SET NULL,
  position    INTEGER,
  time_ms     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_by_question ON reviews (bank_id, question_id, reviewed_at);
CREATE INDEX reviews_by_attempt ON reviews (attempt_id) WHERE attempt_id IS NOT NULL;
CREATE TABLE memory_states (
  bank_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  exam        TEXT NOT NULL,
  stability   REAL NOT NULL,
  difficulty  REAL NOT NULL,
  last_review INTEGER NOT NULL,
  last_rating INTEGER NOT NULL CHECK (last_rating BETWEEN 1 AND 4),
  reviews     INTEGER NOT NULL,
  lapses      INTEGER NOT NULL,
  PRIMARY KEY (bank_id, question_id)
) WITHOUT ROWID;
CREATE INDEX memory_states_by_exam ON memory_states (exam);
CREATE TABLE item_tallies (
  exam         TEXT NOT NULL,
  bank_id      TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  seen         INTEGER NOT NULL,
  right_count  INTEGER NOT NULL,
  time_ms      INTEGER NOT NULL,
  passed_seen  INTEGER NOT NULL,
  passed_right INTEGER NOT NULL,
  failed_seen  INTEGER NOT NULL,
  failed_right INTEGER NOT NULL,
  PRIMARY KEY (exam, bank_id, question_id)
) WITHOUT ROWID;
CREATE TABLE item_wrong_choices (
  exam        TEXT NOT NULL,
  bank_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  choice      TEXT NOT NULL,
  count       INTEGER NOT NULL,
  PRIMARY KEY (exam, bank_id, question_id, choice)
) WITHOUT ROWID;
DELETE FROM attempts
 WHERE mode = 'practice' AND status <> 'in_progress'
   AND NOT EXISTS (SELECT 1 FROM attempt_items i WHERE i.attempt_id = attempts.id AND i.response <> '');
)sql", Schema11, nullptr},
      // Version 12 (issue 19, the team server): a UUID for each finished attempt, given at its first sync, so a push is idempotent
      // across retries and machines; what was pushed to which team server (by the team's UUID), with
      // a hash of what was sent for rows that can change (certification records); and the version of
      // each team bank pulled.
      {R"sql(
CREATE TABLE sync_attempt_ids (
  attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
  uuid       TEXT NOT NULL UNIQUE
);
CREATE TABLE sync_pushed (
  team_id   TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('attempt', 'cert')),
  uuid      TEXT NOT NULL,
  hash      TEXT NOT NULL,
  pushed_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, kind, uuid)
) WITHOUT ROWID;
CREATE TABLE sync_banks (
  team_id   TEXT NOT NULL,
  bank_id   TEXT NOT NULL,
  version   INTEGER NOT NULL,
  pulled_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, bank_id)
) WITHOUT ROWID;
)sql", nullptr, nullptr},
  };
  return steps;
}

int UserVersion(Database& db) {
  Statement s(db, "PRAGMA user_version");
  return s.Step() ? static_cast<int>(s.Int(0)) : 0;
}

}  // namespace

int SchemaVersion() { return static_cast<int>(Steps().size()); }

void Migrate(Database& db) {
  int version = UserVersion(db);
  for (int v = version; v < SchemaVersion(); ++v) {
    Transaction tx(db);
    // Another process may have taken this step while this one waited for the write lock.
    if (UserVersion(db) > v) continue;
    if (v == 0) db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    const Step& step = Steps()[static_cast<size_t>(v)];
    db.Exec(step.sql);
    if (step.after != nullptr) step.after(db);
    if (step.finish_sql != nullptr) db.Exec(step.finish_sql);
    db.Exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.Commit();
  }
}

}  // namespace proctor
