#include "engine/fsrs.h"

#include <algorithm>
#include <cmath>

namespace proctor {

namespace {

double ClampDifficulty(double d) { return std::clamp(d, 1.0, 10.0); }
int G(Rating g) { return static_cast<int>(g); }

}  // namespace

double Fsrs::Retrievability(double elapsed_days, double stability) {
  return std::pow(1.0 + kFsrsFactor * std::max(0.0, elapsed_days) / std::max(stability, kMinStability), kFsrsDecay);
}

double Fsrs::IntervalDays(double stability, double retention) {
  return stability / kFsrsFactor * (std::pow(retention, 1.0 / kFsrsDecay) - 1.0);
}

double Fsrs::InitialStability(Rating g) const { return std::max(kMinStability, w_[static_cast<size_t>(G(g) - 1)]); }

double Fsrs::InitialDifficulty(Rating g) const { return ClampDifficulty(w_[4] - std::exp(w_[5] * (G(g) - 1)) + 1.0); }

double Fsrs::NextDifficulty(double d, Rating g) const {
  const double delta = -w_[6] * (G(g) - 3);
  const double damped = d + delta * (10.0 - d) / 9.0;  // linear damping: a change shrinks near 10
  return ClampDifficulty(w_[7] * InitialDifficulty(Rating::kEasy) + (1.0 - w_[7]) * damped);  // mean reversion
}

double Fsrs::RecallStability(double d, double s, double r, Rating g) const {
  const double hard = g == Rating::kHard ? w_[15] : 1.0;
  const double easy = g == Rating::kEasy ? w_[16] : 1.0;
  return s * (std::exp(w_[8]) * (11.0 - d) * std::pow(s, -w_[9]) * (std::exp(w_[10] * (1.0 - r)) - 1.0) * hard * easy + 1.0);
}

double Fsrs::ForgetStability(double d, double s, double r) const {
  const double long_term = w_[11] * std::pow(d, -w_[12]) * (std::pow(s + 1.0, w_[13]) - 1.0) * std::exp(w_[14] * (1.0 - r));
  return std::min(long_term, s / std::exp(w_[17] * w_[18]));
}

double Fsrs::SameDayStability(double s, Rating g) const { return s * std::exp(w_[17] * (G(g) - 3 + w_[18])); }

MemoryState Fsrs::Review(const MemoryState* state, Rating g, int64_t elapsed_days) const {
  if (state == nullptr) return {InitialStability(g), InitialDifficulty(g)};
  double s = 0;
  if (elapsed_days < 1) {
    s = SameDayStability(state->stability, g);
  } else {
    const double r = Retrievability(static_cast<double>(elapsed_days), state->stability);
    s = g == Rating::kAgain ? ForgetStability(state->difficulty, state->stability, r)
                            : RecallStability(state->difficulty, state->stability, r, g);
  }
  // Both use the difficulty before this review.
  return {std::max(kMinStability, s), NextDifficulty(state->difficulty, g)};
}

}  // namespace proctor
