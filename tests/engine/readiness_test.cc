// Readiness behaves: it never falls when answers get better, one exam gives a wide interval that is
// never 100-100% or 0-0%, a practice session quit with no answer leaves nothing behind, and the
// predicted chance matches the simulated pass rate decile by decile (docs/readiness.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "engine/readiness.h"
#include "engine/shipped.h"
#include "engine/start_attempt.h"
#include "engine/stats.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"

namespace proctor {
namespace {

const Catalog& Shipped() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}
const Blueprint& Clf() { return *Shipped().Find("CLF-C02", "2026-11-22"); }
const Blueprint& Saa() { return *Shipped().Find("SAA-C03", "2026-11-22"); }

TEST(ReadinessTest, NeverFallsWhenEveryDomainsAccuracyRises) {
  // Property: random evidence, then more right answers in some or all domains (the same number
  // answered, the same sittings): the probability and both ends of the interval never fall.
  std::mt19937_64 rng(16);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int checked = 0;
  for (const Blueprint* b : {&Clf(), &Saa()}) {
    for (int trial = 0; trial < 1500; ++trial) {
      std::vector<DomainEvidence> before;
      for (const Domain& d : b->domains) {
        const double answered = unit(rng) < 0.1 ? 0.0 : std::floor(unit(rng) * 60) * (unit(rng) < 0.5 ? 1.0 : 0.7);
        before.push_back({d.number, answered * unit(rng), answered});
      }
      std::vector<DomainEvidence> after = before;
      const bool all = unit(rng) < 0.5;
      for (DomainEvidence& e : after) {
        if (all || unit(rng) < 0.3) e.right += (e.answered - e.right) * unit(rng);
      }
      const double sittings = 1 + std::floor(unit(rng) * 5);
      const double cut = 0.65 + 0.1 * unit(rng);
      const Readiness x = EstimateReadiness(*b, before, cut, sittings);
      const Readiness y = EstimateReadiness(*b, after, cut, sittings);
      ASSERT_GE(y.probability, x.probability - 1e-12) << b->code << " trial " << trial;
      ASSERT_GE(y.low, x.low - 1e-12) << b->code << " trial " << trial;
      ASSERT_GE(y.high, x.high - 1e-12) << b->code << " trial " << trial;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3000);
}

std::vector<DomainEvidence> OneExam(const Blueprint& b, double fraction) {
  std::vector<int> weights;
  for (const Domain& d : b.domains) weights.push_back(d.weight);
  std::vector<DomainEvidence> e;
  const std::vector<int> n = Apportion(weights, b.total_questions);
  for (size_t i = 0; i < n.size(); ++i) e.push_back({b.domains[i].number, std::round(fraction * n[i]), static_cast<double>(n[i])});
  return e;
}

TEST(ReadinessTest, OneExamGivesAWideIntervalThatIsNeverDegenerate) {
  for (double fraction : {0.0, 0.3, 0.6, 0.7, 0.8, 0.95, 1.0}) {
    const Readiness r = EstimateReadiness(Clf(), OneExam(Clf(), fraction), 0.70, 1.0);
    SCOPED_TRACE(fraction);
    EXPECT_GE(r.probability, 0.01);
    EXPECT_LE(r.probability, 0.99);
    EXPECT_LE(r.low, r.probability);
    EXPECT_GE(r.high, r.probability);
    EXPECT_GE(r.high - r.low, 0.01 - 1e-12) << "never 100-100% or 0-0%";
    std::printf("one exam at %3.0f%%: %.3f (%.3f-%.3f)\n", fraction * 100, r.probability, r.low, r.high);
  }
  // A learner at the pass line: a coin toss with a wide interval.
  const Readiness mid = EstimateReadiness(Clf(), OneExam(Clf(), 0.72), 0.70, 1.0);
  EXPECT_GT(mid.probability, 0.4);
  EXPECT_LT(mid.probability, 0.75);
  EXPECT_LT(mid.low, 0.25);
  EXPECT_GT(mid.high, 0.85);
  // Perfect once is very likely, not certain.
  const Readiness top = EstimateReadiness(Clf(), OneExam(Clf(), 1.0), 0.70, 1.0);
  EXPECT_GT(top.probability, 0.95);
  EXPECT_LE(top.low, 0.98);
  // The same accuracy over more sittings narrows the interval.
  std::vector<DomainEvidence> more = OneExam(Clf(), 0.72);
  for (DomainEvidence& e : more) e.right *= 3, e.answered *= 3;
  const Readiness three = EstimateReadiness(Clf(), more, 0.70, 3.0);
  EXPECT_GT(three.low, mid.low);
  EXPECT_LT(three.high - three.low, mid.high - mid.low);
  std::printf("at 72%%: one exam %.3f (%.3f-%.3f), three %.3f (%.3f-%.3f)\n", mid.probability, mid.low, mid.high,
              three.probability, three.low, three.high);
}

TEST(ReadinessTest, APracticeSessionWithNoAnswerLeavesNoAttempt) {
  Database db = Database::Open(":memory:");
  Bank bank;
  bank.info = {"t", "T", "", "", "", {}};
  for (int i = 0; i < 5; ++i) {
    Question q;
    q.bank_id = "t";
    q.id = "q" + std::to_string(i);
    q.exam = "CLF-C02";
    q.domain = 1 + i % 4;
    q.stem = "Question " + q.id;
    q.options = {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}};
    q.key = {"a"};
    bank.questions.push_back(q);
  }
  ImportBank(db, bank, {"t", "native", "h", false}, 0);
  const int64_t now = 1'800'000'000'000;
  PracticeOptions options;
  options.count = 3;
  {
    Attempt a = StartPracticeAttempt(db, Clf(), options, now);
    ManualClock clock(now);
    SqliteAttemptLog log(db);
    Session s(std::move(a), clock, log);
    s.GoTo(1);
    s.Submit();  // quit at once
  }
  EXPECT_TRUE(ListAttempts(db, "CLF-C02").empty()) << "quitting at once adds no history row";
  EXPECT_EQ(ComputeExamStats(db, Clf()).practice_sessions, 0);
  {
    Attempt a = StartPracticeAttempt(db, Clf(), options, now);
    ManualClock clock(now);
    SqliteAttemptLog log(db);
    Session s(std::move(a), clock, log);
    s.Check({"a"});
    s.Submit();
  }
  EXPECT_EQ(ListAttempts(db, "CLF-C02").size(), 1u) << "one answer keeps it";
}

TEST(ReadinessTest, CalibratedBySimulationWithinTenPointsInEveryDecile) {
  // The same simulation as tools/readiness_sim (docs/readiness.md has its full table), smaller.
  for (const Blueprint* b : {&Clf(), &Saa()}) {
    const std::vector<CalibrationRow> rows = SimulateCalibration(*b, 6000, 2026);
    for (const CalibrationRow& row : rows) {
      if (row.learners < 100) continue;  // too few to tell
      EXPECT_NEAR(row.passed, row.predicted, 0.10) << b->code << " decile " << row.from << "-" << row.to << " ("
                                                   << row.learners << " learners)";
    }
  }
}

}  // namespace
}  // namespace proctor
