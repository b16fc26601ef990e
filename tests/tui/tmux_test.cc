// The full-screen exam end to end: the real binary in a tmux pane.
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tmux.h"

namespace proctor::testing {
namespace {

class TmuxTest : public ::testing::Test {
 protected:
  // A shell command that runs proctor with this test's database.
  std::string Proctor(const std::vector<std::string>& args) const {
    std::string cmd = "env PROCTOR_DB=" + ShellQuote(db_) + " HOME=" + ShellQuote(dir_.path()) +
                      " LANG=C.UTF-8 " + ShellQuote(PROCTOR_BINARY);
    for (const std::string& a : args) cmd.append(" ").append(ShellQuote(a));
    return cmd;
  }
  ProcessResult Plain(const std::vector<std::string>& args, const std::string& input = "") {
    std::vector<std::string> argv = {PROCTOR_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions o;
    o.env = {{"PROCTOR_DB", db_}, {"HOME", dir_.path()}};
    return RunProcess(argv, input, o);
  }
  static std::vector<std::string> Lines(const std::string& screen) {
    std::vector<std::string> lines;
    std::istringstream in(screen);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  TempDir dir_;
  std::string db_ = dir_ / "proctor.db";
};

TEST_F(TmuxTest, ExamFromFirstQuestionToScoreReportWithResize) {
  Tmux tmux(100, 30, Proctor({"take", "CLF-C02", "--seed", "1"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  tmux.Keys({"Enter"});  // the start screen: the clock starts now
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 65")) << tmux.Capture();
  std::string first = tmux.Capture();
  EXPECT_TRUE(std::regex_search(first, std::regex("Time left 1:(29:[45]\\d|30:00)"))) << first;
  EXPECT_NE(first.find(" A-"), std::string::npos) << "the footer shows the keys";

  tmux.Keys({"c"});
  ASSERT_TRUE(tmux.WaitFor("(*) C.")) << tmux.Capture();
  tmux.Keys({"f"});
  ASSERT_TRUE(tmux.WaitFor("[Flagged]")) << tmux.Capture();
  EXPECT_NE(tmux.Capture().find("Answered 1/65 · Flagged 1"), std::string::npos);

  tmux.Keys({"r"});
  ASSERT_TRUE(tmux.WaitFor("1 answered, 64 unanswered, 1 flagged")) << tmux.Capture();
  EXPECT_TRUE(std::regex_search(tmux.Capture(), std::regex(" 1\\* C +2  --"))) << tmux.Capture();
  tmux.Keys({"4", "0", "Enter"});
  ASSERT_TRUE(tmux.WaitFor("Question 40 of 65")) << tmux.Capture();

  tmux.Keys({"C-e"});
  ASSERT_TRUE(tmux.WaitFor("You have 64 unanswered questions; they count as wrong. 1 question is flagged for review."))
      << tmux.Capture();
  tmux.Keys({"y"});
  ASSERT_TRUE(tmux.WaitFor("Scored questions right: ")) << tmux.Capture();
  std::string report = tmux.Capture();
  EXPECT_TRUE(std::regex_search(report, std::regex("Result: (PASS|FAIL)   Scaled score: \\d+ \\(pass line 700"))) << report;
  EXPECT_NE(report.find("1 Cloud Concepts"), std::string::npos);

  // A smaller pane: everything is drawn again for the new size, once.
  tmux.Resize(72, 24);
  ASSERT_TRUE(tmux.WaitFor("Enter review answers")) << tmux.Capture();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<std::string> lines = Lines(tmux.Capture());
  ASSERT_EQ(lines.size(), 24u);
  EXPECT_EQ(lines[0].rfind(" CLF-C02  AWS Certified", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("Score report"), std::string::npos) << lines[0];
  EXPECT_NE(lines[23].find("Q quit"), std::string::npos) << lines[23];
  int headers = 0;
  for (const std::string& line : lines) headers += line.find("Score report: CLF-C02") != std::string::npos;
  EXPECT_EQ(headers, 1);
  EXPECT_TRUE(std::regex_search(tmux.Capture(), std::regex("2 Security and Compliance +30% +\\d+/15 +(Meets|Needs)")))
      << tmux.Capture();

  tmux.Resize(40, 12);
  ASSERT_TRUE(tmux.WaitFor("Terminal too small")) << tmux.Capture();
  tmux.Resize(100, 30);
  ASSERT_TRUE(tmux.WaitForGone("Terminal too small")) << tmux.Capture();
  EXPECT_NE(tmux.Capture().find("Scored questions right"), std::string::npos);

  tmux.Keys({"Enter"});
  ASSERT_TRUE(tmux.WaitFor("Answer review")) << tmux.Capture();
  EXPECT_NE(tmux.Capture().find("> your answer   * the right answer"), std::string::npos) << tmux.Capture();
  tmux.Keys({"q"});
  // Back on the normal screen, the report stays where the learner can scroll to it.
  ASSERT_TRUE(tmux.WaitFor("15 unscored questions did not count")) << tmux.Capture();
  EXPECT_NE(Plain({"history"}).out.find("submitted"), std::string::npos);
}

TEST_F(TmuxTest, AChoiceWhileAnotherProctorWritesIsKeptAsideAndSaysSo) {
  Tmux tmux(100, 30, Proctor({"take", "CLF-C02", "--seed", "2"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  tmux.Keys({"Enter"});  // the start screen: the clock starts now
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 65")) << tmux.Capture();
  // Another connection takes the write lock, as a long import does.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  tmux.Keys({"c"});
  // The choice shows at once, kept aside on disk, and the screen says why.
  ASSERT_TRUE(tmux.WaitFor("(*) C.")) << tmux.Capture();
  EXPECT_TRUE(tmux.WaitFor("your answers are kept on disk")) << tmux.Capture();
  ASSERT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  tmux.Keys({"f"});  // the next change takes the kept one into the database
  EXPECT_TRUE(tmux.WaitForGone("your answers are kept on disk")) << tmux.Capture();
  EXPECT_NE(tmux.Capture().find("Answered 1/65"), std::string::npos) << tmux.Capture();
  EXPECT_NE(Plain({"history"}).out.find("1/65"), std::string::npos);
}

TEST_F(TmuxTest, NoColorTurnsColoursOff) {
  // A FAIL report is drawn in red, unless NO_COLOR is set.
  for (bool no_color : {false, true}) {
    std::string command = Proctor({"take", "CLF-C02", "--questions", "3", "--seed", "2"});
    if (no_color) command = "NO_COLOR=1 " + command;
    Tmux tmux(100, 30, command + "; sleep 600");
    ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
    tmux.Keys({"Enter"});
    ASSERT_TRUE(tmux.WaitFor("Question 1 of 3")) << tmux.Capture();
    tmux.Keys({"C-e", "y"});
    ASSERT_TRUE(tmux.WaitFor("Result: FAIL")) << tmux.Capture();
    std::string styled = tmux.Command({"capture-pane", "-p", "-e", "-t", "0"});
    bool red = styled.find("\x1b[31m") != std::string::npos || styled.find(";31m") != std::string::npos ||
               styled.find("\x1b[91m") != std::string::npos;
    EXPECT_EQ(red, !no_color) << (no_color ? "NO_COLOR=1" : "colour");
    EXPECT_NE(styled.find("\x1b[7m"), std::string::npos) << "the bars stay in reverse video either way";
  }
}

TEST_F(TmuxTest, ReviewOpensTheAnswerReviewWithItsFilters) {
  std::string input;
  for (int i = 0; i < 65; ++i) input += "a\n";
  ASSERT_EQ(Plain({"take", "CLF-C02", "--seed", "5"}, input + "end\ny\n").exit_code, 0);
  Tmux tmux(90, 30, Proctor({"review", "1", "--incorrect", "--domain", "2"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Answer review")) << tmux.Capture();
  std::string screen = tmux.Capture();
  EXPECT_TRUE(std::regex_search(screen, std::regex("Question \\d+ of 65 · domain 2 · (scored|unscored \\(did not count\\)) · wrong")))
      << screen;
  EXPECT_TRUE(std::regex_search(screen, std::regex("1 of \\d+ questions? · showing not right, domain 2"))) << screen;
  EXPECT_TRUE(std::regex_search(screen, std::regex("Bank proctor-clf-c02, question clf-d2-\\d+"))) << screen;
  tmux.Keys({"Right"});
  ASSERT_TRUE(tmux.WaitFor("2 of ")) << tmux.Capture();
  tmux.Keys({"q"});
  ASSERT_TRUE(tmux.WaitForGone("Answer review")) << tmux.Capture();
}

TEST_F(TmuxTest, DeadlinePassedWhileClosedShowsTheReportWithWhatWasSaved) {
  ASSERT_EQ(Plain({"take", "CLF-C02", "--seed", "4", "--minutes", "1"}, "a\nb\nquit\n").exit_code, 0);
  sqlite3* db = nullptr;
  sqlite3_open(db_.c_str(), &db);
  sqlite3_exec(db, "UPDATE attempts SET deadline = started_at - 1000, started_at = started_at - 61000", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  Tmux tmux(100, 30, Proctor({"resume"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Time ran out: the exam ended by itself and was scored with the 2 answers saved before the"))
      << tmux.Capture();
  std::string screen = tmux.Capture();
  // Said once: no notice above the report repeats it.
  EXPECT_EQ(screen.find("Time ran out"), screen.rfind("Time ran out")) << screen;
  EXPECT_TRUE(std::regex_search(screen, std::regex("Scored questions right: [0-2] of 50"))) << screen;
}

TEST_F(TmuxTest, HostileBankTextIsNeutralised) {
  // Every text field carries a screen clear, a title change, an OSC 52 clipboard write, a C1 CSI
  // and a right-to-left override.
  const std::string evil = "\\u001b[2J\\u001b]0;PWNED\\u0007\\u001b]52;c;cHduZWQ=\\u0007\\u009b31m\\u202e";
  std::string questions;
  for (int i = 0; i < 6; ++i) {
    questions += std::string(i ? "," : "") + R"({"id": "q)" + std::to_string(i) + R"(", "domain": )" +
                 std::to_string(1 + i % 3) + R"(, "type": "single", "stem": "Before)" + evil + R"(After )" + std::to_string(i) + R"(",
      "options": [{"id": "a", "text": "Opt)" + evil + R"(ion"}, {"id": "b", "text": "Second"}],
      "answer": "a", "explanation": "Expl)" + evil + R"(ained"})";
  }
  WriteFileBytes(dir_ / "evil.json", R"({"format_version": 1, "bank": {"id": "evil", "title": "Evil)" + evil +
                                         R"("}, "exam": "CLF-C02", "questions": [)" + questions + "]}");
  ProcessResult imported = Plain({"import", dir_ / "evil.json"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  Tmux tmux(100, 30, Proctor({"take", "CLF-C02", "--bank", "evil", "--questions", "4", "--seed", "3"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  tmux.Keys({"Enter"});  // the start screen: the clock starts now
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 4")) << tmux.Capture();
  std::string screen = tmux.Capture();
  EXPECT_NE(screen.find(" BeforeAfter"), std::string::npos) << screen;
  EXPECT_NE(screen.find("Option"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("PWNED"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("\xE2\x80\xAE"), std::string::npos) << "no bidi override reaches the screen";
  EXPECT_EQ(Lines(screen)[0].rfind(" CLF-C02", 0), 0u) << "the screen was not cleared: " << screen;
  EXPECT_EQ(tmux.Command({"display-message", "-p", "-t", "0", "#{pane_title}"}).find("PWNED"), std::string::npos);
  EXPECT_EQ(tmux.Command({"list-buffers"}), "") << "the clipboard (OSC 52) was not written";

  // Plain mode writes no escape byte at all.
  ProcessResult plain = Plain({"take", "CLF-C02", "--bank", "evil", "--questions", "4", "--seed", "3"}, "a\nreview\nquit\n");
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos);
  EXPECT_NE(plain.out.find("BeforeAfter"), std::string::npos);
  EXPECT_EQ(plain.out.find("PWNED"), std::string::npos);
}

TEST_F(TmuxTest, LongImportShowsProgressOnATerminal) {
  // 30,000 questions take a few seconds: long enough for the progress line to appear.
  ProcessResult gen = RunProcess({PROCTOR_GEN_BANK, "30000", dir_ / "big.json"}, "");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  Tmux tmux(120, 20, Proctor({"import", dir_ / "big.json"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("30000 added", 120000)) << tmux.Capture();
  std::string screen = tmux.Capture();
  EXPECT_TRUE(std::regex_search(screen, std::regex("Importing .*big.json: 100% \\(30000 questions\\), \\d+/s, 0:00:00 left")))
      << screen;
}

TEST_F(TmuxTest, ClosingThePaneEndsTheProgramAndResumeReopensTheSameQuestion) {
  std::string pidfile = dir_ / "pid";
  // exec: the pane's process is proctor itself, so its pid is the one written.
  Tmux tmux(100, 30, "echo $$ > " + ShellQuote(pidfile) + "; exec " + Proctor({"take", "CLF-C02", "--seed", "8"}));
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  tmux.Keys({"Enter"});  // the start screen: the clock starts now
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 65")) << tmux.Capture();
  tmux.Keys({"b"});
  ASSERT_TRUE(tmux.WaitFor("(*) B.") || tmux.WaitFor("[x] B.")) << tmux.Capture();
  tmux.Keys({"Right"});
  ASSERT_TRUE(tmux.WaitFor("Question 2 of 65")) << tmux.Capture();
  tmux.Keys({"a", "f"});
  ASSERT_TRUE(tmux.WaitFor("[Flagged]")) << tmux.Capture();
  tmux.Keys({"Right"});
  ASSERT_TRUE(tmux.WaitFor("Question 3 of 65")) << tmux.Capture();
  pid_t pid = static_cast<pid_t>(std::stol(ReadFileBytes(pidfile)));

  tmux.KillServer();  // the pane closes: proctor gets SIGHUP
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (kill(pid, 0) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(kill(pid, 0), 0) << "proctor kept running after its terminal closed";

  Tmux again(100, 30, Proctor({"resume"}) + "; sleep 600");
  ASSERT_TRUE(again.WaitFor("Question 3 of 65")) << again.Capture();
  again.Keys({"r"});
  // A multiple-response question with one letter is incomplete, not answered: which questions
  // those are depends on the shipped banks, so either count is accepted.
  ASSERT_TRUE(again.WaitFor(" 63 unanswered, 1 flagged")) << again.Capture();
  std::string review = again.Capture();
  EXPECT_TRUE(std::regex_search(review, std::regex("(2 answered|1 answered, 1 incomplete|0 answered, 2 incomplete), 63 unanswered")))
      << review;
  EXPECT_TRUE(std::regex_search(review, std::regex(" 1  B\\+? +2\\* A\\+? +3  --"))) << review;
}

// Issue 12: 'take' while another process held the write lock waited without a word, and the wait
// came off the clock. The start screen now says it waits, and the clock starts once the attempt is
// stored.
TEST_F(TmuxTest, AStartThatWaitsForAnotherWriterSaysSoAndTheWaitIsNotOffTheClock) {
  ASSERT_EQ(Plain({"exams"}).exit_code, 0);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  Tmux tmux(100, 30, Proctor({"take", "CLF-C02", "--questions", "3", "--seed", "2"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  tmux.Keys({"Enter"});
  EXPECT_TRUE(tmux.WaitFor("Waiting for another proctor to finish writing to the database")) << tmux.Capture();
  EXPECT_NE(tmux.Capture().find("The clock has not started."), std::string::npos) << tmux.Capture();
  std::this_thread::sleep_for(std::chrono::milliseconds(4000));
  ASSERT_EQ(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 3")) << tmux.Capture();
  // Five minutes for three questions; four seconds of waiting would show as 0:04:56 or less.
  EXPECT_TRUE(std::regex_search(tmux.Capture(), std::regex("Time left 0:0(5:00|4:5[7-9])"))) << tmux.Capture();
}

TEST_F(TmuxTest, AStruckOptionIsStillStruckAfterLeavingAndResuming) {
  Tmux tmux(100, 30, Proctor({"take", "CLF-C02", "--questions", "3", "--seed", "2"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  tmux.Keys({"Enter"});
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 3")) << tmux.Capture();
  tmux.Keys({"Down", "s"});
  ASSERT_TRUE(tmux.WaitFor("/) B.")) << tmux.Capture();
  EXPECT_NE(tmux.Capture().find("Answered 0/3"), std::string::npos) << "a strike is not an answer";
  tmux.Keys({"q"});
  ASSERT_TRUE(tmux.WaitFor("Leave the exam for now?")) << tmux.Capture();
  tmux.Keys({"y"});
  ASSERT_TRUE(tmux.WaitFor("continue it with 'proctor resume 1'")) << tmux.Capture();
  Tmux again(100, 30, Proctor({"resume"}) + "; sleep 600");
  ASSERT_TRUE(again.WaitFor("Question 1 of 3")) << again.Capture();
  // Off the cursor line the option is drawn struck through (U+0336 after each character): read past that.
  std::string screen = again.Capture();
  for (size_t at; (at = screen.find("\xCC\xB6")) != std::string::npos;) screen.erase(at, 2);
  EXPECT_NE(screen.find("(/) B."), std::string::npos) << screen;
}

// A bank's text is untrusted: `bank export` writes it to a file or a pipe, never raw to a terminal.
TEST_F(TmuxTest, BankExportRefusesToWriteABankToTheTerminal) {
  Tmux tmux(120, 20, Proctor({"bank", "export", "proctor-clf-c02", "--format", "gift"}) + "; echo EXIT=$?; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("EXIT=2")) << tmux.Capture();
  const std::string screen = tmux.Capture();
  EXPECT_NE(screen.find("give --out FILE"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("$CATEGORY"), std::string::npos) << screen;
}

}  // namespace
}  // namespace proctor::testing
