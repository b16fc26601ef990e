// Benchmark: saving one answer durably, as the exam screen does, against a bare SQLite WAL commit
// with synchronous=FULL in the same run and directory. Not a test: tools/bench_save.sh runs it.
//   build/proctor_bench_save DIR K
// In DIR (an existing directory on the file system under test) it creates proctor.db with the
// shipped banks (as proctor does on first use), starts a real CLF-C02 exam attempt, then K times:
//   answer:   proctor::Session::Answer on the current question (sets the response, then
//             SqliteAttemptLog::SaveItem commits it: BEGIN IMMEDIATE, UPDATE attempt_items, COMMIT);
//   baseline: UPDATE t SET v = ? WHERE k = ? as an autocommit in bare.db, a one-table database
//             with journal_mode=WAL and synchronous=FULL;
//   move:     proctor::Session::GoTo the next question (SaveMove, also one durable commit).
// Times are std::chrono::steady_clock milliseconds per call.
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"
#include "engine/catalog.h"
#include "engine/clock.h"
#include "engine/error.h"
#include "engine/question.h"
#include "engine/session.h"
#include "engine/shipped.h"
#include "engine/start_attempt.h"
#include "engine/store/attempt_store.h"
#include "engine/store/database.h"
#include "tools/bench_stats.h"

namespace {

using proctor::bench::Ms;
using proctor::bench::MsSince;
using proctor::bench::Now;

constexpr int kRows = 65;  // the baseline table has as many rows as a CLF-C02 form

// The baseline: a bare SQLite database, no proctor code. Handles are owned, errors thrown.
class BareTable {
 public:
  explicit BareTable(const std::string& path) : db_(Open(path), &sqlite3_close_v2), update_(nullptr, &sqlite3_finalize) {
    Exec("PRAGMA journal_mode = WAL");
    Exec("PRAGMA synchronous = FULL");
    Exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)");
    Exec("BEGIN");
    for (int k = 0; k < kRows; ++k) Exec("INSERT INTO t(k, v) VALUES (" + std::to_string(k) + ", '')");
    Exec("COMMIT");
    sqlite3_stmt* stmt = nullptr;
    Check(sqlite3_prepare_v2(db_.get(), "UPDATE t SET v = ?1 WHERE k = ?2", -1, &stmt, nullptr));
    update_.reset(stmt);
  }

  // One autocommit UPDATE; the statement is prepared once, as a tuned baseline would.
  void Update(int k, const std::string& v) {
    sqlite3_reset(update_.get());
    Check(sqlite3_bind_text(update_.get(), 1, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    Check(sqlite3_bind_int(update_.get(), 2, k));
    if (sqlite3_step(update_.get()) != SQLITE_DONE) Check(sqlite3_errcode(db_.get()));
  }

  std::string Pragma(const char* name) {
    sqlite3_stmt* raw = nullptr;
    Check(sqlite3_prepare_v2(db_.get(), (std::string("PRAGMA ") + name).c_str(), -1, &raw, nullptr));
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw, &sqlite3_finalize);
    if (sqlite3_step(raw) != SQLITE_ROW) return "";
    const unsigned char* text = sqlite3_column_text(raw, 0);
    return text ? reinterpret_cast<const char*>(text) : "";
  }

 private:
  static sqlite3* Open(const std::string& path) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open(path.c_str(), &db);
    if (rc != SQLITE_OK) {
      sqlite3_close_v2(db);
      throw proctor::Error(path + ": " + sqlite3_errstr(rc));
    }
    return db;
  }
  void Exec(const std::string& sql) { Check(sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr)); }
  void Check(int rc) {
    if (rc != SQLITE_OK) throw proctor::Error(std::string("bare.db: ") + sqlite3_errmsg(db_.get()));
  }

  std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db_;
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> update_;
};

std::string PragmaText(proctor::Database& db, const char* name) {
  proctor::Statement s(db, std::string("PRAGMA ") + name);
  return s.Step() ? s.Text(0) : "";
}

// A response unlike the one the item had on the previous pass (save `k` of a cycle through
// `size` items): one option, two for "choose two" items. SQLite skips the commit of an UPDATE
// that rewrites a row unchanged, so every save must change something.
proctor::Response ResponseFor(const proctor::AttemptItem& item, int k, int size) {
  const std::vector<std::string>& ids = item.option_order;
  const size_t n = ids.size();
  const size_t pick = static_cast<size_t>(k + k / size);
  proctor::Response r{ids[pick % n]};
  if (item.question.ChooseCount() > 1) r.push_back(ids[(pick + 1) % n]);
  return r;
}

void Report(const char* label, const std::vector<double>& ms) {
  proctor::bench::Summary s = proctor::bench::Summarize(ms);
  std::cout << label << "median " << Ms(s.median) << " ms, p90 " << Ms(s.p90) << " ms, min-max " << Ms(s.min) << "-"
            << Ms(s.max) << " ms (" << s.count << " commits)\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || std::atoi(argv[2]) < 1) {
    std::cerr << "usage: proctor_bench_save DIR K\n";
    return 2;
  }
  const std::string dir = argv[1];
  const int k_saves = std::atoi(argv[2]);
  try {
    proctor::Catalog catalog = proctor::Catalog::Parse(proctor::ShippedCatalog(), "catalog.json");
    const proctor::Blueprint* b = catalog.Find("CLF-C02", "9999-12-31");
    if (b == nullptr) throw proctor::Error("CLF-C02 is not in the catalog");
    proctor::SystemClock clock;
    {
      // As 'proctor exams' would: the shipped banks, then the database closed (which checkpoints
      // and removes the WAL file), so the attempt starts as 'proctor take' does, with a new WAL.
      proctor::Database setup = proctor::Database::Open(dir + "/proctor.db");
      proctor::ImportShippedBanks(setup, catalog, clock.NowMs(), std::cerr);
    }
    proctor::Database db = proctor::Database::Open(dir + "/proctor.db");
    proctor::AttemptOptions options;
    options.seed = 42;
    proctor::Attempt attempt = proctor::StartExamAttempt(db, *b, options, clock.NowMs());
    const int64_t attempt_id = attempt.id;
    proctor::SqliteAttemptLog log(db);
    proctor::Session session(std::move(attempt), clock, log);
    BareTable bare(dir + "/bare.db");

    std::cout << "bench_save: one durable answer save through proctor::Session::Answer (SqliteAttemptLog::SaveItem:\n"
                 "  BEGIN IMMEDIATE; UPDATE attempt_items; COMMIT) in a real CLF-C02 attempt, against a bare\n"
                 "  'UPDATE t SET v = ? WHERE k = ?' autocommit in a one-table database (WAL, synchronous=FULL),\n"
                 "  interleaved, "
              << k_saves << " of each, in " << dir << ". Also each move to the next question (SaveMove).\n"
              << "  Both databases start with a new WAL file (as 'proctor take' on a closed database does).\n";
    std::cout << "run as: proctor_bench_save " << dir << " " << k_saves << "\n";
    std::cout << "proctor's connection (Database::Open sets WAL, synchronous=FULL, foreign_keys=ON, busy timeout "
              << proctor::kBusyTimeoutMs / 1000 << " s):"
              << " journal_mode=" << PragmaText(db, "journal_mode") << " synchronous=" << PragmaText(db, "synchronous")
              << " foreign_keys=" << PragmaText(db, "foreign_keys")
              << " wal_autocheckpoint=" << PragmaText(db, "wal_autocheckpoint")
              << " page_size=" << PragmaText(db, "page_size") << "; the attempt has " << session.size() << " items\n";
    std::cout << "baseline connection: journal_mode=" << bare.Pragma("journal_mode")
              << " synchronous=" << bare.Pragma("synchronous") << " (2 = FULL)"
              << " wal_autocheckpoint=" << bare.Pragma("wal_autocheckpoint") << "\n";

    std::vector<double> answer_ms, bare_ms, move_ms;
    for (int k = 0; k < k_saves; ++k) {
      const proctor::Response response = ResponseFor(session.current(), k, session.size());
      auto start = Now();
      if (!session.Answer(response)) throw proctor::Error("the attempt ended during the benchmark");
      answer_ms.push_back(MsSince(start));

      const std::string encoded = proctor::EncodeResponse(response) + "#" + std::to_string(k);  // always a change
      start = Now();
      bare.Update(k % kRows, encoded);
      bare_ms.push_back(MsSince(start));

      start = Now();
      if (!session.GoTo((session.position() + 1) % session.size())) throw proctor::Error("the attempt ended");
      move_ms.push_back(MsSince(start));
    }

    proctor::Statement answered(db, "SELECT count(*) FROM attempt_items WHERE attempt_id = ?1 AND response <> ''");
    answered.Bind(1, attempt_id).Step();
    const int64_t expected = std::min<int64_t>(k_saves, session.size());
    if (answered.Int(0) != expected) {
      throw proctor::Error("the database holds " + std::to_string(answered.Int(0)) + " answers, not " +
                           std::to_string(expected));
    }
    std::cout << "check: the database holds " << answered.Int(0) << " answered items of attempt " << attempt_id << "\n";
    Report("answer (Session::Answer)    ", answer_ms);
    Report("baseline (bare WAL UPDATE)  ", bare_ms);
    Report("move (Session::GoTo)        ", move_ms);
    const double answer = proctor::bench::Summarize(answer_ms).median;
    const double base = proctor::bench::Summarize(bare_ms).median;
    std::cout << "ratio (medians): an answer save takes " << Ms(answer / base, 2) << "x the bare commit (+"
              << Ms(answer - base) << " ms)\n";
    std::cout << "target: answer save under 1 ms median: " << (answer < 1.0 ? "met" : "not met") << " (median "
              << Ms(answer) << " ms)\n";
  } catch (const proctor::Error& e) {
    std::cerr << "proctor_bench_save: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
