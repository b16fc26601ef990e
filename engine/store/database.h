// SQLite without leaks: RAII handles, bound parameters only, one conversion from a SQLite result
// code to an Error, and a transaction guard whose destructor rolls back and never throws.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace proctor {

class Database;

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based index. Strings are copied by SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);
  // Bind without copying: the text or bytes must stay as they are until the statement is reset.
  Statement& BindInPlace(int index, std::string_view text);
  Statement& BindBlobInPlace(int index, std::string_view bytes);
  Statement& Bind(int index, const std::optional<double>& value);

  // Steps once: true if a row is available, false when done. Throws Error on failure.
  bool Step();
  // Steps to completion, for statements that return no rows.
  void Run();
  // Resets for another run with new bindings.
  void Reset();

  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  bool IsNull(int column) const;
  int ColumnCount() const;
  // Binds the value in `from`'s current row at `column`, whatever its type (copying rows).
  Statement& BindColumn(int index, const Statement& from, int column);

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens or creates a proctor database at `path` (":memory:" for tests), checking first that an
  // existing file really is a proctor database of a schema this build can read, then migrates it.
  // Never initialises, migrates or otherwise writes a file that is not a proctor database.
  // A file that does not exist yet is built under a temporary name beside it (schema, application
  // id, then `initialise`, e.g. the shipped banks) and linked into place whole, so no interrupted
  // first start leaves a half-made file, and two first starts at once both succeed.
  // Throws Error with the path and the reason.
  static Database Open(const std::string& path, const std::function<void(Database&)>& initialise = nullptr);
  // Opens `path` as it is, with none of Open's checks, pragmas or migrations, creating it when
  // `create` (for proctor doctor, which reads damaged copies and writes a new file from scratch).
  static Database OpenRaw(const std::string& path, bool create);

  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  ~Database();

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  void Exec(std::string_view sql);
  // BEGIN IMMEDIATE, waiting at most `wait_ms` for another connection's write lock: false when it
  // is still held then (nothing begun), true when the transaction is open (adopt it with a
  // Transaction). Throws Error for any other failure.
  bool TryBeginImmediate(int wait_ms);
  int64_t LastInsertId() const;
  int Changes() const;
  // Throws Error for a failed SQLite call: "<path>: <what>: <SQLite's message>".
  [[noreturn]] void Fail(int code, std::string_view what) const;

  // For saves that must never be dropped (an exam's answers): a statement waits for another
  // connection's write lock without a time limit, calling `notice` with the milliseconds waited
  // after half a second and then every second, so the learner sees that the save is pending and
  // for how long. A SIGINT, SIGTERM or SIGHUP during the wait ends it: the statement fails with an
  // Error saying it was left, nothing is written, and the signal's own handling resumes afterwards.
  // Null: back to failing after BusyTimeoutMs().
  void SetWaitNotice(std::function<void(int64_t waited_ms)> notice);

  // Descriptors of the database file and its WAL for hints to the kernel (EarlyWriteback), opened on
  // first use and closed only after the connection. Never close a descriptor of the database file
  // while the connection is open: POSIX locks belong to the process and the file, so closing any
  // descriptor of it drops the connection's locks, and another process may then take the WAL away.
  // -1 for an in-memory database or when a file cannot be opened.
  int DatabaseFd();
  int WalFd();

 private:
  struct Waiting;  // the busy handler's state, where moving the Database does not move it
  Database(sqlite3* db, std::string path);
  friend class Statement;
  void EndWait();  // after each statement: restores what a wait changed
  void InstallWaitHandler();
  static void CreateInPlace(const std::string& path, const std::function<void(Database&)>& initialise);
  sqlite3* db_;
  std::string path_;
  std::unique_ptr<Waiting> waiting_;
  int db_fd_ = -1;
  int wal_fd_ = -1;
};

// BEGIN IMMEDIATE on construction (a plain BEGIN that later writes can fail at once with
// SQLITE_BUSY_SNAPSHOT); ROLLBACK on destruction unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  // Adopts a transaction begun with Database::TryBeginImmediate.
  Transaction(Database& db, std::adopt_lock_t);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Database& db_;
  bool open_ = true;
};

// How long a statement waits for another connection's write lock before it fails.
inline constexpr int kBusyTimeoutMs = 120000;
// kBusyTimeoutMs, or the milliseconds in PROCTOR_BUSY_TIMEOUT_MS (tests shorten the wait with it).
int BusyTimeoutMs();
// "2 minutes", "3 seconds", "1500 ms".
std::string DescribeWait(int64_t ms);

// Marks proctor's files: PRAGMA application_id ('PRCT').
inline constexpr int32_t kApplicationId = 0x50524354;
// The schema version this build writes (PRAGMA user_version).
int SchemaVersion();

// While it lives, asks the kernel every 20 ms to start writing the database file's and its WAL's
// dirty pages to disk (Linux sync_file_range), so that a large transaction's durable commit finds
// little left to flush: it took 70 ms off importing 100,000 questions. A hint only: SQLite's own
// fsyncs are what make the commit durable. Does nothing for an in-memory database.
class EarlyWriteback {
 public:
  explicit EarlyWriteback(Database& db);
  ~EarlyWriteback();
  EarlyWriteback(const EarlyWriteback&) = delete;
  EarlyWriteback& operator=(const EarlyWriteback&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace proctor
