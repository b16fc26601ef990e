// A fast 64-bit hash for change detection (bank files, stored questions) and content fingerprints:
// xxHash64's published algorithm, here so proctor needs no other library. Not for security.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

// The hash of `data`, and the same as 16 hex digits.
uint64_t Hash64(std::string_view data);
std::string Hash64Hex(std::string_view data);

}  // namespace proctor
