#include "engine/team/sync.h"

#include <set>

#include "engine/hash.h"
#include "engine/json/snapshot.h"
#include "engine/question.h"
#include "engine/store/bank_store.h"
#include "engine/store/sync_store.h"

namespace proctor {

namespace {

PgParam Opt(const std::optional<int>& v) { return v ? PgParam(std::to_string(*v)) : std::nullopt; }
PgParam Opt(const std::optional<int64_t>& v) { return v ? PgParam(std::to_string(*v)) : std::nullopt; }
PgParam Opt(const std::optional<bool>& v) { return v ? PgParam(*v ? "true" : "false") : std::nullopt; }
PgParam Opt(const std::optional<double>& v) {
  if (!v) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", *v);
  return std::string(buf);
}
const char* Bool(bool b) { return b ? "true" : "false"; }

std::string ResponsesJson(const SyncAttempt& a) {
  std::string out = "[";
  for (const SyncResponse& r : a.responses) {
    if (out.size() > 1) out += ',';
    out += "{\"position\":" + std::to_string(r.position) + ",\"bank_id\":" + PgJsonString(r.bank_id) +
           ",\"question_id\":" + PgJsonString(r.question_id) + ",\"domain\":" + std::to_string(r.domain) +
           ",\"scored\":" + Bool(r.scored) + ",\"response\":" + PgJsonString(r.response) +
           ",\"correct\":" + (r.correct ? Bool(*r.correct) : "null") + ",\"flagged\":" + Bool(r.flagged) +
           ",\"time_spent_ms\":" + std::to_string(r.time_spent_ms) + "}";
  }
  return out + "]";
}

std::string DomainsJson(const SyncAttempt& a) {
  std::string out = "[";
  for (const SyncDomainCount& d : a.domains) {
    if (out.size() > 1) out += ',';
    out += "{\"domain\":" + std::to_string(d.domain) + ",\"items\":" + std::to_string(d.items) +
           ",\"answered\":" + std::to_string(d.answered) + ",\"right_answers\":" + std::to_string(d.right) + "}";
  }
  return out + "]";
}

// Pushes one attempt in one server transaction. Returns true when the server did not have it.
bool PushAttempt(PgConnection& conn, const Identity& who, const SyncAttempt& a, const SyncHooks& hooks) {
  PgTransaction tx(conn);
  PgResult inserted = conn.Exec(R"sql(
      INSERT INTO proctor.attempts (team_id, learner_id, attempt_id, exam, mode, status, started_ms, finished_ms,
                                    minutes, item_count, answered, scaled, passed, pass_score, scored_count,
                                    correct, cut)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
      ON CONFLICT (team_id, learner_id, attempt_id) DO NOTHING
      RETURNING 1)sql",
                                {who.team_id, who.learner_id, a.uuid, a.exam, a.mode, a.status,
                                 std::to_string(a.started_ms), Opt(a.finished_ms), std::to_string(a.minutes),
                                 std::to_string(a.item_count), std::to_string(a.answered), Opt(a.scaled), Opt(a.passed),
                                 std::to_string(a.pass_score), Opt(a.scored_count), Opt(a.correct), Opt(a.cut)});
  const bool fresh = inserted.Rows() == 1;
  if (fresh) {
    // Responses and domain counts go with the attempt row, in its transaction, as one statement.
    conn.Exec(R"sql(
        WITH r AS (
          INSERT INTO proctor.responses (team_id, learner_id, attempt_id, position, bank_id, question_id, domain,
                                         scored, response, correct, flagged, time_spent_ms)
          SELECT $1, $2, $3, x.position, x.bank_id, x.question_id, x.domain, x.scored, x.response, x.correct,
                 x.flagged, x.time_spent_ms
            FROM jsonb_to_recordset($4::jsonb) AS x(position integer, bank_id text, question_id text, domain integer,
                 scored boolean, response text, correct boolean, flagged boolean, time_spent_ms bigint))
        INSERT INTO proctor.attempt_domains (team_id, learner_id, attempt_id, domain, items, answered, right_answers)
        SELECT $1, $2, $3, d.domain, d.items, d.answered, d.right_answers
          FROM jsonb_to_recordset($5::jsonb) AS d(domain integer, items integer, answered integer, right_answers integer))sql",
              {who.team_id, who.learner_id, a.uuid, ResponsesJson(a), DomainsJson(a)});
  }
  if (hooks.before_commit) hooks.before_commit(a.uuid);
  tx.Commit();
  return fresh;
}

void PushCerts(Database& db, PgConnection& conn, const Identity& who, int64_t now_ms, SyncReport& report) {
  const std::vector<SyncCert> certs = ListSyncCerts(db);
  std::map<std::string, std::string> pushed = PushedHashes(db, who.team_id, "cert");
  std::set<std::string> here;
  for (const SyncCert& c : certs) {
    here.insert(c.uuid);
    auto it = pushed.find(c.uuid);
    if (it != pushed.end() && it->second == c.hash) continue;
    conn.Exec(R"sql(
        INSERT INTO proctor.cert_records (team_id, learner_id, record_id, family, exam, kind, on_date, score, voucher_used_on)
        VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9::date)
        ON CONFLICT (team_id, learner_id, record_id) DO UPDATE
          SET family = EXCLUDED.family, exam = EXCLUDED.exam, kind = EXCLUDED.kind, on_date = EXCLUDED.on_date,
              score = EXCLUDED.score, voucher_used_on = EXCLUDED.voucher_used_on, updated_at = now())sql",
              {who.team_id, who.learner_id, c.uuid, c.record.family, c.record.exam,
               std::string(CertRecordKindName(c.record.kind)), c.record.date, Opt(c.record.score),
               c.record.voucher_used_on.empty() ? PgParam() : PgParam(c.record.voucher_used_on)});
    MarkPushed(db, who.team_id, "cert", c.uuid, c.hash, now_ms);
    ++report.certs_pushed;
  }
  // A record pushed from here and since removed here is removed on the server. Records another
  // machine pushed were never pushed from here, so they stay.
  for (const auto& [uuid, hash] : pushed) {
    if (here.count(uuid)) continue;
    conn.Exec("DELETE FROM proctor.cert_records WHERE team_id = $1 AND learner_id = $2 AND record_id = $3",
              {who.team_id, who.learner_id, uuid});
    ForgetPushed(db, who.team_id, "cert", uuid);
    ++report.certs_removed;
  }
}

void PullBanks(Database& db, PgConnection& conn, const Identity& who, int64_t now_ms, SyncReport& report) {
  const std::map<std::string, int64_t> have = PulledBanks(db, who.team_id);
  PgResult list = conn.Exec("SELECT bank_id, version FROM proctor.banks WHERE team_id = $1 ORDER BY bank_id", {who.team_id});
  for (int row = 0; row < list.Rows(); ++row) {
    const std::string bank_id = list.Text(row, 0);
    auto it = have.find(bank_id);
    if (it != have.end() && it->second >= list.Int(row, 1)) continue;
    const std::optional<BankRecord> local = FindBank(db, bank_id);
    if (local && local->source.rfind("team:", 0) != 0) {
      report.notes.push_back("team bank " + bank_id + " not pulled: a bank of yours has that id");
      continue;
    }
    Bank bank;
    int64_t version = 0;
    std::string bodies_hash;
    {
      // One snapshot of the bank row and its questions, whatever a lead publishes meanwhile.
      PgTransaction tx(conn, "REPEATABLE READ READ ONLY");
      PgResult head = conn.Exec("SELECT version, title FROM proctor.banks WHERE team_id = $1 AND bank_id = $2",
                                {who.team_id, bank_id});
      if (head.Rows() != 1) continue;
      version = head.Int(0, 0);
      bank.info.id = bank_id;
      bank.info.title = head.Text(0, 1);
      PgResult questions = conn.Exec(
          "SELECT body FROM proctor.bank_questions WHERE team_id = $1 AND bank_id = $2 ORDER BY question_id",
          {who.team_id, bank_id});
      std::string all;
      for (int q = 0; q < questions.Rows(); ++q) {
        std::string body = questions.Text(q, 0);
        all += body;
        bank.questions.push_back(QuestionFromJson(body));
      }
      bodies_hash = Hash64Hex(all);
      tx.Commit();
    }
    const ImportSummary summary = ImportBank(db, bank, {"team:" + who.team_name, "native", bodies_hash, false}, now_ms);
    MarkBankPulled(db, who.team_id, bank_id, version, now_ms);
    report.banks_pulled.push_back({bank_id, bank.info.title, version, static_cast<int>(bank.questions.size()),
                                   static_cast<int>(summary.duplicates.size())});
  }
}

}  // namespace

void Sync(Database& db, PgConnection& conn, int64_t now_ms, SyncReport& report, const SyncHooks& hooks) {
  report.who = WhoAmI(conn);
  const Identity& who = report.who;
  {
    Statement open(db, "SELECT count(*) FROM attempts WHERE status = 'in_progress'");
    if (open.Step()) report.attempts_open = static_cast<int>(open.Int(0));
  }
  AssignAttemptUuids(db);
  const std::vector<PendingAttempt> pending = PendingAttempts(db, who.team_id);
  report.attempts_pending = static_cast<int>(pending.size());
  for (const PendingAttempt& p : pending) {
    const SyncAttempt attempt = ReadSyncAttempt(db, p);
    const bool fresh = PushAttempt(conn, who, attempt, hooks);
    if (hooks.after_commit) hooks.after_commit(p.uuid);
    MarkPushed(db, who.team_id, "attempt", p.uuid, "", now_ms);
    ++(fresh ? report.attempts_pushed : report.attempts_already);
  }
  PushCerts(db, conn, who, now_ms, report);
  PullBanks(db, conn, who, now_ms, report);
}

PublishResult PublishBank(Database& db, PgConnection& conn, const std::string& bank_id) {
  const std::optional<BankRecord> local = FindBank(db, bank_id);
  if (!local) throw Error("there is no bank '" + bank_id + "' here (see 'proctor banks')");
  std::string payload = "[";
  int count = 0;
  {
    Statement s(db, "SELECT id, body FROM questions WHERE bank_id = ?1 AND active = 1 ORDER BY id");
    s.Bind(1, bank_id);
    while (s.Step()) {
      if (count++ > 0) payload += ',';
      payload += "{\"question_id\":" + PgJsonString(s.Text(0)) + ",\"body\":" +
                 PgJsonString(QuestionToJson(QuestionFromStored(s.Blob(1)))) + "}";
    }
  }
  payload += "]";
  if (count == 0) throw Error("the bank '" + bank_id + "' has no questions to publish");
  const Identity who = WhoAmI(conn);
  PgTransaction tx(conn);
  PgResult v = conn.Exec(R"sql(
      INSERT INTO proctor.banks (team_id, bank_id, version, title, question_count) VALUES ($1, $2, 1, $3, $4)
      ON CONFLICT (team_id, bank_id) DO UPDATE
        SET version = proctor.banks.version + 1, title = EXCLUDED.title, question_count = EXCLUDED.question_count,
            published_by = session_user, published_at = now()
      RETURNING version)sql",
                         {who.team_id, bank_id, local->title, std::to_string(count)});
  conn.Exec("DELETE FROM proctor.bank_questions WHERE team_id = $1 AND bank_id = $2", {who.team_id, bank_id});
  conn.Exec(R"sql(
      INSERT INTO proctor.bank_questions (team_id, bank_id, question_id, body)
      SELECT $1, $2, q.question_id, q.body FROM jsonb_to_recordset($3::jsonb) AS q(question_id text, body text))sql",
            {who.team_id, bank_id, payload});
  tx.Commit();
  return {bank_id, local->title, v.Int(0, 0), count};
}

}  // namespace proctor
