#include "engine/store/cert_store.h"

#include <algorithm>
#include <cstdio>

#include "engine/calendar.h"
#include "engine/error.h"
#include "engine/random.h"

namespace proctor {

namespace {

constexpr const char* kColumns = "id, family, exam, kind, on_date, score, validation, coalesce(voucher_used_on, '')";

// Codes are what `certs add` accepts: two to four capital letters, and for an exam a version such
// as "-C03". Anything else (a damaged row, or one synced from a faulty client) is refused here, so
// no stored text reaches the terminal or the date arithmetic unchecked.
bool IsFamily(std::string_view s) {
  return s.size() >= 2 && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsExamCode(std::string_view s) {
  const size_t dash = s.find('-');
  if (dash == std::string_view::npos) return IsFamily(s);
  const std::string_view v = s.substr(dash + 1);
  return IsFamily(s.substr(0, dash)) && v.size() == 3 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= '0' && v[1] <= '9' &&
         v[2] >= '0' && v[2] <= '9';
}

CertRecord ReadRow(const Statement& s) {
  CertRecord r;
  r.id = s.Int(0);
  r.family = s.Text(1);
  r.exam = s.Text(2);
  std::optional<CertRecordKind> kind = ParseCertRecordKind(s.Text(3));
  if (!kind) throw Error("the database is damaged: certification record " + std::to_string(r.id) + " has kind " + s.Text(3));
  r.kind = *kind;
  r.date = s.Text(4);
  if (!s.IsNull(5)) r.score = static_cast<int>(s.Int(5));
  r.validation = s.Text(6);
  r.voucher_used_on = s.Text(7);
  if (!IsFamily(r.family) || !IsExamCode(r.exam) || r.exam.rfind(r.family, 0) != 0 || !ParseIsoDate(r.date) ||
      (!r.voucher_used_on.empty() && !ParseIsoDate(r.voucher_used_on))) {
    throw Error("the database is damaged: certification record " + std::to_string(r.id) + " is not a valid record");
  }
  return r;
}


}  // namespace

std::vector<CertRecord> ListCertRecords(Database& db) {
  Statement s(db, std::string("SELECT ") + kColumns + " FROM cert_records ORDER BY on_date, id");
  std::vector<CertRecord> out;
  while (s.Step()) out.push_back(ReadRow(s));
  return out;
}

int64_t AddCertRecord(Database& db, const CertRecord& r, int64_t now_ms) {
  Transaction tx(db);
  Statement s(db, R"sql(
      INSERT INTO cert_records (uuid, family, exam, kind, on_date, score, validation, voucher_used_on, created_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, ''), ?9, ?9))sql");
  s.Bind(1, NewUuid()).Bind(2, r.family).Bind(3, r.exam).Bind(4, CertRecordKindName(r.kind)).Bind(5, r.date);
  if (r.score) s.Bind(6, *r.score);
  else s.BindNull(6);
  s.Bind(7, r.validation).Bind(8, r.voucher_used_on).Bind(9, now_ms).Run();
  const int64_t id = db.LastInsertId();
  tx.Commit();
  return id;
}

std::optional<CertRecord> RemoveCertRecord(Database& db, int64_t id) {
  Transaction tx(db);
  Statement read(db, std::string("SELECT ") + kColumns + " FROM cert_records WHERE id = ?1");
  read.Bind(1, id);
  if (!read.Step()) return std::nullopt;
  CertRecord r = ReadRow(read);
  Statement del(db, "DELETE FROM cert_records WHERE id = ?1");
  del.Bind(1, id).Run();
  tx.Commit();
  return r;
}

bool SetVoucherUsed(Database& db, int64_t id, std::string_view date, int64_t now_ms) {
  Transaction tx(db);
  Statement s(db, "UPDATE cert_records SET voucher_used_on = NULLIF(?2, ''), updated_at = ?3 WHERE id = ?1 AND kind = 'pass'");
  s.Bind(1, id).Bind(2, date).Bind(3, now_ms).Run();
  const bool changed = db.Changes() == 1;
  tx.Commit();
  return changed;
}

}  // namespace proctor
