#include "engine/store/attempt_lease.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <fstream>
#include <sstream>

#include "engine/error.h"
#include "engine/store/answer_journal.h"

namespace proctor {

namespace {

// Field 22 of /proc/PID/stat (starttime), or "" when the process does not exist.
std::string StartTimeOf(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return "";
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  size_t paren = line.rfind(')');
  if (paren == std::string::npos) return "";
  std::istringstream rest(line.substr(paren + 1));
  std::string field;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
    if (i == 22) return field;
  }
  return "";
}

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

std::string LocalTime(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
  return text;
}

}  // namespace

AttemptOwner ThisProcess(int64_t now_ms) {
  AttemptOwner me;
  me.pid = getpid();
  me.host = HostName();
  me.process_start = StartTimeOf(me.pid);
  me.since_ms = now_ms;
  return me;
}

bool OwnerIsAlive(const AttemptOwner& owner) {
  if (owner.host != HostName() || owner.pid <= 0) return false;
  if (kill(static_cast<pid_t>(owner.pid), 0) != 0 && errno != EPERM) return false;
  return StartTimeOf(owner.pid) == owner.process_start;
}

std::optional<AttemptOwner> LeaseOf(Database& db, int64_t attempt_id) {
  Statement s(db, "SELECT pid, host, process_start, since FROM attempt_leases WHERE attempt_id = ?1");
  s.Bind(1, attempt_id);
  if (!s.Step()) return std::nullopt;
  return AttemptOwner{s.Int(0), s.Text(1), s.Text(2), s.Int(3)};
}

void TakeLeaseInTransaction(Database& db, int64_t attempt_id, const AttemptOwner& owner) {
  if (std::optional<AttemptOwner> held = LeaseOf(db, attempt_id)) {
    const bool mine = held->pid == owner.pid && held->host == owner.host && held->process_start == owner.process_start;
    if (!mine && OwnerIsAlive(*held)) {
      throw Error("attempt " + std::to_string(attempt_id) + " is open in another proctor (process " +
                  std::to_string(held->pid) + ", since " + LocalTime(held->since_ms) +
                  "); continue it there, or close that one first");
    }
    // The process that held it is gone: the changes it kept aside while another proctor was
    // writing belong to the attempt, and go in now, in the same transaction as the takeover.
    if (!mine) ApplyJournalOf(db, *held, attempt_id);
  }
  Statement s(db, R"sql(
      INSERT INTO attempt_leases (attempt_id, pid, host, process_start, since) VALUES (?1, ?2, ?3, ?4, ?5)
      ON CONFLICT (attempt_id) DO UPDATE SET pid = ?2, host = ?3, process_start = ?4, since = ?5)sql");
  s.Bind(1, attempt_id).Bind(2, owner.pid).Bind(3, owner.host).Bind(4, owner.process_start).Bind(5, owner.since_ms).Run();
}

void TakeLease(Database& db, int64_t attempt_id, const AttemptOwner& owner) {
  Transaction tx(db);
  TakeLeaseInTransaction(db, attempt_id, owner);
  tx.Commit();
  try {
    RemoveSpentJournals(db);
  } catch (const Error&) {
    // Only tidiness: a spent journal is never applied again (its owner holds no lease).
  }
}

void ReleaseLease(Database& db, int64_t attempt_id, const AttemptOwner& owner) noexcept {
  try {
    Statement s(db, "DELETE FROM attempt_leases WHERE attempt_id = ?1 AND pid = ?2 AND process_start = ?3");
    s.Bind(1, attempt_id).Bind(2, owner.pid).Bind(3, owner.process_start).Run();
  } catch (const std::exception&) {
    // Left behind, the lease is stale once this process is gone, and the next start takes it over.
  }
}

}  // namespace proctor
