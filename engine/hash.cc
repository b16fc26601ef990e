#include "engine/hash.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <utility>

namespace proctor {

namespace {

constexpr uint64_t kP1 = 11400714785074694791ull;
constexpr uint64_t kP2 = 14029467366897019727ull;
constexpr uint64_t kP3 = 1609587929392839161ull;
constexpr uint64_t kP4 = 9650029242287828579ull;
constexpr uint64_t kP5 = 2870177450012600261ull;

uint64_t Read64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

uint32_t Read32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  return v;
}

uint64_t Round(uint64_t acc, uint64_t input) { return std::rotl(acc + input * kP2, 31) * kP1; }

uint64_t Merge(uint64_t acc, uint64_t lane) { return (acc ^ Round(0, lane)) * kP1 + kP4; }

void Stripe(uint64_t* lanes, const char* p) {
  for (int i = 0; i < 4; ++i) lanes[i] = Round(lanes[i], Read64(p + 8 * i));
}

}  // namespace

Hasher64::Hasher64() : lanes_{kP1 + kP2, kP2, 0, 0 - kP1}, stripe_{} {}

void Hasher64::Update(std::string_view data) {
  const char* p = data.data();
  size_t n = data.size();
  total_ += n;
  if (buffered_ > 0) {
    size_t take = std::min(n, sizeof stripe_ - buffered_);
    std::memcpy(stripe_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < sizeof stripe_) return;
    Stripe(lanes_, stripe_);
    buffered_ = 0;
  }
  // The lanes in locals: stores through lanes_ could alias the bytes read, and would stay in memory.
  uint64_t a = lanes_[0], b = lanes_[1], c = lanes_[2], d = lanes_[3];
  for (; n >= 32; p += 32, n -= 32) {
    a = Round(a, Read64(p));
    b = Round(b, Read64(p + 8));
    c = Round(c, Read64(p + 16));
    d = Round(d, Read64(p + 24));
  }
  lanes_[0] = a;
  lanes_[1] = b;
  lanes_[2] = c;
  lanes_[3] = d;
  std::memcpy(stripe_, p, n);
  buffered_ = n;
}

uint64_t Hasher64::Digest() const {
  uint64_t h;
  if (total_ >= 32) {
    h = std::rotl(lanes_[0], 1) + std::rotl(lanes_[1], 7) + std::rotl(lanes_[2], 12) + std::rotl(lanes_[3], 18);
    for (uint64_t lane : lanes_) h = Merge(h, lane);
  } else {
    h = kP5;
  }
  h += total_;
  const char* p = stripe_;
  size_t n = buffered_;
  for (; n >= 8; p += 8, n -= 8) h = std::rotl(h ^ Round(0, Read64(p)), 27) * kP1 + kP4;
  if (n >= 4) {
    h = std::rotl(h ^ (uint64_t{Read32(p)} * kP1), 23) * kP2 + kP3;
    p += 4;
    n -= 4;
  }
  for (; n > 0; ++p, --n) h = std::rotl(h ^ (uint64_t{static_cast<unsigned char>(*p)} * kP5), 11) * kP1;
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return h;
}

std::string Hasher64::HexDigest() const {
  std::string hex(16, '0');
  uint64_t v = Digest();
  for (int i = 15; i >= 0; --i, v >>= 4) hex[static_cast<size_t>(i)] = "0123456789abcdef"[v & 0xF];
  return hex;
}

uint64_t Hash64(std::string_view data) {
  Hasher64 h;
  h.Update(data);
  return h.Digest();
}

std::string Hash64Hex(std::string_view data) {
  Hasher64 h;
  h.Update(data);
  return h.HexDigest();
}

namespace {

// Spreads a value over the table (the values are hashes already, but may be chosen by a file).
size_t SlotOf(uint64_t value, size_t mask) {
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdull;
  value ^= value >> 33;
  return static_cast<size_t>(value) & mask;
}

}  // namespace

bool HashSet64::Insert(uint64_t value) {
  if (value == 0) return !std::exchange(has_zero_, true);
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = SlotOf(value, mask);; i = (i + 1) & mask) {
    if (slots_[i] == value) return false;
    if (slots_[i] == 0) {
      slots_[i] = value;
      ++size_;
      return true;
    }
  }
}

bool HashSet64::Contains(uint64_t value) const {
  if (value == 0) return has_zero_;
  if (slots_.empty()) return false;
  const size_t mask = slots_.size() - 1;
  for (size_t i = SlotOf(value, mask);; i = (i + 1) & mask) {
    if (slots_[i] == value) return true;
    if (slots_[i] == 0) return false;
  }
}

void HashSet64::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(std::max<size_t>(64, old.size() * 2), 0);
  size_ = 0;
  for (uint64_t v : old) {
    if (v != 0) Insert(v);
  }
}

}  // namespace proctor
