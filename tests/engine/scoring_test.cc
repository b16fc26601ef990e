#include "engine/scoring.h"

#include <gtest/gtest.h>

#include "engine/assemble.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

Blueprint Clf() {
  return *Catalog::Parse(ShippedCatalog(), "catalog.json").Find("CLF-C02", "2026-11-22");
}

TEST(ApportionTest, LargestRemainderTable) {
  struct Case {
    std::vector<int> weights;
    int total;
    std::vector<int> expected;
  };
  const std::vector<Case> cases = {
      {{24, 30, 34, 12}, 50, {12, 15, 17, 6}},       // CLF-C02
      {{30, 26, 24, 20}, 50, {15, 13, 12, 10}},      // SAA-C03
      {{26, 29, 25, 20}, 65, {17, 19, 16, 13}},      // SAP-C02: 16.9 18.85 16.25 13 -> remainders
      {{22, 17, 15, 15, 14, 17}, 65, {14, 11, 10, 10, 9, 11}},  // DOP-C02
      {{31, 26, 20, 12, 11}, 65, {20, 17, 13, 8, 7}},           // AIP-C01
      {{1, 1, 1}, 2, {1, 1, 0}},                                // ties go to the earlier domain
      {{50, 50}, 0, {0, 0}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Apportion(c.weights, c.total), c.expected);
  }
}

TEST(ApportionTest, EveryCatalogExamSumsToItsScoredCount) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  for (const Blueprint& b : catalog.exams()) {
    FormShape shape = ShapeForm(b, 0);
    int sum = 0;
    for (size_t d = 0; d < shape.scored_per_domain.size(); ++d) {
      sum += shape.scored_per_domain[d];
      // Each domain gets its share rounded down or up, never further off.
      double exact = b.domains[d].weight * b.scored_questions() / 100.0;
      EXPECT_LE(std::abs(shape.scored_per_domain[d] - exact), 1.0) << b.code;
    }
    EXPECT_EQ(sum, b.scored_questions()) << b.code;
    EXPECT_EQ(shape.total, b.total_questions);
    EXPECT_EQ(shape.unscored, b.unscored_questions);
  }
}

TEST(ScaledScoreTest, AnchorsAtNoneCutAndAll) {
  for (double cut : {0.55, 0.7, 0.83}) {
    EXPECT_EQ(ScaledScore(0.0, cut, 700, 100, 1000), 100);
    EXPECT_EQ(ScaledScore(cut, cut, 700, 100, 1000), 700);
    EXPECT_EQ(ScaledScore(1.0, cut, 700, 100, 1000), 1000);
    EXPECT_EQ(ScaledScore(cut, cut, 750, 100, 1000), 750);
  }
}

TEST(ScaledScoreTest, MonotoneInTheRawScore) {
  for (double cut : {0.6, 0.7, 0.8}) {
    int previous = 0;
    for (int k = 0; k <= 1000; ++k) {
      int s = ScaledScore(k / 1000.0, cut, 720, 100, 1000);
      EXPECT_GE(s, previous);
      previous = s;
    }
  }
}

TEST(ScaledScoreTest, HarderFormNeedsFewerCorrectAnswers) {
  // 34 of 50 right: below the cut on an easy form (c = 0.75), above it on a hard one (c = 0.65).
  EXPECT_LT(ScaledScore(0.68, 0.75, 700, 100, 1000), 700);
  EXPECT_GT(ScaledScore(0.68, 0.65, 700, 100, 1000), 700);
}

std::vector<ScoredItem> Form(int scored, int correct, int unscored, int unscored_correct) {
  std::vector<ScoredItem> items;
  for (int i = 0; i < scored; ++i) items.push_back({1 + i % 4, true, 0.7, i < correct});
  for (int i = 0; i < unscored; ++i) items.push_back({1 + i % 4, false, 0.7, i < unscored_correct});
  return items;
}

TEST(ScoreTest, UnscoredItemsNeverChangeTheScore) {
  Blueprint b = Clf();
  for (int correct : {0, 20, 35, 50}) {
    ScoreReport none = Score(b, Form(50, correct, 15, 0));
    ScoreReport all = Score(b, Form(50, correct, 15, 15));
    EXPECT_EQ(none.scaled, all.scaled);
    EXPECT_EQ(none.passed, all.passed);
    EXPECT_EQ(none.correct, all.correct);
    EXPECT_EQ(all.unscored_count, 15);
    for (size_t d = 0; d < none.domains.size(); ++d) {
      EXPECT_EQ(none.domains[d].correct, all.domains[d].correct);
      EXPECT_EQ(none.domains[d].classification, all.domains[d].classification);
    }
  }
}

TEST(ScoreTest, PassesExactlyAtTheCut) {
  Blueprint b = Clf();
  ScoreReport at = Score(b, Form(50, 35, 15, 0));  // 35/50 = 0.70 = mean borderline
  EXPECT_EQ(at.scaled, 700);
  EXPECT_TRUE(at.passed);
  ScoreReport below = Score(b, Form(50, 34, 15, 15));
  EXPECT_LT(below.scaled, 700);
  EXPECT_FALSE(below.passed);
  EXPECT_EQ(Score(b, Form(50, 0, 15, 15)).scaled, 100);
  EXPECT_EQ(Score(b, Form(50, 50, 15, 0)).scaled, 1000);
}

TEST(ScoreTest, DomainsAreClassifiedAgainstTheirOwnCut) {
  Blueprint b = Clf();
  std::vector<ScoredItem> items;
  for (int i = 0; i < 10; ++i) items.push_back({1, true, 0.6, i < 6});   // 60% vs cut 60%: meets
  for (int i = 0; i < 10; ++i) items.push_back({2, true, 0.8, i < 7});   // 70% vs cut 80%: needs improvement
  ScoreReport r = Score(b, items);
  EXPECT_EQ(r.domains[0].classification, DomainClass::kMeets);
  EXPECT_EQ(r.domains[1].classification, DomainClass::kNeedsImprovement);
  EXPECT_EQ(r.domains[2].classification, DomainClass::kNotAssessed);
  EXPECT_NEAR(r.cut, 0.7, 1e-12);
  EXPECT_EQ(r.correct, 13);
}

}  // namespace
}  // namespace proctor
