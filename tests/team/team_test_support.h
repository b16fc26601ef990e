// Shared by the team server tests: a throwaway cluster with a team (owner `owner`, lead `lena`,
// members `amy` and `ben`), learners' SQLite files with a small bank, and finished or open attempts.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/session.h"
#include "engine/shipped.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"
#include "engine/team/pg.h"
#include "engine/team/server_schema.h"
#include "engine/team/sync.h"
#include "tests/support/pg_cluster.h"

namespace proctor::testing {

inline constexpr int64_t kNow = 1'800'000'000'000;  // 2027-01-15

inline const Catalog& TestCatalog() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

// A bank "t" of 40 CLF-C02 questions (10 per domain), key "a" of options a-d.
inline void SeedBank(Database& db, const std::string& bank_id = "t") {
  Bank bank;
  bank.info = {bank_id, "Team bank " + bank_id, "", "", "", {}};
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < 10; ++i) {
      Question q;
      q.bank_id = bank_id;
      q.id = "d" + std::to_string(d) + "-" + std::to_string(i);
      q.exam = "CLF-C02";
      q.domain = d;
      q.stem = "Question " + q.id + (bank_id == "t" ? "" : " of " + bank_id);
      q.options = {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}};
      q.key = {"a"};
      bank.questions.push_back(q);
    }
  }
  ImportBank(db, bank, {bank_id, "native", "h-" + bank_id, false}, 0);
}

// An exam attempt of 8 questions (two per domain) with `right` of them right; submitted unless
// `finish` is false (then it stays in progress). Returns its id.
inline int64_t SeedAttempt(Database& db, int right, bool finish = true, int64_t at = kNow,
                           AttemptMode mode = AttemptMode::kExam) {
  Attempt a;
  a.mode = mode;
  a.blueprint = *TestCatalog().Find("CLF-C02", "2026-11-22");
  a.started_ms = at - 60'000;
  a.minutes = 90;
  a.deadline_ms = a.started_ms + 90 * 60'000;
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < 2; ++i) {
      AttemptItem item;
      const std::string id = "d" + std::to_string(d) + "-" + std::to_string(i);
      item.question = LoadQuestion(db, "t", id);
      item.form = {"t", id, item.question.domain, true};
      item.option_order = {"a", "b", "c", "d"};
      a.items.push_back(item);
    }
  }
  CreateAttempt(db, a);
  ManualClock clock(a.started_ms);
  SqliteAttemptLog log(db);
  Session s(a, clock, log);
  for (int i = 0; i < 8; ++i) {
    s.GoTo(i);
    s.Answer({i < right ? "a" : "b"});
  }
  if (finish) {
    clock.Set(at);
    s.Submit();
  }
  return a.id;
}

// A learner's device: its own SQLite file with the bank.
struct Device {
  explicit Device(const std::string& path) : db(Database::Open(path)) { SeedBank(db); }
  Database db;
};

// A cluster with the team `acme` set up.
class TeamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PgCluster::Available()) GTEST_SKIP() << PgCluster::SkipMessage();
    cluster_ = std::make_unique<PgCluster>();
    PgConnection owner = Owner();
    InitTeam(owner, "acme");
    AddLearner(owner, "lena", true, std::nullopt);
    AddLearner(owner, "amy", false, std::nullopt);
    AddLearner(owner, "ben", false, std::nullopt);
  }

  PgConnection Owner() { return PgConnection::Connect(cluster_->Conninfo("owner")); }
  PgConnection As(const std::string& role) { return PgConnection::Connect(cluster_->Conninfo(role)); }
  std::string DbPath(const std::string& name) { return files_ / (name + ".db"); }

  // A count on the server, read by the owner (who is not subject to row-level security).
  int64_t Count(const std::string& sql) {
    PgConnection owner = Owner();
    return owner.Exec(sql).Int(0, 0);
  }

  SyncReport SyncAs(Database& db, const std::string& role, const SyncHooks& hooks = {}) {
    PgConnection conn = As(role);
    SyncReport report;
    Sync(db, conn, kNow, report, hooks);
    return report;
  }

  TempDir files_;
  std::unique_ptr<PgCluster> cluster_;
};

}  // namespace proctor::testing
