#include "cli/context.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>

#include "cli/banks_folder.h"
#include "engine/error.h"
#include "engine/hash.h"
#include "engine/import/native_json.h"
#include "engine/shipped.h"
#include "engine/store/bank_store.h"

namespace proctor {

Database& Context::Db() {
  if (!db_) {
    // A new database is made whole, shipped banks included, before it appears at db_path.
    db_.emplace(Database::Open(db_path, [&](Database& fresh) { ImportShippedBanks(fresh, catalog, clock.NowMs(), err); }));
    ImportShippedBanks(*db_, catalog, clock.NowMs(), err);
    ScanBanksFolder(*db_, catalog, BanksFolder(), clock.NowMs(), err);
  }
  return *db_;
}

void ImportShippedBanks(Database& db, const Catalog& catalog, int64_t now_ms, std::ostream& err) {
  for (const ShippedFile& file : ShippedBanks()) {
    std::string hash = Hash64Hex(file.data);
    if (BankFileKnown(db, hash)) continue;
    Diagnostics diag;
    std::string name = "question_banks/" + std::string(file.name);
    Bank bank;
    try {
      bank = ReadNativeBank(file.data, name, catalog, diag);
    } catch (const Error& e) {
      diag.Error(name, e.what());
    }
    if (diag.HasErrors()) {
      err << "proctor: the shipped bank " << name << " was skipped, it has errors:\n" << diag.Format(5);
      continue;
    }
    ImportBank(db, bank, {"shipped:" + std::string(file.name), "native", hash, true}, now_ms);
  }
}

namespace {

void MakeDirectories(const std::string& dir) {
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
      throw Error("cannot create the data directory " + part + ": " + std::strerror(errno));
    }
  }
}

}  // namespace

std::string ResolveDbPath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("PROCTOR_DB"); env != nullptr && *env != '\0') return env;
  std::string dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
    dir = std::string(xdg) + "/proctor";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    dir = std::string(home) + "/.local/share/proctor";
  } else {
    throw Error("cannot find a place for the database: set HOME or XDG_DATA_HOME, or pass --db PATH");
  }
  MakeDirectories(dir);
  return dir + "/proctor.db";
}

}  // namespace proctor
