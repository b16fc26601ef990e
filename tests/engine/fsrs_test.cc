// FSRS-5's memory-state formulas pinned to reference values, and proctor's use of them: the rating
// an answer earns, when a question comes due, and the replay of an old history into FSRS states.
//
// The reference values come from tools/fsrs_reference.py (run `python3 tools/fsrs_reference.py`),
// written independently of engine/fsrs.cc straight from the FSRS-5 formulas of the
// open-spaced-repetition project (the algorithm's description and its reference implementations
// fsrs-rs and py-fsrs, FSRS-5 releases), with FSRS-5's 19 default parameters. The script's
// docstring writes each formula out.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/fsrs.h"
#include "engine/study.h"

namespace proctor {
namespace {

constexpr double kTol = 1e-9;

TEST(FsrsTest, DefaultParametersAreFsrs5s) {
  EXPECT_DOUBLE_EQ(kFsrs5Defaults[0], 0.40255);
  EXPECT_DOUBLE_EQ(kFsrs5Defaults[3], 15.69105);
  EXPECT_DOUBLE_EQ(kFsrs5Defaults[18], 0.6621);
  EXPECT_NEAR(kFsrsFactor, 0.2345679012, 1e-10);  // 19/81: R(S, S) = 0.9
}

TEST(FsrsTest, RetrievabilityAndIntervalMatchTheReference) {
  EXPECT_NEAR(Fsrs::Retrievability(10, 5), 0.8250286473, kTol);
  EXPECT_NEAR(Fsrs::Retrievability(3, 3), 0.9, kTol) << "S is the interval at which R falls to 90%";
  EXPECT_NEAR(Fsrs::IntervalDays(7.5, 0.9), 7.5, kTol);
  EXPECT_NEAR(Fsrs::IntervalDays(7.5, 0.8), 17.9851973684, kTol);
  EXPECT_NEAR(Fsrs::IntervalDays(7.5, 0.95), 3.4542207319, kTol);
}

TEST(FsrsTest, InitialStateMatchesTheReference) {
  const Fsrs f;
  const double s0[] = {0.40255, 1.18385, 3.173, 15.69105};
  const double d0[] = {7.1949, 6.4883052685, 5.2824344223, 3.2245015894};
  for (int g = 1; g <= 4; ++g) {
    EXPECT_NEAR(f.InitialStability(static_cast<Rating>(g)), s0[g - 1], kTol) << g;
    EXPECT_NEAR(f.InitialDifficulty(static_cast<Rating>(g)), d0[g - 1], kTol) << g;
  }
}

TEST(FsrsTest, UpdatesMatchTheReference) {
  const Fsrs f;
  const double d[] = {6.6070351073, 5.7994339073, 4.9918327073, 4.1842315073};
  for (int g = 1; g <= 4; ++g) EXPECT_NEAR(f.NextDifficulty(5.0, static_cast<Rating>(g)), d[g - 1], kTol) << g;
  const double r = Fsrs::Retrievability(10, 5);
  EXPECT_NEAR(f.RecallStability(5, 5, r, Rating::kHard), 10.2506698293, kTol);
  EXPECT_NEAR(f.RecallStability(5, 5, r, Rating::kGood), 27.6810791762, kTol);
  EXPECT_NEAR(f.RecallStability(5, 5, r, Rating::kEasy), 72.8118905210, kTol);
  EXPECT_NEAR(f.ForgetStability(5, 5, r), 1.6911944743, kTol);
  EXPECT_NEAR(f.ForgetStability(8, 40, Fsrs::Retrievability(60, 40)), 4.2445268879, kTol);
  const double same[] = {1.5897635073, 2.6648166809, 4.4668580644, 7.4875022774};
  for (int g = 1; g <= 4; ++g) EXPECT_NEAR(f.SameDayStability(3.173, static_cast<Rating>(g)), same[g - 1], kTol) << g;
}

struct Step {
  Rating g;
  int64_t days;
  double s;
  double d;
};

void Replay(const std::vector<Step>& steps) {
  const Fsrs f;
  MemoryState state;
  for (size_t i = 0; i < steps.size(); ++i) {
    state = f.Review(i == 0 ? nullptr : &state, steps[i].g, steps[i].days);
    EXPECT_NEAR(state.stability, steps[i].s, kTol) << "step " << i + 1;
    EXPECT_NEAR(state.difficulty, steps[i].d, kTol) << "step " << i + 1;
  }
}

TEST(FsrsTest, ReviewSequencesMatchTheReference) {
  using enum Rating;
  // Good, Good 3 days on, Good 8 days on, a lapse 20 days on, relearnt the same day, Good 2 days on.
  Replay({{kGood, 0, 3.173, 5.2824344223},
          {kGood, 3, 10.7389258461, 5.2729679313},
          {kGood, 8, 28.5785753396, 5.2635449861},
          {kAgain, 20, 3.2920186154, 6.7842320877},
          {kGood, 0, 4.6344090452, 6.7678573274},
          {kGood, 2, 8.4010899786, 6.7515578910}});
  // Missed twice the first day, then right: same-day reviews all.
  Replay({{kAgain, 0, 0.40255, 7.1949},
          {kAgain, 0, 0.2016890324, 8.0827970178},
          {kGood, 0, 0.2839320142, 8.0604488588},
          {kHard, 1, 0.6035266967, 8.3514802672},
          {kEasy, 4, 11.6654631358, 8.0616268624}});
  Replay({{kEasy, 0, 15.69105, 3.2245015894},
          {kGood, 16, 60.7082789513, 3.2245015894},
          {kGood, 60, 204.8331791288, 3.2245015894},
          {kAgain, 200, 8.1801296419, 5.4132618482}});
}

TEST(StudyTest, RatingFromTheAnswerAndTheTimeTaken) {
  Question q;
  q.stem = "one two three four five six seven eight nine ten";  // 10 words
  q.options = {{"a", "alpha"}, {"b", "beta"}, {"c", "gamma delta"}, {"d", "epsilon"}};  // 5 words
  EXPECT_DOUBLE_EQ(ExpectedSeconds(q), 16.0);  // 10 s + 0.4 s x 15 words
  EXPECT_EQ(RateAnswer(q, false, 3'000), Rating::kAgain);
  EXPECT_EQ(RateAnswer(q, true, 8'000), Rating::kEasy) << "at most half the expected time";
  EXPECT_EQ(RateAnswer(q, true, 8'001), Rating::kGood);
  EXPECT_EQ(RateAnswer(q, true, 32'000), Rating::kGood);
  EXPECT_EQ(RateAnswer(q, true, 32'001), Rating::kHard) << "more than twice the expected time";
  EXPECT_EQ(RateAnswer(q, true, 0), Rating::kGood) << "time unknown";
}

TEST(StudyTest, DueDatesFollowTheRetentionAndAMissIsDueTheSameDay) {
  constexpr int64_t kDay = 86'400'000;
  constexpr int64_t t0 = 1'800'000'000'000;
  StudyCard c;
  EXPECT_EQ(c.DueMs(0.9), 0) << "never reviewed";
  ApplyReview(c, Rating::kGood, t0);
  EXPECT_EQ(c.DueMs(0.9), t0 + 3 * kDay);   // S = 3.173
  EXPECT_EQ(c.DueMs(0.95), t0 + 1 * kDay);  // 3.173 x 0.4606 = 1.46
  EXPECT_EQ(c.DueMs(0.7), t0 + 14 * kDay);  // 3.173 x 4.437 = 14.08 (R = 0.7 at 4.437 S)
  ApplyReview(c, Rating::kAgain, t0 + 3 * kDay);
  EXPECT_EQ(c.DueMs(0.9), t0 + 3 * kDay + kRelearnStepMs) << "a miss is due again 10 minutes on";
  EXPECT_EQ(c.lapses, 1);
  // Answered again 20 minutes later: a same-day review.
  const double before = c.memory.stability;
  ApplyReview(c, Rating::kGood, t0 + 3 * kDay + 20 * 60'000);
  EXPECT_NEAR(c.memory.stability, before * std::exp(0.51655 * 0.6621), 1e-9);
  EXPECT_GE(c.DueMs(0.9), t0 + 4 * kDay) << "the shortest interval after a right answer is a day";
}

}  // namespace
}  // namespace proctor
