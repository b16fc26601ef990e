// One live owner per attempt. An attempt is open in at most one process: the process that starts or
// resumes it takes a lease (a row in attempt_leases) in the same transaction, a second process is
// refused while the first is alive, and a lease whose process is gone (killed, crashed, terminal
// closed) is taken over. The store checks the lease on every save (attempt_store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/store/database.h"

namespace proctor {

// A process that may hold an attempt. `process_start` tells a live process from a later one that
// reuses its pid (the start time in /proc/PID/stat, in clock ticks since boot).
struct AttemptOwner {
  int64_t pid = 0;
  std::string host;
  std::string process_start;
  int64_t since_ms = 0;  // when it took the attempt (UTC epoch ms)
};

// This process, taking an attempt at `now_ms`.
AttemptOwner ThisProcess(int64_t now_ms);

// Returns true if `owner` is a process that is still running on this machine. A lease from another
// host cannot be checked (SQLite's WAL works on one machine only: the file was copied) and counts
// as gone.
bool OwnerIsAlive(const AttemptOwner& owner);

// The lease row of `attempt_id`, if any. Reads only.
std::optional<AttemptOwner> LeaseOf(Database& db, int64_t attempt_id);

// Writes `owner`'s lease on `attempt_id` inside the caller's write transaction. Throws Error, naming
// the other process and since when, while another live process holds it; a stale lease is replaced.
void TakeLeaseInTransaction(Database& db, int64_t attempt_id, const AttemptOwner& owner);

// TakeLeaseInTransaction in a transaction of its own (resume).
void TakeLease(Database& db, int64_t attempt_id, const AttemptOwner& owner);

// Removes `owner`'s lease (the process leaves the attempt). Never throws: a failure leaves a lease
// that the next start sees as stale.
void ReleaseLease(Database& db, int64_t attempt_id, const AttemptOwner& owner) noexcept;

}  // namespace proctor
