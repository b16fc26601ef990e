// Bad input gets one clear line naming the problem, exit status 1 or 2, and nothing on disk changes.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <regex>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

// The first line of stderr, and that it is the only line apart from a usage hint.
std::string FirstLine(const std::string& err) { return err.substr(0, err.find('\n')); }

TEST_F(CliTest, UnknownExamIsAUsageError) {
  ProcessResult r = Run({"take", "XYZ-C09"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("proctor: unknown exam 'XYZ-C09'; known exams: CLF-C02, AIF-C01", 0), 0u) << r.err;
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
}

TEST_F(CliTest, WrongFlagsAreUsageErrors) {
  ProcessResult r = Run({"take", "CLF-C02", "--sed", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unrecognised option '--sed'"), std::string::npos) << r.err;
  ProcessResult q = Run({"take", "CLF-C02", "--questions", "99"});
  EXPECT_EQ(q.exit_code, 2);
  EXPECT_EQ(q.err, "proctor: --questions must be between 1 and 65 for CLF-C02 (see 'proctor take --help')\n");
  ProcessResult c = Run({"frobnicate"});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST_F(CliTest, TooFewQuestionsForTheFormGivesTheNumbers) {
  // SOA-C02 is retired and has no shipped bank.
  ProcessResult r = Run({"take", "SOA-C02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("proctor: SOA-C02 needs 65 questions (50 scored, 15 unscored) but the banks have 0"),
            std::string::npos) << r.err;
}

TEST_F(CliTest, DomainShortOfItsQuotaIsNamed) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);  // creates the database with the shipped banks
  sqlite3* db = nullptr;
  sqlite3_open(db_path_.c_str(), &db);
  sqlite3_exec(db, "UPDATE questions SET active = 0 WHERE exam = 'CLF-C02' AND domain = 4 AND id > 'clf-d4-003'",
               nullptr, nullptr, nullptr);
  sqlite3_close(db);
  ProcessResult r = Run({"take", "CLF-C02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(FirstLine(r.err).rfind("proctor: CLF-C02: the banks are short of questions: domain 4 (Billing, Pricing, and "
                                    "Support) needs 6 scored questions, the banks have 3. A shorter form fits: --questions ", 0),
            0u) << r.err;
  // And what it suggests works.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex("--questions (\\d+)"))) << r.err;
  ProcessResult shorter = Run({"take", "CLF-C02", "--questions", m[1]}, "quit\n");
  EXPECT_EQ(shorter.exit_code, 0) << shorter.err;
  ProcessResult any = Run({"take", "CLF-C02", "--any-domain"}, "quit\n");
  EXPECT_EQ(any.exit_code, 0) << any.err;
  EXPECT_NE(any.out.find("65 questions"), std::string::npos) << any.out;
}

TEST_F(CliTest, DatabaseInAMissingDirectory) {
  ProcessResult r = Run({"history", "--db", dir_ / "no/such/dir/p.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "proctor: cannot create the database " + dir_ / "no/such/dir/p.db" + ": the directory " +
                       dir_ / "no/such/dir" + " does not exist\n");
}

TEST_F(CliTest, DatabaseInAReadOnlyDirectory) {
  std::string ro = dir_ / "ro";
  mkdir(ro.c_str(), 0555);
  ProcessOptions options = Options();
  options.drop_privileges = true;  // root ignores permissions
  ProcessResult r = RunProcess(UnprivilegedArgv({"history", "--db", ro + "/p.db"}), "", options);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "proctor: cannot create the database " + ro + "/p.db: the directory " + ro + " is not writable\n");
}

TEST_F(CliTest, ReadOnlyDatabaseFile) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);
  chmod(dir_.path().c_str(), 0777);
  chmod(db_path_.c_str(), 0444);
  std::string before = ReadFileBytes(db_path_);
  ProcessOptions options = Options();
  options.drop_privileges = true;
  ProcessResult r = RunProcess(UnprivilegedArgv({"history"}), "", options);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(FirstLine(r.err).rfind("proctor: " + db_path_ + " is read-only;", 0), 0u) << r.err;
  EXPECT_EQ(ReadFileBytes(db_path_), before);
}

TEST_F(CliTest, CorruptDatabaseIsReportedAndLeftAlone) {
  ASSERT_EQ(Run({"take", "CLF-C02", "--seed", "1"}, "a\nquit\n").exit_code, 0);
  std::string bytes = ReadFileBytes(db_path_);
  ASSERT_GT(bytes.size(), 3 * 4096u);
  for (size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31);
  WriteFileBytes(db_path_, bytes);
  ProcessResult r = Run({"history"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(CountLines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("proctor: " + db_path_ + ": the database is damaged ("), std::string::npos) << r.err;
  EXPECT_EQ(ReadFileBytes(db_path_), bytes);
}

// A database file cut short (a copy interrupted, a disk filled while copying, a sync tool that gave
// up): history and take must name the file and say it is damaged, in one line, and leave it exactly
// as it is, so that the attempts in it can still be rescued from a backup or by hand.
class TruncatedDatabaseTest : public CliTest {
 protected:
  // Fills the database with history: an exam in progress with answers and a flag, and a practice
  // session. Returns the file's bytes.
  std::string MakeHistory() {
    EXPECT_EQ(Run({"take", "CLF-C02", "--seed", "1"}, "a\nb\nf\nc\nquit\n").exit_code, 0);
    EXPECT_EQ(Run({"practice", "CLF-C02", "--count", "3", "--seed", "1"}, "a\nb\nc\n").exit_code, 0);
    return ReadFileBytes(db_path_);
  }

  void ExpectRefusedWhenCutTo(const std::string& full, size_t size) {
    SCOPED_TRACE("cut to " + std::to_string(size) + " of " + std::to_string(full.size()) + " bytes");
    const std::string cut = full.substr(0, size);
    WriteFileBytes(db_path_, cut);
    for (const std::vector<std::string>& args : {std::vector<std::string>{"history"},
                                                 std::vector<std::string>{"take", "CLF-C02", "--seed", "2"}}) {
      SCOPED_TRACE(args[0]);
      ProcessResult r = Run(args);
      EXPECT_EQ(r.signal, 0) << "no crash";
      EXPECT_EQ(r.exit_code, 1) << r.err;
      EXPECT_EQ(CountLines(r.err), 1) << r.err;
      EXPECT_EQ(r.err.rfind("proctor: " + db_path_ + ": the database is damaged (", 0), 0u) << r.err;
      EXPECT_NE(r.err.find("); it was left untouched; 'proctor doctor' checks it and copies what it can save into a new file\n"),
                std::string::npos) << r.err;
      EXPECT_EQ(r.out.find("Question 1"), std::string::npos) << "no exam starts on a damaged database";
      EXPECT_TRUE(ReadFileBytes(db_path_) == cut) << "the file was changed";
    }
  }

  static constexpr size_t kPage = 4096;  // proctor's page size (SQLite's default)
};

TEST_F(TruncatedDatabaseTest, TruncatedDatabaseIsReportedAndLeftAlone) {
  const std::string full = MakeHistory();
  ASSERT_EQ(full.size() % kPage, 0u);
  ASSERT_GT(full.size(), 16 * kPage);
  const size_t half = full.size() / 2 / kPage * kPage;
  ExpectRefusedWhenCutTo(full, half);                  // the second half lost
  ExpectRefusedWhenCutTo(full, half + 1000);           // and cut inside a page
  ExpectRefusedWhenCutTo(full, 3 * kPage + 77);        // only the first pages left
  ExpectRefusedWhenCutTo(full, full.size() - kPage);  // only the last page lost
}

// Disabled until engine/store/database.cc checks that the file is a whole number of pages: SQLite
// reads the missing end of a last page that was cut short as zeros, so today proctor opens such a
// file, shows its history and writes to it, and the lost bytes silently become zeros.
TEST_F(TruncatedDatabaseTest, DatabaseCutInsideItsLastPageIsReportedAndLeftAlone) {
  const std::string full = MakeHistory();
  ExpectRefusedWhenCutTo(full, full.size() - 1);
  ExpectRefusedWhenCutTo(full, full.size() - 1000);
}

TEST_F(CliTest, FileThatIsNotAProctorDatabaseIsLeftAlone) {
  WriteFileBytes(db_path_, "these are my notes, not a database\n");
  ProcessResult r = Run({"take", "CLF-C02"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "proctor: " + db_path_ + " is not a proctor database (it is not an SQLite file); it was left untouched\n");
  EXPECT_EQ(ReadFileBytes(db_path_), "these are my notes, not a database\n");

  WriteFileBytes(db_path_, "");
  ProcessResult empty = Run({"history"});
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_EQ(CountLines(empty.err), 1);
  EXPECT_EQ(ReadFileBytes(db_path_), "");
}

}  // namespace
}  // namespace proctor::testing
