// Where a file's bytes come from, a piece at a time, so a large bank is read without holding it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proctor {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // The next piece of the input; empty at the end. Valid until the next call. Throws Error if the
  // input cannot be read.
  virtual std::string_view Next() = 0;
};

// Text already in memory, handed out whole.
class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view text) : text_(text) {}
  std::string_view Next() override;

 private:
  std::string_view text_;
  bool done_ = false;
};

// A file read in 1 MiB pieces.
class FileByteSource final : public ByteSource {
 public:
  // Opens `path`. Throws Error "path: reason" if it cannot be opened or is a directory.
  explicit FileByteSource(const std::string& path);
  ~FileByteSource() override;
  FileByteSource(const FileByteSource&) = delete;
  FileByteSource& operator=(const FileByteSource&) = delete;

  std::string_view Next() override;
  uint64_t size() const { return size_; }          // when opened
  uint64_t consumed() const { return consumed_; }  // handed out so far

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t consumed_ = 0;
  std::vector<char> buffer_;
};

}  // namespace proctor
