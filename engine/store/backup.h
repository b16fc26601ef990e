// Moving a learner's database: a consistent copy of a live database, and putting one back.
#pragma once

#include <string>

#include "engine/store/database.h"

namespace proctor {

// Copies the database `db` into a new file at `path` with SQLite's online backup, in one step under
// one read transaction, so the copy is a consistent snapshot even while another proctor saves
// answers (in WAL mode a reader and the writer do not wait for each other). The copy is written to
// a temporary file beside `path`, checked (PRAGMA quick_check), synced and renamed into place, so
// `path` is never a half-written file. The copy is one self-contained file (rollback-journal mode,
// no -wal beside it). An existing `path` is an error unless `overwrite` is set, and even then only a
// proctor database is overwritten. Throws Error naming the path and the reason.
void BackupDatabase(Database& db, const std::string& path, bool overwrite);

struct RestoreResult {
  std::string kept;  // where the database that was replaced is kept (db_path + ".bak"), or "" if there was none
  int64_t attempts = 0;  // attempts in the restored database
  int64_t questions = 0;  // questions in the restored database
};

// Replaces the contents of the database at `db_path` (created if it does not exist) with the proctor
// database in `file`, which is only read. Refuses, changing nothing, a `file` that is not a proctor
// database (not SQLite, another application's, a newer schema, damaged, or with a -wal file beside
// it) and a `db_path` that is not one. The database being replaced is first copied to
// db_path + ".bak" (see BackupDatabase). An older schema is migrated on the way in. Another proctor
// that has the database open sees the restored contents: they are written through SQLite's locks.
RestoreResult RestoreDatabase(const std::string& file, const std::string& db_path);

// Checks, by reading its header only, that `path` is a proctor database file. Throws Error naming
// `path` when it is missing, not an SQLite file or another application's.
void CheckProctorDatabaseFile(const std::string& path);

}  // namespace proctor
