// proctor doctor on an intact database and on a damaged copy: it checks without changing anything,
// recovers what it can into a new file, and never suggests deleting a database.
#include <filesystem>
#include <fstream>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

namespace fs = std::filesystem;

class DoctorTest : public CliTest {
 protected:
  void SetUp() override {
    ProcessResult r = Run({"take", "CLF-C02", "--seed", "9", "--plain"}, "b\nc\nd\nquit\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Overwrites part of a leaf page of `table` (the `nth` one) with garbage, as a bad sector would.
  void Damage(const std::string& path, const std::string& table, int nth) {
    ProcessResult page = RunProcess({"/usr/bin/sqlite3", path,
                                     "SELECT pageno FROM dbstat WHERE name = '" + table + "' AND pagetype = 'leaf' "
                                     "ORDER BY pageno LIMIT 1 OFFSET " + std::to_string(nth)}, "");
    ASSERT_FALSE(page.out.empty()) << page.err;
    const long long pageno = std::stoll(page.out);
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((pageno - 1) * 65536 + 8);
    const std::string garbage(6000, '\xA5');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  static bool SuggestsDeleting(const std::string& text) {
    for (const char* word : {"delete", "Delete", "remove it", "rm ", "erase"}) {
      if (text.find(word) != std::string::npos) return true;
    }
    return false;
  }
};

TEST_F(DoctorTest, AnIntactDatabaseIsSaidToBeIntactAndLeftAsItIs) {
  const std::string before = ReadFileBytes(db_path_);
  ProcessResult r = Run({"doctor"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("It is intact: SQLite's integrity check found nothing wrong. Schema version"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", 1 attempt, "), std::string::npos) << r.out;
  EXPECT_EQ(ReadFileBytes(db_path_), before);
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find("doctor"), std::string::npos) << "scratch copy left: " << entry.path();
  }
}

TEST_F(DoctorTest, ADamagedCopyIsRecoveredIntoANewFileAndLeftUntouched) {
  const std::string damaged = dir_ / "damaged.db";
  fs::copy_file(db_path_, damaged);
  Damage(damaged, "questions", 3);
  const std::string before = ReadFileBytes(damaged);

  ProcessOptions options = Options();
  options.env["PROCTOR_DB"] = damaged;
  ProcessResult integrity = RunProcess({"/usr/bin/sqlite3", damaged, "PRAGMA quick_check"}, "");
  ASSERT_NE(integrity.out, "ok\n") << "the damage did not take";

  ProcessResult r = RunProcess(Argv({"doctor", "--into", dir_ / "recovered.db"}), "", options);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("It is damaged. SQLite's integrity check says:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Recovered what could be read into " + dir_ / "recovered.db"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  attempts: 1 row\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  attempt_items: 65 rows\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("The damaged file was left untouched."), std::string::npos) << r.out;
  EXPECT_FALSE(SuggestsDeleting(r.out + r.err)) << r.out << r.err;
  EXPECT_TRUE(ReadFileBytes(damaged) == before) << "doctor changed the damaged file";
  EXPECT_FALSE(fs::exists(damaged + "-wal"));

  // The recovered file is a proctor database with the attempt and its answers.
  ProcessResult check = RunProcess({"/usr/bin/sqlite3", dir_ / "recovered.db", "PRAGMA integrity_check"}, "");
  EXPECT_EQ(check.out, "ok\n") << check.err;
  ProcessOptions recovered = Options();
  recovered.env["PROCTOR_DB"] = dir_ / "recovered.db";
  ProcessResult resumed = RunProcess(Argv({"resume", "--plain"}), "review\nquit\n", recovered);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(SavedAnswers(resumed.out), 3) << resumed.out;
  ProcessResult again = RunProcess(Argv({"doctor"}), "", recovered);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;

  // It never overwrites: the same target again is refused.
  ProcessResult twice = RunProcess(Argv({"doctor", "--into", dir_ / "recovered.db"}), "", options);
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("already exists; proctor doctor never overwrites a file"), std::string::npos) << twice.err;
}

TEST_F(DoctorTest, ADamagedDatabaseMessageNamesDoctorAndNeverSuggestsDeleting) {
  // Cut inside its last page: refused before SQLite reads it.
  const std::string bytes = ReadFileBytes(db_path_);
  WriteFileBytes(db_path_, bytes.substr(0, bytes.size() - 1000));
  ProcessResult r = Run({"history"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the database is damaged"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("it was left untouched; 'proctor doctor' checks it and copies what it can save into a new file"),
            std::string::npos) << r.err;
  EXPECT_FALSE(SuggestsDeleting(r.err)) << r.err;
  // Doctor agrees (SQLite alone finds nothing wrong: it reads the missing bytes as zeros), and its
  // recovered copy opens with the attempt and its answers.
  const std::string cut = ReadFileBytes(db_path_);
  ProcessResult doctor = Run({"doctor", "--into", dir_ / "recovered.db"});
  EXPECT_EQ(doctor.exit_code, 1) << doctor.out << doctor.err;
  EXPECT_NE(doctor.out.find("the file was cut short: it is " + std::to_string(cut.size()) + " bytes, not a whole number of 65536-byte pages"),
            std::string::npos) << doctor.out;
  EXPECT_FALSE(SuggestsDeleting(doctor.out + doctor.err)) << doctor.out;
  EXPECT_EQ(ReadFileBytes(db_path_), cut);
  ProcessOptions recovered = Options();
  recovered.env["PROCTOR_DB"] = dir_ / "recovered.db";
  ProcessResult resumed = RunProcess(Argv({"resume", "--plain"}), "review\nquit\n", recovered);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(SavedAnswers(resumed.out), 3) << resumed.out;
}

}  // namespace
}  // namespace proctor::testing
