#include "engine/scoring.h"

#include <algorithm>
#include <cmath>

namespace proctor {

std::string_view DomainClassName(DomainClass c) {
  switch (c) {
    case DomainClass::kMeets: return "Meets competencies";
    case DomainClass::kNeedsImprovement: return "Needs improvement";
    case DomainClass::kNotAssessed: return "Not assessed";
  }
  return "Not assessed";
}

int ScaledScore(double r, double c, int pass_score, int scale_min, int scale_max) {
  r = std::clamp(r, 0.0, 1.0);
  c = std::clamp(c, 1e-9, 1.0 - 1e-9);
  double s;
  if (r < c) {
    s = scale_min + (r / c) * (pass_score - scale_min);
  } else {
    s = pass_score + ((r - c) / (1.0 - c)) * (scale_max - pass_score);
  }
  return static_cast<int>(std::lround(s));
}

ScoreReport Score(const Blueprint& b, const std::vector<ScoredItem>& items) {
  ScoreReport report;
  report.pass_score = b.pass_score;
  double p_sum = 0;
  for (const Domain& d : b.domains) {
    DomainResult result;
    result.number = d.number;
    result.name = d.name;
    result.weight = d.weight;
    report.domains.push_back(result);
  }
  std::vector<double> domain_p(b.domains.size(), 0.0);
  for (const ScoredItem& item : items) {
    if (!item.scored) {
      ++report.unscored_count;
      continue;
    }
    ++report.scored_count;
    p_sum += item.borderline;
    if (item.correct) ++report.correct;
    if (item.domain >= 1 && item.domain <= static_cast<int>(b.domains.size())) {
      size_t d = static_cast<size_t>(item.domain - 1);
      ++report.domains[d].scored;
      domain_p[d] += item.borderline;
      if (item.correct) ++report.domains[d].correct;
    }
  }
  if (report.scored_count == 0) return report;
  report.cut = p_sum / report.scored_count;
  double r = static_cast<double>(report.correct) / report.scored_count;
  report.scaled = ScaledScore(r, report.cut, b.pass_score, b.scale_min, b.scale_max);
  report.passed = report.scaled >= b.pass_score;
  for (size_t d = 0; d < report.domains.size(); ++d) {
    DomainResult& result = report.domains[d];
    if (result.scored == 0) continue;
    result.cut = domain_p[d] / result.scored;
    double rd = static_cast<double>(result.correct) / result.scored;
    // The same rounding as the overall score, so a domain exactly at its cut meets it.
    bool meets = ScaledScore(rd, result.cut, b.pass_score, b.scale_min, b.scale_max) >= b.pass_score;
    result.classification = meets ? DomainClass::kMeets : DomainClass::kNeedsImprovement;
  }
  return report;
}

}  // namespace proctor
