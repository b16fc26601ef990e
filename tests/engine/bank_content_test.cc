// What the shipped banks must hold for learners to prepare on them (issue 14): four disjoint full
// forms for every exam on offer, no answer-length cue, Professional stems as long and dense as the
// real ones, and a topic on every question.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "engine/assemble.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"

namespace proctor {
namespace {

constexpr const char* kToday = "2026-12-06";

const Catalog& TheCatalog() {
  static const Catalog catalog = Catalog::Parse(ShippedCatalog(), "catalog.json");
  return catalog;
}

// Every shipped question, by exam.
const std::map<std::string, std::vector<Question>>& ShippedByExam() {
  static const std::map<std::string, std::vector<Question>> by_exam = [] {
    std::map<std::string, std::vector<Question>> out;
    for (const ShippedFile& file : ShippedBanks()) {
      Diagnostics diag;
      for (Question& q : ReadNativeBank(file.data, std::string(file.name), TheCatalog(), diag).questions) {
        out[q.exam].push_back(std::move(q));
      }
    }
    return out;
  }();
  return by_exam;
}

// The exams a learner can sit today (MLS-C01 is retired and kept as it is).
std::vector<const Blueprint*> ExamsOnOffer() {
  std::vector<const Blueprint*> out;
  for (const Blueprint& b : TheCatalog().exams()) {
    if (b.StatusOn(kToday) != ExamStatus::kRetired && ShippedByExam().count(b.code)) out.push_back(&b);
  }
  return out;
}

int Words(const std::string& text) {
  std::istringstream in(text);
  std::string word;
  int n = 0;
  while (in >> word) ++n;
  return n;
}

// Four forms that share no question: the questions the blueprint can draw (its item types, case
// studies only where it has them) hold, per domain, four times the form's scored items, and in all
// four times its length; and four forms drawn one after another from what the last left really
// fill (the unscored items of a form may come from any domain).
TEST(BankContentTest, EveryExamOnOfferFillsFourDisjointFullForms) {
  for (const Blueprint* b : ExamsOnOffer()) {
    SCOPED_TRACE(b->code);
    const FormShape shape = ShapeForm(*b, 0);
    std::vector<Candidate> pool;
    std::vector<int> per_domain(b->domains.size(), 0);
    for (const Question& q : ShippedByExam().at(b->code)) {
      const bool case_study = !q.scenario_id.empty();
      if (q.domain < 1 || !b->AllowsType(q.type) || (case_study && !b->AllowsCaseStudies())) continue;
      ++per_domain[static_cast<size_t>(q.domain - 1)];
      pool.push_back({q.bank_id, q.id, q.domain, q.type, case_study, q.pilot, 0, q.topic});
    }
    EXPECT_GE(static_cast<int>(pool.size()), 4 * b->total_questions);
    for (size_t d = 0; d < per_domain.size(); ++d) {
      EXPECT_GE(per_domain[d], 4 * shape.scored_per_domain[d]) << "domain " << d + 1;
    }
    int forms = 0;
    for (uint64_t seed = 1; forms < 4; ++seed) {
      std::vector<FormItem> form;
      try {
        form = AssembleForm(*b, shape, pool, seed);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "form " << forms + 1 << " could not be drawn: " << e.what();
        break;
      }
      ASSERT_EQ(static_cast<int>(form.size()), b->total_questions);
      std::set<std::string> used;
      for (const FormItem& item : form) used.insert(item.question_id);
      std::erase_if(pool, [&](const Candidate& c) { return used.count(c.question_id) > 0; });
      ++forms;
    }
    EXPECT_EQ(forms, 4);
  }
}

// The key's length must not give it away: among single-answer items, the key is strictly the
// longest option in at most 35% of a bank, and strictly the shortest in at most 35%.
TEST(BankContentTest, NoBankGivesTheKeyAwayByItsLength) {
  for (const auto& [exam, questions] : ShippedByExam()) {
    int singles = 0;
    int longest = 0;
    int shortest = 0;
    for (const Question& q : questions) {
      if (q.type != ItemType::kSingle || q.key.size() != 1) continue;
      const Option* key = q.FindOption(q.key[0]);
      if (key == nullptr) continue;
      size_t max_other = 0;
      size_t min_other = SIZE_MAX;
      for (const Option& o : q.options) {
        if (o.id == key->id) continue;
        max_other = std::max(max_other, o.text.size());
        min_other = std::min(min_other, o.text.size());
      }
      ++singles;
      longest += key->text.size() > max_other ? 1 : 0;
      shortest += key->text.size() < min_other ? 1 : 0;
    }
    ASSERT_GT(singles, 0) << exam;
    EXPECT_LE(100.0 * longest / singles, 35.0) << exam << ": the key is strictly the longest option in " << longest << " of "
                                                << singles << " single-answer items";
    EXPECT_LE(100.0 * shortest / singles, 35.0) << exam << ": the key is strictly the shortest option in " << shortest
                                                 << " of " << singles << " single-answer items";
  }
}

// Professional stems are long and dense on the real exam (150-300 words): the median shipped stem
// of each Professional exam is at least 120 words.
TEST(BankContentTest, ProfessionalStemsAreAsLongAsTheRealOnes) {
  int checked = 0;
  for (const Blueprint* b : ExamsOnOffer()) {
    if (b->level != "Professional") continue;
    std::vector<int> words;
    for (const Question& q : ShippedByExam().at(b->code)) words.push_back(Words(q.stem));
    std::sort(words.begin(), words.end());
    const double median = words.size() % 2 == 1 ? words[words.size() / 2]
                                                 : (words[words.size() / 2 - 1] + words[words.size() / 2]) / 2.0;
    EXPECT_GE(median, 120.0) << b->code << ": median stem " << median << " words";
    ++checked;
  }
  EXPECT_EQ(checked, 3) << "SAP-C02, DOP-C02 and AIP-C01";
}

// The item types an exam guide lists appear at a realistic share: ordering, matching and case-study
// items are each at least 5% of the bank of an exam that uses them (AIF-C01, MLA-C01, SCS-C03,
// AIP-C01).
TEST(BankContentTest, ListedItemTypesEachMakeAtLeastFivePercent) {
  int exams = 0;
  for (const Blueprint* b : ExamsOnOffer()) {
    const std::vector<Question>& questions = ShippedByExam().at(b->code);
    const double total = static_cast<double>(questions.size());
    auto share = [&](auto predicate) {
      return 100.0 * static_cast<double>(std::count_if(questions.begin(), questions.end(), predicate)) / total;
    };
    bool listed = false;
    for (ItemType type : {ItemType::kOrdering, ItemType::kMatching}) {
      if (!b->AllowsType(type)) continue;
      listed = true;
      EXPECT_GE(share([&](const Question& q) { return q.type == type; }), 5.0) << b->code << " " << ItemTypeName(type);
    }
    if (b->AllowsCaseStudies()) {
      EXPECT_GE(share([](const Question& q) { return !q.scenario_id.empty(); }), 5.0) << b->code << " case study";
    }
    exams += listed ? 1 : 0;
  }
  EXPECT_EQ(exams, 4) << "AIF-C01, MLA-C01, SCS-C03 and AIP-C01 list ordering and matching";
}

// Every question names the fact it tests, and a topic is used at most twice in an exam's banks (two
// questions share one only when they test the same fact; assembly keeps them apart).
TEST(BankContentTest, EveryQuestionHasATopicUsedAtMostTwice) {
  for (const auto& [exam, questions] : ShippedByExam()) {
    std::map<std::string, int> uses;
    for (const Question& q : questions) {
      EXPECT_FALSE(q.topic.empty()) << exam << ": " << q.id << " has no topic";
      if (!q.topic.empty()) ++uses[q.topic];
    }
    for (const auto& [topic, n] : uses) EXPECT_LE(n, 2) << exam << ": topic " << topic << " is used " << n << " times";
  }
}

}  // namespace
}  // namespace proctor
