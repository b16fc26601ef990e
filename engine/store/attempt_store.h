// Attempts in the database: created whole before the first question shows, then every event
// committed as it happens (SqliteAttemptLog), and read back for resume and history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/session.h"
#include "engine/store/database.h"

namespace proctor {

// Writes a new attempt with all its items in one transaction and sets attempt.id.
void CreateAttempt(Database& db, Attempt& attempt);

// Loads an attempt with its items and saved answers. Throws Error if there is none with that id.
Attempt LoadAttempt(Database& db, int64_t attempt_id);

// The newest attempt still in progress, if any.
std::optional<int64_t> LatestInProgress(Database& db);

struct HistoryRow {
  int64_t id = 0;
  std::string exam;
  AttemptMode mode = AttemptMode::kExam;
  AttemptStatus status = AttemptStatus::kInProgress;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  int64_t deadline_ms = 0;
  int questions = 0;
  int answered = 0;
  std::optional<int> scaled;
  std::optional<bool> passed;
  int pass_score = 0;
  int scored_count = 0;  // once finished
  int correct = 0;       // scored items right, once finished
  int minutes = 0;
};

// Every attempt, oldest first; only those of `exam` when it is not empty.
std::vector<HistoryRow> ListAttempts(Database& db, const std::string& exam);

class SqliteAttemptLog final : public AttemptLog {
 public:
  explicit SqliteAttemptLog(Database& db) : db_(db) {}
  void SaveItem(int64_t attempt_id, int position, const AttemptItem& item) override;
  void SaveMove(int64_t attempt_id, int from, const AttemptItem& left, int to) override;
  void SaveFinish(const Attempt& attempt, const ScoreReport& report) override;

 private:
  Database& db_;
};

}  // namespace proctor
