// The full-screen exam's logic, driven by keys on a manual clock.
#include "cli/tui/controller.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "cli/answer_format.h"
#include "cli/tui/render.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

class NullLog final : public AttemptLog {
 public:
  void SaveItem(int64_t, int, const AttemptItem&) override { ++saves; }
  void SaveMove(int64_t, int, const AttemptItem&, int) override { ++saves; }
  void SaveFinish(const Attempt&, const ScoreReport&) override { ++saves; }
  int saves = 0;
};

KeyEvent Char(char c) { return {KeyEvent::Kind::kChar, static_cast<char32_t>(c)}; }
KeyEvent Key(KeyEvent::Kind kind) { return {kind, 0}; }
KeyEvent Ctrl(char c) { return {KeyEvent::Kind::kCtrl, static_cast<char32_t>(c)}; }

Attempt Mixed() {
  Attempt a;
  a.id = 1;
  a.blueprint = *Catalog::Parse(ShippedCatalog(), "catalog.json").Find("AIF-C01", "2026-11-22");
  a.minutes = 90;
  a.deadline_ms = 90 * 60000;
  const auto add = [&](ItemType type, Response key, int options) {
    AttemptItem item;
    item.form = {"b", "q" + std::to_string(a.items.size()), 1, true};
    item.question.type = type;
    item.question.stem = "Stem";
    for (int o = 0; o < options; ++o) {
      std::string id(1, static_cast<char>('a' + o));
      item.question.options.push_back({id, "Option " + id});
      item.option_order.push_back(id);
    }
    item.question.key = std::move(key);
    a.items.push_back(item);
  };
  add(ItemType::kMultiple, {"a", "e"}, 5);
  add(ItemType::kOrdering, {"c", "a", "b"}, 3);
  add(ItemType::kMatching, {"p1=b", "p2=a", "p3=b"}, 2);
  a.items[2].question.prompts = {{"p1", "one"}, {"p2", "two"}, {"p3", "three"}};
  return a;
}

TEST(ControllerTest, MultipleResponseTogglesAndEIsAnOptionNotEnd) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.HandleKey(Char('a'), 80, 24);
  c.HandleKey(Char('e'), 80, 24);  // option E, since this question has five options
  EXPECT_EQ(c.view().screen, Screen::kQuestion);
  EXPECT_EQ(s.current().response, (Response{"a", "e"}));
  c.HandleKey(Char('a'), 80, 24);  // toggles A off
  EXPECT_EQ(s.current().response, Response{"e"});
  c.HandleKey(Ctrl('e'), 80, 24);
  EXPECT_EQ(c.view().screen, Screen::kConfirmEnd);
  c.HandleKey(Char('n'), 80, 24);
  EXPECT_EQ(c.view().screen, Screen::kQuestion);
  EXPECT_GE(log.saves, 3) << "every change is handed to the log";
}

TEST(ControllerTest, OrderingBuildsTheSequenceAndBackspaceUndoes) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.HandleKey(Key(KeyEvent::Kind::kRight), 80, 24);
  ASSERT_EQ(s.position(), 1);
  for (char k : std::string("cab")) c.HandleKey(Char(k), 80, 24);
  EXPECT_EQ(s.current().response, (Response{"c", "a", "b"}));
  c.HandleKey(Key(KeyEvent::Kind::kBackspace), 80, 24);
  c.HandleKey(Key(KeyEvent::Kind::kBackspace), 80, 24);
  c.HandleKey(Char('b'), 80, 24);
  c.HandleKey(Char('a'), 80, 24);
  EXPECT_EQ(s.current().response, (Response{"c", "b", "a"}));
  EXPECT_FALSE(IsCorrect(s.current().question, s.current().response));
}

TEST(ControllerTest, MatchingAssignsTheLetterToThePromptUnderTheCursor) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.HandleKey(Char('n'), 80, 24);
  c.HandleKey(Char('n'), 80, 24);
  ASSERT_EQ(s.position(), 2);
  c.HandleKey(Char('b'), 80, 24);  // prompt 1 -> B, cursor moves to prompt 2
  c.HandleKey(Char('a'), 80, 24);  // prompt 2 -> A
  c.HandleKey(Char('b'), 80, 24);  // prompt 3 -> B
  EXPECT_TRUE(IsCorrect(s.current().question, s.current().response));
  c.HandleKey(Key(KeyEvent::Kind::kUp), 80, 24);
  c.HandleKey(Key(KeyEvent::Kind::kUp), 80, 24);
  ASSERT_EQ(c.view().cursor, 0);
  c.HandleKey(Char('a'), 80, 24);  // re-pair prompt 1 with A: the item is now wrong
  Response r = s.current().response;
  std::sort(r.begin(), r.end());
  EXPECT_EQ(r, (Response{"p1=a", "p2=a", "p3=b"}));
  EXPECT_FALSE(IsCorrect(s.current().question, s.current().response));
}

TEST(ControllerTest, WarningsAtFifteenAndFiveMinutesThenTheExamEndsByItself) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.Tick();
  EXPECT_TRUE(c.view().notice.empty());
  clock.Set(75 * 60000 + 1);  // 14:59 left
  c.Tick();
  EXPECT_EQ(c.view().notice, "15 minutes remain. The exam ends by itself at zero.");
  EXPECT_EQ(Render(c.Snapshot(), c.view(), 80, 24).At(0, 78).style, Style::kWarn);
  c.HandleKey(Char('b'), 80, 24);  // any action clears the notice
  EXPECT_TRUE(c.view().notice.empty());
  clock.Set(85 * 60000 + 1);
  c.Tick();
  EXPECT_EQ(c.view().notice, "5 minutes remain. The exam ends by itself at zero.");
  EXPECT_EQ(Render(c.Snapshot(), c.view(), 80, 24).At(0, 78).style, Style::kCritical);
  clock.Set(90 * 60000);
  c.Tick();
  EXPECT_EQ(c.view().screen, Screen::kReport);
  EXPECT_EQ(s.attempt().status, AttemptStatus::kExpired);
  // Said once, by the report itself, not again in a notice above it.
  EXPECT_EQ(c.view().notice, "");
  int said = 0;
  for (const std::string& line : Render(c.Snapshot(), c.view(), 80, 24).Lines()) said += line.find("Time ran out") != std::string::npos;
  EXPECT_EQ(said, 1);
}

TEST(ControllerTest, ReviewFiltersAndJumps) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.HandleKey(Char('a'), 80, 24);
  c.HandleKey(Char('f'), 80, 24);
  c.HandleKey(Char('r'), 80, 24);
  ASSERT_EQ(c.view().screen, Screen::kReview);
  c.HandleKey(Char('u'), 80, 24);
  EXPECT_EQ(ReviewList(s.attempt(), c.view().filter), (std::vector<int>{1, 2}));
  c.HandleKey(Key(KeyEvent::Kind::kRight), 80, 24);
  c.HandleKey(Key(KeyEvent::Kind::kEnter), 80, 24);
  EXPECT_EQ(c.view().screen, Screen::kQuestion);
  EXPECT_EQ(s.position(), 2);
  c.HandleKey(Char('r'), 80, 24);
  c.HandleKey(Char('1'), 80, 24);
  c.HandleKey(Key(KeyEvent::Kind::kEnter), 80, 24);
  EXPECT_EQ(s.position(), 0);
}

TEST(ControllerTest, MoreChoicesThanAskedAreRefusedAndFewerAreIncomplete) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);  // question 1: choose TWO of five
  ExamController c(s, ViewState{});
  c.HandleKey(Char('a'), 80, 24);
  EXPECT_EQ(s.incomplete_count(), 1);
  EXPECT_EQ(s.answered_count(), 0);
  c.HandleKey(Char('b'), 80, 24);
  EXPECT_EQ(s.answered_count(), 1);
  c.HandleKey(Char('c'), 80, 24);  // a third: refused, nothing dropped
  EXPECT_EQ(s.current().response, (Response{"a", "b"}));
  EXPECT_EQ(c.view().notice, "This question asks for TWO. Press a chosen letter again to unchoose it first.");
}

TEST(ControllerTest, StrikeOutTogglesIsSavedAndNeverAnswers) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.HandleKey(Key(KeyEvent::Kind::kDown), 80, 24);
  c.HandleKey(Char('s'), 80, 24);
  EXPECT_EQ(s.current().struck, (std::vector<std::string>{"b"}));
  EXPECT_TRUE(s.current().response.empty()) << "striking is not answering";
  const int saves = log.saves;
  c.HandleKey(Char('-'), 80, 24);  // again: restored
  EXPECT_TRUE(s.current().struck.empty());
  EXPECT_GT(log.saves, saves) << "each strike is saved with the attempt";
  c.HandleKey(Key(KeyEvent::Kind::kEnd), 80, 24);
  EXPECT_EQ(c.view().cursor, 4);
  c.HandleKey(Key(KeyEvent::Kind::kHome), 80, 24);
  EXPECT_EQ(c.view().cursor, 0);
  EXPECT_TRUE(s.current().response.empty()) << "Home and End move, never choose";
}

TEST(ControllerTest, QuitAsksFirstAndSaysTheAttemptStaysOpen) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  EXPECT_TRUE(c.HandleKey(Char('q'), 80, 24));
  EXPECT_EQ(c.view().screen, Screen::kConfirmQuit);
  std::vector<std::string> lines = Render(c.Snapshot(), c.view(), 80, 24).Lines();
  EXPECT_EQ(lines[2], " Leave the exam for now?");
  EXPECT_EQ(lines[4], " Your answers are saved and attempt 1 stays open: 'proctor resume' continues it");
  c.HandleKey(Char('n'), 80, 24);
  EXPECT_EQ(c.view().screen, Screen::kQuestion);
  c.HandleKey(Char('q'), 80, 24);
  EXPECT_FALSE(c.HandleKey(Char('y'), 80, 24)) << "y leaves";
  EXPECT_TRUE(s.in_progress());
}

TEST(ControllerTest, MatchingBackspaceUndoesTheLastMatch) {
  ManualClock clock(0);
  NullLog log;
  Session s(Mixed(), clock, log);
  ExamController c(s, ViewState{});
  c.HandleKey(Char('n'), 80, 24);
  c.HandleKey(Char('n'), 80, 24);
  c.HandleKey(Char('b'), 80, 24);
  c.HandleKey(Char('a'), 80, 24);
  EXPECT_EQ(s.current().response, (Response{"p1=b", "p2=a"}));
  c.HandleKey(Key(KeyEvent::Kind::kBackspace), 80, 24);
  EXPECT_EQ(s.current().response, (Response{"p1=b"}));
  EXPECT_NE(ItemInstruction(s.current().question, true).find("A response may be used more than once."), std::string::npos);
}

}  // namespace
}  // namespace proctor
