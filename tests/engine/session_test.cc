#include "engine/session.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "engine/error.h"
#include "engine/shipped.h"
#include "engine/store/attempt_store.h"

namespace proctor {
namespace {

// Records what the session saved, in order.
class RecordingLog final : public AttemptLog {
 public:
  void SaveItem(int64_t, int position, const AttemptItem& item) override {
    events.push_back("item " + std::to_string(position) + " " + EncodeResponse(item.response) +
                     (item.flagged ? " flagged" : ""));
  }
  void SaveMove(int64_t, int from, const AttemptItem&, int to) override {
    events.push_back("move " + std::to_string(from) + "->" + std::to_string(to));
  }
  void SaveFinish(const Attempt& a, const ScoreReport& r) override {
    events.push_back(std::string("finish ") + std::string(AttemptStatusName(a.status)) + " " + std::to_string(r.correct));
  }
  std::vector<std::string> events;
};

Attempt SmallAttempt(int64_t start_ms, int minutes) {
  Attempt a;
  a.id = 1;
  a.blueprint = *Catalog::Parse(ShippedCatalog(), "catalog.json").Find("CLF-C02", "2026-11-22");
  a.started_ms = start_ms;
  a.minutes = minutes;
  a.deadline_ms = start_ms + int64_t{minutes} * 60000;
  for (int i = 0; i < 4; ++i) {
    AttemptItem item;
    item.form = {"b", "q" + std::to_string(i), 1 + i, i != 3};
    item.question.type = i == 1 ? ItemType::kMultiple : ItemType::kSingle;
    item.question.options = {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}, {"e", "E"}};
    item.question.key = i == 1 ? Response{"a", "c"} : Response{"b"};
    item.option_order = {"a", "b", "c", "d", "e"};
    a.items.push_back(item);
  }
  return a;
}

TEST(SessionTest, EveryEventIsSavedBeforeItReturns) {
  ManualClock clock(1'000'000);
  RecordingLog log;
  Session s(SmallAttempt(clock.NowMs(), 90), clock, log);
  EXPECT_TRUE(s.Answer({"b"}));
  EXPECT_TRUE(s.SetFlag(true));
  EXPECT_TRUE(s.GoTo(1));
  EXPECT_TRUE(s.Answer({"a"}));
  EXPECT_EQ(log.events, (std::vector<std::string>{"item 0 b", "item 0 b flagged", "move 0->1", "item 1 a"}));
  EXPECT_EQ(s.answered_count(), 1);
  EXPECT_EQ(s.incomplete_count(), 1);  // one of the two a multiple-response question asks for
  EXPECT_EQ(s.flagged_count(), 1);
}

TEST(SessionTest, MultipleResponseWithOneOfTwoIsWrong) {
  ManualClock clock(0);
  RecordingLog log;
  Session s(SmallAttempt(0, 90), clock, log);
  s.Answer({"b"});
  s.GoTo(1);
  s.Answer({"a"});  // one of the two keyed options
  const ScoreReport& r = s.Submit();
  EXPECT_EQ(r.correct, 1);
  EXPECT_EQ(r.scored_count, 3);
  EXPECT_EQ(s.attempt().status, AttemptStatus::kSubmitted);
}

TEST(SessionTest, RemainingTimeIsDeadlineMinusNow) {
  ManualClock clock(5'000);
  RecordingLog log;
  Session s(SmallAttempt(5'000, 90), clock, log);
  EXPECT_EQ(s.RemainingMs(), 90 * 60000);
  clock.Advance(61'500);
  EXPECT_EQ(s.RemainingMs(), 90 * 60000 - 61'500);
}

TEST(SessionTest, PassingTheDeadlineExpiresTheAttemptWithWhatWasSaved) {
  ManualClock clock(0);
  RecordingLog log;
  Session s(SmallAttempt(0, 90), clock, log);
  ASSERT_TRUE(s.Answer({"b"}));  // right, saved in time
  clock.Set(90 * 60000);         // the deadline
  EXPECT_FALSE(s.GoTo(2));       // refused: the attempt has ended
  EXPECT_FALSE(s.Answer({"b"}));
  EXPECT_FALSE(s.in_progress());
  EXPECT_EQ(s.attempt().status, AttemptStatus::kExpired);
  EXPECT_EQ(s.attempt().finished_ms, 90 * 60000);
  ASSERT_TRUE(s.report().has_value());
  EXPECT_EQ(s.report()->correct, 1);
  EXPECT_EQ(log.events.back(), "finish expired 1");
}

TEST(SessionTest, TimeSpentAccruesPerQuestion) {
  ManualClock clock(0);
  RecordingLog log;
  Session s(SmallAttempt(0, 90), clock, log);
  clock.Advance(30'000);
  s.GoTo(1);
  clock.Advance(10'000);
  s.GoTo(0);
  clock.Advance(5'000);
  s.Submit();
  EXPECT_EQ(s.attempt().items[0].time_spent_ms, 35'000);
  EXPECT_EQ(s.attempt().items[1].time_spent_ms, 10'000);
}

TEST(SessionTest, SavedAttemptResumesWithAnswersFlagsAndPosition) {
  Database db = Database::Open(":memory:");
  ManualClock clock(1'000);
  Attempt a = SmallAttempt(1'000, 90);
  a.id = 0;
  CreateAttempt(db, a);
  {
    SqliteAttemptLog log(db);
    Session s(a, clock, log);
    s.Answer({"b"});
    s.GoTo(1);
    s.Answer({"c", "a"});
    s.SetFlag(true);
    s.GoTo(2);
  }
  Attempt loaded = LoadAttempt(db, a.id);
  EXPECT_EQ(loaded.position, 2);
  EXPECT_EQ(loaded.items[0].response, Response{"b"});
  EXPECT_EQ(loaded.items[1].response, (Response{"c", "a"}));
  EXPECT_TRUE(loaded.items[1].flagged);
  EXPECT_EQ(loaded.deadline_ms, a.deadline_ms);
  EXPECT_EQ(loaded.status, AttemptStatus::kInProgress);
  EXPECT_EQ(loaded.blueprint.code, "CLF-C02");

  // Reopened after its deadline: scored as expired with the saved answers.
  clock.Set(a.deadline_ms + 1);
  SqliteAttemptLog log(db);
  Session resumed(loaded, clock, log);
  EXPECT_TRUE(resumed.CheckDeadline());
  EXPECT_EQ(resumed.report()->correct, 2);
  std::vector<HistoryRow> rows = ListAttempts(db, "");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, AttemptStatus::kExpired);
  EXPECT_EQ(rows[0].answered, 2);
  EXPECT_TRUE(rows[0].scaled.has_value());
}

}  // namespace
}  // namespace proctor

namespace proctor {
namespace {

// A process that is really running, for a lease held by "another proctor".
struct OtherProcess {
  OtherProcess() {
    pid = fork();
    if (pid == 0) {
      pause();
      _exit(0);
    }
  }
  ~OtherProcess() {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  AttemptOwner Owner() const {
    AttemptOwner o = ThisProcess(5'000);
    o.pid = pid;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(in, line);
    std::istringstream rest(line.substr(line.rfind(')') + 1));
    std::string field;
    for (int i = 3; i <= 22 && rest >> field; ++i) o.process_start = field;
    return o;
  }
  pid_t pid;
};

TEST(AttemptLeaseTest, ASecondProcessIsRefusedWhileTheFirstHoldsTheAttempt) {
  Database db = Database::Open(":memory:");
  OtherProcess other;
  Attempt a = SmallAttempt(1'000, 90);
  a.id = 0;
  AttemptOwner first = other.Owner();
  CreateAttempt(db, a, &first);
  ASSERT_TRUE(OwnerIsAlive(first));
  try {
    TakeLease(db, a.id, ThisProcess(2'000));
    FAIL() << "a second process took an attempt that a live one holds";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is open in another proctor (process " + std::to_string(other.pid) + ", since "),
              std::string::npos)
        << e.what();
  }
  // And it cannot write into it either.
  ManualClock clock(2'000);
  SqliteAttemptLog log(db, ThisProcess(2'000));
  Session s(LoadAttempt(db, a.id), clock, log);
  EXPECT_THROW(s.Answer({"b"}), Error);
  EXPECT_EQ(LoadAttempt(db, a.id).items[0].response, Response{});
}

TEST(AttemptLeaseTest, ALeaseWhoseProcessIsGoneIsTakenOver) {
  Database db = Database::Open(":memory:");
  Attempt a = SmallAttempt(1'000, 90);
  a.id = 0;
  AttemptOwner gone;
  {
    OtherProcess other;
    gone = other.Owner();
  }
  CreateAttempt(db, a, &gone);
  EXPECT_FALSE(OwnerIsAlive(gone));
  AttemptOwner me = ThisProcess(2'000);
  TakeLease(db, a.id, me);
  ManualClock clock(2'000);
  SqliteAttemptLog log(db, me);
  Session s(LoadAttempt(db, a.id), clock, log);
  EXPECT_TRUE(s.Answer({"b"}));
  EXPECT_EQ(LoadAttempt(db, a.id).items[0].response, Response{"b"});
  ReleaseLease(db, a.id, me);
  EXPECT_FALSE(LeaseOf(db, a.id).has_value());
}

TEST(AttemptLeaseTest, TheStoreRefusesAnyChangeOnceTheAttemptHasEnded) {
  Database db = Database::Open(":memory:");
  Attempt a = SmallAttempt(1'000, 90);
  a.id = 0;
  CreateAttempt(db, a);
  ManualClock clock(2'000);
  SqliteAttemptLog first_log(db);
  SqliteAttemptLog second_log(db);
  Session first(LoadAttempt(db, a.id), clock, first_log);
  Session second(LoadAttempt(db, a.id), clock, second_log);  // opened before the first submitted
  first.Answer({"b"});
  first.Submit();
  EXPECT_THROW(second.Answer({"c"}), Error);
  EXPECT_THROW(second.SetFlag(true), Error);
  Attempt stored = LoadAttempt(db, a.id);
  EXPECT_EQ(stored.items[0].response, Response{"b"});
  EXPECT_FALSE(stored.items[0].flagged);
  EXPECT_EQ(stored.status, AttemptStatus::kSubmitted);
}

TEST(AttemptLeaseTest, CreatingWithAClockStartsItWhenTheWriteLockIsHeld) {
  Database db = Database::Open(":memory:");
  Attempt a = SmallAttempt(1'000, 90);
  a.id = 0;
  ManualClock clock(7'000'000);
  CreateAttempt(db, a, nullptr, &clock);
  EXPECT_EQ(a.started_ms, 7'000'000);
  EXPECT_EQ(a.deadline_ms, 7'000'000 + 90 * 60000);
  EXPECT_EQ(LoadAttempt(db, a.id).deadline_ms, a.deadline_ms);
}

TEST(AttemptLeaseTest, StruckOptionsAreSavedWithTheItem) {
  Database db = Database::Open(":memory:");
  Attempt a = SmallAttempt(1'000, 90);
  a.id = 0;
  CreateAttempt(db, a);
  ManualClock clock(2'000);
  SqliteAttemptLog log(db);
  Session s(LoadAttempt(db, a.id), clock, log);
  EXPECT_TRUE(s.SetStruck({"c", "d"}));
  Attempt stored = LoadAttempt(db, a.id);
  EXPECT_EQ(stored.items[0].struck, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(stored.items[0].response, Response{});
}

}  // namespace
}  // namespace proctor
