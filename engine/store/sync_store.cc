#include "engine/store/sync_store.h"

#include "engine/error.h"
#include "engine/hash.h"
#include "engine/random.h"

namespace proctor {

namespace {

// A deferred (read) transaction: one consistent snapshot for a few statements, which in WAL mode
// never blocks a writer. Ends on destruction; reads need no commit.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db) : db_(db) { db_.Exec("BEGIN DEFERRED"); }
  ~ReadTransaction() {
    try {
      db_.Exec("COMMIT");
    } catch (...) {  // a read-only transaction has nothing to lose
    }
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Database& db_;
};

constexpr const char* kFinished = "('submitted', 'expired')";

}  // namespace

int AssignAttemptUuids(Database& db) {
  std::vector<int64_t> missing;
  {
    Statement s(db, std::string("SELECT a.id FROM attempts a LEFT JOIN sync_attempt_ids u ON u.attempt_id = a.id "
                                "WHERE u.attempt_id IS NULL AND a.status IN ") + kFinished);
    while (s.Step()) missing.push_back(s.Int(0));
  }
  if (missing.empty()) return 0;
  Transaction tx(db);
  Statement give(db, "INSERT OR IGNORE INTO sync_attempt_ids (attempt_id, uuid) VALUES (?1, ?2)");
  int given = 0;
  for (int64_t id : missing) {
    give.Reset();
    give.Bind(1, id).Bind(2, NewUuid()).Run();
    given += db.Changes();
  }
  tx.Commit();
  return given;
}

std::vector<PendingAttempt> PendingAttempts(Database& db, const std::string& team_id) {
  Statement s(db, std::string(R"sql(
      SELECT a.id, u.uuid FROM attempts a JOIN sync_attempt_ids u ON u.attempt_id = a.id
       WHERE a.status IN )sql") + kFinished + R"sql(
         AND NOT EXISTS (SELECT 1 FROM sync_pushed p WHERE p.team_id = ?1 AND p.kind = 'attempt' AND p.uuid = u.uuid)
       ORDER BY a.id)sql");
  s.Bind(1, team_id);
  std::vector<PendingAttempt> out;
  while (s.Step()) out.push_back({s.Int(0), s.Text(1)});
  return out;
}

SyncAttempt ReadSyncAttempt(Database& db, const PendingAttempt& which) {
  ReadTransaction read(db);
  SyncAttempt a;
  a.local_id = which.local_id;
  a.uuid = which.uuid;
  {
    Statement s(db, R"sql(
        SELECT exam, mode, status, started_at, finished_at, minutes, item_count, answered, scaled, passed,
               pass_score, scored_count, correct, cut
          FROM attempts WHERE id = ?1)sql");
    s.Bind(1, which.local_id);
    if (!s.Step()) throw Error("attempt " + std::to_string(which.local_id) + " is gone");
    a.exam = s.Text(0);
    a.mode = s.Text(1);
    a.status = s.Text(2);
    if (a.status != "submitted" && a.status != "expired") {
      throw Error("attempt " + std::to_string(which.local_id) + " is still in progress: it is not synced");
    }
    a.started_ms = s.Int(3);
    if (!s.IsNull(4)) a.finished_ms = s.Int(4);
    a.minutes = static_cast<int>(s.Int(5));
    a.item_count = static_cast<int>(s.Int(6));
    a.answered = static_cast<int>(s.Int(7));
    if (!s.IsNull(8)) a.scaled = static_cast<int>(s.Int(8));
    if (!s.IsNull(9)) a.passed = s.Int(9) != 0;
    a.pass_score = static_cast<int>(s.Int(10));
    if (!s.IsNull(11)) a.scored_count = static_cast<int>(s.Int(11));
    if (!s.IsNull(12)) a.correct = static_cast<int>(s.Int(12));
    if (!s.IsNull(13)) a.cut = s.Double(13);
  }
  Statement items(db, R"sql(
      SELECT position, bank_id, question_id, domain, scored, response, correct, flagged, time_spent_ms
        FROM attempt_items WHERE attempt_id = ?1 ORDER BY position)sql");
  items.Bind(1, which.local_id);
  std::map<int, SyncDomainCount> domains;
  while (items.Step()) {
    SyncResponse r;
    r.position = static_cast<int>(items.Int(0));
    r.bank_id = items.Text(1);
    r.question_id = items.Text(2);
    r.domain = static_cast<int>(items.Int(3));
    r.scored = items.Int(4) != 0;
    r.response = items.Text(5);
    if (!items.IsNull(6)) r.correct = items.Int(6) != 0;
    r.flagged = items.Int(7) != 0;
    r.time_spent_ms = items.Int(8);
    SyncDomainCount& d = domains[r.domain];
    d.domain = r.domain;
    ++d.items;
    if (!r.response.empty()) {
      ++d.answered;
      if (r.correct.value_or(false)) ++d.right;
    }
    a.responses.push_back(std::move(r));
  }
  for (const auto& [number, d] : domains) a.domains.push_back(d);
  return a;
}

void MarkPushed(Database& db, const std::string& team_id, const std::string& kind, const std::string& uuid,
                const std::string& hash, int64_t now_ms) {
  Transaction tx(db);
  Statement s(db, R"sql(INSERT INTO sync_pushed (team_id, kind, uuid, hash, pushed_at) VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (team_id, kind, uuid) DO UPDATE SET hash = excluded.hash, pushed_at = excluded.pushed_at)sql");
  s.Bind(1, team_id).Bind(2, kind).Bind(3, uuid).Bind(4, hash).Bind(5, now_ms).Run();
  tx.Commit();
}

void ForgetPushed(Database& db, const std::string& team_id, const std::string& kind, const std::string& uuid) {
  Transaction tx(db);
  Statement s(db, "DELETE FROM sync_pushed WHERE team_id = ?1 AND kind = ?2 AND uuid = ?3");
  s.Bind(1, team_id).Bind(2, kind).Bind(3, uuid).Run();
  tx.Commit();
}

std::map<std::string, std::string> PushedHashes(Database& db, const std::string& team_id, const std::string& kind) {
  Statement s(db, "SELECT uuid, hash FROM sync_pushed WHERE team_id = ?1 AND kind = ?2");
  s.Bind(1, team_id).Bind(2, kind);
  std::map<std::string, std::string> out;
  while (s.Step()) out[s.Text(0)] = s.Text(1);
  return out;
}

std::vector<SyncCert> ListSyncCerts(Database& db) {
  Statement s(db, R"sql(SELECT uuid, id, family, exam, kind, on_date, score, coalesce(voucher_used_on, '')
                          FROM cert_records ORDER BY on_date, id)sql");
  std::vector<SyncCert> out;
  while (s.Step()) {
    SyncCert c;
    c.uuid = s.Text(0);
    c.record.id = s.Int(1);
    c.record.family = s.Text(2);
    c.record.exam = s.Text(3);
    const std::optional<CertRecordKind> kind = ParseCertRecordKind(s.Text(4));
    if (!kind) throw Error("the database is damaged: certification record " + std::to_string(c.record.id) + " has no valid kind");
    c.record.kind = *kind;
    c.record.date = s.Text(5);
    if (!s.IsNull(6)) c.record.score = static_cast<int>(s.Int(6));
    c.record.voucher_used_on = s.Text(7);
    c.hash = Hash64Hex(c.record.family + "|" + c.record.exam + "|" + s.Text(4) + "|" + c.record.date + "|" +
                       (c.record.score ? std::to_string(*c.record.score) : "") + "|" + c.record.voucher_used_on);
    out.push_back(std::move(c));
  }
  return out;
}

std::map<std::string, int64_t> PulledBanks(Database& db, const std::string& team_id) {
  Statement s(db, "SELECT bank_id, version FROM sync_banks WHERE team_id = ?1");
  s.Bind(1, team_id);
  std::map<std::string, int64_t> out;
  while (s.Step()) out[s.Text(0)] = s.Int(1);
  return out;
}

void MarkBankPulled(Database& db, const std::string& team_id, const std::string& bank_id, int64_t version, int64_t now_ms) {
  Transaction tx(db);
  Statement s(db, R"sql(INSERT INTO sync_banks (team_id, bank_id, version, pulled_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (team_id, bank_id) DO UPDATE SET version = excluded.version, pulled_at = excluded.pulled_at)sql");
  s.Bind(1, team_id).Bind(2, bank_id).Bind(3, version).Bind(4, now_ms).Run();
  tx.Commit();
}

}  // namespace proctor
