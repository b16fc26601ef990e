// proctor backup FILE and proctor restore FILE: moving a learner's history to a new machine.
#include <sys/stat.h>

#include <ostream>

#include "cli/answer_format.h"
#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/store/backup.h"
#include "engine/text.h"

namespace proctor {

namespace {

void DefineBackup(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("file", po::value<std::string>()->required()->value_name("FILE"), "where to write the copy (a new file)")
      ("force", "replace FILE if it is an older proctor backup (never any other file)");
  p.add("file", 1);
}

void DefineRestore(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("file", po::value<std::string>()->required()->value_name("FILE"),
                  "a backup made by 'proctor backup' (or a proctor database that no program has open)");
  p.add("file", 1);
}

int RunBackup(const po::variables_map& vm, Context& c) {
  const std::string file = vm["file"].as<std::string>();
  struct stat st {};
  if (stat(c.db_path.c_str(), &st) != 0) {
    throw Error("there is no database at " + c.db_path + " yet: nothing to back up");
  }
  // The database as it is: no shipped banks imported, no banks folder scanned on the way.
  Database db = Database::Open(c.db_path);
  BackupDatabase(db, file, vm.count("force") > 0);
  struct stat copy {};
  stat(file.c_str(), &copy);
  c.out << "Backed up " << SanitizeForTerminal(c.db_path, false) << " to " << SanitizeForTerminal(file, false) << " ("
        << (copy.st_size + 1023) / 1024 << " KiB). On another machine: proctor restore "
        << SanitizeForTerminal(file, false) << "\n";
  return 0;
}

int RunRestore(const po::variables_map& vm, Context& c) {
  const std::string file = vm["file"].as<std::string>();
  RestoreResult r = RestoreDatabase(file, c.db_path);
  c.out << "Restored " << SanitizeForTerminal(file, false) << " into " << SanitizeForTerminal(c.db_path, false) << ": "
        << CountOf(static_cast<int>(r.attempts), "attempt") << ", " << CountOf(static_cast<int>(r.questions), "question")
        << ".\n";
  if (!r.kept.empty()) c.out << "The database it replaced is kept as " << SanitizeForTerminal(r.kept, false) << ".\n";
  return 0;
}

}  // namespace

const CommandSpec& BackupCommand() {
  static const CommandSpec spec{
      "backup", "FILE", "copy your database (history, banks, attempts in progress) to FILE",
      "A consistent copy, safe to make while another proctor is saving answers. Move FILE to the new\n"
      "machine and run 'proctor restore FILE' there.",
      DefineBackup, RunBackup};
  return spec;
}

const CommandSpec& RestoreCommand() {
  static const CommandSpec spec{
      "restore", "FILE", "replace your database with a backup",
      "FILE must be a proctor database; anything else is refused and nothing changes. The database it\n"
      "replaces is kept beside it as proctor.db.bak (with --db PATH: PATH.bak).",
      DefineRestore, RunRestore};
  return spec;
}

}  // namespace proctor
