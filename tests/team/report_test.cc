// The lead's report (`proctor team`) and published banks reaching members at their next sync,
// against a real PostgreSQL 15 cluster.
#include "engine/store/cert_store.h"
#include "engine/team/team_report.h"
#include "tests/team/team_test_support.h"

namespace proctor::testing {
namespace {

using ReportTest = TeamTest;

TEST_F(ReportTest, TheLeadSeesEveryMembersLatestScoreReadinessAndExpiringCertifications) {
  Device amy(DbPath("amy")), ben(DbPath("ben"));
  SeedAttempt(amy.db, 2, true, kNow - 86'400'000);
  SeedAttempt(amy.db, 8);  // her latest: all right
  SeedAttempt(ben.db, 1);
  CertRecord pass;
  pass.family = "CLF";
  pass.exam = "CLF-C02";
  pass.date = "2024-02-20";  // expires 2027-02-20: within the expiring window on 2027-01-15
  AddCertRecord(ben.db, pass, kNow);
  SyncAs(amy.db, "amy");
  SyncAs(ben.db, "ben");

  PgConnection lena = As("lena");
  const TeamReport r = BuildTeamReport(lena, TestCatalog(), "2027-01-15");
  EXPECT_EQ(r.team, "acme");
  ASSERT_EQ(r.members.size(), 3u);
  EXPECT_EQ(r.members[0].role, "amy");
  EXPECT_EQ(r.members[1].role, "ben");
  EXPECT_EQ(r.members[2].role, "lena");
  EXPECT_TRUE(r.members[2].lead);
  ASSERT_EQ(r.members[0].exams.size(), 1u);
  const MemberExam& a = r.members[0].exams[0];
  EXPECT_EQ(a.exam, "CLF-C02");
  EXPECT_EQ(a.exam_attempts, 2);
  ASSERT_TRUE(a.latest_scaled.has_value());
  EXPECT_EQ(*a.latest_scaled, 1000);
  EXPECT_TRUE(a.latest_passed.value_or(false));
  EXPECT_EQ(a.readiness.answers, 16);
  const MemberExam& b = r.members[1].exams[0];
  EXPECT_FALSE(b.latest_passed.value_or(true));
  EXPECT_LT(b.readiness.probability, a.readiness.probability);
  EXPECT_FALSE(b.weakest.empty());
  ASSERT_EQ(r.members[1].expiring.size(), 1u);
  EXPECT_EQ(r.members[1].expiring[0].family, "CLF");
  EXPECT_TRUE(r.members[2].exams.empty());
}

TEST_F(ReportTest, OnlyALeadGetsTheReport) {
  PgConnection amy = As("amy");
  try {
    BuildTeamReport(amy, TestCatalog(), "2027-01-15");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("only a lead"), std::string::npos) << e.what();
  }
}

TEST_F(ReportTest, APublishedBankReachesMembersAtTheirNextSyncAndNewVersionsReplaceIt) {
  Database lead_db = Database::Open(DbPath("lena"));
  SeedBank(lead_db, "shared");
  PgConnection lena = As("lena");
  PublishResult p = PublishBank(lead_db, lena, "shared");
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.questions, 40);

  Device amy(DbPath("amy"));
  SyncReport first = SyncAs(amy.db, "amy");
  ASSERT_EQ(first.banks_pulled.size(), 1u);
  EXPECT_EQ(first.banks_pulled[0].bank_id, "shared");
  EXPECT_EQ(first.banks_pulled[0].questions, 40);
  ASSERT_TRUE(FindBank(amy.db, "shared").has_value());
  EXPECT_EQ(FindBank(amy.db, "shared")->source, "team:acme");
  EXPECT_EQ(first.banks_pulled[0].duplicates, 0);
  EXPECT_EQ(LoadQuestion(amy.db, "shared", "d2-3").stem, "Question d2-3 of shared");
  EXPECT_TRUE(SyncAs(amy.db, "amy").banks_pulled.empty());  // unchanged: not pulled again

  // The lead changes a question and publishes again: the member gets version 2.
  lead_db.Exec("UPDATE questions SET active = 0 WHERE bank_id = 'shared' AND id = 'd1-0'");
  EXPECT_EQ(PublishBank(lead_db, lena, "shared").version, 2);
  SyncReport second = SyncAs(amy.db, "amy");
  ASSERT_EQ(second.banks_pulled.size(), 1u);
  EXPECT_EQ(second.banks_pulled[0].version, 2);
  EXPECT_EQ(second.banks_pulled[0].questions, 39);
}

TEST_F(ReportTest, ATeamBankNeverReplacesAMembersOwnBankOfTheSameId) {
  Database lead_db = Database::Open(DbPath("lena"));
  SeedBank(lead_db);  // id "t", which every member's device also has as its own
  PgConnection lena = As("lena");
  PublishBank(lead_db, lena, "t");
  Device amy(DbPath("amy"));
  const SyncReport r = SyncAs(amy.db, "amy");
  EXPECT_TRUE(r.banks_pulled.empty());
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0], "team bank t not pulled: a bank of yours has that id");
  EXPECT_EQ(FindBank(amy.db, "t")->source, "t");
}

}  // namespace
}  // namespace proctor::testing
