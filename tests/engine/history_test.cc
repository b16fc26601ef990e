// A history seeded with known answers gives the expected rows, domain figures, review dates,
// practice picks and readiness.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "engine/shipped.h"
#include "engine/start_attempt.h"
#include "engine/stats.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"
#include "engine/store/item_tally.h"
#include "engine/store/review_store.h"

namespace proctor {
namespace {

constexpr int64_t kDay = 86'400'000;
constexpr int64_t kStart = 1'800'000'000'000;  // 2027-01-15

const Blueprint& Clf() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return *catalog.Find("CLF-C02", "2026-11-22");
}

// A bank of 40 questions (10 per domain), key "a" of options a-d.
void SeedBank(Database& db) {
  Bank bank;
  bank.info = {"t", "T", "", "", "", {}};
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < 10; ++i) {
      Question q;
      q.bank_id = "t";
      q.id = "d" + std::to_string(d) + "-" + std::to_string(i);
      q.exam = "CLF-C02";
      q.domain = d;
      q.stem = "Question " + q.id;
      q.options = {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}};
      q.key = {"a"};
      bank.questions.push_back(q);
    }
  }
  ImportBank(db, bank, {"t", "native", "h", false}, 0);
}

// An exam attempt over the given questions answered right where `right` says, finished at `at`.
int64_t SeedAttempt(Database& db, const std::vector<std::string>& ids, const std::vector<bool>& right, int64_t at,
                    AttemptMode mode = AttemptMode::kExam) {
  Attempt a;
  a.mode = mode;
  a.blueprint = Clf();
  a.started_ms = at - 60'000;
  a.minutes = 90;
  a.deadline_ms = a.started_ms + 90 * 60'000;
  for (const std::string& id : ids) {
    AttemptItem item;
    item.question = LoadQuestion(db, "t", id);
    item.form = {"t", id, item.question.domain, true};
    item.option_order = {"a", "b", "c", "d"};
    a.items.push_back(item);
  }
  CreateAttempt(db, a);
  ManualClock clock(a.started_ms);
  SqliteAttemptLog log(db);
  Session s(a, clock, log);
  for (size_t i = 0; i < ids.size(); ++i) {
    s.GoTo(static_cast<int>(i));
    s.Answer({right[i] ? "a" : "b"});
  }
  clock.Set(at);
  s.Submit();
  return a.id;
}

TEST(HistoryTest, SeededHistoryGivesRowsDomainsReviewDatesAndPicks) {
  Database db = Database::Open(":memory:");
  SeedBank(db);
  // Attempt 1: d1-0..3 right, d2-0..3 wrong. Attempt 2 (a day later): d1-0 wrong, d2-0 right.
  std::vector<std::string> first = {"d1-0", "d1-1", "d1-2", "d1-3", "d2-0", "d2-1", "d2-2", "d2-3"};
  int64_t a1 = SeedAttempt(db, first, {true, true, true, true, false, false, false, false}, kStart);
  int64_t a2 = SeedAttempt(db, {"d1-0", "d2-0"}, {false, true}, kStart + kDay, AttemptMode::kPractice);

  std::vector<HistoryRow> rows = ListAttempts(db, "CLF-C02");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, a1);
  EXPECT_EQ(rows[0].status, AttemptStatus::kSubmitted);
  EXPECT_EQ(rows[0].answered, 8);
  EXPECT_EQ(rows[0].correct, 4);
  EXPECT_TRUE(rows[0].scaled.has_value());
  EXPECT_EQ(rows[1].id, a2);
  EXPECT_EQ(rows[1].mode, AttemptMode::kPractice);
  EXPECT_FALSE(rows[1].scaled.has_value()) << "practice never gets a scaled score";

  ExamStats st = ComputeExamStats(db, Clf());
  EXPECT_EQ(st.exam_attempts, 1);
  EXPECT_EQ(st.practice_sessions, 1);
  EXPECT_EQ(st.domains[0].right, 4);  // 4 of 4, then 0 of 1
  EXPECT_EQ(st.domains[0].answered, 5);
  EXPECT_EQ(st.domains[1].right, 1);  // 0 of 4, then 1 of 1
  EXPECT_EQ(st.domains[1].answered, 5);
  EXPECT_EQ(st.domains[2].answered, 0);
  ASSERT_EQ(st.weakest.size(), 1u);
  EXPECT_EQ(st.weakest[0], 2);
  // Readiness evidence: the practice session (newest) counts 1, the exam before it 0.7.
  EXPECT_NEAR(st.evidence[0].right, 0.7 * 4 + 0, 1e-12);
  EXPECT_NEAR(st.evidence[0].answered, 0.7 * 4 + 1, 1e-12);
  EXPECT_NEAR(st.evidence[1].right, 0 + 1, 1e-12);
  EXPECT_EQ(st.readiness.answers, 10);

  // Review dates (FSRS-5 at retention 0.9, engine/study.h). The exam's answers took no time (the
  // clock stood still) and are rated Good when right, except the last item's: it took the minute
  // before the submit. d1-1 right once: stability S0(Good) = 3.173 days, due in round(3.173) = 3
  // days. d1-0 right, then wrong a day later: due 10 minutes after the wrong answer (relearning).
  // d2-0 wrong, then right a day later in 60 s (over twice its 12.4 s: Hard): stability 0.83, due
  // in 1 day (the shortest interval).
  std::map<std::string, StudyCard> h;
  for (const StudyCard& c : LoadCards(db, "CLF-C02")) h[c.question_id] = c;
  EXPECT_EQ(h.size(), 8u);
  EXPECT_EQ(h["d1-0"].reviews, 2);
  EXPECT_EQ(h["d1-0"].last_rating, Rating::kAgain);
  EXPECT_EQ(h["d1-0"].DueMs(0.9), kStart + kDay + kRelearnStepMs);
  EXPECT_NEAR(h["d1-1"].memory.stability, 3.173, 1e-9);
  EXPECT_EQ(h["d1-1"].DueMs(0.9), kStart + 3 * kDay);
  EXPECT_EQ(h["d1-1"].DueMs(0.8), kStart + 8 * kDay) << "a lower retention spaces it out: 3.173 x 2.398 = 7.6 days";
  EXPECT_EQ(h["d2-0"].last_rating, Rating::kHard);
  EXPECT_NEAR(h["d2-0"].memory.stability, 0.8337, 1e-3);
  EXPECT_EQ(h["d2-0"].DueMs(0.9), kStart + 2 * kDay);
  EXPECT_EQ(h["d2-1"].DueMs(0.9), kStart + kRelearnStepMs) << "missed in the exam: due again the same day";

  // Practice picks: --missed takes the questions whose last answer was wrong.
  PracticeOptions missed;
  missed.missed = true;
  missed.count = 20;
  Attempt m = StartPracticeAttempt(db, Clf(), missed, kStart + 3 * kDay);
  std::set<std::string> picked;
  for (const AttemptItem& i : m.items) picked.insert(i.form.question_id);
  EXPECT_EQ(picked, (std::set<std::string>{"d1-0", "d2-1", "d2-2", "d2-3"}));
  // --due at kStart + 1.5 days: what came due by then (d2-1..3 missed in the exam, d1-0 missed in
  // practice; d1-1..3 come due at kStart + 3 days, d2-0 at kStart + 2 days).
  PracticeOptions due;
  due.due = true;
  due.count = 20;
  Attempt d = StartPracticeAttempt(db, Clf(), due, kStart + kDay + kDay / 2);
  picked.clear();
  for (const AttemptItem& i : d.items) picked.insert(i.form.question_id);
  EXPECT_EQ(picked, (std::set<std::string>{"d1-0", "d2-1", "d2-2", "d2-3"}));
}

TEST(HistoryTest, TheMigrationReplaysTheAnswerHistoryIntoTheSameStates) {
  Database db = Database::Open(":memory:");
  SeedBank(db);
  SeedAttempt(db, {"d1-0", "d1-1", "d2-0"}, {true, false, true}, kStart);
  SeedAttempt(db, {"d1-0", "d1-1"}, {true, true}, kStart + 2 * kDay, AttemptMode::kPractice);
  SeedAttempt(db, {"d1-0", "d2-0", "d3-0"}, {false, true, false}, kStart + 9 * kDay);
  std::vector<StudyCard> live = LoadCards(db, "CLF-C02");
  ASSERT_EQ(live.size(), 4u);
  // What schema 11 does with a history made before it: no reviews, then the replay.
  db.Exec("DELETE FROM reviews; DELETE FROM memory_states;");
  ReplayAnswerHistory(db);
  std::vector<StudyCard> replayed = LoadCards(db, "CLF-C02");
  ASSERT_EQ(replayed.size(), live.size());
  std::map<std::string, StudyCard> by_id;
  for (const StudyCard& c : replayed) by_id[c.question_id] = c;
  for (const StudyCard& c : live) {
    const StudyCard& r = by_id[c.question_id];
    EXPECT_EQ(r.reviews, c.reviews) << c.question_id;
    EXPECT_EQ(r.lapses, c.lapses) << c.question_id;
    EXPECT_EQ(r.last_rating, c.last_rating) << c.question_id;
    EXPECT_EQ(r.last_review_ms, c.last_review_ms) << c.question_id;
    EXPECT_NEAR(r.memory.stability, c.memory.stability, 1e-9) << c.question_id;
    EXPECT_NEAR(r.memory.difficulty, c.memory.difficulty, 1e-9) << c.question_id;
  }
  EXPECT_EQ(by_id["d1-0"].reviews, 3);
  EXPECT_EQ(by_id["d1-0"].last_rating, Rating::kAgain);
  Statement n(db, "SELECT count(*) FROM reviews");
  ASSERT_TRUE(n.Step());
  EXPECT_EQ(n.Int(0), 8);
}

// A multiple-response question's most chosen wrong answer is an option outside the key: "EC2 + S3"
// (EC2 is right) was named before, the whole answer counted as one.
TEST(ItemStatsTest, TheMostChosenWrongAnswerOfAMultipleResponseQuestionIsOutsideTheKey) {
  Database db = Database::Open(":memory:");
  Bank bank;
  bank.info = {"t", "T", "", "", "", {}};
  Question q;
  q.bank_id = "t";
  q.id = "two";
  q.exam = "CLF-C02";
  q.domain = 3;
  q.type = ItemType::kMultiple;
  q.stem = "Which two run code?";
  q.options = {{"a", "EC2"}, {"b", "Lambda"}, {"c", "S3"}, {"d", "IAM"}};
  q.key = {"a", "b"};
  bank.questions.push_back(q);
  ImportBank(db, bank, {"t", "native", "h", false}, 0);
  const std::vector<Response> answers = {{"a", "c"}, {"a", "c"}, {"a", "c"}, {"b", "d"}, {"c", "d"}, {"a", "b"}, {"a"}};
  int64_t at = kStart;
  for (const Response& r : answers) {
    Attempt a;
    a.mode = AttemptMode::kPractice;
    a.blueprint = Clf();
    a.started_ms = at;
    AttemptItem item;
    item.question = LoadQuestion(db, "t", "two");
    item.form = {"t", "two", 3, true};
    item.option_order = {"a", "b", "c", "d"};
    a.items.push_back(item);
    CreateAttempt(db, a);
    ManualClock clock(at);
    SqliteAttemptLog log(db);
    Session s(a, clock, log);
    s.Answer(r);
    clock.Set(at + 20'000);
    s.Submit();
    at += kDay;
  }
  std::vector<ItemStats> items = ComputeItemStats(db, "CLF-C02");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].seen, 7);
  EXPECT_EQ(items[0].right, 1);
  EXPECT_NEAR(items[0].seconds, 20.0, 1e-9);
  // Outside the key: S3 chosen 4 times (a+c three times, c+d once), IAM twice. "EC2 + S3", the most
  // common whole wrong answer, names a right option; "EC2" alone (too few) counts against nothing.
  EXPECT_EQ(items[0].common_wrong, "S3");
  EXPECT_EQ(items[0].common_wrong_count, 4);
  EXPECT_EQ(WrongChoices(q, {"a", "c"}), std::vector<std::string>{"c"});
}

// Issue 16: "questions missed in this morning's exam are not due today" (SM-2 gave a miss one day).
TEST(PracticeTest, AQuestionMissedInTodaysExamIsDueToday) {
  Database db = Database::Open(":memory:");
  SeedBank(db);
  SeedAttempt(db, {"d1-0", "d1-1", "d2-0", "d2-1", "d3-0"}, {true, false, true, false, true}, kStart);
  // A minute after the exam ends: the two it missed, nothing else.
  PracticeOptions due;
  due.due = true;
  due.count = 20;
  Attempt d = StartPracticeAttempt(db, Clf(), due, kStart + 60'000);
  std::set<std::string> picked;
  for (const AttemptItem& i : d.items) picked.insert(i.form.question_id);
  EXPECT_EQ(picked, (std::set<std::string>{"d1-1", "d2-1"}));
  // The right ones come due in 3 days (FSRS-5's first stability after Good, 3.173 days; d3-0, the
  // last item, took the minute before the submit: Hard, 1.18 days).
  Attempt later = StartPracticeAttempt(db, Clf(), due, kStart + 3 * kDay);
  EXPECT_EQ(later.items.size(), 5u);
  // A lower desired retention spaces them out: at 0.8 the Good ones come due after 7.6 days.
  due.retention = 0.8;
  picked.clear();
  for (const AttemptItem& i : StartPracticeAttempt(db, Clf(), due, kStart + 3 * kDay).items) picked.insert(i.form.question_id);
  EXPECT_EQ(picked, (std::set<std::string>{"d1-1", "d2-1", "d3-0"}));
}

TEST(PracticeTest, NeverShowsAQuestionOfAnExamAttemptStillOpen) {
  Database db = Database::Open(":memory:");
  SeedBank(db);
  // An exam in progress over d1-0..d1-4, one of them answered wrong (it could be resumed and changed).
  Attempt a;
  a.mode = AttemptMode::kExam;
  a.blueprint = Clf();
  a.started_ms = kStart;
  a.minutes = 90;
  a.deadline_ms = kStart + 90 * 60'000;
  for (int i = 0; i < 5; ++i) {
    AttemptItem item;
    item.question = LoadQuestion(db, "t", "d1-" + std::to_string(i));
    item.form = {"t", item.question.id, 1, true};
    item.option_order = {"a", "b", "c", "d"};
    a.items.push_back(item);
  }
  CreateAttempt(db, a);
  PracticeOptions options;
  options.count = 40;
  Attempt p = StartPracticeAttempt(db, Clf(), options, kStart + 60'000);
  EXPECT_EQ(p.items.size(), 35u);
  const std::set<std::string> open = {"d1-0", "d1-1", "d1-2", "d1-3", "d1-4"};
  for (const AttemptItem& i : p.items) EXPECT_FALSE(open.contains(i.form.question_id)) << i.form.question_id;
}

TEST(PracticeTest, ALargePoolIsProbedAndDueQuestionsStillComeFirst) {
  // 6,000 questions in four domains and 300 with no domain: over kExactDrawLimit, so the
  // never-seen questions are drawn by probing instead of loading the pool.
  Database db = Database::Open(":memory:");
  Bank bank;
  bank.info = {"t", "T", "", "", "", {}};
  auto add = [&](const std::string& id, int domain) {
    Question q;
    q.bank_id = "t";
    q.id = id;
    q.exam = "CLF-C02";
    q.domain = domain;
    q.stem = "Question " + id;
    q.options = {{"a", "A " + id}, {"b", "B"}, {"c", "C"}, {"d", "D"}};
    q.key = {"a"};
    bank.questions.push_back(q);
  };
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < 1500; ++i) add(std::string("d").append(std::to_string(d)).append("-").append(std::to_string(i)), d);
  }
  for (int i = 0; i < 300; ++i) add("n-" + std::to_string(i), 0);
  ImportBank(db, bank, {"t", "native", "h", false}, 0);
  ASSERT_GE(CountQuestionsUpTo(db, "CLF-C02", {}, kExactDrawLimit), kExactDrawLimit);
  SeedAttempt(db, {"d1-0", "d2-5", "d3-7"}, {false, false, true}, kStart);
  const std::set<std::string> seen = {"d1-0", "d2-5", "d3-7"};

  // Two days on, all three are due: they come first, earliest due first; the rest never seen.
  PracticeOptions options;
  options.count = 10;
  options.seed = 3;
  Attempt a = StartPracticeAttempt(db, Clf(), options, kStart + 2 * kDay);
  ASSERT_EQ(a.items.size(), 10u);
  std::set<std::string> first3 = {a.items[0].form.question_id, a.items[1].form.question_id, a.items[2].form.question_id};
  EXPECT_EQ(first3, seen);
  std::set<std::string> ids;
  for (size_t i = 3; i < a.items.size(); ++i) {
    EXPECT_FALSE(seen.contains(a.items[i].form.question_id)) << a.items[i].form.question_id;
    ids.insert(a.items[i].form.question_id);
  }
  EXPECT_EQ(ids.size(), 7u) << "no question twice";

  // One domain: only its questions.
  options.domain = 3;
  Attempt d3 = StartPracticeAttempt(db, Clf(), options, kStart);
  ASSERT_EQ(d3.items.size(), 10u);
  for (const AttemptItem& i : d3.items) EXPECT_EQ(i.form.domain, 3) << i.form.question_id;

  // The probing itself (the exact draw would pass the checks above too): every domain in
  // proportion to its size, the questions with none included.
  std::map<int, int> per_domain;
  for (uint64_t seed = 100; seed < 140; ++seed) {
    std::optional<std::vector<Candidate>> drawn = ProbeCandidates(db, Clf(), 0, 50, [](const Candidate&) { return true; }, seed);
    ASSERT_TRUE(drawn.has_value());
    std::set<std::string> distinct;
    for (const Candidate& c : *drawn) {
      ++per_domain[c.domain];
      distinct.insert(c.question_id);
    }
    EXPECT_EQ(distinct.size(), 50u);
  }
  // Refusing almost everything: probing gives up, and the caller loads the pool.
  EXPECT_FALSE(ProbeCandidates(db, Clf(), 0, 50, [](const Candidate& c) { return c.question_id == "d1-1"; }, 1).has_value());
  // 2,000 picks: about 476 from each domain (1500/6300) and 95 with none (300/6300).
  for (int domain = 1; domain <= 4; ++domain) {
    EXPECT_GT(per_domain[domain], 330) << "domain " << domain;
    EXPECT_LT(per_domain[domain], 620) << "domain " << domain;
  }
  EXPECT_GT(per_domain[0], 30);
  EXPECT_LT(per_domain[0], 200);
}

}  // namespace
}  // namespace proctor
