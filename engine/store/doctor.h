// proctor doctor's engine: checks a database file without changing it, and copies what can still be
// read from a damaged one into a new file. Never deletes, repairs in place or overwrites anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace proctor {

struct DatabaseCheck {
  bool is_sqlite = false;          // the file starts with SQLite's header
  bool is_proctor = false;         // application_id is proctor's
  int schema_version = 0;          // PRAGMA user_version
  int64_t file_bytes = 0;
  int64_t wal_bytes = 0;           // 0 when there is no WAL beside it
  bool intact = false;             // integrity_check said ok
  std::vector<std::string> problems;  // integrity_check's first findings, or why it could not run
  int64_t attempts = -1;           // -1: could not be counted
  int64_t questions = -1;
};

// Checks the database at `path` (and the WAL beside it) on a scratch copy made in the same
// directory and removed afterwards, so the file itself is never opened for writing. Throws Error
// only when the file cannot be read or the copy cannot be made.
DatabaseCheck CheckDatabaseFile(const std::string& path);

struct TableRecovery {
  std::string table;
  int64_t rows = 0;      // rows copied
  int64_t skipped = 0;   // rows found but not copied (unreadable)
  bool complete = true;  // false: reading stopped early at damage, rows past it may be lost
};

struct Recovery {
  std::string into;  // the new file
  std::vector<TableRecovery> tables;
  std::vector<std::string> notes;  // tables whose definition could not be read, and the like
};

// Copies every row that can still be read from the database at `path` (through a scratch copy, as
// above) into a new proctor database at `into`, with the same schema version, so a later start
// migrates it as usual. `into` must not exist. Throws Error when nothing can be read at all.
Recovery RecoverDatabaseFile(const std::string& path, const std::string& into);

}  // namespace proctor
