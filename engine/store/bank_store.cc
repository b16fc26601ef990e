#include "engine/store/bank_store.h"

#include <algorithm>

#include "engine/error.h"
#include "engine/json/snapshot.h"

namespace proctor {

ImportSummary ImportBank(Database& db, const Bank& bank, const BankSource& source, int64_t now_ms,
                         const ImportProgress& progress) {
  ImportSummary summary;
  summary.bank_id = bank.info.id;
  Transaction tx(db);
  Statement upsert_bank(db, R"sql(
      INSERT INTO banks (id, title, source, format, file_hash, shipped, imported_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
      ON CONFLICT (id) DO UPDATE SET title = ?2, source = ?3, format = ?4, file_hash = ?5,
        shipped = ?6, updated_at = ?7)sql");
  upsert_bank.Bind(1, bank.info.id).Bind(2, bank.info.title).Bind(3, source.source)
      .Bind(4, source.format).Bind(5, source.file_hash).Bind(6, source.shipped ? 1 : 0).Bind(7, now_ms);
  upsert_bank.Run();

  // Everything starts retired; each question in the file comes back to life below.
  Statement retire_all(db, "UPDATE questions SET active = 0 WHERE bank_id = ?1 AND active = 1");
  retire_all.Bind(1, bank.info.id).Run();
  int previously_active = db.Changes();

  Statement find(db, "SELECT content_hash FROM questions WHERE bank_id = ?1 AND id = ?2");
  Statement upsert(db, R"sql(
      INSERT INTO questions (bank_id, id, exam, domain, type, case_study, pilot, active,
                             content_hash, body, updated_at, fingerprint)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11)
      ON CONFLICT (bank_id, id) DO UPDATE SET exam = ?3, domain = ?4, type = ?5, case_study = ?6,
        pilot = ?7, active = 1, content_hash = ?8, body = ?9, updated_at = ?10, fingerprint = ?11)sql");
  Statement same(db, R"sql(
      SELECT bank_id, id FROM questions
       WHERE fingerprint = ?1 AND active = 1 AND NOT (bank_id = ?2 AND id = ?3) LIMIT 1)sql");
  Statement revive(db, "UPDATE questions SET active = 1 WHERE bank_id = ?1 AND id = ?2");
  size_t done = 0;
  for (const Question& q : bank.questions) {
    if (progress && ++done % 1000 == 0) progress(done, bank.questions.size());
    const std::string fingerprint = Fingerprint(q);
    same.Reset();
    same.Bind(1, fingerprint).Bind(2, bank.info.id).Bind(3, q.id);
    if (same.Step()) {
      summary.duplicates.push_back(q.id + ": same as " + same.Text(0) + "/" + same.Text(1));
      continue;
    }
    std::string body = QuestionToStored(q);
    std::string hash = HashHex(body);
    find.Reset();
    find.Bind(1, bank.info.id).Bind(2, q.id);
    bool exists = find.Step();
    std::string old_hash = exists ? find.Text(0) : std::string();
    if (exists && old_hash == hash) {
      revive.Reset();
      revive.Bind(1, bank.info.id).Bind(2, q.id).Run();
      ++summary.unchanged;
      continue;
    }
    upsert.Reset();
    upsert.Bind(1, bank.info.id).Bind(2, q.id).Bind(3, q.exam).Bind(4, q.domain)
        .Bind(5, ItemTypeName(q.type)).Bind(6, q.scenario_id.empty() ? 0 : 1).Bind(7, q.pilot ? 1 : 0)
        .Bind(8, hash).BindBlob(9, body).Bind(10, now_ms).Bind(11, fingerprint);
    upsert.Run();
    ++(exists ? summary.updated : summary.added);
  }
  summary.retired = std::max(0, previously_active - (summary.updated + summary.unchanged));
  if (progress) progress(bank.questions.size(), bank.questions.size());
  tx.Commit();
  return summary;
}

namespace {

BankRecord ReadBank(const Statement& s) {
  return {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4) != 0, s.Int(5), s.Int(6)};
}

constexpr const char* kBankColumns = "SELECT id, title, source, format, shipped, imported_at, updated_at FROM banks";

}  // namespace

std::optional<BankRecord> FindBank(Database& db, const std::string& bank_id) {
  Statement s(db, std::string(kBankColumns) + " WHERE id = ?1");
  s.Bind(1, bank_id);
  if (!s.Step()) return std::nullopt;
  return ReadBank(s);
}

std::vector<BankRecord> ListBanks(Database& db) {
  std::vector<BankRecord> out;
  Statement s(db, std::string(kBankColumns) + " ORDER BY shipped DESC, id");
  while (s.Step()) out.push_back(ReadBank(s));
  return out;
}

bool BankFileKnown(Database& db, const std::string& file_hash) {
  Statement s(db, "SELECT 1 FROM banks WHERE file_hash = ?1");
  s.Bind(1, file_hash);
  return s.Step();
}

std::vector<Candidate> LoadCandidates(Database& db, const std::string& exam) {
  std::vector<Candidate> out;
  Statement s(db, R"sql(
      SELECT q.bank_id, q.id, q.domain, q.type, q.case_study, q.pilot,
             (SELECT max(a.started_at) FROM attempt_items ai JOIN attempts a ON a.id = ai.attempt_id
               WHERE ai.bank_id = q.bank_id AND ai.question_id = q.id)
        FROM questions q
       WHERE q.exam = ?1 AND q.active = 1)sql");
  s.Bind(1, exam);
  while (s.Step()) {
    Candidate c;
    c.bank_id = s.Text(0);
    c.question_id = s.Text(1);
    c.domain = static_cast<int>(s.Int(2));
    c.type = ParseItemType(s.Text(3)).value_or(ItemType::kSingle);
    c.case_study = s.Int(4) != 0;
    c.pilot = s.Int(5) != 0;
    c.last_seen_ms = s.IsNull(6) ? 0 : s.Int(6);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<FormItem> DrawForm(Database& db, const Blueprint& b, const FormShape& shape,
                               const std::vector<std::string>& banks, uint64_t seed) {
  std::vector<Candidate> pool = LoadCandidates(db, b.code);
  if (!banks.empty()) {
    std::erase_if(pool, [&](const Candidate& c) {
      return std::find(banks.begin(), banks.end(), c.bank_id) == banks.end();
    });
    if (pool.empty()) {
      std::string names;
      for (const std::string& id : banks) names += (names.empty() ? "" : ", ") + id;
      throw Error("no questions for " + b.code + " in bank " + names + " (see 'proctor exams' and your imports)");
    }
  }
  return AssembleForm(b, shape, std::move(pool), seed);
}

Question LoadQuestion(Database& db, const std::string& bank_id, const std::string& question_id) {
  Statement s(db, "SELECT body FROM questions WHERE bank_id = ?1 AND id = ?2");
  s.Bind(1, bank_id).Bind(2, question_id);
  if (!s.Step()) throw Error("question " + bank_id + "/" + question_id + " is not in the database");
  return QuestionFromStored(s.Blob(0));
}

}  // namespace proctor
