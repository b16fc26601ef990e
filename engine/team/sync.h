// `proctor sync`: the learner's finished attempts (with every response and per-domain counts) and
// certification records go up to the team server; the team's published banks come down.
//
// The protocol (docs/design.md "The team server"): every synced row has a stable UUID, so each push
// is an idempotent upsert. An attempt is pushed in one server transaction (the attempt row with
// ON CONFLICT DO NOTHING, then, only if it was new, its responses and domain counts), so the server
// never shows half an attempt, and it is recorded as pushed here only after the server committed.
// An interruption at any point leaves it either unpushed (pushed again next time) or pushed but not
// recorded (found already there next time). Two syncs at once both try; the server's primary key
// lets one in and the other finds it there. SQLite is read in short transactions and written only
// to record pushes, so an exam in progress never waits on a sync; an attempt in progress is never
// pushed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/store/database.h"
#include "engine/team/pg.h"
#include "engine/team/server_schema.h"

namespace proctor {

// Points where a test can interrupt a sync (kill the server, drop the connection).
struct SyncHooks {
  // Inside an attempt's server transaction, before its COMMIT.
  std::function<void(const std::string& attempt_uuid)> before_commit;
  // After the server committed an attempt, before this machine records the push.
  std::function<void(const std::string& attempt_uuid)> after_commit;
};

struct PulledBank {
  std::string bank_id;
  std::string title;
  int64_t version = 0;
  int questions = 0;
  int duplicates = 0;  // questions not stored: the same question is already in another bank here
};

struct SyncReport {
  Identity who;
  int attempts_pending = 0;   // finished attempts not yet recorded as pushed when the sync began
  int attempts_pushed = 0;    // new on the server
  int attempts_already = 0;   // already there (pushed by an interrupted or concurrent sync)
  int attempts_open = 0;      // in progress here: not pushed
  int certs_pushed = 0;       // new or changed certification records
  int certs_removed = 0;      // removed here, so removed on the server
  std::vector<PulledBank> banks_pulled;
  std::vector<std::string> notes;  // banks skipped, and why
};

// Runs one sync as the connected learner. `report` is filled as the sync goes, so after a PgError
// it says what was done before the failure. Throws PgError when the server fails or goes away, and
// Error when the role is not a learner of a team.
void Sync(Database& db, PgConnection& conn, int64_t now_ms, SyncReport& report, const SyncHooks& hooks = {});

struct PublishResult {
  std::string bank_id;
  std::string title;
  int64_t version = 0;
  int questions = 0;
};

// Publishes the local bank `bank_id` (its active questions) to the team, as a new version that
// members receive at their next sync. The server allows it to leads only (a member gets the
// server's "permission denied"). Throws Error when there is no such local bank or it is empty.
PublishResult PublishBank(Database& db, PgConnection& conn, const std::string& bank_id);

}  // namespace proctor
