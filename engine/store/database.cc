#include "engine/store/database.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <fstream>
#include <vector>

#include "engine/error.h"
#include "engine/store/migrations.h"

namespace proctor {

namespace {

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// What every message about a damaged file ends with: it is never deleted, and doctor can help.
const std::string kLeftAlone =
    "it was left untouched; 'proctor doctor' checks it and copies what it can save into a new file";

std::string BaseOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Hex(int32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", static_cast<uint32_t>(v));
  return buf;
}

// Checks an existing file before SQLite touches it: SQLite opens anything without complaint and
// fails only at the first read, and it treats a 0-byte file as a new, empty database.
void CheckExistingFile(const std::string& path, const struct stat& st, bool& check_with_sqlite) {
  if (S_ISDIR(st.st_mode)) throw Error(path + " is a directory, not a proctor database");
  if (!S_ISREG(st.st_mode)) throw Error(path + " is not a regular file, not a proctor database");
  if (st.st_size == 0) {
    throw Error(path + " is an empty file (0 bytes), not a proctor database; "
                "it was left untouched (choose another file with --db)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the file: " + std::strerror(errno));
  char header[18] = {};
  in.read(header, sizeof header);
  if (in.gcount() < 16 || std::memcmp(header, "SQLite format 3", 16) != 0) {
    throw Error(path + " is not a proctor database (it is not an SQLite file); it was left untouched");
  }
  // An SQLite file is whole pages; anything else was cut short, and SQLite would read the missing
  // bytes of the last page as zeros. Unless a WAL is beside it: a checkpoint that ran out of space
  // (a full disk, a file-size limit) extends the file by part of a page, and the committed pages
  // are still in the WAL, which SQLite replays. Then SQLite decides (quick_check after opening).
  uint32_t page_size = (uint32_t{static_cast<unsigned char>(header[16])} << 8) | static_cast<unsigned char>(header[17]);
  if (page_size == 1) page_size = 65536;
  if (in.gcount() < 18 || page_size < 512 || (page_size & (page_size - 1)) != 0) {
    throw Error(path + ": the database is damaged (its header gives no valid page size); " + kLeftAlone);
  }
  if (static_cast<uint64_t>(st.st_size) % page_size != 0) {
    struct stat wal {};
    if (stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0) {
      check_with_sqlite = true;
    } else {
      throw Error(path + ": the database is damaged (it is " + std::to_string(st.st_size) + " bytes, not a whole number of " +
                  std::to_string(page_size) + "-byte pages: the file was cut short); " + kLeftAlone);
    }
  }
  if (access(path.c_str(), W_OK) != 0) {
    throw Error(path + " is read-only; proctor saves every answer as it is given, so it needs to write "
                "to the database (check the file's permissions, or choose another file with --db)");
  }
  std::string dir = DirectoryOf(path);
  if (access(dir.c_str(), W_OK) != 0) {
    throw Error(path + ": the directory " + dir + " is not writable; SQLite needs to create its "
                "journal files beside the database");
  }
}

int32_t PragmaInt(Database& db, const char* pragma) {
  Statement s(db, std::string("PRAGMA ") + pragma);
  return s.Step() ? static_cast<int32_t>(s.Int(0)) : 0;
}

// Whether a write may have failed because the database or its WAL reached RLIMIT_FSIZE (SQLite
// does not always keep the EFBIG that said so).
bool NearFileSizeLimit(const std::string& path) {
  rlimit limit {};
  if (getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return false;
  for (const char* suffix : {"", "-wal"}) {
    struct stat st {};
    if (stat((path + suffix).c_str(), &st) == 0 && static_cast<rlim_t>(st.st_size) + (1 << 17) >= limit.rlim_cur) return true;
  }
  return false;
}

void RemoveWithJournals(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) unlink((path + suffix).c_str());
}

void SyncPath(const std::string& path, int flags) {
  int fd = open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

// The prefix of the names under which databases are built before they appear (".proctor.db.new-").
std::string CreatingPrefix(const std::string& path) { return "." + BaseOf(path) + ".new-"; }

// Removes what an interrupted creation left (a kill during a first start): files named with the
// prefix and the id of a process that no longer runs.
void RemoveAbandonedCreations(const std::string& path) {
  const std::string dir = DirectoryOf(path);
  const std::string prefix = CreatingPrefix(path);
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return;
  std::vector<std::string> abandoned;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.rfind(prefix, 0) != 0) continue;
    std::string rest = name.substr(prefix.size());
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    if (digits == 0 || digits > 9) continue;
    const std::string tail = rest.substr(digits);
    if (tail != "" && tail != "-wal" && tail != "-shm" && tail != "-journal") continue;
    const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, digits)));
    if (pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH)) abandoned.push_back(dir + "/" + name);
  }
  closedir(d);
  for (const std::string& file : abandoned) unlink(file.c_str());
}

}  // namespace

// A first start builds the database under a temporary name and links it into place only when it is
// whole (schema, application id, shipped banks), so a kill at any point of it never leaves an
// unstamped file at `path`, and two first starts at once both end with the same whole database:
// link() refuses to replace a file, so whoever comes second opens the winner's.
void Database::CreateInPlace(const std::string& path, const std::function<void(Database&)>& initialise) {
  RemoveAbandonedCreations(path);
  const std::string temp = DirectoryOf(path) + "/" + CreatingPrefix(path) + std::to_string(getpid());
  RemoveWithJournals(temp);
  try {
    {
      sqlite3* handle = nullptr;
      int rc = sqlite3_open_v2(temp.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
      Database db(handle, path);  // messages name the file the learner knows
      if (rc != SQLITE_OK) db.Fail(rc, "cannot create the database");
      sqlite3_extended_result_codes(handle, 1);
      sqlite3_busy_timeout(handle, BusyTimeoutMs());
      // 64 KiB pages: a question's text is about a kilobyte, and large pages halve the cost of
      // writing a bank (fewer pages, fewer WAL frames, shallower trees). Set before the first table.
      db.Exec("PRAGMA page_size = 65536");
      db.Exec("PRAGMA journal_mode = WAL");  // kept in the file's header
      db.Exec("PRAGMA synchronous = FULL");
      db.Exec("PRAGMA foreign_keys = ON");
      Migrate(db);
      if (initialise) initialise(db);
      // Closing the last connection checkpoints the WAL into the file and removes it.
    }
    struct stat wal {};
    if (stat((temp + "-wal").c_str(), &wal) == 0 && wal.st_size > 0) {
      throw Error("cannot create the database " + path + ": the disk is full, or a file reached the size limit set for "
                  "proctor (ulimit -f): it could not be written whole, so none was made");
    }
    SyncPath(temp, O_RDONLY);
    if (link(temp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
      // A file system without hard links (FAT, some network mounts): a rename that refuses to
      // replace a file does the same; where even that is missing, a plain rename if nothing is there.
      if (renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0 && errno != EEXIST) {
        struct stat existing {};
        if (stat(path.c_str(), &existing) != 0 && rename(temp.c_str(), path.c_str()) != 0) {
          const int e = errno;
          throw Error("cannot create the database " + path + ": " + std::strerror(e));
        }
      }
    }
    RemoveWithJournals(temp);
    SyncPath(DirectoryOf(path), O_RDONLY | O_DIRECTORY);
  } catch (...) {
    RemoveWithJournals(temp);
    throw;
  }
}

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) db.Fail(rc, "preparing a statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::BindInPlace(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::BindBlobInPlace(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<double>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  db_.EndWait();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.Fail(rc, "running a statement");
}

void Statement::Run() {
  while (Step()) {
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (data == nullptr) return {};
  return std::string(static_cast<const char*>(data), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

Statement& Statement::BindColumn(int index, const Statement& from, int column) {
  int rc = sqlite3_bind_value(stmt_, index, sqlite3_column_value(from.stmt_, column));
  if (rc != SQLITE_OK) db_.Fail(rc, "binding a value");
  return *this;
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }
bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Database Database::Open(const std::string& path, const std::function<void(Database&)>& initialise) {
  const bool memory = path == ":memory:";
  bool exists = false;
  bool check_with_sqlite = false;
  if (!memory) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0 && errno == ENOENT) {
      std::string dir = DirectoryOf(path);
      struct stat dst {};
      if (stat(dir.c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode)) {
        throw Error("cannot create the database " + path + ": the directory " + dir + " does not exist");
      }
      if (access(dir.c_str(), W_OK) != 0) {
        throw Error("cannot create the database " + path + ": the directory " + dir + " is not writable");
      }
      CreateInPlace(path, initialise);  // or another process just did
    }
    if (stat(path.c_str(), &st) == 0) {
      exists = true;
      CheckExistingFile(path, st, check_with_sqlite);
    } else {
      throw Error(path + ": cannot open the database: " + std::strerror(errno));
    }
  }
  sqlite3* handle = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (memory ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Database db(handle, path);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) db.Fail(rc, "cannot open the database");
  sqlite3_extended_result_codes(handle, 1);
  // Another proctor may hold the write lock for as long as a large import takes (about 40 s for
  // a million questions): an answer waits for it rather than fail.
  sqlite3_busy_timeout(handle, BusyTimeoutMs());

  if (exists) {
    int32_t app = PragmaInt(db, "application_id");
    if (app != kApplicationId) {
      throw Error(path + " is an SQLite database but not a proctor database (application_id " + Hex(app) +
                  "); it was left untouched");
    }
    int32_t version = PragmaInt(db, "user_version");
    if (version > SchemaVersion()) {
      throw Error(path + " was written by a newer proctor (schema version " + std::to_string(version) +
                  ", this build reads up to " + std::to_string(SchemaVersion()) + "); it was left untouched");
    }
    // Reading the schema touches every page header SQLite needs; damage shows up here.
    Statement(db, "SELECT count(*) FROM sqlite_schema").Step();
    if (check_with_sqlite) {
      Statement check(db, "PRAGMA quick_check(1)");
      std::string verdict = check.Step() ? check.Text(0) : "no answer";
      if (verdict != "ok") throw Error(path + ": the database is damaged (" + verdict + "); " + kLeftAlone);
    }
  }
  if (!memory) db.Exec("PRAGMA journal_mode = WAL");
  // Checkpoint after about 4 MiB of WAL (SQLite counts pages; its default of 1,000 would let
  // the WAL grow to 64 MiB with large pages).
  if (!memory) db.Exec("PRAGMA wal_autocheckpoint = " + std::to_string(std::max(16, (4 << 20) / PragmaInt(db, "page_size"))));
  // Every answer is committed durably: a power cut must not roll an answer back.
  db.Exec("PRAGMA synchronous = FULL");
  db.Exec("PRAGMA foreign_keys = ON");
  Migrate(db);
  return db;
}

namespace {

// Set by a signal that arrives while a save waits without limit: the wait gives up so the learner
// can leave (and is told what is not saved); the signal is raised again once the wait is over.
volatile std::sig_atomic_t g_wait_signal = 0;
extern "C" void OnSignalDuringWait(int signal) { g_wait_signal = signal; }
// Once a wait was left, the learner is leaving: later waits (releasing the attempt's lease on the
// way out) give up at once instead of holding the exit up.
bool g_leaving = false;
constexpr int kWaitSignals[] = {SIGINT, SIGTERM, SIGHUP};

}  // namespace

Database Database::OpenRaw(const std::string& path, bool create) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0),
                           nullptr);
  Database db(handle, path);
  if (rc != SQLITE_OK) db.Fail(rc, "cannot open the database");
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, BusyTimeoutMs());
  return db;
}

struct Database::Waiting {
  std::function<void(int64_t)> notice;
  std::chrono::steady_clock::time_point since;
  int64_t next_notice_ms = 500;
  bool handlers_installed = false;
  bool gave_up = false;
  int64_t waited_ms = 0;
  struct sigaction old[3] = {};
};

Database::Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)), waiting_(std::make_unique<Waiting>()) {}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), waiting_(std::move(other.waiting_)), db_fd_(other.db_fd_),
      wal_fd_(other.wal_fd_) {
  other.db_ = nullptr;
  other.db_fd_ = -1;
  other.wal_fd_ = -1;
}

void Database::SetWaitNotice(std::function<void(int64_t)> notice) {
  if (db_ == nullptr) return;
  EndWait();
  if (!notice) {
    // Replaces the handler; a learner who left while a save waited does not wait again on the way out.
    sqlite3_busy_timeout(db_, g_leaving ? 0 : BusyTimeoutMs());
    return;
  }
  waiting_->notice = std::move(notice);
  InstallWaitHandler();
}

void Database::InstallWaitHandler() {
  // No time limit: `count` is 0 when a wait begins; the wait ends when the lock is free, or gives
  // up when SIGINT, SIGTERM or SIGHUP arrives (the learner leaves).
  sqlite3_busy_handler(db_, [](void* state, int count) -> int {
    auto* w = static_cast<Waiting*>(state);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) {
      w->since = now;
      w->next_notice_ms = 500;
      w->gave_up = false;
      g_wait_signal = 0;
      struct sigaction action {};
      action.sa_handler = OnSignalDuringWait;
      sigemptyset(&action.sa_mask);
      for (size_t i = 0; i < 3; ++i) sigaction(kWaitSignals[i], &action, &w->old[i]);
      w->handlers_installed = true;
    }
    w->waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - w->since).count();
    if (g_wait_signal != 0 || g_leaving) {
      w->gave_up = true;
      g_leaving = true;
      return 0;
    }
    if (w->waited_ms >= w->next_notice_ms) {
      w->next_notice_ms = w->waited_ms + 1000;
      w->notice(w->waited_ms);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(count < 10 ? 1 + count : 20));
    return 1;
  }, waiting_.get());
}

void Database::EndWait() {
  if (!waiting_ || !waiting_->handlers_installed) return;
  waiting_->handlers_installed = false;
  for (size_t i = 0; i < 3; ++i) sigaction(kWaitSignals[i], &waiting_->old[i], nullptr);
  // A signal that came as the lock was freed still does what it would have done.
  const int signal = g_wait_signal;
  g_wait_signal = 0;
  if (signal != 0 && !waiting_->gave_up) raise(signal);
}

Database::~Database() {
  sqlite3_close_v2(db_);
  // Only now: closing a descriptor of the file earlier would drop the connection's locks.
  for (int fd : {db_fd_, wal_fd_}) {
    if (fd >= 0) close(fd);
  }
}

int BusyTimeoutMs() {
  static const int timeout = [] {
    const char* text = std::getenv("PROCTOR_BUSY_TIMEOUT_MS");
    if (text == nullptr || *text == '\0') return kBusyTimeoutMs;
    char* end = nullptr;
    long value = std::strtol(text, &end, 10);
    return (*end == '\0' && value > 0 && value <= 3600000) ? static_cast<int>(value) : kBusyTimeoutMs;
  }();
  return timeout;
}

std::string DescribeWait(int64_t ms) {
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + (ms == 60000 ? " minute" : " minutes");
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + (ms == 1000 ? " second" : " seconds");
  return std::to_string(ms) + " ms";
}

int Database::DatabaseFd() {
  if (db_fd_ < 0 && db_ != nullptr && path_ != ":memory:" && !path_.empty()) db_fd_ = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  return db_fd_;
}

int Database::WalFd() {
  if (wal_fd_ < 0 && db_ != nullptr && path_ != ":memory:" && !path_.empty()) {
    wal_fd_ = open((path_ + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
  }
  return wal_fd_;
}

void Database::Exec(std::string_view sql) {
  char* message = nullptr;
  std::string copy(sql);
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message);
  EndWait();
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    Fail(rc, text);
  }
}

int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

void Database::Fail(int code, std::string_view what) const {
  std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  int primary = code & 0xFF;
  std::string reason;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    reason = "the database is damaged (" + message + "); " + kLeftAlone;
  } else if (primary == SQLITE_FULL && NearFileSizeLimit(path_)) {
    reason = "a file reached the size limit set for proctor (ulimit -f: File too large); nothing was changed";
  } else if (primary == SQLITE_FULL) {
    reason = "the disk is full (" + message + "); nothing was changed";
  } else if (primary == SQLITE_IOERR) {
    // SQLite reports a write refused for lack of space as an I/O error; errno says which.
    const int e = db_ ? sqlite3_system_errno(db_) : 0;
    if (e == EFBIG || NearFileSizeLimit(path_)) {
      reason = "a file reached the size limit set for proctor (ulimit -f: " + std::string(std::strerror(EFBIG)) +
               "); nothing was changed";
    } else if (e == ENOSPC || e == EDQUOT) {
      reason = "the disk is full (" + std::string(std::strerror(e)) + "); nothing was changed";
    } else if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC || code == SQLITE_IOERR_TRUNCATE) {
      reason = "writing to the disk failed (is the disk full?); nothing was changed";
    } else {
      reason = "a read or write failed (" + message + (e ? ": " + std::string(std::strerror(e)) : std::string()) +
               "); nothing was changed";
    }
  } else if (primary == SQLITE_READONLY) {
    reason = "the database is read-only (" + message + ")";
  } else if ((primary == SQLITE_BUSY || primary == SQLITE_LOCKED) && waiting_ && waiting_->gave_up) {
    reason = "left while another proctor process held the database (waited " +
             DescribeWait(std::max<int64_t>(1, waiting_->waited_ms / 1000) * 1000) + "); nothing was changed";
  } else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    reason = "the database stayed locked by another proctor process for " + DescribeWait(BusyTimeoutMs()) + " (" +
             message + "); nothing was changed";
  } else {
    reason = std::string(what) + ": " + message;
  }
  throw Error(path_ + ": " + reason);
}

Transaction::Transaction(Database& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }

Transaction::Transaction(Database& db, std::adopt_lock_t) : db_(db) {}

bool Database::TryBeginImmediate(int wait_ms) {
  sqlite3_busy_timeout(db_, wait_ms);
  const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  // Back to the connection's own way of waiting.
  if (waiting_->notice) {
    InstallWaitHandler();
  } else {
    sqlite3_busy_timeout(db_, g_leaving ? 0 : BusyTimeoutMs());
  }
  if (rc == SQLITE_OK) return true;
  if ((rc & 0xFF) == SQLITE_BUSY) return false;
  Fail(rc, "beginning a transaction");
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  open_ = false;
}

EarlyWriteback::EarlyWriteback(Database& database) {
#if defined(__linux__)
  // The descriptors belong to the Database and outlive this (see Database::DatabaseFd).
  const int db = database.DatabaseFd();
  const int wal = database.WalFd();  // the WAL exists: the connection is in WAL mode and has begun
  if (db < 0 && wal < 0) return;
  thread_ = std::thread([this, db, wal] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stop_; })) {
      for (int fd : {db, wal}) {
        if (fd >= 0) sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
      }
    }
  });
#else
  (void)database;
#endif
}

EarlyWriteback::~EarlyWriteback() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

}  // namespace proctor
