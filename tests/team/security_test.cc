// Who sees what is enforced by PostgreSQL: hand-written SQL through a member's own role cannot read
// or write another learner's rows, nor publish a bank; a lead reads the team's aggregates but never
// another learner's responses. Run against a real PostgreSQL 15 cluster.
#include "tests/team/team_test_support.h"

namespace proctor::testing {
namespace {

class SecurityTest : public TeamTest {
 protected:
  void SetUp() override {
    TeamTest::SetUp();
    if (IsSkipped()) return;
    Device amy(DbPath("amy")), ben(DbPath("ben"));
    SeedAttempt(amy.db, 5);
    SeedAttempt(ben.db, 7);
    SyncAs(amy.db, "amy");
    SyncAs(ben.db, "ben");
    PgConnection owner = Owner();
    ben_id_ = owner.Exec("SELECT learner_id FROM proctor.learners WHERE role_name = 'ben'").Text(0, 0);
    ben_attempt_ = owner.Exec("SELECT a.attempt_id FROM proctor.attempts a JOIN proctor.learners l USING (team_id, learner_id) "
                              "WHERE l.role_name = 'ben'").Text(0, 0);
    team_id_ = owner.Exec("SELECT team_id FROM proctor.teams").Text(0, 0);
  }

  // The SQLSTATE a statement fails with, or "" when it succeeds.
  static std::string StateOf(PgConnection& conn, const std::string& sql, const std::vector<PgParam>& params = {}) {
    try {
      conn.Exec(sql, params);
      return "";
    } catch (const PgError& e) {
      return e.sqlstate();
    }
  }

  std::string ben_id_, ben_attempt_, team_id_;
};

TEST_F(SecurityTest, AMemberReadsOnlyTheirOwnRowsWhateverTheSql) {
  PgConnection amy = As("amy");
  EXPECT_EQ(amy.Exec("SELECT count(*) FROM proctor.responses").Int(0, 0), 8);  // hers only
  EXPECT_EQ(amy.Exec("SELECT count(*) FROM proctor.responses WHERE learner_id = $1", {ben_id_}).Int(0, 0), 0);
  EXPECT_EQ(amy.Exec("SELECT count(*) FROM proctor.attempts WHERE attempt_id = $1", {ben_attempt_}).Int(0, 0), 0);
  EXPECT_EQ(amy.Exec("SELECT count(*) FROM proctor.attempt_domains WHERE learner_id = $1", {ben_id_}).Int(0, 0), 0);
  EXPECT_EQ(amy.Exec("SELECT count(*) FROM proctor.learners").Int(0, 0), 1);
  // Neither the group role nor the definer functions open a way round.
  EXPECT_EQ(StateOf(amy, "SET ROLE ben"), "42501");
  amy.Exec("SET ROLE proctor_acme_members");
  EXPECT_EQ(amy.Exec("SELECT count(*) FROM proctor.responses WHERE learner_id = $1", {ben_id_}).Int(0, 0), 0);
  amy.Exec("RESET ROLE");
  EXPECT_EQ(StateOf(amy, "SET ROLE proctor_acme_leads"), "42501");
}

TEST_F(SecurityTest, AMemberCannotWriteAnotherLearnersRows) {
  PgConnection amy = As("amy");
  // Inserting rows in Ben's name: the policy's WITH CHECK refuses them.
  EXPECT_EQ(StateOf(amy,
                    "INSERT INTO proctor.attempts (team_id, learner_id, attempt_id, exam, mode, status, started_ms, "
                    "minutes, item_count, answered) VALUES ($1, $2, gen_random_uuid(), 'CLF-C02', 'exam', "
                    "'submitted', 0, 90, 1, 1)",
                    {team_id_, ben_id_}),
            "42501");
  EXPECT_EQ(StateOf(amy,
                    "INSERT INTO proctor.responses (team_id, learner_id, attempt_id, position, bank_id, question_id, "
                    "domain, scored, response, flagged, time_spent_ms) VALUES ($1, $2, $3, 99, 't', 'x', 1, true, "
                    "'a', false, 0)",
                    {team_id_, ben_id_, ben_attempt_}),
            "42501");
  // Changing or removing them: not allowed at all, or no row of his is visible to change.
  EXPECT_EQ(StateOf(amy, "UPDATE proctor.responses SET response = 'z'"), "42501");
  EXPECT_EQ(StateOf(amy, "DELETE FROM proctor.attempts"), "42501");
  EXPECT_EQ(amy.Exec("UPDATE proctor.cert_records SET score = 1000 WHERE learner_id = $1", {ben_id_}).Affected(), 0);
  EXPECT_EQ(amy.Exec("DELETE FROM proctor.cert_records WHERE learner_id = $1", {ben_id_}).Affected(), 0);
  // Making herself a lead, or another learner: refused.
  EXPECT_EQ(StateOf(amy, "UPDATE proctor.learners SET is_lead = true"), "42501");
  EXPECT_EQ(StateOf(amy, "INSERT INTO proctor.learners (team_id, role_name) VALUES ($1, 'amy2')", {team_id_}), "42501");
  // Ben's rows are as they were.
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.responses WHERE response = 'z'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 2);
}

TEST_F(SecurityTest, AMemberCannotPublishABankButALeadCan) {
  PgConnection amy = As("amy");
  EXPECT_EQ(StateOf(amy, "INSERT INTO proctor.banks (team_id, bank_id, version, title, question_count) "
                         "VALUES ($1, 'x', 1, 'X', 0)",
                    {team_id_}),
            "42501");
  Device mine(DbPath("amy-publish"));
  try {
    PublishBank(mine.db, amy, "t");
    FAIL() << "a member published a bank";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42501") << e.what();
  }
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.banks"), 0);
  PgConnection lena = As("lena");
  EXPECT_EQ(PublishBank(mine.db, lena, "t").version, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.bank_questions"), 40);
}

TEST_F(SecurityTest, ALeadReadsTheTeamsAggregatesButNoOtherLearnersResponses) {
  PgConnection lena = As("lena");
  EXPECT_EQ(lena.Exec("SELECT count(*) FROM proctor.attempts").Int(0, 0), 2);
  EXPECT_EQ(lena.Exec("SELECT count(*) FROM proctor.attempt_domains").Int(0, 0), 8);
  EXPECT_EQ(lena.Exec("SELECT count(*) FROM proctor.learners").Int(0, 0), 3);
  EXPECT_EQ(lena.Exec("SELECT count(*) FROM proctor.responses").Int(0, 0), 0);
  EXPECT_EQ(StateOf(lena, "DELETE FROM proctor.attempts"), "42501");
}

TEST_F(SecurityTest, InitIsIdempotentAndTheServerSchemaIsVersioned) {
  PgConnection owner = Owner();
  const TeamInfo again = InitTeam(owner, "acme");
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.schema_version, ServerSchemaVersion());
  // A server from a newer proctor is refused, not misread.
  owner.Exec("UPDATE proctor.meta SET value = '99' WHERE key = 'schema_version'");
  PgConnection amy = As("amy");
  try {
    WhoAmI(amy);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("version 99, newer than this proctor"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace proctor::testing
