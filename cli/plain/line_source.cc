#include "cli/plain/line_source.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>

namespace proctor {

namespace {

constexpr size_t kMaxLine = 64 * 1024;  // longer input lines are cut; no answer is this long

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void TakeLine(std::string& buffer, size_t newline, std::string& line) {
  line.assign(buffer, 0, std::min(newline, kMaxLine));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  buffer.erase(0, newline + 1);
}

}  // namespace

LineSource::Status FdLineSource::ReadLine(std::string& line, int64_t timeout_ms) {
  const int64_t start = SteadyMs();
  while (true) {
    size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      TakeLine(buffer_, newline, line);
      return Status::kLine;
    }
    if (eof_) {
      if (buffer_.empty()) return Status::kEndOfInput;
      TakeLine(buffer_, buffer_.size(), line);
      return Status::kLine;
    }
    int wait = -1;
    if (timeout_ms != INT64_MAX) {
      int64_t left = timeout_ms - (SteadyMs() - start);
      if (left <= 0) return Status::kTimeout;
      wait = static_cast<int>(std::min<int64_t>(left, INT_MAX));
    }
    pollfd pfd{fd_, POLLIN, 0};
    int ready = poll(&pfd, 1, wait);
    if (ready < 0) {
      if (errno == EINTR) continue;
      eof_ = true;
      continue;
    }
    if (ready == 0) return Status::kTimeout;
    char chunk[4096];
    ssize_t n = read(fd_, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      eof_ = true;  // end of a pipe, or EIO from a terminal that was closed
      continue;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
    if (buffer_.size() > 2 * kMaxLine && buffer_.find('\n') == std::string::npos) {
      buffer_.resize(kMaxLine);  // keep memory bounded on a huge line
    }
  }
}

LineSource::Status StreamLineSource::ReadLine(std::string& line, int64_t) {
  if (!std::getline(in_, line)) return Status::kEndOfInput;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Status::kLine;
}

}  // namespace proctor
