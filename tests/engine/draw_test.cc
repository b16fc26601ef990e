// Drawing forms from the database: the exact draw for small pools and the probing draw for large
// ones (exercised here on a small pool by lowering the limit between the two).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/catalog.h"
#include "engine/error.h"
#include "engine/shipped.h"
#include "engine/store/attempt_store.h"
#include "engine/store/bank_store.h"
#include "engine/store/database.h"
#include "tests/support/temp_dir.h"

namespace proctor {
namespace {

constexpr int kPerDomain = 150;
constexpr int kPilots = 10;

class DrawTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = Catalog::Parse(ShippedCatalog(), "catalog.json");
    blueprint_ = *catalog_.Find("CLF-C02", "9999-12-31");
    Bank bank;
    bank.info = {"big", "Big", "", "", "", {}};
    const int domains = static_cast<int>(blueprint_.domains.size());
    for (int i = 0; i < kPerDomain * domains; ++i) {
      Question q;
      q.bank_id = "big";
      q.id = "q" + std::to_string(i);
      q.exam = "CLF-C02";
      q.domain = 1 + i % domains;
      q.stem = "Synthetic question number " + std::to_string(i) + "?";
      q.options = {{"a", "Yes " + std::to_string(i), false}, {"b", "No", false}};
      q.key = {"a"};
      q.pilot = i < kPilots;
      bank.questions.push_back(q);
    }
    ImportBank(db_, bank, {"test", "native", "h", false}, 1000);
  }

  std::vector<FormItem> Draw(uint64_t seed) {
    return DrawForm(db_, blueprint_, ShapeForm(blueprint_, 0), {}, seed, /*exact_limit=*/100);
  }

  Catalog catalog_;
  Blueprint blueprint_;
  Database db_ = Database::Open(":memory:");
};

TEST_F(DrawTest, ProbingDrawsAFullFormWithTheBlueprintsShape) {
  const FormShape shape = ShapeForm(blueprint_, 0);
  std::vector<FormItem> form = Draw(7);
  ASSERT_EQ(static_cast<int>(form.size()), blueprint_.total_questions);
  std::map<int, int> scored;
  std::set<std::string> ids;
  int unscored = 0;
  int pilots_unscored = 0;
  for (const FormItem& f : form) {
    ids.insert(f.question_id);
    if (f.scored) {
      ++scored[f.domain];
    } else {
      ++unscored;
      pilots_unscored += std::stoi(f.question_id.substr(1)) < kPilots;
    }
  }
  EXPECT_EQ(ids.size(), form.size()) << "no question twice";
  EXPECT_EQ(unscored, blueprint_.unscored_questions);
  for (size_t d = 0; d < shape.scored_per_domain.size(); ++d) {
    EXPECT_EQ(scored[static_cast<int>(d + 1)], shape.scored_per_domain[d]) << "domain " << d + 1;
  }
  EXPECT_GE(pilots_unscored, kPilots - 1) << "pilot questions go to the unscored items first";
  // Unscored items are not all at the end.
  auto first_unscored = std::find_if(form.begin(), form.end(), [](const FormItem& f) { return !f.scored; });
  EXPECT_LT(first_unscored - form.begin(), blueprint_.total_questions - blueprint_.unscored_questions);
}

TEST_F(DrawTest, TheSeedDecidesTheForm) {
  auto ids = [](const std::vector<FormItem>& form) {
    std::vector<std::string> out;
    for (const FormItem& f : form) out.push_back(f.question_id);
    return out;
  };
  EXPECT_EQ(ids(Draw(3)), ids(Draw(3)));
  EXPECT_NE(ids(Draw(3)), ids(Draw(4)));
}

TEST_F(DrawTest, QuestionsSeenInAnEarlierAttemptAreNotDrawnAgain) {
  std::vector<FormItem> first = Draw(1);
  Attempt attempt;
  attempt.blueprint = blueprint_;
  attempt.started_ms = 5000;
  attempt.deadline_ms = 10000;
  for (const FormItem& f : first) {
    AttemptItem item;
    item.question = LoadQuestion(db_, f.bank_id, f.question_id);
    item.form = f;
    attempt.items.push_back(item);
  }
  CreateAttempt(db_, attempt);
  std::set<std::string> seen;
  for (const FormItem& f : first) seen.insert(f.question_id);
  for (uint64_t seed = 2; seed < 12; ++seed) {
    for (const FormItem& f : Draw(seed)) EXPECT_FALSE(seen.contains(f.question_id)) << f.question_id << " seed " << seed;
  }
}

TEST_F(DrawTest, EveryQuestionGetsItsTurn) {
  // 600 forms from 600 questions. Within a domain every question should come up about equally
  // often (a domain-4 question about 27 times, a domain-3 one about 76). A draw that favoured some
  // questions (taking the first after a random point, say) leaves some near zero.
  std::map<int, std::vector<int>> per_domain;
  {
    std::map<std::string, int> count;
    for (uint64_t seed = 0; seed < 600; ++seed) {
      for (const FormItem& f : Draw(seed)) ++count[f.question_id];
    }
    ASSERT_EQ(static_cast<int>(count.size()), kPerDomain * static_cast<int>(blueprint_.domains.size()));
    for (const auto& [id, n] : count) {
      int i = std::stoi(id.substr(1));
      if (i >= kPilots) per_domain[1 + i % static_cast<int>(blueprint_.domains.size())].push_back(n);  // pilots are favoured
    }
  }
  for (auto& [domain, counts] : per_domain) {
    std::sort(counts.begin(), counts.end());
    const int median = counts[counts.size() / 2];
    EXPECT_GE(counts.front() * 100, median * 35) << "domain " << domain << ": least " << counts.front() << ", median " << median;
    EXPECT_LE(counts.back() * 100, median * 200) << "domain " << domain << ": most " << counts.back() << ", median " << median;
  }
}

TEST_F(DrawTest, ProbingFallsBackToTheExactDrawWhenADomainIsShort) {
  // Retire most of domain 1: probing cannot fill it, and the exact draw names the shortage.
  db_.Exec("UPDATE questions SET active = 0 WHERE domain = 1 AND CAST(substr(id, 2) AS INTEGER) >= 20");
  try {
    Draw(5);
    FAIL() << "a short domain must be an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("domain 1 (Cloud Concepts) needs 12 scored questions, the banks have 5"),
              std::string::npos)
        << e.what();
  }
}

TEST(DrawMigrationTest, AnOlderDatabaseKnowsWhichQuestionsWereSeen) {
  testing::TempDir dir;
  const std::string path = dir / "old.db";
  testing::WriteFileBytes(path, testing::ReadFileBytes(PROCTOR_SOURCE_DIR "/tests/fixtures/db/schema-v2.db"));
  Database db = Database::Open(path);  // migrates
  Statement seen(db, "SELECT count(*) FROM question_seen");
  Statement items(db, "SELECT count(DISTINCT bank_id || '/' || question_id) FROM attempt_items");
  ASSERT_TRUE(seen.Step());
  ASSERT_TRUE(items.Step());
  EXPECT_GT(seen.Int(0), 0);
  EXPECT_EQ(seen.Int(0), items.Int(0));
  Statement unkeyed(db, "SELECT count(*) FROM questions WHERE draw_key = 0");
  ASSERT_TRUE(unkeyed.Step());
  EXPECT_EQ(unkeyed.Int(0), 0) << "every question has its draw key";
}

}  // namespace
}  // namespace proctor
