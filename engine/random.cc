#include "engine/random.h"

namespace proctor {

uint64_t RandomSeed() {
  std::random_device device;
  // Keep seeds below 2^53 so they survive any JSON consumer of exports exactly.
  return ((static_cast<uint64_t>(device()) << 32) ^ device()) & ((uint64_t{1} << 53) - 1);
}

}  // namespace proctor
