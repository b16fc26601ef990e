// FSRS-5, the Free Spaced Repetition Scheduler (version 5) of the open-spaced-repetition project, as
// Anki has used it since 23.10: each question's memory is a stability S (days until the chance of
// recall falls to 90%) and a difficulty D (1-10), updated by every review's rating. FSRS-5 handles
// reviews less than a day apart (same-day relearning) with its short-term stability formula.
//
// The formulas are written out in tools/fsrs_reference.py, which computes the reference values that
// tests/engine/fsrs_test.cc pins; docs/study.md says how proctor rates an answer and schedules it.
// Pure functions: no clock, no database.
#pragma once

#include <array>
#include <cstdint>

namespace proctor {

enum class Rating { kAgain = 1, kHard = 2, kGood = 3, kEasy = 4 };

// FSRS-5's 19 parameters w0..w18.
using FsrsWeights = std::array<double, 19>;

// FSRS-5's published default parameters, as shipped by its reference implementations (fsrs-rs and
// py-fsrs, FSRS-5 releases) and by Anki for a collection that has not been optimized.
inline constexpr FsrsWeights kFsrs5Defaults = {0.40255, 1.18385, 3.173,   15.69105, 7.1949, 0.5345, 1.4604,
                                               0.0046,  1.54575, 0.1192,  1.01925,  1.9395, 0.11,   0.29605,
                                               2.2698,  0.2315,  2.9898,  0.51655,  0.6621};

// R(t, S) = (1 + F t / S)^C with C = -0.5 and F = 19/81, so that R(S, S) = 0.9.
inline constexpr double kFsrsDecay = -0.5;
inline constexpr double kFsrsFactor = 19.0 / 81.0;
// Stability never goes below this (days), as in fsrs-rs.
inline constexpr double kMinStability = 0.01;

struct MemoryState {
  double stability = 0;   // days
  double difficulty = 0;  // 1 (easiest) to 10
};

class Fsrs {
 public:
  explicit Fsrs(const FsrsWeights& w = kFsrs5Defaults) : w_(w) {}

  // The chance of recall `elapsed_days` after the last review.
  static double Retrievability(double elapsed_days, double stability);
  // Days after a review at which the chance of recall falls to `retention` (unrounded).
  static double IntervalDays(double stability, double retention);

  double InitialStability(Rating g) const;   // S0(G) = w[G-1]
  double InitialDifficulty(Rating g) const;  // D0(G) = w4 - e^(w5 (G-1)) + 1, clamped to [1, 10]
  // D' = w7 D0(Easy) + (1 - w7)(D + dD (10 - D) / 9), dD = -w6 (G - 3); clamped to [1, 10].
  double NextDifficulty(double d, Rating g) const;
  // Stability after a successful recall (G = Hard, Good or Easy) at retrievability r.
  double RecallStability(double d, double s, double r, Rating g) const;
  // Stability after a lapse (G = Again) at retrievability r: FSRS-5's post-lapse formula, never
  // above S / e^(w17 w18).
  double ForgetStability(double d, double s, double r) const;
  // Stability after a review less than a day after the last: S e^(w17 (G - 3 + w18)).
  double SameDayStability(double s, Rating g) const;

  // The state after one review. `state` is null for the first review of a question;
  // `elapsed_days` is the whole days (24-hour periods) since the previous review.
  MemoryState Review(const MemoryState* state, Rating g, int64_t elapsed_days) const;

 private:
  FsrsWeights w_;
};

}  // namespace proctor
