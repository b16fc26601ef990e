// The score: an Angoff-style cut equated per form, a scaled 100-1000 score and a per-domain report.
//
// Each scored item i has p_i, the probability that a minimally competent candidate answers it
// right (the bank's `borderline`, default 0.70). The form's cut c is the mean p_i; the raw score r
// is the fraction of scored items right. The scaled score maps r = 0 to the scale minimum, r = c
// to the pass score P, r = 1 to the scale maximum, linearly in between, and is rounded. Pass iff
// scaled >= P. Unscored items never count; unanswered counts as wrong; there is no guessing penalty.
#pragma once

#include <string>
#include <vector>

#include "engine/catalog.h"

namespace proctor {

// One item of a finished form, as far as scoring needs it.
struct ScoredItem {
  int domain = 0;
  bool scored = true;
  double borderline = kDefaultBorderline;
  bool correct = false;
};

enum class DomainClass { kMeets, kNeedsImprovement, kNotAssessed };
std::string_view DomainClassName(DomainClass c);

struct DomainResult {
  int number = 0;
  std::string name;
  int weight = 0;
  int scored = 0;
  int correct = 0;
  double cut = 0;  // mean borderline of this domain's scored items
  DomainClass classification = DomainClass::kNotAssessed;
};

struct ScoreReport {
  int scored_count = 0;
  int correct = 0;
  int unscored_count = 0;
  double cut = 0;  // the form's cut fraction c
  int scaled = 0;
  int pass_score = 0;
  bool passed = false;
  std::vector<DomainResult> domains;
};

// The scaled score for raw fraction r against cut c (0 < c < 1), pass score P and the scale.
int ScaledScore(double r, double c, int pass_score, int scale_min, int scale_max);

// Scores a finished form. Precondition: at least one item is scored.
ScoreReport Score(const Blueprint& blueprint, const std::vector<ScoredItem>& items);

}  // namespace proctor
