// What `proctor sync` reads from and records in the learner's SQLite file (tables sync_attempt_ids,
// sync_pushed and sync_banks). Every read is one short read transaction and every write one short
// BEGIN IMMEDIATE transaction, so a sync never holds a lock an exam in progress waits for. Only
// finished attempts (submitted or expired) are ever offered for a push.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/certs.h"
#include "engine/store/database.h"

namespace proctor {

struct SyncResponse {
  int position = 0;
  std::string bank_id;
  std::string question_id;
  int domain = 0;
  bool scored = false;
  std::string response;  // as stored: option ids
  std::optional<bool> correct;
  bool flagged = false;
  int64_t time_spent_ms = 0;
};

// Items, answers and right answers in one domain of one attempt (the aggregates a lead reads).
struct SyncDomainCount {
  int domain = 0;
  int items = 0;
  int answered = 0;
  int right = 0;
};

struct SyncAttempt {
  int64_t local_id = 0;
  std::string uuid;
  std::string exam;
  std::string mode;    // "exam" or "practice"
  std::string status;  // "submitted" or "expired"
  int64_t started_ms = 0;
  std::optional<int64_t> finished_ms;
  int minutes = 0;
  int item_count = 0;
  int answered = 0;
  std::optional<int> scaled;
  std::optional<bool> passed;
  int pass_score = 0;
  std::optional<int> scored_count;
  std::optional<int> correct;
  std::optional<double> cut;
  std::vector<SyncResponse> responses;
  std::vector<SyncDomainCount> domains;
};

// Gives each finished attempt that has none a UUID (one short write transaction). An attempt keeps
// its UUID for good, so pushing it again, after any interruption or from a second sync at the same
// time, names the same row. Returns how many were given one.
int AssignAttemptUuids(Database& db);

struct PendingAttempt {
  int64_t local_id = 0;
  std::string uuid;
};
// The finished attempts not yet recorded as pushed to the team `team_id`, oldest first.
std::vector<PendingAttempt> PendingAttempts(Database& db, const std::string& team_id);

// One finished attempt with its responses and per-domain counts, read in one read transaction.
// Throws Error when the attempt is gone or not finished.
SyncAttempt ReadSyncAttempt(Database& db, const PendingAttempt& which);

// Records that `uuid` of `kind` ("attempt", "cert") was pushed to `team_id` with content `hash`.
void MarkPushed(Database& db, const std::string& team_id, const std::string& kind, const std::string& uuid,
                const std::string& hash, int64_t now_ms);
// Forgets a push (a certification record removed here, and so removed on the server).
void ForgetPushed(Database& db, const std::string& team_id, const std::string& kind, const std::string& uuid);
// uuid -> hash of everything of `kind` pushed to `team_id`.
std::map<std::string, std::string> PushedHashes(Database& db, const std::string& team_id, const std::string& kind);

struct SyncCert {
  std::string uuid;
  CertRecord record;
  std::string hash;  // of the fields sent
};
// Every certification record with its UUID.
std::vector<SyncCert> ListSyncCerts(Database& db);

// bank id -> version of every team bank pulled from `team_id`.
std::map<std::string, int64_t> PulledBanks(Database& db, const std::string& team_id);
void MarkBankPulled(Database& db, const std::string& team_id, const std::string& bank_id, int64_t version, int64_t now_ms);

}  // namespace proctor
