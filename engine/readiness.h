// Readiness: the chance of passing the next exam attempt, from the learner's recent answers per
// domain. The model, its assumptions and its calibration by simulation are in docs/readiness.md;
// SimulateCalibration below is the simulation (tools/readiness_sim runs it).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/catalog.h"

namespace proctor {

// Answers in one domain, each attempt's weighted by its recency (the newest attempt with an answer
// counts 1, the one before 0.7, then 0.49...).
struct DomainEvidence {
  int number = 0;
  double right = 0;
  double answered = 0;
};

// How much each older attempt's answers count.
inline constexpr double kRecencyWeight = 0.7;

// The model's assumptions (docs/readiness.md).
// The overall accuracy's prior: this many answers' worth at kPopulationMean (learners who sit a
// certification exam mostly score near its pass line).
inline constexpr double kPopulationAnswers = 6.0;
inline constexpr double kPopulationMean = 0.70;
// A domain's ability prior: this many answers' worth at the learner's overall accuracy.
inline constexpr double kPriorAnswers = 4.0;
// How much a learner's raw score moves from one sitting to the next beyond the luck of the draw
// (standard deviation, as a fraction of the form): a new form, a good or a bad day.
inline constexpr double kSittingSd = 0.05;

struct Readiness {
  double probability = 0;  // of passing the next attempt
  double low = 0;          // 90% interval: what the estimate could become once ability is known better
  double high = 0;
  int answers = 0;         // answers it rests on (before weighting)
};

// P(pass) on a fresh form of `blueprint` whose cut fraction is `cut`, given the recency-weighted
// evidence per domain and the effective number of sittings it comes from (`sittings`; see
// EffectiveSittings). Deterministic. Never falls when the right answers in any domain rise with
// nothing else changed (tests/engine/readiness_test.cc checks this property); never 0 or 1.
Readiness EstimateReadiness(const Blueprint& blueprint, const std::vector<DomainEvidence>& evidence, double cut,
                            double sittings = 1.0);

// (sum of w)^2 / sum of w^2 over the sittings' weighted answer counts: 1 for one sitting, n for n
// equal ones; 0 with none.
double EffectiveSittings(const std::vector<double>& weighted_answers);

// The fewest right answers out of the blueprint's scored questions that pass a form with cut fraction `cut`.
int AnswersToPass(const Blueprint& blueprint, double cut);

// The calibration simulation: `learners` synthetic learners with known per-domain ability sit
// between one and four simulated attempts (exams and practice sessions); readiness is estimated from
// them, then each sits one more simulated exam. Rows by decile of the predicted probability.
struct CalibrationRow {
  double from = 0;  // predicted probability in [from, to)
  double to = 0;
  int learners = 0;
  double predicted = 0;  // mean predicted probability
  double passed = 0;     // fraction that passed the next exam
};
std::vector<CalibrationRow> SimulateCalibration(const Blueprint& blueprint, int learners, uint64_t seed);

}  // namespace proctor
