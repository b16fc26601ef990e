#include "cli/app.h"

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/commands/command.h"
#include "engine/error.h"
#include "engine/shipped.h"
#include "engine/text.h"

#ifndef PROCTOR_VERSION
#define PROCTOR_VERSION "0.0.0"
#endif

namespace proctor {

const std::vector<const CommandSpec*>& AllCommands() {
  static const std::vector<const CommandSpec*> commands = {
      &ExamsCommand(), &TakeCommand(), &PracticeCommand(), &ResumeCommand(), &HistoryCommand(), &ReviewCommand(), &StatsCommand(), &CertsCommand(), &ImportCommand(), &BanksCommand(), &BankCommand(), &ExportCommand(), &DoctorCommand()};
  return commands;
}

namespace {

po::options_description GlobalOptions() {
  po::options_description global("Global options");
  global.add_options()
      ("db", po::value<std::string>()->value_name("PATH"), "the database file (default: $PROCTOR_DB, else $XDG_DATA_HOME/proctor/proctor.db)")
      ("no-color", "no colours (also when NO_COLOR is set)")
      ("help,h", "show this help");
  return global;
}

void PrintMainHelp(std::ostream& out) {
  out << "proctor " PROCTOR_VERSION " - timed AWS certification practice exams in the terminal\n\n"
         "Usage: proctor COMMAND [ARGS] [OPTIONS]\n\nCommands:\n";
  for (const CommandSpec* c : AllCommands()) {
    out << "  " << PadRight(std::string(c->name) + " " + std::string(c->args), 22) << c->summary << "\n";
  }
  out << "\n" << GlobalOptions() << "  --version             print the version\n\n"
      << "Run 'proctor COMMAND --help' for a command's options.\n"
         "Exit status: 0 success, 1 failure, 2 usage error.\n";
}

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec* c : AllCommands()) {
    if (c->name == name) return c;
  }
  return nullptr;
}

}  // namespace

int RunProctor(const std::vector<std::string>& args, AppIo& io) {
  const CommandSpec* command = nullptr;
  try {
    // The command is the first word that is neither an option nor an option's value.
    size_t command_index = args.size();
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--db") {
        ++i;
        continue;
      }
      if (!args[i].empty() && args[i][0] == '-') continue;
      command_index = i;
      break;
    }
    if (command_index == args.size()) {
      for (const std::string& a : args) {
        if (a == "--version") {
          io.out << "proctor " PROCTOR_VERSION "\n";
          return 0;
        }
      }
      bool help = false;
      for (const std::string& a : args) help = help || a == "--help" || a == "-h";
      if (help || args.empty()) {
        PrintMainHelp(io.out);
        return args.empty() ? 2 : 0;
      }
      throw UsageError("no command given (try 'proctor --help')");
    }
    command = FindCommand(args[command_index]);
    if (command == nullptr) {
      std::string names;
      for (const CommandSpec* c : AllCommands()) names += (names.empty() ? "" : ", ") + std::string(c->name);
      throw UsageError("unknown command '" + SanitizeForTerminal(args[command_index], false) +
                       "'; the commands are " + names);
    }

    po::options_description options = GlobalOptions();
    po::options_description own(std::string(command->name) + " options");
    po::positional_options_description positional;
    command->define(own, positional);
    options.add(own);
    std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(command_index));
    rest.insert(rest.end(), args.begin() + static_cast<long>(command_index) + 1, args.end());

    po::variables_map vm;
    try {
      po::store(po::command_line_parser(rest).options(options).positional(positional).run(), vm);
      if (vm.count("help")) {
        io.out << "Usage: proctor " << command->name << (command->args.empty() ? "" : " ")
               << command->args << " [OPTIONS]\n\n" << command->summary << "\n";
        if (!command->details.empty()) io.out << "\n" << command->details << "\n";
        io.out << "\n" << own << "\n" << GlobalOptions();
        return 0;
      }
      po::notify(vm);
    } catch (const po::error& e) {
      throw UsageError(e.what());
    }

    Catalog catalog = Catalog::Parse(ShippedCatalog(), "question_banks/catalog.json");
    Context context(io.out, io.err, io.in, io.clock, catalog,
                    ResolveDbPath(vm.count("db") ? vm["db"].as<std::string>() : std::string()));
    context.interactive = io.interactive;
    context.width = io.width;
    const char* no_color = std::getenv("NO_COLOR");
    context.color = io.interactive && !vm.count("no-color") && (no_color == nullptr || *no_color == '\0');
    return command->run(vm, context);
  } catch (const UsageError& e) {
    io.out.flush();
    // One line: the problem, then where to look. Messages may quote a bank id, a file name or an
    // argument, so they are sanitized like bank text.
    io.err << "proctor: " << SanitizeForTerminal(e.what(), false) << " (see 'proctor "
           << (command ? std::string(command->name) + " " : std::string()) << "--help')\n";
    return 2;
  } catch (const Error& e) {
    io.out.flush();
    io.err << "proctor: " << SanitizeForTerminal(e.what(), false) << "\n";
    return 1;
  } catch (const std::exception& e) {
    io.out.flush();
    io.err << "proctor: internal error: " << SanitizeForTerminal(e.what(), false) << "\n";
    return 1;
  }
}

}  // namespace proctor
