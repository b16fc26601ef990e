// proctor sync against a real PostgreSQL 15 cluster the test starts and stops: idempotent pushes,
// attempts in progress never pushed, the server killed mid-sync, the server unreachable, two syncs
// at once, one learner on two machines, certification records, and an exam never blocked.
#include <atomic>
#include <thread>

#include "engine/store/cert_store.h"
#include "engine/store/sync_store.h"
#include "tests/team/team_test_support.h"

namespace proctor::testing {
namespace {

using SyncTest = TeamTest;

TEST_F(SyncTest, PushesFinishedAttemptsOnceWithEveryResponseAndNeverOneInProgress) {
  Device amy(DbPath("amy"));
  SeedAttempt(amy.db, 6);
  SeedAttempt(amy.db, 7);
  const int64_t open = SeedAttempt(amy.db, 3, /*finish=*/false);

  SyncReport first = SyncAs(amy.db, "amy");
  EXPECT_EQ(first.attempts_pushed, 2);
  EXPECT_EQ(first.attempts_open, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 16);
  EXPECT_EQ(Count("SELECT sum(right_answers) FROM proctor.attempt_domains"), 13);

  SyncReport again = SyncAs(amy.db, "amy");  // nothing new: nothing sent, nothing doubled
  EXPECT_EQ(again.attempts_pushed, 0);
  EXPECT_EQ(again.attempts_pending, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 16);

  // Once finished, the open attempt goes up at the next sync.
  {
    Attempt a = LoadAttempt(amy.db, open);
    ManualClock clock(kNow);
    SqliteAttemptLog log(amy.db);
    Session s(a, clock, log);
    s.Submit();
  }
  EXPECT_EQ(SyncAs(amy.db, "amy").attempts_pushed, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 24);
}

TEST_F(SyncTest, PracticeSessionsGoUpWithEveryAnswerGiven) {
  Device amy(DbPath("amy"));
  SeedAttempt(amy.db, 5, true, kNow, AttemptMode::kPractice);
  EXPECT_EQ(SyncAs(amy.db, "amy").attempts_pushed, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts WHERE mode = 'practice'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses WHERE correct"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses WHERE NOT correct"), 3);
}

TEST_F(SyncTest, ServerKilledBeforeCommitLosesNothingAndShowsNoHalfAttempt) {
  Device amy(DbPath("amy"));
  for (int i = 0; i < 3; ++i) SeedAttempt(amy.db, 4 + i);
  PgConnection conn = As("amy");
  const int backend = static_cast<int>(conn.Exec("SELECT pg_backend_pid()").Int(0, 0));
  int seen = 0;
  SyncHooks hooks;
  hooks.before_commit = [&](const std::string&) {
    if (++seen == 2) cluster_->KillBackend(backend);  // the second attempt's rows are sent, not committed
  };
  SyncReport report;
  try {
    Sync(amy.db, conn, kNow, report, hooks);
    FAIL() << "the sync went on after its server process was killed";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.connection_lost()) << e.what();
  }
  EXPECT_EQ(report.attempts_pushed, 1);
  ASSERT_TRUE(cluster_->WaitReady()) << cluster_->Log();
  // The first attempt is whole; of the second, nothing at all.
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 8);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempt_domains"), 4);

  const SyncReport retry = SyncAs(amy.db, "amy");
  EXPECT_EQ(retry.attempts_pushed, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 24);
  EXPECT_EQ(Count("SELECT count(*) FROM (SELECT DISTINCT attempt_id FROM proctor.responses) x"), 3);
}

TEST_F(SyncTest, ServerKilledAfterCommitBeforeTheRecordIsNotPushedTwice) {
  Device amy(DbPath("amy"));
  SeedAttempt(amy.db, 5);
  SeedAttempt(amy.db, 6);
  PgConnection conn = As("amy");
  const int backend = static_cast<int>(conn.Exec("SELECT pg_backend_pid()").Int(0, 0));
  SyncHooks hooks;
  // The server committed the first attempt; this machine has not yet noted it.
  hooks.after_commit = [&](const std::string&) { throw PgError("simulated crash after the commit", ""); };
  SyncReport report;
  EXPECT_THROW(Sync(amy.db, conn, kNow, report, hooks), PgError);
  cluster_->KillBackend(backend);
  ASSERT_TRUE(cluster_->WaitReady()) << cluster_->Log();
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 1);

  const SyncReport retry = SyncAs(amy.db, "amy");
  EXPECT_EQ(retry.attempts_already, 1);  // found there, by its UUID
  EXPECT_EQ(retry.attempts_pushed, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 16);
}

TEST_F(SyncTest, UnreachableServerIsOneClearLineAndLocalWorkGoesOn) {
  Device amy(DbPath("amy"));
  SeedAttempt(amy.db, 5);
  cluster_->Stop();
  try {
    PgConnection::Connect(cluster_->Conninfo("amy") + " connect_timeout=3");
    FAIL() << "connected to a stopped server";
  } catch (const PgError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("cannot reach the team server (", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("user=amy"), std::string::npos) << message;
    EXPECT_TRUE(e.connection_lost());
  }
  // The learner keeps working: a new attempt is taken and finished with the server down.
  SeedAttempt(amy.db, 7);
  cluster_->Start();
  EXPECT_EQ(SyncAs(amy.db, "amy").attempts_pushed, 2);
}

TEST_F(SyncTest, TwoSyncsOfOneLearnerAtOncePushEachAttemptOnce) {
  const std::string path = DbPath("amy");
  {
    Device amy(path);
    for (int i = 0; i < 12; ++i) SeedAttempt(amy.db, i % 9);
  }
  std::atomic<int> pushed{0}, already{0};
  std::vector<std::string> errors(2);
  auto run = [&](int k) {
    try {
      Database db = Database::Open(path);
      const SyncReport r = SyncAs(db, "amy");
      pushed += r.attempts_pushed;
      already += r.attempts_already;
    } catch (const std::exception& e) {
      errors[static_cast<size_t>(k)] = e.what();
    }
  };
  std::thread a(run, 0), b(run, 1);
  a.join();
  b.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(pushed.load(), 12);  // each attempt new on the server exactly once
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 12);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses"), 96);
  Database db = Database::Open(path);
  EXPECT_TRUE(PendingAttempts(db, SyncAs(db, "amy").who.team_id).empty());
}

TEST_F(SyncTest, OneLearnerOnTwoMachinesKeepsBothMachinesAttempts) {
  Device laptop(DbPath("amy-laptop")), desktop(DbPath("amy-desktop"));
  SeedAttempt(laptop.db, 5);
  SeedAttempt(laptop.db, 6);
  SeedAttempt(desktop.db, 7);
  EXPECT_EQ(SyncAs(laptop.db, "amy").attempts_pushed, 2);
  EXPECT_EQ(SyncAs(desktop.db, "amy").attempts_pushed, 1);
  EXPECT_EQ(SyncAs(laptop.db, "amy").attempts_pushed, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 3);
  EXPECT_EQ(Count("SELECT count(DISTINCT learner_id) FROM proctor.attempts"), 1);
}

TEST_F(SyncTest, CertificationRecordsArePushedUpdatedAndRemoved) {
  Device amy(DbPath("amy"));
  CertRecord pass;
  pass.family = "CLF";
  pass.exam = "CLF-C02";
  pass.kind = CertRecordKind::kPass;
  pass.date = "2026-03-01";
  pass.score = 800;
  const int64_t id = AddCertRecord(amy.db, pass, kNow);
  EXPECT_EQ(SyncAs(amy.db, "amy").certs_pushed, 1);
  EXPECT_EQ(SyncAs(amy.db, "amy").certs_pushed, 0);
  ASSERT_TRUE(SetVoucherUsed(amy.db, id, "2026-04-01", kNow));
  EXPECT_EQ(SyncAs(amy.db, "amy").certs_pushed, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.cert_records WHERE voucher_used_on = '2026-04-01'"), 1);
  RemoveCertRecord(amy.db, id);
  EXPECT_EQ(SyncAs(amy.db, "amy").certs_removed, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.cert_records"), 0);
}

TEST_F(SyncTest, ASyncHoldsNoSqliteLockWhileItTalksToTheServer) {
  const std::string path = DbPath("amy");
  Device amy(path);
  SeedAttempt(amy.db, 5);
  SeedAttempt(amy.db, 6, /*finish=*/false);  // the exam in progress
  // While the server transaction is open, the exam (another connection) writes at once: with a
  // busy timeout of 0, any lock the sync held would fail the write with "database is locked".
  Database exam = Database::Open(path);
  exam.Exec("PRAGMA busy_timeout = 0");
  int writes = 0;
  SyncHooks hooks;
  hooks.before_commit = [&](const std::string&) {
    exam.Exec("BEGIN IMMEDIATE");
    exam.Exec("UPDATE attempt_items SET flagged = 1 WHERE position = 0 AND attempt_id = "
              "(SELECT id FROM attempts WHERE status = 'in_progress')");
    exam.Exec("COMMIT");
    ++writes;
  };
  hooks.after_commit = hooks.before_commit;
  EXPECT_EQ(SyncAs(amy.db, "amy", hooks).attempts_pushed, 1);
  EXPECT_EQ(writes, 2);
}

TEST_F(SyncTest, ARoleThatIsNoLearnerIsToldSo) {
  PgConnection owner = Owner();
  owner.Exec("CREATE ROLE stranger LOGIN");
  Device d(DbPath("s"));
  try {
    SyncAs(d.db, "stranger");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("stranger is not a learner of the proctor team"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace proctor::testing
