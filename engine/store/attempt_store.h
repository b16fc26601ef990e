// Attempts in the database: created whole before the first question shows, then every event
// committed as it happens (SqliteAttemptLog), and read back for resume and history.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/session.h"
#include "engine/store/answer_journal.h"
#include "engine/store/attempt_lease.h"
#include "engine/store/database.h"

namespace proctor {

// Writes a new attempt with all its items in one transaction and sets attempt.id. With `owner`, the
// attempt is leased to that process in the same transaction. With `clock`, the attempt's clock
// starts once the write lock is held: started_ms is read from `clock` then, and a deadline (if the
// attempt has one) is set `minutes` after it, so a wait for another proctor's write never comes off
// the learner's time.
void CreateAttempt(Database& db, Attempt& attempt, const AttemptOwner* owner = nullptr, const Clock* clock = nullptr);

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

// Saves a session's events, and the reviews they make for the study schedule (engine/store/review_store.h):
// an exam's answers when it ends, practice answers as they are checked. A practice session that ends
// with no answer is deleted, items and all: it leaves nothing in the history. The store refuses (throws Error, saving nothing) any change to an
// attempt that is no longer in progress, and, when the log has an owner, any change while another
// process holds the attempt's lease.
//
// With an owner (an exam), a change never waits long for another process's write: when the write
// lock is not free within kQuickLockMs (or at once, while changes are already kept aside), the
// change goes into the owner's AnswerJournal (flushed to disk before the call returns), and the
// journal goes into the database with the first change that gets the lock. Finishing the attempt waits for the lock, journal included.
class SqliteAttemptLog final : public AttemptLog {
 public:
  explicit SqliteAttemptLog(Database& db) : db_(db) {}
  SqliteAttemptLog(Database& db, AttemptOwner owner);
  void SaveItem(int64_t attempt_id, int position, const AttemptItem& item) override;
  void SaveMove(int64_t attempt_id, int from, const AttemptItem& left, int to) override;
  void SaveFinish(const Attempt& attempt, const ScoreReport& report) override;
  void SaveChecked(int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review) override;
  void SaveRelearned(int64_t attempt_id, int position, const AttemptItem& item, const AnswerReview& review) override;

  // Changes kept in the journal, not yet in the database.
  bool pending() const { return journal_ && journal_->pending(); }
  std::vector<int> PendingQuestions() const { return journal_ ? journal_->PendingQuestions() : std::vector<int>{}; }
  std::string journal_path() const { return journal_ ? journal_->path() : std::string(); }
  // Moves the journal into the database if the write lock is free within `wait_ms`; true when
  // nothing is pending any more.
  bool TryFlush(int64_t attempt_id, int wait_ms);
  // Called after a change went into the journal (the exam says so).
  void SetKeptNotice(std::function<void()> notice) { kept_notice_ = std::move(notice); }

 private:
  // Saves one change: through the journal when the lock is not free at once (see above).
  void Save(int64_t attempt_id, int position, const AttemptItem& item, int move_to);
  Database& db_;
  std::optional<AttemptOwner> owner_;
  std::optional<AnswerJournal> journal_;
  std::function<void()> kept_notice_;
};

// How long an exam's change waits for the write lock before it goes into the journal.
inline constexpr int kQuickLockMs = 250;

}  // namespace proctor
