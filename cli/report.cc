#include "cli/report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

#include "engine/text.h"

namespace proctor {

const char* PassFail(bool passed) { return passed ? "PASS" : "FAIL"; }

void PrintScoreReport(std::ostream& out, const Attempt& a, const ScoreReport& r, int width) {
  // Name column, then " 24%  12/15   Needs improvement" (33 columns).
  const int name_width = std::max(16, std::min(52, width - 33));
  const Blueprint& b = a.blueprint;
  out << "\nScore report: " << b.code << " " << b.name << " (attempt " << a.id << ")\n";
  if (a.status == AttemptStatus::kExpired) {
    int saved = 0;
    for (const AttemptItem& item : a.items) saved += item.response.empty() ? 0 : 1;
    out << "Time ran out: the exam ended by itself and was scored with the " << saved << (saved == 1 ? " answer" : " answers")
        << " saved before the deadline.\n";
  }
  out << "Result: " << PassFail(r.passed) << "   Scaled score: " << r.scaled << " (pass line " << b.pass_score
      << ", scale " << b.scale_min << "-" << b.scale_max << ")\n";
  char cut[64];
  std::snprintf(cut, sizeof cut, "%.1f (%.0f%%)", r.cut * r.scored_count, r.cut * 100);
  out << "Scored questions right: " << r.correct << " of " << r.scored_count
      << "   This form's cut: " << cut << "\n";
  int64_t used = (a.finished_ms ? a.finished_ms : a.started_ms) - a.started_ms;
  if (a.minutes > 0) used = std::min<int64_t>(used, int64_t{a.minutes} * 60000);
  out << "Time used: " << FormatDuration(used);
  if (a.minutes > 0) out << " of " << FormatDuration(int64_t{a.minutes} * 60000);
  out << "\n\n";
  // Domains proctor inferred for questions whose banks gave none are marked, and counted below.
  std::map<int, int> inferred;
  int inferred_total = 0;
  for (const AttemptItem& item : a.items) {
    if (item.question.domain_inferred && item.form.scored) {
      ++inferred[item.form.domain];
      ++inferred_total;
    }
  }
  out << PadRight("Domain", name_width) << "Weight  Right   Classification\n";
  for (const DomainResult& d : r.domains) {
    std::string name = std::to_string(d.number) + " " + d.name;
    if (inferred.count(d.number)) name = TruncateToWidth(name, name_width - 5) + " *";
    char figures[48];
    std::snprintf(figures, sizeof figures, "%5d%%  %-6s  ", d.weight,
                  (std::to_string(d.correct) + "/" + std::to_string(d.scored)).c_str());
    out << PadRight(TruncateToWidth(name, name_width - 2), name_width) << figures
        << DomainClassName(d.classification) << "\n";
  }
  out << "\n" << r.unscored_count << " unscored question" << (r.unscored_count == 1 ? "" : "s")
      << " did not count toward the score. Domains are compensatory: they need not pass one by one.\n";
  if (inferred_total > 0) {
    out << "* inferred: " << inferred_total << " of the " << r.scored_count
        << " scored questions came from banks that gave no domain; proctor inferred theirs (see the review).\n";
  }
}

}  // namespace proctor
