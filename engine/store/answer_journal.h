// Answers that cannot wait: while another process holds the database's write lock (a large
// import takes a minute or more), an exam keeps each change in a journal file of its own beside the
// database, written and flushed to disk before the change is acknowledged, and moves the journal into
// the database in the first transaction it gets. A process that dies (or leaves) with changes still
// in its journal keeps its lease on the attempt; whoever takes the lease over (resume) applies the
// journal in the same transaction. A journal is therefore authoritative only while its owner holds
// the attempt's lease, and a journal left over after that is spent and removed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/session.h"
#include "engine/store/attempt_lease.h"
#include "engine/store/database.h"

namespace proctor {

class AnswerJournal {
 public:
  // The journal of `owner` for the database at `db_path` (nothing is created until Append).
  AnswerJournal(const std::string& db_path, const AttemptOwner& owner);

  bool pending() const { return !records_.empty(); }
  // 1-based question numbers with a change in the journal, each once, in order of first change.
  std::vector<int> PendingQuestions() const;
  const std::string& path() const { return path_; }

  // Appends one item's state (and, when move_to >= 0, the attempt's new position) and flushes it
  // to disk. Throws Error when it cannot be written.
  void Append(int64_t attempt_id, int position, const AttemptItem& item, int move_to);
  // Inside the caller's write transaction: applies every change in order.
  void ApplyInTransaction(Database& db) const;
  // After that transaction committed: the journal is spent.
  void Clear();

  struct Record {
    int64_t attempt_id = 0;
    int position = 0;
    std::string response;  // EncodeResponse
    bool flagged = false;
    int64_t time_spent_ms = 0;
    bool correct = false;
    std::string struck;  // EncodeResponse
    int move_to = -1;
  };

 private:
  std::string path_;
  std::string header_;
  std::vector<Record> records_;
};

// The journal file of `owner` for the database at `db_path`.
std::string JournalPath(const std::string& db_path, const AttemptOwner& owner);

// Inside a write transaction that takes attempt `attempt_id`'s lease over from `stale` (a process
// that is gone): applies the changes to that attempt that `stale` kept in its journal. Returns how
// many it applied.
int ApplyJournalOf(Database& db, const AttemptOwner& stale, int64_t attempt_id);

// Removes the journals beside the database whose owner is gone and holds no lease any more.
void RemoveSpentJournals(Database& db);

}  // namespace proctor
