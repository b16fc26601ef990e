// proctor doctor: checks the database and, when it is damaged, copies what can still be read into a
// new file. The database itself is never changed, repaired in place or deleted.
#include <sys/stat.h>

#include <ctime>
#include <ostream>

#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/store/database.h"
#include "engine/store/doctor.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description&) {
  o.add_options()
      ("into", po::value<std::string>()->value_name("PATH"),
       "where to write the recovered copy of a damaged database (default: beside it, named with the date and time)");
}

std::string RecoveredName(const std::string& path, int64_t now_ms) {
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm {};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return path + ".recovered-" + stamp;
}

int Run(const po::variables_map& vm, Context& c) {
  // Not c.Db(): that would create, check and migrate the file; doctor only reads it.
  const std::string& path = c.db_path;
  const std::string shown = SanitizeForTerminal(path, false);
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    throw Error("there is no database at " + path + " (nothing to check; proctor creates it when first used)");
  }
  if (!S_ISREG(st.st_mode)) throw Error(path + " is not a regular file, not a proctor database");
  DatabaseCheck check = CheckDatabaseFile(path);
  c.out << "Checked " << shown << " (" << check.file_bytes << " bytes"
        << (check.wal_bytes > 0 ? ", with " + std::to_string(check.wal_bytes) + " bytes of WAL" : std::string()) << ").\n";
  if (!check.is_sqlite) {
    c.out << "It is not a proctor database: " << SanitizeForTerminal(check.problems.front(), false)
          << ".\nNothing was changed and nothing can be recovered from it.\n";
    return 1;
  }
  if (check.intact && !check.is_proctor) {
    c.out << "It is an intact SQLite database, but not proctor's (its application id is not proctor's). Nothing was changed.\n";
    return 1;
  }
  if (check.intact) {
    c.out << "It is intact: SQLite's integrity check found nothing wrong. Schema version " << check.schema_version;
    if (check.attempts >= 0) c.out << ", " << check.attempts << (check.attempts == 1 ? " attempt" : " attempts");
    if (check.questions >= 0) c.out << ", " << check.questions << (check.questions == 1 ? " question" : " questions");
    c.out << ".\n";
    if (check.schema_version > SchemaVersion()) {
      c.out << "It was written by a newer proctor (this one reads schema versions up to " << SchemaVersion() << ").\n";
    }
    return 0;
  }
  c.out << "It is damaged. SQLite's integrity check says:\n";
  const size_t shown_problems = std::min<size_t>(check.problems.size(), 5);
  for (size_t i = 0; i < shown_problems; ++i) c.out << "  " << SanitizeForTerminal(check.problems[i], false) << "\n";
  if (check.problems.size() > shown_problems) c.out << "  (and more)\n";
  const std::string into = vm.count("into") ? vm["into"].as<std::string>() : RecoveredName(path, c.clock.NowMs());
  Recovery recovery = RecoverDatabaseFile(path, into);
  const std::string shown_into = SanitizeForTerminal(into, false);
  c.out << "Recovered what could be read into " << shown_into << ":\n";
  for (const TableRecovery& t : recovery.tables) {
    c.out << "  " << SanitizeForTerminal(t.table, false) << ": " << t.rows << (t.rows == 1 ? " row" : " rows")
          << (t.complete ? "" : " (reading stopped at damage: rows past it may be missing)") << "\n";
  }
  for (const std::string& note : recovery.notes) c.out << "  note: " << SanitizeForTerminal(note, false) << "\n";
  c.out << "The damaged file was left untouched. Look at the recovered copy with\n"
        << "  proctor --db " << shown_into << " history\n"
        << "and, once it has what you need, make it your database by moving the damaged file aside (keep it) "
           "and the copy into its place:\n"
        << "  mv " << shown << " " << shown << ".damaged && mv " << shown_into << " " << shown << "\n";
  return 1;
}

}  // namespace

const CommandSpec& DoctorCommand() {
  static const CommandSpec spec{"doctor", "",
                                "check the database; copy what a damaged one still holds into a new file",
                                "Never changes or deletes the database: the check runs on a scratch copy, and a "
                                "recovery writes a new file beside it (or at --into). Exit status 0 when the "
                                "database is intact, 1 otherwise.",
                                Define, Run};
  return spec;
}

}  // namespace proctor
