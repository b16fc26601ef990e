#include "engine/readiness.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "engine/assemble.h"

namespace proctor {

namespace {

// Probabilities are never shown as certain: one more sitting can always go either way.
constexpr double kFloor = 0.01;
constexpr double kCeiling = 0.99;

// Points and weights of a 9-point Gauss-Hermite rule for E[f(Z)], Z ~ N(0, 1) (probabilists' form).
constexpr double kNodes[] = {-4.512745863399783, -3.205429002856470, -2.076847978677830, -1.023255663789133, 0.0,
                             1.023255663789133,  2.076847978677830,  3.205429002856470,  4.512745863399783};
constexpr double kWeights[] = {2.234584400774658e-05, 2.789141321231769e-03, 4.991640676521787e-02,
                               2.440975028949394e-01, 4.063492063492064e-01, 2.440975028949394e-01,
                               4.991640676521787e-02, 2.789141321231769e-03, 2.234584400774658e-05};

// Beta-binomial pmf: right answers out of n when the chance of each is Beta(a, b).
std::vector<double> BetaBinomial(int n, double a, double b) {
  std::vector<double> p(static_cast<size_t>(n) + 1);
  const double norm = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) - std::lgamma(n + a + b);
  for (int k = 0; k <= n; ++k) {
    const double log_choose = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
    p[static_cast<size_t>(k)] = std::exp(log_choose + std::lgamma(k + a) + std::lgamma(n - k + b) + norm);
  }
  return p;
}

std::vector<double> Convolve(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> z(x.size() + y.size() - 1, 0.0);
  for (size_t i = 0; i < x.size(); ++i) {
    for (size_t j = 0; j < y.size(); ++j) z[i + j] += x[i] * y[j];
  }
  return z;
}

double TailFrom(const std::vector<double>& pmf, int k) {
  double sum = 0;
  for (size_t i = static_cast<size_t>(std::max(0, k)); i < pmf.size(); ++i) sum += pmf[i];
  return sum;
}

// P(Binomial(n, p) >= k).
double BinomialTail(int n, double p, int k) {
  p = std::clamp(p, 1e-9, 1 - 1e-9);
  double sum = 0;
  for (int i = std::max(0, k); i <= n; ++i) {
    const double log_choose = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0);
    sum += std::exp(log_choose + i * std::log(p) + (n - i) * std::log1p(-p));
  }
  return sum;
}

struct DomainPosterior {
  int items = 0;  // on the next form
  double mean = 0;
  double concentration = 0;  // a + b
};

}  // namespace

int AnswersToPass(const Blueprint& b, double cut) {
  return static_cast<int>(std::ceil(cut * b.scored_questions() - 1e-9));
}

double EffectiveSittings(const std::vector<double>& weighted_answers) {
  double sum = 0;
  double squares = 0;
  for (double w : weighted_answers) {
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? sum * sum / squares : 0;
}

Readiness EstimateReadiness(const Blueprint& b, const std::vector<DomainEvidence>& evidence, double cut, double sittings) {
  std::vector<int> weights;
  for (const Domain& d : b.domains) weights.push_back(d.weight);
  const std::vector<int> items = Apportion(weights, b.scored_questions());
  const int total = b.scored_questions();
  const int pass = AnswersToPass(b, cut);
  // The learner's overall accuracy, the prior each domain shrinks toward.
  double right = 0;
  double answered = 0;
  for (const DomainEvidence& e : evidence) {
    right += e.right;
    answered += e.answered;
  }
  const double overall = (right + kPopulationAnswers * kPopulationMean) / (answered + kPopulationAnswers);
  std::vector<DomainPosterior> domains;
  double mu = 0;
  double ability_var = 0;  // of the form-weighted ability, at its largest for these counts (p(1-p) <= 1/4)
  for (size_t i = 0; i < b.domains.size(); ++i) {
    DomainPosterior p;
    p.items = items[i];
    double r = 0;
    double n = 0;
    for (const DomainEvidence& e : evidence) {
      if (e.number == b.domains[i].number) {
        r = e.right;
        n = e.answered;
      }
    }
    // Beta(kPriorAnswers * overall + r, kPriorAnswers * (1 - overall) + n - r).
    p.concentration = kPriorAnswers + n;
    p.mean = (kPriorAnswers * overall + r) / p.concentration;
    const double w = static_cast<double>(p.items) / total;
    mu += w * p.mean;
    ability_var += w * w * 0.25 / (p.concentration + 1.0);
    domains.push_back(p);
  }
  // A sitting is one draw of the learner's day and form: what the evidence's sittings say about the
  // next one is uncertain by kSittingSd, more so with fewer sittings.
  const double n_eff = std::max(1.0, sittings);
  const double sitting_sd = kSittingSd * std::sqrt(1.0 + 1.0 / n_eff);
  // The overall ability is uncertain too, and that uncertainty moves every domain together (the
  // domains' Beta posteriors shrink toward it): at its largest for these counts, so that it does not
  // depend on how many were right.
  const double overall_var = 0.25 / (answered + kPopulationAnswers + 1.0);
  const double shift_sd = std::sqrt(sitting_sd * sitting_sd + overall_var);

  // P(pass): the next form's right answers are the sum over domains of Beta-binomials, every domain's
  // ability moved by the same sitting effect (integrated by Gauss-Hermite quadrature).
  double probability = 0;
  for (size_t q = 0; q < std::size(kNodes); ++q) {
    const double shift = shift_sd * kNodes[q];
    std::vector<double> pmf = {1.0};
    for (const DomainPosterior& d : domains) {
      if (d.items == 0) continue;
      const double m = std::clamp(d.mean + shift, 0.001, 0.999);
      pmf = Convolve(pmf, BetaBinomial(d.items, m * d.concentration, (1 - m) * d.concentration));
    }
    probability += kWeights[q] * TailFrom(pmf, pass);
  }
  Readiness r;
  r.probability = std::clamp(probability, kFloor, kCeiling);
  // The 90% interval: the chance to pass with the ability at the ends of its 90% range (the ability's
  // uncertainty and the sitting's), the luck of the draw on the form included.
  const double spread = 1.6449 * std::sqrt(ability_var + shift_sd * shift_sd);
  // Its ends are held a point apart: after one exam at 100% (or 0%) "99%-99%" would claim a certainty
  // no single sitting gives.
  r.low = std::clamp(BinomialTail(total, mu - spread, pass), kFloor, std::min(r.probability, kCeiling - 0.01));
  r.high = std::clamp(BinomialTail(total, mu + spread, pass), std::max(r.probability, kFloor + 0.01), kCeiling);
  return r;
}

std::vector<CalibrationRow> SimulateCalibration(const Blueprint& b, int learners, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto logistic = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  std::vector<int> weights;
  for (const Domain& d : b.domains) weights.push_back(d.weight);
  const std::vector<int> items = Apportion(weights, b.scored_questions());
  const double cut = 0.70;
  const int pass = AnswersToPass(b, cut);
  // The truth: an overall ability (log-odds) spread around the pass line, domain strengths and
  // weaknesses around it, and every sitting (a day, a form) moving it by 0.25 log-odds.
  constexpr double kDomainSd = 0.35;
  constexpr double kTrueSittingSd = 0.25;
  std::vector<CalibrationRow> rows(10);
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = {static_cast<double>(i) / 10, static_cast<double>(i + 1) / 10, 0, 0, 0};
  for (int l = 0; l < learners; ++l) {
    const double overall = std::log(0.72 / 0.28) + 0.7 * normal(rng);
    std::vector<double> logit(b.domains.size());
    for (double& x : logit) x = overall + kDomainSd * normal(rng);
    // A sitting: each domain's answers out of `count` questions at this sitting's ability.
    auto sit = [&](const std::vector<int>& count, std::vector<int>& right_out) {
      const double day = kTrueSittingSd * normal(rng);
      right_out.assign(count.size(), 0);
      for (size_t d = 0; d < count.size(); ++d) {
        const double p = logistic(logit[d] + day);
        for (int k = 0; k < count[d]; ++k) right_out[d] += uniform(rng) < p;
      }
    };
    // History: 1-4 attempts, oldest first, each an exam (the full form) or a practice session of
    // 10 questions in domain proportion; the newest weighs 1, the one before 0.7, and so on.
    const int attempts = 1 + static_cast<int>(uniform(rng) * 4);
    std::vector<DomainEvidence> evidence;
    for (const Domain& d : b.domains) evidence.push_back({d.number, 0, 0});
    std::vector<double> per_sitting;
    for (int a = 0; a < attempts; ++a) {
      std::vector<int> count = items;
      if (uniform(rng) < 0.5) count = Apportion(weights, 10);
      std::vector<int> right;
      sit(count, right);
      const double w = std::pow(kRecencyWeight, attempts - 1 - a);
      double answered = 0;
      for (size_t d = 0; d < count.size(); ++d) {
        evidence[d].right += w * right[d];
        evidence[d].answered += w * count[d];
        answered += w * count[d];
      }
      per_sitting.push_back(answered);
    }
    const double predicted = EstimateReadiness(b, evidence, cut, EffectiveSittings(per_sitting)).probability;
    std::vector<int> right;
    sit(items, right);
    int score = 0;
    for (int r : right) score += r;
    CalibrationRow& row = rows[std::min<size_t>(9, static_cast<size_t>(predicted * 10))];
    ++row.learners;
    row.predicted += predicted;
    row.passed += score >= pass;
  }
  for (CalibrationRow& row : rows) {
    if (row.learners > 0) {
      row.predicted /= row.learners;
      row.passed /= row.learners;
    }
  }
  return rows;
}

}  // namespace proctor
