// `proctor bank export` end to end: a shipped bank exported in every format and imported into a
// fresh database comes back with the same stems, options, keys, explanations and domains, and the
// export says what each format could not hold. `bank check` and `import --dry-run` agree on every
// sample file, good and broken, in every format.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/export/export.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"
#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A question reduced to what every format holds, keyed by stem (ids differ between formats).
struct Core {
  std::vector<std::string> options;
  std::vector<std::string> right;
  std::string explanation;
  int domain = 0;
  std::string exam;
  bool operator==(const Core&) const = default;
};

std::map<std::string, Core> CoreOf(const std::string& native_json) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  Diagnostics diag;
  Bank bank = ReadNativeBank(native_json, "bank.json", catalog, diag);
  EXPECT_FALSE(diag.HasErrors()) << diag.Format(5);
  std::map<std::string, Core> out;
  for (const Question& q : bank.questions) {
    Core c;
    for (const Option& o : q.options) {
      c.options.push_back(o.text);
      if (std::find(q.key.begin(), q.key.end(), o.id) != q.key.end()) c.right.push_back(o.text);
    }
    c.explanation = q.explanation;
    c.domain = q.domain;
    c.exam = q.exam;
    // Formats without scenarios carry a case study's scenario on the lines before the stem.
    out[ExportedStem(q, ExportFormat::kGift)] = c;
  }
  return out;
}

class BankExportTest : public CliTest {
 protected:
  // Runs proctor on another database, as a second learner would.
  ProcessResult RunOn(const std::string& db, const std::vector<std::string>& args) {
    ProcessOptions o = Options();
    o.env["PROCTOR_DB"] = db;
    std::vector<std::string> argv = {PROCTOR_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv, "", o);
  }
};

TEST_F(BankExportTest, ABankRoundTripsThroughEveryFormatIntoAFreshDatabase) {
  // A team's copy of the AIF-C01 bank (single, multiple, ordering, matching and case-study items),
  // its stems marked so that it is no duplicate of the shipped bank every database holds.
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  Bank team;
  for (const ShippedFile& f : ShippedBanks()) {
    Diagnostics diag;
    if (f.name == "aif-c01.json") team = ReadNativeBank(f.data, "aif-c01.json", catalog, diag);
  }
  ASSERT_GT(team.questions.size(), 250u);
  team.info.id = "team-aif";
  for (Question& q : team.questions) q.stem += " [team copy]";
  WriteFile(dir_ / "team.json", ExportBank(team, ExportFormat::kNative, catalog).text);
  ProcessResult r = Run({"import", dir_ / "team.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string original = dir_ / "original.json";
  r = Run({"bank", "export", "team-aif", "--out", original});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("holds everything"), std::string::npos) << r.out;
  const std::map<std::string, Core> all = CoreOf(Slurp(original));
  ASSERT_EQ(all.size(), team.questions.size());

  const std::map<std::string, std::string> formats = {
      {"native", ".json"}, {"gift", ".gift"}, {"moodle-xml", ".xml"}, {"csv", ".csv"}, {"markdown", ".md"}};
  for (const auto& [format, ext] : formats) {
    SCOPED_TRACE(format);
    const std::string file = dir_ / ("shared" + ext);
    r = Run({"bank", "export", "team-aif", "--format", format, "--out", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (format != "native") {
      // What the format cannot hold is said, with counts; nothing is silently lost.
      EXPECT_NE(r.out.find("ordering items                      17 questions left out"), std::string::npos) << r.out;
      EXPECT_NE(r.out.find("matching items                      18 questions left out"), std::string::npos) << r.out;
      EXPECT_NE(r.out.find("case-study scenarios"), std::string::npos) << r.out;
    }
    EXPECT_EQ(r.out.find("would not read back"), std::string::npos) << r.out;

    // A second learner imports the file into a database of their own...
    const std::string db = dir_ / ("second-" + format + ".db");
    r = RunOn(db, {"import", "--exam", "AIF-C01", "--bank", "shared", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // ...and what they got is exported again, natively, to compare question by question.
    const std::string back = dir_ / ("back-" + format + ".json");
    r = RunOn(db, {"bank", "export", "shared", "--out", back});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::map<std::string, Core> got = CoreOf(Slurp(back));
    const bool native = format == "native";
    EXPECT_EQ(got.size(), native ? all.size() : all.size() - 17 - 18);
    for (const auto& [stem, core] : got) {
      auto it = all.find(stem);
      ASSERT_NE(it, all.end()) << "a stem that was not in the bank: " << stem;
      EXPECT_EQ(core, it->second) << stem;
    }
  }
}

TEST_F(BankExportTest, TheReportGoesToStandardErrorWhenTheBankGoesToStandardOutput) {
  ProcessResult r = Run({"bank", "export", "proctor-clf-c02", "--format", "gift"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("// Bank: ", 0), 0u);
  EXPECT_NE(r.out.find("$CATEGORY: $course$/CLF-C02/Domain 1: Cloud Concepts"), std::string::npos);
  EXPECT_NE(r.err.find("standard output (gift): 268 of 272 questions of bank proctor-clf-c02 written."), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("exam"), std::string::npos);
  EXPECT_NE(r.err.find("import with --exam CLF-C02"), std::string::npos) << r.err;
}

TEST_F(BankExportTest, MistakesAreRefusedWithAReason) {
  ProcessResult r = Run({"bank", "export", "no-such-bank"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("there is no bank 'no-such-bank'"), std::string::npos) << r.err;
  r = Run({"bank", "export", "proctor-clf-c02", "--format", "lettered"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("native, gift, moodle-xml, csv and markdown"), std::string::npos) << r.err;
  r = Run({"bank", "export"});
  EXPECT_EQ(r.exit_code, 2);
  // A file that cannot be written leaves nothing behind.
  r = Run({"bank", "export", "proctor-clf-c02", "--out", dir_ / "missing-dir/x.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing-dir"));
}

// `bank check` is the import's dry run: for every sample file, in every format, good or broken,
// with and without --exam, the two give the same exit status and the same messages.
TEST_F(BankExportTest, BankCheckAndImportDryRunNeverDisagree) {
  std::vector<std::string> files;
  for (const char* dir : {"good", "broken"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(PROCTOR_SOURCE_DIR) + "/tests/fixtures/import/" + dir)) {
      const std::string name = entry.path().filename();
      if (name.rfind("MANIFEST", 0) != 0) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 60u);
  int ok = 0, failed = 0;
  for (const std::vector<std::string>& extra : {std::vector<std::string>{}, std::vector<std::string>{"--exam", "CLF-C02"}}) {
    for (const std::string& file : files) {
      SCOPED_TRACE(file + (extra.empty() ? "" : " --exam CLF-C02"));
      std::vector<std::string> check = {"bank", "check"};
      std::vector<std::string> dry = {"import", "--dry-run"};
      check.insert(check.end(), extra.begin(), extra.end());
      dry.insert(dry.end(), extra.begin(), extra.end());
      check.push_back(file);
      dry.push_back(file);
      ProcessResult c = Run(check);
      ProcessResult d = Run(dry);
      EXPECT_EQ(c.exit_code, d.exit_code);
      EXPECT_EQ(c.err, d.err);
      // check prints the dry run's report, then its verdict.
      ASSERT_EQ(c.out.rfind(d.out, 0), 0u) << c.out << "\nvs\n" << d.out;
      const std::string verdict = c.out.substr(d.out.size());
      EXPECT_NE(verdict.find(c.exit_code == 0 ? ": OK, " : ": FAILED, "), std::string::npos) << verdict;
      (c.exit_code == 0 ? ok : failed) += 1;
    }
  }
  // Both kinds were seen: the good samples pass with an exam, the broken ones fail.
  EXPECT_GE(ok, 7);
  EXPECT_GE(failed, 50);
}

TEST_F(BankExportTest, BankCheckReadsEveryFormatWithTheImportsDetection) {
  const std::string good = std::string(PROCTOR_SOURCE_DIR) + "/tests/fixtures/import/good/";
  for (const char* name : {"checklist.md", "lettered.md", "aiken.txt", "questions.gift", "moodle.xml", "questions.csv"}) {
    ProcessResult r = Run({"bank", "check", "--exam", "CLF-C02", good + name});
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("would be imported"), std::string::npos) << name;
  }
  // --strict fails a file whose only problems are warnings.
  ProcessResult r = Run({"bank", "check", "--strict", "--exam", "CLF-C02", good + "questions.gift"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAILED"), std::string::npos);
}

}  // namespace
}  // namespace proctor::testing
