// Writes a database with N finished CLF-C02 exam attempts (65 answered items each, with the
// question snapshots the store keeps) for benchmarks of history and stats:
//   build/proctor_gen_history 10000 /tmp/history.db
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <random>

#include "engine/hash.h"
#include "engine/import/native_json.h"
#include "engine/json/snapshot.h"
#include "engine/shipped.h"
#include "engine/store/bank_store.h"
#include "engine/store/item_tally.h"
#include "engine/store/review_store.h"
#include "engine/store/database.h"

int main(int argc, char** argv) {
  using namespace proctor;
  if (argc != 3) {
    std::cerr << "usage: proctor_gen_history N DB\n";
    return 2;
  }
  const long n = std::atol(argv[1]);
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  const Blueprint& b = *catalog.Find("CLF-C02", "9999-12-31");
  Database db = Database::Open(argv[2]);
  Bank bank;
  for (const ShippedFile& f : ShippedBanks()) {
    if (f.name != "clf-c02.json") continue;
    Diagnostics diag;
    bank = ReadNativeBank(f.data, "clf-c02.json", catalog, diag);
    ImportBank(db, bank, {"shipped:clf-c02.json", "native", Hash64Hex(f.data), true}, 0);
  }
  std::vector<std::string> snapshots;
  std::mt19937_64 rng(42);
  Transaction tx(db);
  Statement keep(db, "INSERT OR IGNORE INTO question_snapshots (id, body) VALUES (?1, ?2)");
  for (const Question& q : bank.questions) {
    std::string stored = QuestionToStored(q);
    snapshots.push_back(SnapshotKey(stored));
    keep.Reset();
    keep.Bind(1, snapshots.back()).BindBlob(2, stored).Run();
  }
  Statement attempt(db, R"sql(INSERT INTO attempts (exam, mode, blueprint, seed, started_at, deadline, minutes, status,
                              position, finished_at, scaled, passed, scored_count, correct, cut,
                              item_count, answered, pass_score)
                              VALUES ('CLF-C02', 'exam', ?1, ?2, ?3, ?4, 90, 'submitted', 0, ?5, ?6, ?7, 50, ?8, 0.72,
                                      65, 65, ?9))sql");
  Statement item(db, R"sql(INSERT INTO attempt_items (attempt_id, position, bank_id, question_id, domain, scored,
                           option_order, snapshot, response, flagged, time_spent_ms, correct)
                           VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'a,b,c,d', ?7, ?8, 0, ?9, ?10))sql");
  const std::string blueprint = BlueprintToJson(b);
  const int64_t start = 1'700'000'000'000;
  for (long a = 0; a < n; ++a) {
    const int64_t at = start + a * 3'600'000;
    const int correct = 20 + static_cast<int>(rng() % 30);
    const int scaled = 100 + correct * 18;
    attempt.Reset();
    attempt.Bind(1, blueprint).Bind(2, static_cast<int64_t>(a)).Bind(3, at).Bind(4, at + 5'400'000).Bind(5, at + 4'000'000)
        .Bind(6, scaled).Bind(7, scaled >= 700 ? 1 : 0).Bind(8, correct).Bind(9, b.pass_score);
    attempt.Run();
    const int64_t id = db.LastInsertId();
    for (int p = 0; p < 65; ++p) {
      const size_t qi = static_cast<size_t>(rng() % bank.questions.size());
      const Question& q = bank.questions[qi];
      const bool right = rng() % 100 < 70;
      // A wrong answer picks an option outside the key (or, for ordering and matching, the key's reverse).
      Response wrong;
      std::vector<std::string> outside;
      for (const Option& o : q.options) {
        if (std::find(q.key.begin(), q.key.end(), o.id) == q.key.end()) outside.push_back(o.id);
      }
      if (!outside.empty()) {
        wrong = {outside[rng() % outside.size()]};
      } else {
        wrong.assign(q.key.rbegin(), q.key.rend());
      }
      item.Reset();
      item.Bind(1, id).Bind(2, p).Bind(3, q.bank_id).Bind(4, q.id).Bind(5, q.domain)
          .Bind(6, p < 50 ? 1 : 0).Bind(7, snapshots[qi]).Bind(8, EncodeResponse(right ? q.key : wrong))
          .Bind(9, static_cast<int64_t>(30'000 + rng() % 90'000)).Bind(10, right ? 1 : 0);
      item.Run();
    }
  }
  // What the attempt store keeps as attempts are created: when each question was last seen.
  db.Exec(R"sql(INSERT OR REPLACE INTO question_seen (bank_id, question_id, exam, last_seen)
                SELECT i.bank_id, i.question_id, a.exam, max(a.started_at)
                  FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id GROUP BY i.bank_id, i.question_id)sql");
  // What the stores keep as attempts finish: the study schedule and the per-question tallies.
  db.Exec("DELETE FROM reviews; DELETE FROM memory_states; DELETE FROM item_tallies; DELETE FROM item_wrong_choices");
  ReplayAnswerHistory(db);
  BackfillItemTallies(db);
  tx.Commit();
  return 0;
}
