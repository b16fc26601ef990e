// proctor complete WHAT: candidates for the shell completions (dist/completions/), one per line.
// Not listed in the help. Never creates a database and never imports anything: it answers from the
// catalog compiled into proctor, and from the database only when it already exists.
#include <sys/stat.h>

#include <ostream>
#include <set>

#include "cli/commands/command.h"
#include "cli/help.h"
#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("what", po::value<std::string>()->required()->value_name("WHAT"),
       "commands, options, exams, banks, attempts, open-attempts or finished-attempts")
      ("command", po::value<std::string>()->value_name("COMMAND"), "for options: the command");
  p.add("what", 1).add("command", 1);
}

// The database if it exists; nothing is created for a completion.
std::optional<Database> ExistingDatabase(const Context& c) {
  struct stat st {};
  if (stat(c.db_path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  try {
    return Database::Open(c.db_path);
  } catch (const Error&) {
    return std::nullopt;  // a completion says nothing rather than print an error mid-line
  }
}

void Options(std::ostream& out, const std::string& name) {
  const CommandSpec* command = FindCommand(name);
  if (command == nullptr) return;
  po::options_description own;
  po::positional_options_description positional;
  command->define(own, positional);
  const std::vector<std::string> arguments = PositionalOptionNames(*command);
  own.add(GlobalOptions());
  for (const auto& option : own.options()) {
    if (std::find(arguments.begin(), arguments.end(), option->long_name()) != arguments.end()) continue;
    out << "--" << option->long_name() << "\n";
  }
}

int Run(const po::variables_map& vm, Context& c) {
  const std::string what = vm["what"].as<std::string>();
  if (what == "commands") {
    for (const CommandSpec* s : AllCommands()) c.out << s->name << "\n";
  } else if (what == "options") {
    if (vm.count("command")) Options(c.out, vm["command"].as<std::string>());
  } else if (what == "exams") {
    std::set<std::string> families;
    for (const Blueprint& b : c.catalog.exams()) {
      c.out << b.code << "\n";
      families.insert(AsciiLower(b.family));
    }
    for (const std::string& f : families) c.out << f << "\n";
  } else if (what == "banks" || what == "attempts" || what == "open-attempts" || what == "finished-attempts") {
    std::optional<Database> db = ExistingDatabase(c);
    if (!db) return 0;
    const char* sql = what == "banks" ? "SELECT id FROM banks ORDER BY id"
                      : what == "open-attempts"
                          ? "SELECT id FROM attempts WHERE status = 'in_progress' ORDER BY id DESC LIMIT 500"
                      : what == "finished-attempts"
                          ? "SELECT id FROM attempts WHERE status <> 'in_progress' ORDER BY id DESC LIMIT 500"
                          : "SELECT id FROM attempts ORDER BY id DESC LIMIT 500";
    Statement s(*db, sql);
    // Ids are printed only when they are plain words: a completion must never inject shell syntax.
    while (s.Step()) {
      std::string id = s.Text(0);
      bool plain = !id.empty();
      for (char ch : id) plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.');
      if (plain) c.out << id << "\n";
    }
  } else {
    throw UsageError("unknown completion '" + SanitizeForTerminal(what, false) + "'");
  }
  return 0;
}

}  // namespace

const CommandSpec& CompleteCommand() {
  static const CommandSpec spec{"complete", "WHAT [COMMAND]", "candidates for shell completion", "", Define, Run};
  return spec;
}

}  // namespace proctor
