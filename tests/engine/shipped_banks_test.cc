// The shipped banks load without errors, and every exam that has a bank can fill a full form.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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
  // Every exam offered today, and MLS-C01 (retired, kept for practice), ships a bank.
  for (const Blueprint& b : catalog.exams()) {
    if (b.StatusOn("2026-11-22") == ExamStatus::kRetired && b.code != "MLS-C01") continue;
    EXPECT_TRUE(pools.count(b.code)) << b.code << " has no shipped bank";
  }
  for (const auto& [code, pool] : pools) {
    SCOPED_TRACE(code);
    const Blueprint& b = *catalog.Find(code, "2026-11-22");
    std::vector<FormItem> form = AssembleForm(b, ShapeForm(b, 0), pool, 1);
    EXPECT_EQ(static_cast<int>(form.size()), b.total_questions);
    EXPECT_NE(AssembleForm(b, ShapeForm(b, 0), pool, 2)[0].question_id, form[0].question_id);
  }
}

// CLF-C02, SAA-C03 and AIF-C01 are the most taken: each must give two complete forms that share
// no question.
TEST(ShippedBanksTest, MostTakenExamsHaveTwoFullFormsWithoutRepeats) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  for (const char* code : {"CLF-C02", "SAA-C03", "AIF-C01"}) {
    SCOPED_TRACE(code);
    std::vector<Candidate> pool;
    for (const ShippedFile& file : ShippedBanks()) {
      Diagnostics diag;
      for (const Question& q : ReadNativeBank(file.data, std::string(file.name), catalog, diag).questions) {
        if (q.exam != code) continue;
        pool.push_back({q.bank_id, q.id, q.domain, q.type, !q.scenario_id.empty(), q.pilot, 0, q.topic});
      }
    }
    const Blueprint& b = *catalog.Find(code, "2026-11-22");
    std::vector<FormItem> first = AssembleForm(b, ShapeForm(b, 0), pool, 1);
    std::set<std::string> used;
    for (const FormItem& item : first) used.insert(item.question_id);
    std::erase_if(pool, [&](const Candidate& c) { return used.count(c.question_id) > 0; });
    std::vector<FormItem> second;
    ASSERT_NO_THROW(second = AssembleForm(b, ShapeForm(b, 0), pool, 2));
    EXPECT_EQ(static_cast<int>(second.size()), b.total_questions);
    for (const FormItem& item : second) EXPECT_EQ(used.count(item.question_id), 0u);
  }
}

// Word bigrams of a question's own text (stem and matching prompts), lower-cased, as sorted hashes.
// Options are left out: many questions share short option lists of service names without being alike.
std::vector<uint64_t> Shingles(const Question& q) {
  std::string text = q.stem;
  for (const Prompt& p : q.prompts) text += " " + p.text;
  std::vector<std::string> words;
  std::string word;
  for (char ch : text + " ") {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  std::vector<uint64_t> shingles;
  for (size_t i = 1; i < words.size(); ++i) shingles.push_back(std::hash<std::string>{}(words[i - 1] + " " + words[i]));
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  return shingles;
}

// Near-identical means a Jaccard similarity of 0.40 or more between the word-bigram sets of two
// questions' stems (plus prompts). Measured on the shipped banks, unrelated questions stay below
// 0.35, and the pairs above 0.40 that this test found were the same scenario testing the same fact.
// (Sorted hashes merged pairwise: with 3,400 questions, sets of strings took 53 s.)
TEST(ShippedBanksTest, NoTwoQuestionsHaveNearIdenticalStems) {
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  std::vector<std::pair<std::string, std::vector<uint64_t>>> items;
  for (const ShippedFile& file : ShippedBanks()) {
    Diagnostics diag;
    for (const Question& q : ReadNativeBank(file.data, std::string(file.name), catalog, diag).questions) {
      items.emplace_back(q.id, Shingles(q));
    }
  }
  ASSERT_GT(items.size(), 100u);
  for (size_t i = 0; i < items.size(); ++i) {
    const std::vector<uint64_t>& a = items[i].second;
    for (size_t j = i + 1; j < items.size(); ++j) {
      const std::vector<uint64_t>& b = items[j].second;
      // At least 0.40 needs common >= 0.40 * (|a| + |b| - common), so common >= (|a| + |b|) * 2 / 7.
      if (7 * std::min(a.size(), b.size()) < 2 * (a.size() + b.size())) continue;
      size_t common = 0;
      for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
        if (a[x] < b[y]) ++x;
        else if (b[y] < a[x]) ++y;
        else ++common, ++x, ++y;
      }
      double jaccard = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
      EXPECT_LT(jaccard, 0.40) << items[i].first << " and " << items[j].first << " are near-identical";
    }
  }
}

TEST(ShippedBanksTest, ReadmeTableMatchesTheBanks) {
  std::ifstream readme(PROCTOR_SOURCE_DIR "/question_banks/README.md");
  std::stringstream text;
  text << readme.rdbuf();
  std::string doc = text.str();
  const std::string begin = "<!-- bank-table:begin -->\n";
  size_t start = doc.find(begin);
  size_t end = doc.find("<!-- bank-table:end -->");
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  std::string table = doc.substr(start + begin.size(), end - start - begin.size());
  FILE* pipe = popen(PROCTOR_BANK_TABLE, "r");
  ASSERT_NE(pipe, nullptr);
  std::string generated;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) generated.append(buf, n);
  pclose(pipe);
  EXPECT_EQ(table, generated) << "regenerate with build/proctor_bank_table and paste it into question_banks/README.md";
}

}  // namespace
}  // namespace proctor
