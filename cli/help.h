// Help texts, generated from the command table (cli/commands/command.h) so they cannot drift from
// what dispatches: `proctor --help`, `proctor help [COMMAND]` and `proctor COMMAND --help`.
#pragma once

#include <iosfwd>
#include <string>

#include "cli/commands/command.h"

namespace proctor {

// The options every command takes (--db, --no-color, --help).
po::options_description GlobalOptions();

// The whole command list with one line each, the global options and the exit statuses.
void PrintMainHelp(std::ostream& out);

// One command: usage, summary, details, its arguments (the positional values, explained by their
// option's description) and its options. Options that only carry a positional argument are
// listed under "Arguments", never as --options.
void PrintCommandHelp(std::ostream& out, const CommandSpec& command);

// The command named `name`, or nullptr. Includes commands that `proctor --help` does not list.
const CommandSpec* FindCommand(std::string_view name);

// The names of the options that carry `command`'s positional arguments (e.g. "exam" for take).
std::vector<std::string> PositionalOptionNames(const CommandSpec& command);

}  // namespace proctor
