// proctor import end to end: every format, every broken file, the banks folder, hostile files.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/cli/cli_fixture.h"

namespace proctor::testing {
namespace {

const std::string kFixtures = PROCTOR_SOURCE_DIR "/tests/fixtures/import/";

struct BrokenFile {
  std::string name;
  std::string line;
  std::string format;  // for files whose extension does not say
};

std::vector<BrokenFile> BrokenCorpus() {
  std::vector<BrokenFile> files;
  std::ifstream in(kFixtures + "broken/MANIFEST.tsv");
  std::string row;
  while (std::getline(in, row)) {
    std::vector<std::string> cols;
    std::stringstream ss(row);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 4 || cols[0] == "filename") continue;
    std::string format;
    for (const char* f : {"gift", "lettered", "checklist", "aiken"}) {
      if (cols[3].rfind(std::string("[") + f + "]", 0) == 0) format = f;
    }
    files.push_back({cols[0], cols[1], format});
  }
  return files;
}

TEST_F(CliTest, EveryBrokenFileNamesItsLineAndChangesNothing) {
  ASSERT_EQ(Run({"exams"}).exit_code, 0);  // a database with the shipped banks
  const std::string before = ReadFileBytes(db_path_);
  std::vector<BrokenFile> corpus = BrokenCorpus();
  ASSERT_GE(corpus.size(), 30u);
  for (const BrokenFile& f : corpus) {
    SCOPED_TRACE(f.name);
    std::vector<std::string> args = {"import", "--exam", "CLF-C02", kFixtures + "broken/" + f.name};
    if (!f.format.empty()) args.insert(args.begin() + 1, {"--format", f.format});
    ProcessResult r = Run(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(kFixtures + "broken/" + f.name + ":" + f.line + ":"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nothing imported"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(ReadFileBytes(db_path_), before) << "the database changed";
  }
}

TEST_F(CliTest, GoodSamplesImportOnceAndReimportAddsNothing) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"checklist.md", "14 added, 0 updated, 0 unchanged, 1 skipped (1 single-option lab item)"},
      {"lettered.md", "10 added, 0 updated, 0 unchanged, 0 skipped"},
      {"aiken.txt", "6 added, 0 updated, 0 unchanged, 0 skipped"},
      {"questions.gift", "10 added, 0 updated, 0 unchanged, 4 skipped (1 description, 1 essay question, 1 numerical "
                         "question, 1 short-answer question)"},
      {"moodle.xml", "6 added, 0 updated, 0 unchanged, 2 skipped (1 essay question, 1 shortanswer question)"},
      {"questions.csv", "9 added, 0 updated, 0 unchanged, 0 skipped"},
  };
  for (const auto& [name, summary] : files) {
    SCOPED_TRACE(name);
    ProcessResult r = Run({"import", "--exam", "CLF-C02", kFixtures + "good/" + name});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(": bank " + name + ": " + summary), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("Importing"), std::string::npos) << "no progress line off a terminal";
    ProcessResult again = Run({"import", "--exam", "CLF-C02", kFixtures + "good/" + name});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(std::regex_search(again.out, std::regex(": 0 added, 0 updated, \\d+ unchanged"))) << again.out;
  }
  ProcessResult banks = Run({"banks"});
  EXPECT_NE(banks.out.find("checklist.md"), std::string::npos) << banks.out;
  // The checklist file gives no domains: proctor inferred them (issue 13).
  EXPECT_NE(banks.out.find("CLF-C02 14 (14 inferred)"), std::string::npos) << banks.out;
  EXPECT_NE(banks.out.find("shipped with proctor"), std::string::npos);
}

TEST_F(CliTest, AnEditedQuestionIsUpdatedInPlace) {
  std::string path = dir_ / "notes.md";
  WriteFileBytes(path, "### What does S3 store?\n- [x] Objects\n- [ ] Blocks\n\n### What is EC2?\n- [x] Servers\n- [ ] DNS\n");
  ASSERT_EQ(Run({"import", "--exam", "clf", "--domain", "3", path}).exit_code, 0);
  WriteFileBytes(path, "### What does S3 store?\n- [x] Objects\n- [ ] Block volumes\n\n### What is EC2?\n- [x] Servers\n- [ ] DNS\n");
  ProcessResult r = Run({"import", "--exam", "clf", "--domain", "3", path});
  EXPECT_NE(r.out.find("0 added, 1 updated, 1 unchanged"), std::string::npos) << r.out;
}

TEST_F(CliTest, SkipInvalidImportsTheRestAndCountsThem) {
  std::string path = dir_ / "mixed.md";
  WriteFileBytes(path, "### Good one?\n- [x] yes\n- [ ] no\n\n### Bad one?\n- [ ] yes\n- [ ] no\n");
  ProcessResult strict = Run({"import", "--exam", "CLF-C02", path});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find(path + ":5: error: no option is marked right"), std::string::npos) << strict.err;
  EXPECT_NE(strict.err.find("use --skip-invalid to import the 1 valid question)"), std::string::npos);
  ProcessResult lenient = Run({"import", "--exam", "CLF-C02", "--skip-invalid", path});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.out.find("1 added, 0 updated, 0 unchanged, 1 skipped (1 with errors)"), std::string::npos) << lenient.out;
}

TEST_F(CliTest, TheSameQuestionsInAnotherBankAreNotDoubled) {
  ASSERT_EQ(Run({"import", "--exam", "CLF-C02", kFixtures + "good/checklist.md"}).exit_code, 0);
  ProcessResult r = Run({"import", "--exam", "CLF-C02", "--bank", "copy", kFixtures + "good/checklist.md"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 added, 0 updated, 0 unchanged, 15 skipped (14 already in another bank, 1 single-option lab item)"),
            std::string::npos) << r.out;
  ProcessResult takeover = Run({"import", "--exam", "CLF-C02", "--bank", "proctor-clf-c02", kFixtures + "good/aiken.txt"});
  EXPECT_EQ(takeover.exit_code, 1);
  EXPECT_NE(takeover.err.find("bank proctor-clf-c02 is one of proctor's shipped banks"), std::string::npos) << takeover.err;
}

TEST_F(CliTest, HugeAndHostileFilesEndWithAClearMessage) {
  // 1 GiB files (sparse, so the test writes nothing real). A text format is refused before it is
  // read; a native bank is streamed, and the first byte already ends it.
  auto sparse = [&](const std::string& name) {
    std::string path = dir_ / name;
    int fd = open(path.c_str(), O_CREAT | O_WRONLY, 0644);
    EXPECT_EQ(ftruncate(fd, 1LL << 30), 0);
    close(fd);
    return path;
  };
  std::string huge = sparse("huge.md");
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = Run({"import", "--exam", "CLF-C02", huge});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(huge + ": the file is 1.0 GiB; proctor reads bank files up to 512.0 MiB"), std::string::npos) << r.err;
  std::string huge_json = sparse("huge.json");
  start = std::chrono::steady_clock::now();
  ProcessResult j = Run({"import", huge_json});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_NE(j.err.find(huge_json + ":1:1: a NUL byte; this is not a JSON text file"), std::string::npos) << j.err;
  // A 10 MiB line in a line-based file.
  std::string wide = dir_ / "wide.md";
  WriteFileBytes(wide, "### Fine?\n- [x] a\n- [ ] b\n### " + std::string(10 << 20, 'x') + "\n");
  ProcessResult w = Run({"import", "--exam", "CLF-C02", wide});
  EXPECT_EQ(w.exit_code, 1);
  EXPECT_NE(w.err.find(wide + ":4: the line is 10.0 MiB long"), std::string::npos) << w.err;
  // JSON nested a million deep: refused at the depth limit, no stack overflow.
  std::string deep = dir_ / "deep.json";
  WriteFileBytes(deep, std::string(1000000, '['));
  ProcessResult d = Run({"import", deep});
  EXPECT_EQ(d.exit_code, 1);
  EXPECT_NE(d.err.find("nesting deeper than 64 levels"), std::string::npos) << d.err;
}

TEST_F(CliTest, FilesDroppedInTheBanksFolderArePickedUpOnce) {
  std::string folder = dir_ / "data/proctor/banks";
  ASSERT_EQ(system(("mkdir -p " + folder).c_str()), 0);
  std::string path = folder + "/clf-c02-mine.md";
  WriteFileBytes(path, "### What does S3 store?\n- [x] Objects\n- [ ] Blocks\n");
  ProcessResult first = Run({"banks"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("clf-c02-mine.md"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("CLF-C02 1"), std::string::npos) << "the exam comes from the file name";
  // Same size and time: not read again, even though the content differs.
  struct stat st {};
  stat(path.c_str(), &st);
  WriteFileBytes(path, "### What does S3 store?\n- [ ] Objects\n- [x] Blocks\n");
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  utimensat(AT_FDCWD, path.c_str(), times, 0);
  ProcessResult second = Run({"banks", "show", "clf-c02-mine.md"});
  EXPECT_NE(second.out.find("Imported"), std::string::npos) << second.out;
  // A broken file is reported in one line and the others stay usable.
  WriteFileBytes(folder + "/clf-c02-broken.md", "### No right answer?\n- [ ] a\n- [ ] b\n");
  ProcessResult third = Run({"exams"});
  EXPECT_EQ(third.exit_code, 0);
  EXPECT_NE(third.err.find("broken.md was not imported (1 error); see 'proctor import"), std::string::npos) << third.err;
  EXPECT_EQ(CountLines(third.err), 1) << third.err;
  ProcessResult fourth = Run({"exams"});
  EXPECT_EQ(fourth.err, "") << "an unchanged broken file is not reported again";
}

// One small file per format, with domains the format's own way, then a short exam from it.
TEST_F(CliTest, ImportThenTakeWorksForEveryFormat) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"t.md", "## Domain 1: Cloud Concepts\n### Cq1?\n- [x] a\n- [ ] b\n### Cq2?\n- [x] a\n- [ ] b\n"
               "## Domain 2: Security and Compliance\n### Sq1?\n- [x] a\n- [ ] b\n### Sq2?\n- [x] a\n- [ ] b\n"
               "## Domain 3\n### Tq1?\n- [x] a\n- [ ] b\n### Tq2?\n- [x] a\n- [ ] b\n"},
      {"t-lettered.md", "# 1. Cloud Concepts\n1. Cq1?\n   - A. a\n   - B. b\nCorrect answer: A\n1. Cq2?\n   - A. a\n   - B. b\nCorrect answer: B\n"
                        "# 2. Security and Compliance\n1. Sq1?\n   - A. a\n   - B. b\nCorrect answer: A\n1. Sq2?\n   - A. a\n   - B. b\nCorrect answer: A\n"
                        "# Domain 3\n1. Tq1?\n   - A. a\n   - B. b\nCorrect answer: A\n1. Tq2?\n   - A. a\n   - B. b\nCorrect answer: A\n"},
      {"t.gift", "$CATEGORY: $course$/Cloud Concepts\nCq1? {=a ~b}\n\nCq2? {=a ~b}\n\n$CATEGORY: $course$/Security and Compliance\n"
                 "Sq1? {=a ~b}\n\nSq2? {T}\n\n$CATEGORY: $course$/Cloud Technology and Services\nTq1? {=a ~b}\n\nTq2? {F}\n"},
      {"t.xml", "<quiz>\n<question type=\"category\"><category><text>$course$/Cloud Concepts</text></category></question>\n"
                "<question type=\"multichoice\"><questiontext><text>Cq1?</text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n"
                "<question type=\"truefalse\"><questiontext><text>Cq2?</text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question>\n"
                "<question type=\"category\"><category><text>$course$/Security and Compliance</text></category></question>\n"
                "<question type=\"multichoice\"><questiontext><text>Sq1?</text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n"
                "<question type=\"multichoice\"><questiontext><text>Sq2?</text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n"
                "<question type=\"category\"><category><text>$course$/Cloud Technology and Services</text></category></question>\n"
                "<question type=\"multichoice\"><questiontext><text>Tq1?</text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n"
                "<question type=\"multichoice\"><questiontext><text>Tq2?</text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n</quiz>\n"},
      {"t.csv", "stem,a,b,answer,domain,exam\nCq1?,a,b,A,1,CLF-C02\nCq2?,a,b,A,1,CLF-C02\nSq1?,a,b,A,2,CLF-C02\n"
                "Sq2?,a,b,B,2,CLF-C02\nTq1?,a,b,A,3,CLF-C02\nTq2?,a,b,A,3,CLF-C02\n"},
  };
  for (const auto& [name, text] : files) {
    SCOPED_TRACE(name);
    // A database of its own, so the same stems in the other formats are not duplicates.
    std::string db = dir_ / (name + ".db");
    WriteFileBytes(dir_ / name, text);
    ProcessResult imported = Run({"import", "--db", db, "--exam", "CLF-C02", dir_ / name});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find("6 added"), std::string::npos) << imported.out;
    EXPECT_EQ(imported.out.find("no domain"), std::string::npos) << imported.out;
    // A form of 3: 3 x 15/65 rounds to one unscored item, so two scored ones.
    ProcessResult taken = Run({"take", "--db", db, "CLF-C02", "--bank", name, "--questions", "3", "--seed", "1"},
                              "a\na\na\nend\ny\n");
    ASSERT_EQ(taken.exit_code, 0) << taken.err;
    EXPECT_NE(taken.out.find("Question 3 of 3"), std::string::npos) << taken.out;
    EXPECT_TRUE(std::regex_search(taken.out, std::regex("Scored questions right: [0-2] of 2"))) << taken.out;
  }
}


// Every repository has a README.md: two of them are two banks, and a clash of ids never suggests
// overwriting the other file's bank (issue 13).
TEST_F(CliTest, ReadmeFilesAreTwoBanksAndACollisionNeverAdvisesOverwriting) {
  const std::string saa = dir_ / "aws-saa-questions";
  const std::string clf = dir_ / "aws-clf-questions";
  ASSERT_EQ(system(("mkdir -p " + saa + " " + clf).c_str()), 0);
  WriteFileBytes(saa + "/README.md", "### What does S3 store?\n- [x] Objects\n- [ ] Blocks\n");
  WriteFileBytes(clf + "/README.md", "### What is EC2?\n- [x] Virtual servers\n- [ ] DNS\n");
  ProcessResult first = Run({"import", "--exam", "CLF-C02", saa + "/README.md"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("bank aws-saa-questions.md: 1 added"), std::string::npos) << first.out;
  ProcessResult second = Run({"import", "--exam", "CLF-C02", clf + "/README.md"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("bank aws-clf-questions.md: 1 added"), std::string::npos) << second.out;

  // Two files whose names give the same id.
  const std::string other = dir_ / "elsewhere";
  ASSERT_EQ(system(("mkdir -p " + other).c_str()), 0);
  WriteFileBytes(other + "/notes.md", "### What is IAM?\n- [x] Identity and access management\n- [ ] Storage\n");
  WriteFileBytes(dir_ / "notes.md", "### What is VPC?\n- [x] A private network\n- [ ] A database\n");
  ASSERT_EQ(Run({"import", "--exam", "CLF-C02", other + "/notes.md"}).exit_code, 0);
  ProcessResult clash = Run({"import", "--exam", "CLF-C02", dir_ / "notes.md"});
  EXPECT_EQ(clash.exit_code, 1);
  EXPECT_NE(clash.err.find("bank notes.md already holds " + other + "/notes.md, another file; choose an id for this one with --bank"),
            std::string::npos) << clash.err;
  EXPECT_EQ(clash.err.find("replace"), std::string::npos) << clash.err;
}

// A file dropped in the banks folder cannot take over a bank that 'import' made from another file.
TEST_F(CliTest, ABanksFolderFileCannotTakeOverAnImportedBank) {
  WriteFileBytes(dir_ / "clf-c02-mine.md", "### What does S3 store?\n- [x] Objects\n- [ ] Blocks\n");
  ASSERT_EQ(Run({"import", dir_ / "clf-c02-mine.md"}).exit_code, 0);
  const std::string folder = dir_ / "data/proctor/banks";
  ASSERT_EQ(system(("mkdir -p " + folder).c_str()), 0);
  WriteFileBytes(folder + "/clf-c02-mine.md", "### What is EC2?\n- [x] Virtual servers\n- [ ] DNS\n");
  ProcessResult banks = Run({"banks", "show", "clf-c02-mine.md"});
  EXPECT_NE(banks.err.find(folder + "/clf-c02-mine.md was not imported"), std::string::npos) << banks.err;
  EXPECT_NE(banks.out.find("Source: " + std::string(dir_ / "clf-c02-mine.md")), std::string::npos)
      << "the imported bank keeps its file\n" << banks.out;
  ProcessResult why = Run({"import", folder + "/clf-c02-mine.md"});
  EXPECT_EQ(why.exit_code, 1);
  EXPECT_NE(why.err.find("bank clf-c02-mine.md already holds " + std::string(dir_ / "clf-c02-mine.md")), std::string::npos) << why.err;
}


// A FIFO or a device named on the command line is refused at once; it was read forever.
TEST_F(CliTest, AFifoOrADeviceIsRefusedNotReadForever) {
  const std::string fifo = dir_ / "questions.md";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& path : {fifo, std::string("/dev/zero")}) {
    SCOPED_TRACE(path);
    // Under timeout(1): the old behaviour would hang the test instead of failing it.
    std::vector<std::string> argv = {"/usr/bin/timeout", "20"};
    for (const std::string& a : Argv({"import", "--exam", "CLF-C02", path})) argv.push_back(a);
    ProcessResult r = RunProcess(argv, "", Options());
    EXPECT_EQ(r.exit_code, 1) << "124 means it was still reading after 20 s\n" << r.err;
    EXPECT_NE(r.err.find(path + ": is a " + (path == fifo ? "named pipe (FIFO)" : "device") + ", not a bank file"),
              std::string::npos) << r.err;
  }
}

// Messages (issue 13): "(Choose TWO.)" once; notices count what was imported; plurals; no advice
// to skip invalid questions when none is valid.
TEST_F(CliTest, ImportMessagesSayEachThingOnceAndRight) {
  WriteFileBytes(dir_ / "two.md", "### Which two run code? (Choose TWO.)\n- [x] EC2\n- [x] Lambda\n- [ ] S3\n- [ ] IAM\n");
  ASSERT_EQ(Run({"import", "--exam", "CLF-C02", dir_ / "two.md"}).exit_code, 0);
  ProcessResult practice = Run({"practice", "CLF-C02", "--bank", "two.md"}, "q\n");
  const std::string text = practice.out;
  EXPECT_EQ(text.find("(Choose"), text.rfind("(Choose")) << "the stem says it; proctor does not add it again\n" << text;

  // The same questions in another bank: skipped, and not counted in the notices.
  ASSERT_EQ(Run({"import", "--exam", "CLF-C02", kFixtures + "good/checklist.md"}).exit_code, 0);
  ProcessResult copy = Run({"import", "--exam", "CLF-C02", "--bank", "copy", kFixtures + "good/checklist.md"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_NE(copy.out.find("14 already in another bank"), std::string::npos) << copy.out;
  EXPECT_EQ(copy.out.find("no explanation"), std::string::npos) << copy.out;
  EXPECT_EQ(copy.out.find("had no domain"), std::string::npos) << copy.out;

  WriteFileBytes(dir_ / "essays.gift", "::E1:: Describe the shared responsibility model. {}\n\n::E2:: Describe an Availability Zone. {}\n\n"
                                       "::Q1:: Which service stores objects? {=Amazon S3 ~Amazon EBS ~Amazon EFS}\n");
  ProcessResult essays = Run({"import", "--exam", "CLF-C02", dir_ / "essays.gift"});
  EXPECT_NE(essays.out.find("2 skipped (2 essay questions)"), std::string::npos) << essays.out;

  WriteFileBytes(dir_ / "no-exam.md", "### What does S3 store?\n- [x] Objects\n- [ ] Blocks\n\n### What is EC2?\n- [x] Servers\n- [ ] DNS\n");
  ProcessResult no_exam = Run({"import", dir_ / "no-exam.md"});
  EXPECT_EQ(no_exam.exit_code, 1);
  EXPECT_EQ(CountLines(no_exam.err), 2) << "one error for the file, then 'nothing imported'\n" << no_exam.err;
  EXPECT_NE(no_exam.err.find("nothing imported: 1 error\n"), std::string::npos) << no_exam.err;
  EXPECT_EQ(no_exam.err.find("--skip-invalid"), std::string::npos) << no_exam.err;
}

}  // namespace
}  // namespace proctor::testing
