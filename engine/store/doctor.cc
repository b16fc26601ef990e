#include "engine/store/doctor.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/error.h"
#include "engine/store/database.h"

namespace proctor {

namespace {

namespace fs = std::filesystem;

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string BaseOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int64_t SizeOf(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

// A copy of the database and its WAL to work on: SQLite replays a WAL and may write the -shm file
// even to read, and the learner's file must stay exactly as it is. Removed when it goes.
class ScratchCopy {
 public:
  explicit ScratchCopy(const std::string& path)
      : path_(DirectoryOf(path) + "/." + BaseOf(path) + ".doctor-" + std::to_string(getpid())) {
    Remove();
    std::error_code ec;
    fs::copy_file(path, path_, ec);
    if (!ec && fs::exists(path + "-wal")) fs::copy_file(path + "-wal", path_ + "-wal", ec);
    if (ec) {
      Remove();
      throw Error(path + ": cannot make a scratch copy to check (" + ec.message() + "); the file was left untouched");
    }
  }
  ~ScratchCopy() { Remove(); }
  ScratchCopy(const ScratchCopy&) = delete;
  ScratchCopy& operator=(const ScratchCopy&) = delete;
  const std::string& path() const { return path_; }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) unlink((path_ + suffix).c_str());
  }
  std::string path_;
};

std::string Quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int64_t CountRows(Database& db, const char* table) {
  try {
    Statement s(db, std::string("SELECT count(*) FROM ") + table);
    return s.Step() ? s.Int(0) : -1;
  } catch (const Error&) {
    return -1;
  }
}

struct SchemaEntry {
  std::string type, name, sql;
};

// Copies one table's readable rows. Rowid tables are read in rowid order, and after damage the scan
// starts again further on (damage is usually a few pages; the rows past them can be read).
TableRecovery CopyTable(Database& from, Database& into, const std::string& table, bool without_rowid) {
  TableRecovery result;
  result.table = table;
  std::vector<std::string> columns;
  {
    Statement info(from, "PRAGMA table_info(" + Quoted(table) + ")");
    while (info.Step()) columns.push_back(info.Text(1));
  }
  if (columns.empty()) {
    result.complete = false;
    return result;
  }
  std::string list, marks;
  for (size_t i = 0; i < columns.size(); ++i) {
    list += (i ? ", " : "") + Quoted(columns[i]);
    marks += (i ? ", ?" : "?");
  }
  Statement insert(into, "INSERT OR IGNORE INTO " + Quoted(table) + " (" + list + ") VALUES (" + marks + ")");
  auto copy_row = [&](const Statement& row, int first) {
    insert.Reset();
    for (size_t i = 0; i < columns.size(); ++i) insert.BindColumn(static_cast<int>(i) + 1, row, first + static_cast<int>(i));
    insert.Run();
    ++result.rows;
  };
  if (without_rowid) {
    try {
      Statement scan(from, "SELECT " + list + " FROM " + Quoted(table));
      while (scan.Step()) copy_row(scan, 0);
    } catch (const Error&) {
      result.complete = false;
    }
    return result;
  }
  int64_t after = INT64_MIN;
  int64_t gap = 1;
  for (int restarts = 0; restarts < 64;) {
    try {
      Statement scan(from, "SELECT rowid, " + list + " FROM " + Quoted(table) + " WHERE rowid > ?1 ORDER BY rowid");
      scan.Bind(1, after);
      while (scan.Step()) {
        after = scan.Int(0);
        gap = 1;
        copy_row(scan, 1);
      }
      return result;
    } catch (const Error&) {
      // Damage at or after `after`: skip ahead, further each time the next read fails too.
      result.complete = false;
      ++restarts;
      if (after == INT64_MIN) after = 0;
      after += gap;
      gap = std::min<int64_t>(gap * 4, int64_t{1} << 40);
    }
  }
  return result;
}

}  // namespace

DatabaseCheck CheckDatabaseFile(const std::string& path) {
  DatabaseCheck check;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot read the file: " + std::strerror(errno));
  char header[18] = {};
  in.read(header, sizeof header);
  check.file_bytes = SizeOf(path);
  check.wal_bytes = SizeOf(path + "-wal");
  check.is_sqlite = in.gcount() >= 16 && std::memcmp(header, "SQLite format 3", 16) == 0;
  if (!check.is_sqlite) {
    check.problems.push_back("it does not start with SQLite's header: it is not a database, or its first page is lost");
    return check;
  }
  ScratchCopy scratch(path);
  try {
    Database db = Database::OpenRaw(scratch.path(), false);
    {
      Statement app(db, "PRAGMA application_id");
      check.is_proctor = app.Step() && static_cast<int32_t>(app.Int(0)) == kApplicationId;
      Statement version(db, "PRAGMA user_version");
      check.schema_version = version.Step() ? static_cast<int>(version.Int(0)) : 0;
    }
    Statement integrity(db, "PRAGMA integrity_check(20)");
    while (integrity.Step()) {
      // One row may hold several findings, a line each.
      const std::string text = integrity.Text(0);
      for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        if (!line.empty() && line != "ok" && line != "*** in database main ***") check.problems.push_back(line);
        start = end + 1;
      }
    }
    // SQLite reads the missing end of a file cut inside its last page as zeros and may find nothing
    // wrong; proctor refuses such a file (without a WAL to replay), so doctor says why.
    uint32_t page_size = (uint32_t{static_cast<unsigned char>(header[16])} << 8) | static_cast<unsigned char>(header[17]);
    if (page_size == 1) page_size = 65536;
    if (check.wal_bytes == 0 && page_size >= 512 && check.file_bytes % page_size != 0) {
      check.problems.push_back("the file was cut short: it is " + std::to_string(check.file_bytes) +
                               " bytes, not a whole number of " + std::to_string(page_size) + "-byte pages");
    }
    check.intact = check.problems.empty();
    check.attempts = CountRows(db, "attempts");
    check.questions = CountRows(db, "questions");
  } catch (const Error& e) {
    std::string what = e.what();
    // The message names the scratch copy; the learner knows the file by its own name.
    if (size_t at = what.find(scratch.path()); at != std::string::npos) what.replace(at, scratch.path().size(), path);
    check.problems.push_back(what);
    check.intact = false;
  }
  return check;
}

Recovery RecoverDatabaseFile(const std::string& path, const std::string& into) {
  if (fs::exists(into) || fs::exists(into + "-wal")) throw Error(into + " already exists; proctor doctor never overwrites a file");
  ScratchCopy scratch(path);
  Database from = Database::OpenRaw(scratch.path(), false);
  std::vector<SchemaEntry> schema;
  int32_t version = 0;
  try {
    Statement s(from, "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                      "ORDER BY type = 'table' DESC, rowid");
    while (s.Step()) schema.push_back({s.Text(0), s.Text(1), s.Text(2)});
    Statement v(from, "PRAGMA user_version");
    version = v.Step() ? static_cast<int32_t>(v.Int(0)) : 0;
  } catch (const Error& e) {
    throw Error(path + ": nothing can be recovered: the list of its tables cannot be read (" + std::string(e.what()) +
                "); the file was left untouched");
  }
  // Built under a temporary name and linked into place whole, like a new database.
  const std::string temp = DirectoryOf(into) + "/." + BaseOf(into) + ".new-" + std::to_string(getpid());
  auto remove_temp = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) unlink((temp + suffix).c_str());
  };
  remove_temp();
  Recovery recovery;
  recovery.into = into;
  try {
    {
      Database out = Database::OpenRaw(temp, true);
      out.Exec("PRAGMA page_size = 65536");
      out.Exec("PRAGMA journal_mode = WAL");
      out.Exec("PRAGMA foreign_keys = OFF");  // a row whose parent was lost is still worth keeping
      Transaction tx(out);
      for (const SchemaEntry& e : schema) {
        try {
          out.Exec(e.sql);
        } catch (const Error& err) {
          recovery.notes.push_back(e.type + " " + e.name + " could not be made again: " + err.what());
        }
      }
      for (const SchemaEntry& e : schema) {
        if (e.type != "table") continue;
        std::string upper = e.sql;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        try {
          recovery.tables.push_back(CopyTable(from, out, e.name, upper.find("WITHOUT ROWID") != std::string::npos));
        } catch (const Error& err) {
          recovery.tables.push_back({e.name, 0, 0, false});
          recovery.notes.push_back("table " + e.name + ": " + err.what());
        }
      }
      out.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      out.Exec("PRAGMA user_version = " + std::to_string(version));
      tx.Commit();
    }
    if (link(temp.c_str(), into.c_str()) != 0) {
      const int e = errno;
      throw Error("cannot create " + into + ": " + std::strerror(e));
    }
    remove_temp();
  } catch (...) {
    remove_temp();
    throw;
  }
  return recovery;
}

}  // namespace proctor
