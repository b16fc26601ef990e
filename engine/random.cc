#include "engine/random.h"

#include <cstdio>

namespace proctor {

uint64_t RandomSeed() {
  std::random_device device;
  // Keep seeds below 2^53 so they survive any JSON consumer of exports exactly.
  return ((static_cast<uint64_t>(device()) << 32) ^ device()) & ((uint64_t{1} << 53) - 1);
}

std::string NewUuid() {
  std::random_device device;
  auto draw64 = [&device] { return (static_cast<uint64_t>(device()) << 32) | device(); };
  const uint64_t hi = (draw64() & 0xFFFFFFFFFFFF0FFFull) | 0x4000ull;                 // version 4
  const uint64_t lo = (draw64() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;     // variant 1
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return buf;
}

}  // namespace proctor
