// proctor exams: the catalog as a table.
#include <map>
#include <optional>
#include <ostream>

#include "cli/commands/command.h"
#include "cli/json_out.h"
#include "engine/store/database.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description&) {
  o.add_options()
      ("all", "also list retired, beta and upcoming exams")
      ("json", "print the exams as JSON (schema: docs/json.md)");
}

// Questions each exam can draw: active, with a domain, of an item type the exam uses.
std::map<std::string, int> QuestionCounts(Database& db, const Catalog& catalog) {
  std::map<std::string, int> counts;
  Statement s(db, R"sql(SELECT exam, type, case_study, sum(n) FROM bank_counts
                        WHERE active = 1 AND domain > 0 GROUP BY exam, type, case_study)sql");
  while (s.Step()) {
    const Blueprint* b = catalog.Find(s.Text(0), "9999-12-31");
    std::optional<ItemType> type = ParseItemType(s.Text(1));
    if (b == nullptr || b->code != s.Text(0) || !type || !b->AllowsType(*type)) continue;
    if (s.Int(2) != 0 && !b->AllowsCaseStudies()) continue;
    counts[s.Text(0)] += static_cast<int>(s.Int(3));
  }
  return counts;
}

std::string JsonOrNull(const std::string& text) { return text.empty() ? "null" : JsonString(text); }

void PrintJson(std::ostream& out, const std::vector<const Blueprint*>& exams, std::map<std::string, int>& counts,
               const std::string& today) {
  out << "[";
  for (size_t i = 0; i < exams.size(); ++i) {
    const Blueprint& b = *exams[i];
    out << (i ? ",\n " : "\n ") << "{\"code\": " << JsonString(b.code) << ", \"family\": " << JsonString(b.family)
        << ", \"name\": " << JsonString(b.name) << ", \"level\": " << JsonString(b.level)
        << ", \"status\": " << JsonString(ExamStatusName(b.StatusOn(today))) << ", \"launched\": " << JsonOrNull(b.launched)
        << ", \"beta_until\": " << JsonOrNull(b.beta_until) << ", \"retired\": " << JsonOrNull(b.retired)
        << ", \"questions\": " << b.total_questions << ", \"unscored_questions\": " << b.unscored_questions
        << ", \"minutes\": " << b.minutes << ", \"pass_score\": " << b.pass_score << ", \"scale_min\": " << b.scale_min
        << ", \"scale_max\": " << b.scale_max << ", \"item_types\": [";
    for (size_t t = 0; t < b.item_types.size(); ++t) out << (t ? ", " : "") << JsonString(b.item_types[t]);
    out << "], \"domains\": [";
    for (size_t d = 0; d < b.domains.size(); ++d) {
      out << (d ? ", " : "") << "{\"number\": " << b.domains[d].number << ", \"name\": " << JsonString(b.domains[d].name)
          << ", \"weight\": " << b.domains[d].weight << "}";
    }
    out << "], \"bank_questions\": " << (counts.count(b.code) ? counts[b.code] : 0) << "}";
  }
  out << (exams.empty() ? "]\n" : "\n]\n");
}

int Run(const po::variables_map& vm, Context& c) {
  const bool all = vm.count("all") > 0;
  std::map<std::string, int> counts = QuestionCounts(c.Db(), c.catalog);
  const std::string today = c.Today();
  if (vm.count("json")) {
    std::vector<const Blueprint*> shown;
    for (const Blueprint& b : c.catalog.exams()) {
      if (all || b.StatusOn(today) == ExamStatus::kActive) shown.push_back(&b);
    }
    PrintJson(c.out, shown, counts, today);
    return 0;
  }
  c.out << PadRight("Code", 9) << PadRight("Exam", 54) << PadRight("Level", 13)
        << "Items Unscored  Min  Pass  Banks  Status\n";
  int hidden = 0;
  for (const Blueprint& b : c.catalog.exams()) {
    ExamStatus status = b.StatusOn(today);
    if (!all && status != ExamStatus::kActive) {
      ++hidden;
      continue;
    }
    std::string status_text(ExamStatusName(status));
    if (status == ExamStatus::kRetired) status_text += " " + b.retired;
    if (status == ExamStatus::kBeta) status_text += " to " + b.beta_until;
    if (status == ExamStatus::kUpcoming) status_text += " " + b.launched;
    char figures[64];
    std::snprintf(figures, sizeof figures, "%5d %8d %4d %5d %6d  ", b.total_questions, b.unscored_questions,
                  b.minutes, b.pass_score, counts.count(b.code) ? counts[b.code] : 0);
    c.out << PadRight(b.code, 9) << PadRight(TruncateToWidth(b.name, 52), 54) << PadRight(b.level, 13)
          << figures << status_text << "\n";
  }
  if (hidden > 0) c.out << "(" << hidden << " retired, beta or upcoming exams not shown; use --all)\n";
  c.out << "Banks: questions in your banks that the exam can draw. Name an exam by code or family: proctor take clf\n";
  return 0;
}

}  // namespace

const CommandSpec& ExamsCommand() {
  static const CommandSpec spec{"exams", "", "list the exams proctor simulates", "", Define, Run};
  return spec;
}

}  // namespace proctor
