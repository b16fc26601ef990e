// A fast 64-bit hash for change detection (bank files, stored questions) and content fingerprints:
// xxHash64's published algorithm, here so proctor needs no other library. Not for security.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proctor {

// Hashes data given in pieces; the result does not depend on how the data is split.
class Hasher64 {
 public:
  Hasher64();
  void Update(std::string_view data);
  uint64_t Digest() const;
  std::string HexDigest() const;  // 16 hex digits

 private:
  uint64_t lanes_[4];
  uint64_t total_ = 0;
  char stripe_[32];
  size_t buffered_ = 0;  // bytes waiting in stripe_
};

// A set of 64-bit hashes in one flat table (open addressing): a million of them take 16-32 MiB and
// no allocation each, where std::unordered_set would allocate a node per value.
class HashSet64 {
 public:
  // Adds `value`; false if it was there already.
  bool Insert(uint64_t value);
  bool Contains(uint64_t value) const;
  size_t size() const { return size_ + (has_zero_ ? 1 : 0); }

 private:
  void Grow();
  std::vector<uint64_t> slots_;  // 0 marks an empty slot; the value 0 is kept in has_zero_
  size_t size_ = 0;
  bool has_zero_ = false;
};

// splitmix64's finaliser: spreads the bits of a value (FNV-1a alone leaves similar inputs close).
inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

// The hash of `data`, and the same as 16 hex digits.
uint64_t Hash64(std::string_view data);
std::string Hash64Hex(std::string_view data);

}  // namespace proctor
