// Practice on a terminal, end to end under tmux: the full screen (answer, feedback with the
// explanation, Enter, flag, a missed question coming back, the summary and the walk through what
// was missed) and line mode with --plain (an option's letter once when its text wraps, and a pause
// after the feedback).
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tmux.h"

namespace proctor::testing {
namespace {

// Three questions; each explanation carries a marker the test looks for.
constexpr const char* kBank = R"(### Which service gives a managed Kubernetes control plane?

- [ ] Amazon ECS
- [x] Amazon EKS
- [ ] AWS Batch
- [ ] AWS Fargate

Explanation: EXPLAINED-EKS Amazon EKS runs the Kubernetes control plane for you; ECS is AWS's own orchestrator.
Reference: https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html

### Which storage class suits archives read about once a year, where a retrieval may take up to twelve hours?

- [ ] Amazon S3 Standard
- [x] Amazon S3 Glacier Deep Archive, the lowest-cost storage class, for data kept for many years and read rarely
- [ ] Amazon S3 Standard-Infrequent Access
- [ ] Amazon S3 One Zone-Infrequent Access

Explanation: EXPLAINED-GLACIER Deep Archive is the cheapest class; retrievals take hours.

### Which service records the API calls made in an AWS account?

- [ ] Amazon Inspector
- [ ] Amazon GuardDuty
- [x] AWS CloudTrail
- [ ] AWS Config

Explanation: EXPLAINED-TRAIL CloudTrail records API activity.
)";

struct Key {
  const char* stem;   // words of the stem
  const char* right;  // words of the keyed option
};
constexpr Key kKeys[] = {{"managed Kubernetes", "Amazon EKS"},
                         {"archives read about once", "Glacier Deep Archive"},
                         {"records the API calls", "AWS CloudTrail"}};

class TmuxPracticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFileBytes(dir_ / "study.md", kBank);
    ProcessResult r = Plain({"import", "--exam", "CLF-C02", "--domain", "3", dir_ / "study.md"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  std::string Proctor(const std::vector<std::string>& args) const {
    std::string cmd = "env PROCTOR_DB=" + ShellQuote(db_) + " HOME=" + ShellQuote(dir_.path()) +
                      " LANG=C.UTF-8 " + ShellQuote(PROCTOR_BINARY);
    for (const std::string& a : args) cmd += " " + ShellQuote(a);
    return cmd;
  }
  ProcessResult Plain(const std::vector<std::string>& args, const std::string& input = "") {
    std::vector<std::string> argv = {PROCTOR_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions o;
    o.env = {{"PROCTOR_DB", db_}, {"HOME", dir_.path()}};
    return RunProcess(argv, input, o);
  }
  // The key of the question on the screen.
  static const Key& KeyOn(const std::string& screen) {
    for (const Key& k : kKeys) {
      if (screen.find(k.stem) != std::string::npos) return k;
    }
    ADD_FAILURE() << "no known question on the screen:\n" << screen;
    return kKeys[0];
  }
  // The letter of the option whose text contains `words` ("( ) B. Amazon EKS" or "  B. Amazon EKS").
  static std::string LetterOf(const std::string& screen, const std::string& words) {
    std::istringstream in(screen);
    const std::regex option(R"(^\s*(?:\(.\)\s+)?([A-D])\. (.*)$)");
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_search(line, m, option) && m[2].str().find(words.substr(0, 12)) != std::string::npos) {
        return std::string(1, static_cast<char>(std::tolower(m[1].str()[0])));
      }
    }
    ADD_FAILURE() << "no option '" << words << "' on the screen:\n" << screen;
    return "a";
  }
  // A letter that is not the key's.
  static std::string WrongLetter(const std::string& screen) {
    const std::string right = LetterOf(screen, KeyOn(screen).right);
    return right == "a" ? "b" : "a";
  }

  TempDir dir_;
  std::string db_ = dir_ / "proctor.db";
};

TEST_F(TmuxPracticeTest, FullScreenAnswerFeedbackFlagRelearnSummaryAndMissedWalk) {
  Tmux tmux(100, 30, Proctor({"practice", "CLF-C02", "--bank", "study.md", "--count", "3", "--seed", "4"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Practice 1 of 3")) << tmux.Capture();
  std::string screen = tmux.Capture();
  EXPECT_NE(screen.find("A-D choose  Enter check  F flag  S skip  Q end"), std::string::npos) << screen;
  const Key& first = KeyOn(screen);

  // Answer wrong: the choice shows, Enter checks it, the key and the explanation follow.
  const std::string wrong = WrongLetter(screen);
  tmux.Keys({wrong});
  ASSERT_TRUE(tmux.WaitFor("(*) " + std::string(1, static_cast<char>(std::toupper(wrong[0]))) + ".")) << tmux.Capture();
  EXPECT_EQ(tmux.Capture().find("Not right"), std::string::npos) << "nothing is checked before Enter";
  tmux.Keys({"Enter"});
  ASSERT_TRUE(tmux.WaitFor("Not right: the answer is")) << tmux.Capture();
  screen = tmux.Capture();
  EXPECT_NE(screen.find("It comes back later in this session."), std::string::npos) << screen;
  EXPECT_NE(screen.find("EXPLAINED-"), std::string::npos) << "the explanation is on the feedback screen\n" << screen;
  EXPECT_NE(screen.find("Enter next  F flag  Q end"), std::string::npos) << screen;
  EXPECT_NE(screen.find("1 to try again"), std::string::npos) << screen;

  // Flag it, then Enter goes on to the next question.
  tmux.Keys({"f"});
  ASSERT_TRUE(tmux.WaitFor("Practice 1 of 3  [Flagged]")) << tmux.Capture();
  tmux.Keys({"Enter"});
  ASSERT_TRUE(tmux.WaitFor("Practice 2 of 3")) << tmux.Capture();

  // The other two right.
  for (const char* next : {"Practice 3 of 3", "Again: question 1"}) {
    screen = tmux.Capture();
    tmux.Keys({LetterOf(screen, KeyOn(screen).right), "Enter"});
    ASSERT_TRUE(tmux.WaitFor("Right: ")) << tmux.Capture();
    tmux.Keys({"Enter"});
    ASSERT_TRUE(tmux.WaitFor(next)) << tmux.Capture();
  }
  // The missed question came back (same-day relearning): right this time.
  screen = tmux.Capture();
  EXPECT_NE(screen.find(first.stem), std::string::npos) << screen;
  EXPECT_NE(screen.find("Missed earlier: try it again."), std::string::npos) << screen;
  tmux.Keys({LetterOf(screen, first.right), "Enter"});
  ASSERT_TRUE(tmux.WaitFor("Right: ")) << tmux.Capture();
  tmux.Keys({"Enter"});

  // The end summary: right, wrong, by domain, what came back, the flag, what was missed.
  ASSERT_TRUE(tmux.WaitFor("Practice summary")) << tmux.Capture();
  screen = tmux.Capture();
  EXPECT_NE(screen.find("Practice finished: 2 right, 1 wrong, 0 not answered."), std::string::npos) << screen;
  EXPECT_NE(screen.find("3 Cloud Technology and Services: 2 of 3 right"), std::string::npos) << screen;
  EXPECT_NE(screen.find("Missed questions asked again: 1, 1 right the last time."), std::string::npos) << screen;
  EXPECT_NE(screen.find("Flagged: 1"), std::string::npos) << screen;
  EXPECT_NE(screen.find("Missed: 1."), std::string::npos) << screen;

  // Enter walks through what was missed, with the key and the explanation; q comes back.
  tmux.Keys({"Enter"});
  ASSERT_TRUE(tmux.WaitFor("Answer review")) << tmux.Capture();
  screen = tmux.Capture();
  EXPECT_NE(screen.find("1 of 1 question · showing not right"), std::string::npos) << screen;
  EXPECT_NE(screen.find(first.stem), std::string::npos) << screen;
  EXPECT_NE(screen.find("> your answer   * the right answer"), std::string::npos) << screen;
  tmux.Keys({"q"});
  ASSERT_TRUE(tmux.WaitFor("Practice summary")) << tmux.Capture();
  tmux.Keys({"q"});
  // Back on the normal screen, the summary stays.
  ASSERT_TRUE(tmux.WaitFor("Practice finished: 2 of 3 answered right (0 not answered). Attempt 1 is in your history"))
      << tmux.Capture();
  EXPECT_NE(Plain({"history"}).out.find("practice"), std::string::npos);
}

TEST_F(TmuxPracticeTest, QuittingAtOnceLeavesNoAttempt) {
  Tmux tmux(100, 30, Proctor({"practice", "CLF-C02", "--bank", "study.md", "--count", "3"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Practice 1 of 3")) << tmux.Capture();
  tmux.Keys({"q"});
  ASSERT_TRUE(tmux.WaitFor("Nothing was answered, so nothing was kept.")) << tmux.Capture();
  tmux.Keys({"q"});
  ASSERT_TRUE(tmux.WaitFor("Practice finished: 0 of 0 answered right")) << tmux.Capture();
  EXPECT_NE(Plain({"history"}).out.find("No attempts"), std::string::npos) << Plain({"history"}).out;
}

TEST_F(TmuxPracticeTest, LineModeOnATerminalWrapsOptionsUnderOneLetterAndPausesAfterFeedback) {
  Tmux tmux(60, 40, Proctor({"practice", "CLF-C02", "--bank", "study.md", "--count", "3", "--seed", "9", "--plain"}) +
                        "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Practice question 1 of 3")) << tmux.Capture();
  ASSERT_TRUE(tmux.WaitFor("Type letters to answer")) << tmux.Capture();
  // Get to the question with the long option (skipping the others).
  int number = 1;
  while (number < 3 && tmux.Capture().find("archives read about once") == std::string::npos) {
    tmux.Keys({"s", "Enter"});
    ++number;
    ASSERT_TRUE(tmux.WaitFor("Practice question " + std::to_string(number) + " of 3")) << tmux.Capture();
  }
  std::string screen = tmux.Capture();
  ASSERT_NE(screen.find("archives read about once"), std::string::npos) << screen;
  // "  B. Amazon S3 Glacier Deep Archive, the lowest-cost" / "     storage class, for data ...": the
  // letter once, the rest of the text hanging under it (it was "B. ..." on every line).
  const std::string letter = LetterOf(screen, "Amazon S3 Glacier Deep Archive");
  const std::string upper(1, static_cast<char>(std::toupper(letter[0])));
  std::istringstream in(screen);
  int with_letter = 0;
  bool hanging = false;
  std::string previous;
  for (std::string line; std::getline(in, line); previous = line) {
    if (line.rfind("  " + upper + ". ", 0) == 0 && line.find("Glacier Deep Archive") == std::string::npos &&
        previous.find("Glacier Deep Archive") != std::string::npos) {
      ++with_letter;  // the old bug: the wrapped line repeated the letter
    }
    if (previous.rfind("  " + upper + ". Amazon S3 Glacier", 0) == 0 && line.rfind("     ", 0) == 0 && line.size() > 5 &&
        line[5] != ' ') {
      hanging = true;
    }
  }
  EXPECT_EQ(with_letter, 0) << screen;
  EXPECT_TRUE(hanging) << "the wrapped text hangs under the option's text\n" << screen;

  // Answer it: the feedback stays on the screen until Enter.
  tmux.Keys({letter, "Enter"});
  ASSERT_TRUE(tmux.WaitFor("Press Enter for the next question")) << tmux.Capture();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  screen = tmux.Capture();
  EXPECT_NE(screen.find("Right: "), std::string::npos) << screen;
  EXPECT_NE(screen.find("EXPLAINED-GLACIER"), std::string::npos) << screen;
  const std::string next = "Practice question " + std::to_string(number + 1) + " of 3";
  if (number < 3) {
    EXPECT_EQ(screen.find(next), std::string::npos) << "the next question waits for Enter\n" << screen;
    tmux.Keys({"Enter"});
    ASSERT_TRUE(tmux.WaitFor(next)) << tmux.Capture();
  }
  tmux.Keys({"q", "Enter"});
  ASSERT_TRUE(tmux.WaitFor("Practice finished: 1 of 1 answered right")) << tmux.Capture();
}

}  // namespace
}  // namespace proctor::testing
