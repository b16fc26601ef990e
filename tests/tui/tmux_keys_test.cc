// No key a learner did not mean as a choice ever chooses an option: the real binary under tmux, for
// the terminal types learners have, with every key that is not bound and the escape sequences
// terminals send that terminfo does not list (issue 12: Home chose A, End chose D).
#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"
#include "tests/support/tmux.h"

namespace proctor::testing {
namespace {

class UnboundKeysTest : public ::testing::TestWithParam<const char*> {
 protected:
  std::string Proctor(const std::string& term, const std::vector<std::string>& args) const {
    std::string cmd = "env TERM=" + term + " PROCTOR_DB=" + ShellQuote(dir_ / "proctor.db") + " HOME=" +
                      ShellQuote(dir_.path()) + " LANG=C.UTF-8 " + ShellQuote(PROCTOR_BINARY);
    for (const std::string& a : args) cmd.append(" ").append(ShellQuote(a));
    return cmd;
  }
  TempDir dir_;
};

// What a terminal sends for keys that tmux has no name for, or that terminfo does not list.
const char* const kRawSequences[] = {
    "\x1b[1~",        // Home as screen and tmux send it (xterm's terminfo says ESC O H)
    "\x1b[4~",        // End, likewise
    "\x1b[7~",        // Home (rxvt)
    "\x1b[8~",        // End (rxvt)
    "\x1b[1;5H",      // Ctrl-Home
    "\x1b[3;5~",      // Ctrl-Delete
    "\x1b[99~",       // a sequence nobody defines
    "\x1bO5P",        // Ctrl-F1 (old xterm)
    "\x1b[M !!",      // an X10 mouse click at column 1, row 1
    "\x1b[<0;12;7M",  // an SGR mouse press ...
    "\x1b[<0;12;7m",  // ... and release
    "\x1b[<64;3;3M",  // an SGR wheel report
};

TEST_P(UnboundKeysTest, NoUnboundKeyOrSequenceChoosesAnOption) {
  const std::string term = GetParam();
  Tmux tmux(100, 30, Proctor(term, {"take", "CLF-C02", "--questions", "10", "--seed", "3"}) + "; sleep 600");
  ASSERT_TRUE(tmux.WaitFor("Enter start the exam")) << tmux.Capture();
  tmux.Keys({"Enter"});  // the start screen: the clock starts now
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 10")) << term << "\n" << tmux.Capture();
  ASSERT_TRUE(tmux.WaitFor("Answered 0/10")) << tmux.Capture();

  const std::vector<std::string> named = {"Home", "End", "PPage", "NPage", "IC", "DC", "F1", "F2", "F3", "F4",
                                          "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "M-a", "M-b",
                                          "M-c", "M-d", "M-1", "M-4", "C-Home", "S-End", "M-Left", "C-Up"};
  for (const std::string& key : named) {
    tmux.Keys({key});
    std::string screen = tmux.Capture();
    ASSERT_NE(screen.find("Answered 0/10"), std::string::npos) << term << ": " << key << " chose something\n" << screen;
    ASSERT_NE(screen.find("Question 1 of 10"), std::string::npos) << term << ": " << key << " moved\n" << screen;
  }
  for (const char* raw : kRawSequences) {
    tmux.Literal(raw);
    std::string screen = tmux.Capture();
    std::string shown;
    for (const char* p = raw; *p; ++p) shown += *p == '\x1b' ? std::string("ESC") : std::string(1, *p);
    ASSERT_NE(screen.find("Answered 0/10"), std::string::npos) << term << ": " << shown << " chose something\n" << screen;
    ASSERT_NE(screen.find("Question 1 of 10"), std::string::npos) << term << ": " << shown << " moved\n" << screen;
  }
  // A paste is text nobody typed as an answer.
  tmux.Paste("abcd");
  std::string screen = tmux.Capture();
  ASSERT_NE(screen.find("Answered 0/10"), std::string::npos) << term << ": a paste of abcd chose\n" << screen;
  EXPECT_EQ(screen.find("(*)"), std::string::npos) << screen;

  // The screen still takes a real answer after all that.
  tmux.Keys({"b"});
  EXPECT_TRUE(tmux.WaitFor("Answered 1/10")) << term << "\n" << tmux.Capture();
  EXPECT_TRUE(tmux.WaitFor("(*) B.")) << term << "\n" << tmux.Capture();
}

INSTANTIATE_TEST_SUITE_P(Terminals, UnboundKeysTest,
                         ::testing::Values("xterm", "xterm-256color", "screen-256color", "tmux-256color", "linux",
                                           "vt220"),
                         [](const ::testing::TestParamInfo<const char*>& term) {
                           std::string name;
                           for (const char* p = term.param; *p; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
                           return name;
                         });

// A terminal that cannot show the full screen: line mode with one line saying why, and no attempt
// (and no clock) until the learner starts it.
class NoFullScreenTest : public ::testing::TestWithParam<const char*> {
 protected:
  TempDir dir_;
};

TEST_P(NoFullScreenTest, RunsInLineModeAndSaysWhyBeforeAnyAttemptExists) {
  const std::string term = GetParam();
  const std::string env = term == "unset" ? "env -u TERM" : "env TERM=" + term;
  const std::string db = dir_ / "proctor.db";
  Tmux tmux(200, 30, env + " PROCTOR_DB=" + ShellQuote(db) + " HOME=" + ShellQuote(dir_.path()) + " LANG=C.UTF-8 " +
                         ShellQuote(PROCTOR_BINARY) + " take CLF-C02 --questions 3 --seed 2; sleep 600");
  const std::string why = term == "unset" ? "(TERM is not set)"
                          : term == "dumb" ? "(TERM 'dumb' cannot place text on the screen)"
                                           : "(TERM '" + term + "' is not a terminal this system knows (no terminfo entry))";
  ASSERT_TRUE(tmux.WaitFor("proctor: the full-screen exam cannot run here " + why + "; running in line mode.")) << tmux.Capture();
  ASSERT_TRUE(tmux.WaitFor("Press Enter to start the exam and its clock")) << tmux.Capture();
  EXPECT_EQ(tmux.Capture().find("Error opening terminal"), std::string::npos);
  // Nothing is stored yet: no attempt, no clock.
  std::string count = RunProcess({"/usr/bin/sqlite3", db, "SELECT count(*) FROM attempts"}, "").out;
  EXPECT_EQ(count, "0\n") << "an attempt exists before the learner started it";
  tmux.Keys({"Enter"});
  ASSERT_TRUE(tmux.WaitFor("Question 1 of 3")) << tmux.Capture();
  ASSERT_TRUE(tmux.WaitFor("Answered 0/3")) << tmux.Capture();
  tmux.Keys({"quit", "Enter"});
  ASSERT_TRUE(tmux.WaitFor("continue it with 'proctor resume 1'")) << tmux.Capture();
}

INSTANTIATE_TEST_SUITE_P(Terminals, NoFullScreenTest, ::testing::Values("unset", "dumb", "no-such-terminal"),
                         [](const ::testing::TestParamInfo<const char*>& term) {
                           std::string name;
                           for (const char* p = term.param; *p; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
                           return name;
                         });

}  // namespace
}  // namespace proctor::testing
