// Lines of input with a timeout, so line mode can end an exam at zero time while it waits.
#pragma once

#include <cstdint>
#include <istream>
#include <string>

namespace proctor {

class LineSource {
 public:
  enum class Status { kLine, kEndOfInput, kTimeout };
  virtual ~LineSource() = default;
  // Reads one line (without its '\n' or '\r\n') into `line`, waiting at most `timeout_ms`
  // (INT64_MAX: no limit). A closed terminal or pipe is kEndOfInput.
  virtual Status ReadLine(std::string& line, int64_t timeout_ms) = 0;
};

// Reads a file descriptor with poll(2); never blocks past the timeout.
class FdLineSource final : public LineSource {
 public:
  explicit FdLineSource(int fd) : fd_(fd) {}
  Status ReadLine(std::string& line, int64_t timeout_ms) override;

 private:
  int fd_;
  std::string buffer_;
  bool eof_ = false;
};

// Reads a std::istream (tests); never times out.
class StreamLineSource final : public LineSource {
 public:
  explicit StreamLineSource(std::istream& in) : in_(in) {}
  Status ReadLine(std::string& line, int64_t timeout_ms) override;

 private:
  std::istream& in_;
};

}  // namespace proctor
