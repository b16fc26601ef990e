#include "cli/help.h"

#include <algorithm>
#include <ostream>

#include "engine/text.h"

#ifndef PROCTOR_VERSION
#define PROCTOR_VERSION "0.0.0"
#endif

namespace proctor {

namespace {

constexpr int kColumn = 24;  // where descriptions start in the command and argument lists

// Prints `name` padded to the description column (or on its own line when it is wider), then
// `text` wrapped to 80 columns and indented to that column.
void Entry(std::ostream& out, const std::string& name, std::string_view text) {
  std::string head = "  " + name;
  std::vector<std::string> lines = WrapText(text, 80 - kColumn);
  if (DisplayWidth(head) + 2 > kColumn) {
    out << head << "\n";
    head.clear();
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    out << PadRight(i == 0 ? head : std::string(), kColumn) << lines[i] << "\n";
  }
  if (lines.empty()) out << head << "\n";
}

}  // namespace

po::options_description GlobalOptions() {
  po::options_description global("Global options");
  global.add_options()
      ("db", po::value<std::string>()->value_name("PATH"),
       "the database file (default: $PROCTOR_DB, else $XDG_DATA_HOME/proctor/proctor.db)")
      ("no-color", "no colours (also when NO_COLOR is set)")
      ("help,h", "show this help");
  return global;
}

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec* c : AllCommands()) {
    if (c->name == name) return c;
  }
  if (name == CompleteCommand().name) return &CompleteCommand();
  return nullptr;
}

std::vector<std::string> PositionalOptionNames(const CommandSpec& command) {
  po::options_description own;
  po::positional_options_description positional;
  command.define(own, positional);
  std::vector<std::string> names;
  const unsigned count = positional.max_total_count();
  // An unlimited last argument (FILE...) reports a huge count: its name is that of position 0 onward.
  for (unsigned i = 0; i < std::min(count, 16u); ++i) {
    const std::string& name = positional.name_for_position(i);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

void PrintMainHelp(std::ostream& out) {
  out << "proctor " PROCTOR_VERSION " - timed AWS certification practice exams in the terminal\n\n"
         "Usage: proctor COMMAND [ARGUMENTS] [OPTIONS]\n\nCommands:\n";
  for (const CommandSpec* c : AllCommands()) {
    Entry(out, std::string(c->name) + (c->args.empty() ? "" : " ") + std::string(c->args), c->summary);
  }
  out << "\n" << GlobalOptions() << "  --version             print the version\n\n"
      << "Run 'proctor help COMMAND' (or 'proctor COMMAND --help') for a command's arguments and options.\n"
         "Defaults for any option can be set in $XDG_CONFIG_HOME/proctor/config (see 'man proctor').\n"
         "Exit status: 0 success, 1 failure, 2 usage error.\n";
}

void PrintCommandHelp(std::ostream& out, const CommandSpec& command) {
  out << "Usage: proctor " << command.name << (command.args.empty() ? "" : " ") << command.args
      << " [OPTIONS]\n\n" << command.summary << "\n";
  if (!command.details.empty()) out << "\n" << command.details << "\n";

  po::options_description own;
  po::positional_options_description positional;
  command.define(own, positional);
  const std::vector<std::string> arguments = PositionalOptionNames(command);
  po::options_description shown(std::string(command.name) + " options");
  bool any_argument = false;
  for (const auto& option : own.options()) {
    if (std::find(arguments.begin(), arguments.end(), option->long_name()) == arguments.end()) {
      shown.add(option);
      continue;
    }
    if (!any_argument) out << "\nArguments:\n";
    any_argument = true;
    // The value's name without po's " (=default)".
    std::string name = option->semantic()->name();
    name = name.substr(0, name.find(" (="));
    Entry(out, name, option->description());
  }
  if (!shown.options().empty()) out << "\n" << shown;
  out << "\n" << GlobalOptions();
}

}  // namespace proctor
