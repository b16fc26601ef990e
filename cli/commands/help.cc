// proctor help [COMMAND]: the same text as --help.
#include <ostream>

#include "cli/commands/command.h"
#include "cli/help.h"
#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()("command", po::value<std::string>()->value_name("COMMAND"), "the command to explain (default: all of them)");
  p.add("command", 1);
}

int Run(const po::variables_map& vm, Context& c) {
  if (!vm.count("command")) {
    PrintMainHelp(c.out);
    return 0;
  }
  const std::string name = vm["command"].as<std::string>();
  const CommandSpec* command = FindCommand(name);
  if (command == nullptr || command == &CompleteCommand()) {
    std::string names;
    for (const CommandSpec* s : AllCommands()) names += (names.empty() ? "" : ", ") + std::string(s->name);
    throw UsageError("unknown command '" + SanitizeForTerminal(name, false) + "'; the commands are " + names);
  }
  PrintCommandHelp(c.out, *command);
  return 0;
}

}  // namespace

const CommandSpec& HelpCommand() {
  static const CommandSpec spec{"help", "[COMMAND]", "show the help of proctor or of one command", "", Define, Run};
  return spec;
}

}  // namespace proctor
