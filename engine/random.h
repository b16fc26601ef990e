// Seeded randomness with results that are the same on every standard library: std::mt19937_64 is
// fully specified by the standard, but std::uniform_int_distribution and std::shuffle are not, so
// proctor draws bounded numbers and shuffles with its own code. Forms store their drawn order as
// well, so a replay never depends on this staying identical.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace proctor {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Returns a uniformly distributed integer in [0, bound). Precondition: bound > 0.
  uint64_t Below(uint64_t bound) {
    // Rejection sampling removes the modulo bias.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do {
      x = engine_();
    } while (x >= limit);
    return x % bound;
  }

  // Fisher-Yates shuffle.
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(Below(i));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::mt19937_64 engine_;
};

// A seed from the operating system's entropy source, for attempts without --seed.
uint64_t RandomSeed();

// A random (version 4) UUID in its lower-case text form, from RandomSeed(): rows that carry one
// (certification records, synced attempts) never collide across devices.
std::string NewUuid();

}  // namespace proctor
