// Prints the Markdown table of the shipped banks (questions per exam, per domain, per item type)
// that question_banks/README.md carries between its bank-table markers. A test keeps the two equal:
//   build/proctor_bank_table > /tmp/t.md   # then paste it into the README
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "engine/catalog.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"

int main() {
  using namespace proctor;
  Catalog catalog = Catalog::Parse(ShippedCatalog(), "question_banks/catalog.json");
  struct Counts {
    std::map<int, int> domains;
    std::map<ItemType, int> types;
    int case_study = 0;
    int total = 0;
  };
  std::map<std::string, Counts> by_exam;
  for (const ShippedFile& file : ShippedBanks()) {
    Diagnostics diag;
    for (const Question& q : ReadNativeBank(file.data, std::string(file.name), catalog, diag).questions) {
      Counts& c = by_exam[q.exam];
      ++c.total;
      ++c.domains[q.domain];
      ++c.types[q.type];
      if (!q.scenario_id.empty()) ++c.case_study;
    }
  }
  std::cout << "| Exam | Questions | Per domain (1 / 2 / ...) | Single | Multiple | Ordering | Matching | Case study |\n"
               "|---|---|---|---|---|---|---|---|\n";
  for (const Blueprint& b : catalog.exams()) {
    auto it = by_exam.find(b.code);
    if (it == by_exam.end()) continue;
    const Counts& c = it->second;
    std::string domains;
    for (const Domain& d : b.domains) {
      domains += (domains.empty() ? "" : " / ") + std::to_string(c.domains.count(d.number) ? c.domains.at(d.number) : 0);
    }
    auto type = [&](ItemType t) { return std::to_string(c.types.count(t) ? c.types.at(t) : 0); };
    std::cout << "| " << b.code << " | " << c.total << " | " << domains << " | " << type(ItemType::kSingle) << " | "
              << type(ItemType::kMultiple) << " | " << type(ItemType::kOrdering) << " | "
              << type(ItemType::kMatching) << " | " << c.case_study << " |\n";
  }
  return 0;
}
