// Time comes from an injected Clock so sessions, deadlines and tests agree on "now".
// All times are UTC milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <string>

namespace proctor {

class Clock {
 public:
  virtual ~Clock() = default;
  // Returns the current time in UTC milliseconds since the epoch.
  virtual int64_t NowMs() const = 0;
};

// The wall clock (std::chrono::system_clock).
class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
};

// A clock that moves only when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_; }
  void Set(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t delta_ms) { now_ms_ += delta_ms; }

 private:
  int64_t now_ms_;
};

// Formats a UTC instant as the UTC calendar date "YYYY-MM-DD".
std::string UtcDate(int64_t epoch_ms);

// Formats an instant in the local time zone as "YYYY-MM-DD HH:MM" (for display only).
std::string LocalDateTime(int64_t epoch_ms);

// Formats a UTC instant as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" (for machine-readable output).
std::string UtcIso(int64_t epoch_ms);

// Formats a duration as "H:MM:SS"; negative durations show as 0:00:00.
std::string FormatDuration(int64_t ms);

}  // namespace proctor
