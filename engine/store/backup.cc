#include "engine/store/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <thread>

#include "engine/error.h"

namespace proctor {

namespace {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

bool Exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

void Sync(const std::string& path, const std::string& what) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync(fd) != 0) {
    int saved = errno;
    if (fd >= 0) close(fd);
    throw Error(what + ": cannot sync " + path + ": " + std::strerror(saved));
  }
  close(fd);
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) unlink((path + suffix).c_str());
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

int64_t Count(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  int64_t n = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    n = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return n;
}

// Runs PRAGMA quick_check; throws Error "`name` is damaged: ..." unless SQLite answers "ok".
void QuickCheck(sqlite3* db, const std::string& name) {
  sqlite3_stmt* stmt = nullptr;
  std::string answer = "no answer";
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, nullptr);
  if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    answer = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    answer = sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  if (answer != "ok") throw Error(name + " is damaged (SQLite's quick_check: " + answer + ")");
}

// Copies every page of `from` into `to` in one step: one read transaction on `from`, one write
// transaction on `to`. Another connection's lock is waited for up to kBusyTimeoutMs.
void CopyPages(sqlite3* to, sqlite3* from, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) throw Error(what + ": " + sqlite3_errmsg(to));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  int rc = SQLITE_OK;
  for (;;) {
    rc = sqlite3_backup_step(backup, -1);
    if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw Error(what + ": " + sqlite3_errstr(rc));
  if (finished != SQLITE_OK) throw Error(what + ": " + sqlite3_errmsg(to));
}

void Exec(sqlite3* db, const char* sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw Error(what + ": " + text);
  }
}

// Copies the bytes of `from` into a new file `to`, and syncs it.
void CopyFile(const std::string& from, const std::string& to) {
  std::ifstream in(from, std::ios::binary);
  if (!in) throw Error(from + ": cannot read the file: " + std::strerror(errno));
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  if (!out) throw Error("cannot create " + to + ": " + std::strerror(errno));
  out << in.rdbuf();
  out.close();
  if (!out || in.bad()) throw Error("cannot copy " + from + " to " + to + " (is the disk full?)");
  Sync(to, "restore");
}

}  // namespace

void CheckProctorDatabaseFile(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw Error(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw Error(path + " is not a regular file, not a proctor database");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the file: " + std::strerror(errno));
  unsigned char header[100] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (in.gcount() < 100 || std::memcmp(header, "SQLite format 3", 16) != 0) {
    throw Error(path + " is not a proctor database (it is not an SQLite file)");
  }
  // PRAGMA application_id lives at offset 68 of the header, big-endian.
  const uint32_t app = (uint32_t{header[68]} << 24) | (uint32_t{header[69]} << 16) | (uint32_t{header[70]} << 8) | header[71];
  if (app != static_cast<uint32_t>(kApplicationId)) {
    throw Error(path + " is an SQLite database but not a proctor database");
  }
}

void BackupDatabase(Database& db, const std::string& path, bool overwrite) {
  if (Exists(path)) {
    if (!overwrite) throw Error(path + " already exists; choose another name (or pass --force to replace an older backup)");
    CheckProctorDatabaseFile(path);  // never overwrite anything but a proctor database
  }
  const std::string what = "cannot back up to " + path;
  const std::string tmp = path + ".tmp-" + std::to_string(getpid());
  RemoveDatabaseFiles(tmp);
  try {
    {
      sqlite3* raw = nullptr;
      int rc = sqlite3_open_v2(tmp.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
      SqliteHandle copy(raw);
      if (rc != SQLITE_OK) throw Error(what + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
      CopyPages(copy.get(), db.handle(), what);
      // The pages carry the live database's WAL mark; one file with no -wal is what a backup should be.
      Exec(copy.get(), "PRAGMA journal_mode = DELETE", what);
      QuickCheck(copy.get(), "the backup " + path);
    }
    Sync(tmp, what);
    if (rename(tmp.c_str(), path.c_str()) != 0) throw Error(what + ": " + std::strerror(errno));
  } catch (...) {
    RemoveDatabaseFiles(tmp);
    throw;
  }
  Sync(DirectoryOf(path), what);
}

RestoreResult RestoreDatabase(const std::string& file, const std::string& db_path) {
  CheckProctorDatabaseFile(file);
  struct stat wal {};
  if (stat((file + "-wal").c_str(), &wal) == 0 && wal.st_size > 0) {
    throw Error(file + " has a write-ahead log beside it (" + file + "-wal): it is open in another program or was "
                "copied while in use; make backups with 'proctor backup FILE'");
  }
  struct stat a {}, b {};
  if (stat(db_path.c_str(), &b) == 0 && stat(file.c_str(), &a) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
    throw Error(file + " is the database itself; nothing to restore");
  }
  const bool replacing = Exists(db_path);
  if (replacing) CheckProctorDatabaseFile(db_path);  // never write into anything but a proctor database
  const std::string tmp = db_path + ".restoring-" + std::to_string(getpid());
  RemoveDatabaseFiles(tmp);
  RestoreResult result;
  try {
    CopyFile(file, tmp);
    {
      // Opening checks the schema version and migrates an older one, on the copy only.
      std::optional<Database> restored;
      try {
        restored.emplace(Database::Open(tmp));
        QuickCheck(restored->handle(), tmp);
      } catch (const Error& e) {
        std::string message = e.what();
        Replace(message, tmp, file);
        throw Error(message + "; nothing was changed");
      }
      result.attempts = Count(restored->handle(), "SELECT count(*) FROM attempts");
      result.questions = Count(restored->handle(), "SELECT count(*) FROM questions");
      if (replacing) {
        Database current = Database::Open(db_path);
        result.kept = db_path + ".bak";
        BackupDatabase(current, result.kept, true);
        // SQLite cannot copy pages of one size into a WAL database of another: give the copy the
        // live database's page size first (it has no other connection, so it may leave WAL).
        const int64_t page = Count(current.handle(), "PRAGMA page_size");
        if (Count(restored->handle(), "PRAGMA page_size") != page) {
          restored->Exec("PRAGMA journal_mode = DELETE");
          restored->Exec("PRAGMA page_size = " + std::to_string(page));
          restored->Exec("VACUUM");
        }
        // Through the live database's own locks: another proctor with it open sees the new contents.
        CopyPages(current.handle(), restored->handle(), "cannot restore into " + db_path);
      }
    }
    if (!replacing) {
      if (rename(tmp.c_str(), db_path.c_str()) != 0) {
        throw Error("cannot restore into " + db_path + ": " + std::strerror(errno));
      }
      Sync(DirectoryOf(db_path), "restore");
    }
  } catch (...) {
    RemoveDatabaseFiles(tmp);
    throw;
  }
  RemoveDatabaseFiles(tmp);
  return result;
}

}  // namespace proctor
