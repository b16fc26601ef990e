// The team commands through the real binary: join remembers the server (never a password), sync
// reports what it did, an unreachable server is one clear line, and the lead's report in JSON.
#include "tests/support/subprocess.h"
#include "tests/team/team_test_support.h"

namespace proctor::testing {
namespace {

class TeamCliTest : public TeamTest {
 protected:
  ProcessResult Proctor(const std::vector<std::string>& args, const std::string& input = "") {
    std::vector<std::string> argv = {PROCTOR_BINARY, "--db", DbPath("cli")};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.env["PROCTOR_CONFIG"] = config_;
    return RunProcess(argv, input, options);
  }
  std::string config_ = files_ / "config";
};

TEST_F(TeamCliTest, JoinRemembersTheServerAndSyncPushesTheFinishedAttempts) {
  {
    Database db = Database::Open(DbPath("cli"));
    SeedBank(db);
    SeedAttempt(db, 6);
    SeedAttempt(db, 2, /*finish=*/false);
  }
  ProcessResult join = Proctor({"team", "join", cluster_->Conninfo("amy")});
  ASSERT_EQ(join.exit_code, 0) << join.err;
  EXPECT_NE(join.out.find("Joined team acme as amy on host="), std::string::npos) << join.out;
  EXPECT_NE(ReadFileBytes(config_).find("team.server = " + cluster_->Conninfo("amy")), std::string::npos);

  ProcessResult sync = Proctor({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_NE(sync.out.find("Synced with team acme as amy: 1 attempt pushed, 0 certification records pushed, 0 banks pulled."),
            std::string::npos)
      << sync.out;
  EXPECT_NE(sync.out.find("1 attempt is in progress: pushed once finished"), std::string::npos) << sync.out;
  EXPECT_EQ(Count("SELECT count(*) FROM proctor.attempts"), 1);

  ProcessResult report = Proctor({"team", "--json", "--server", cluster_->Conninfo("lena")});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("{\"team\": \"acme\""), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("{\"role\": \"amy\", \"lead\": false"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("\"exam\": \"CLF-C02\", \"exam_attempts\": 1"), std::string::npos) << report.out;
}

TEST_F(TeamCliTest, JoinRefusesAConnectionStringWithAPassword) {
  ProcessResult join = Proctor({"team", "join", "postgresql://amy:secret@localhost/team"});
  EXPECT_EQ(join.exit_code, 2);
  EXPECT_NE(join.err.find("proctor never stores one; put it in ~/.pgpass"), std::string::npos) << join.err;
  EXPECT_EQ(join.err.find("secret"), std::string::npos) << join.err;
  EXPECT_EQ(ReadFileBytes(config_), "");
}

TEST_F(TeamCliTest, AnUnreachableServerIsOneLineAndExitOne) {
  cluster_->Stop();
  ProcessResult sync = Proctor({"sync", "--server", cluster_->Conninfo("amy") + " connect_timeout=3"});
  EXPECT_EQ(sync.exit_code, 1);
  EXPECT_EQ(sync.err.rfind("proctor: cannot reach the team server (host=", 0), 0u) << sync.err;
  EXPECT_EQ(std::count(sync.err.begin(), sync.err.end(), '\n'), 1) << sync.err;
  EXPECT_NE(sync.err.find("nothing is lost"), std::string::npos) << sync.err;
  // Local work is unaffected.
  ProcessResult history = Proctor({"history"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  cluster_->Start();
}

TEST_F(TeamCliTest, AMemberCannotPublishThroughTheCli) {
  ProcessResult publish = Proctor({"team", "bank", "publish", "proctor-clf-c02", "--server", cluster_->Conninfo("amy")});
  EXPECT_EQ(publish.exit_code, 1);
  EXPECT_NE(publish.err.find("permission denied"), std::string::npos) << publish.err;
}

}  // namespace
}  // namespace proctor::testing
