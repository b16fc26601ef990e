// The shipped banks load without errors, and every exam that has a bank can fill a full form.
#include <gtest/gtest.h>

#include <map>

#include "engine/assemble.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

TEST(ShippedBanksTest, EveryShippedBankLoadsWithoutErrors) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  ASSERT_FALSE(ShippedBanks().empty());
  for (const ShippedFile& file : ShippedBanks()) {
    Diagnostics diag;
    Bank bank = ReadNativeBank(file.data, std::string(file.name), catalog, diag);
    EXPECT_FALSE(diag.HasErrors()) << diag.Format();
    EXPECT_GT(bank.questions.size(), 0u) << file.name;
    for (const Question& q : bank.questions) {
      EXPECT_FALSE(q.explanation.empty()) << q.id;
      EXPECT_NE(q.domain, 0) << q.id;
    }
  }
}

TEST(ShippedBanksTest, EveryExamWithABankCanAssembleTwoDifferentFullForms) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  std::map<std::string, std::vector<Candidate>> pools;
  for (const ShippedFile& file : ShippedBanks()) {
    Diagnostics diag;
    for (const Question& q : ReadNativeBank(file.data, std::string(file.name), catalog, diag).questions) {
      Candidate c;
      c.bank_id = q.bank_id;
      c.question_id = q.id;
      c.domain = q.domain;
      c.type = q.type;
      c.case_study = !q.scenario_id.empty();
      pools[q.exam].push_back(c);
    }
  }
  ASSERT_TRUE(pools.count("CLF-C02")) << "the CLF-C02 bank is required";
  for (const auto& [code, pool] : pools) {
    SCOPED_TRACE(code);
    const Blueprint& b = *catalog.Find(code, "2026-11-22");
    std::vector<FormItem> form = AssembleForm(b, ShapeForm(b, 0), pool, 1);
    EXPECT_EQ(static_cast<int>(form.size()), b.total_questions);
    EXPECT_NE(AssembleForm(b, ShapeForm(b, 0), pool, 2)[0].question_id, form[0].question_id);
  }
}

}  // namespace
}  // namespace proctor
