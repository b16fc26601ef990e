#include "cli/app.h"

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/commands/command.h"
#include "cli/config_file.h"
#include "cli/help.h"
#include "engine/error.h"
#include "engine/shipped.h"
#include "engine/text.h"

#ifndef PROCTOR_VERSION
#define PROCTOR_VERSION "0.0.0"
#endif

namespace proctor {

const std::vector<const CommandSpec*>& AllCommands() {
  static const std::vector<const CommandSpec*> commands = {
      &ExamsCommand(),  &TakeCommand(),   &PracticeCommand(), &ResumeCommand(),  &HistoryCommand(),
      &ReviewCommand(), &StatsCommand(),  &CertsCommand(),    &SyncCommand(),    &TeamCommand(),
      &ImportCommand(), &BanksCommand(),  &BankCommand(),     &ExportCommand(),  &BackupCommand(),
      &RestoreCommand(), &DoctorCommand(), &HelpCommand()};
  return commands;
}

namespace {

// Global options that may come before the command: `proctor --db x.db history`.
bool TakesValue(const std::string& arg) { return arg == "--db"; }
bool IsGlobalSwitch(const std::string& arg) {
  return arg == "--help" || arg == "-h" || arg == "--version" || arg == "--no-color" || arg.rfind("--db=", 0) == 0;
}

// po's message for a missing required option names the option that carries an argument
// ("the option '--exam' is required but missing"); say which argument is missing instead.
std::string MissingArgument(const po::required_option& e, const po::options_description& options,
                            const CommandSpec& command) {
  std::string name = e.get_option_name();
  while (!name.empty() && name[0] == '-') name.erase(0, 1);
  const po::option_description* option = options.find_nothrow(name, false);
  const std::string argument = option ? option->semantic()->name() : name;
  return "missing " + argument + " (usage: proctor " + std::string(command.name) + " " + std::string(command.args) + ")";
}

}  // namespace

int RunProctor(const std::vector<std::string>& args, AppIo& io) {
  const CommandSpec* command = nullptr;
  try {
    // The command is the first word that is neither an option nor an option's value.
    size_t command_index = args.size();
    for (size_t i = 0; i < args.size(); ++i) {
      if (TakesValue(args[i])) {
        ++i;
        continue;
      }
      if (!args[i].empty() && args[i][0] == '-') continue;
      command_index = i;
      break;
    }
    if (command_index == args.size()) {
      for (const std::string& a : args) {
        if (!a.empty() && a[0] == '-' && !IsGlobalSwitch(a) && !TakesValue(a)) {
          throw UsageError("unrecognised option '" + SanitizeForTerminal(a, false) + "'");
        }
      }
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
      throw UsageError("no command given");
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
        PrintCommandHelp(io.out, *command);
        return 0;
      }
    } catch (const po::too_many_positional_options_error&) {
      throw UsageError("too many arguments (usage: proctor " + std::string(command->name) + " " +
                       std::string(command->args) + ")");
    } catch (const po::error& e) {
      throw UsageError(e.what());
    }
    const bool db_on_command_line = vm.count("db") > 0;
    ApplyConfigFile(ConfigFilePath(), *command, options, vm);
    try {
      po::notify(vm);
    } catch (const po::required_option& e) {
      throw UsageError(MissingArgument(e, options, *command));
    } catch (const po::error& e) {
      throw UsageError(e.what());
    }

    Catalog catalog = Catalog::Parse(ShippedCatalog(), "question_banks/catalog.json");
    // The database: --db, else $PROCTOR_DB, else the configuration file's db, else the default.
    const char* db_env = std::getenv("PROCTOR_DB");
    const bool use_db_value = db_on_command_line || ((db_env == nullptr || *db_env == '\0') && vm.count("db") > 0);
    Context context(io.out, io.err, io.in, io.clock, catalog,
                    ResolveDbPath(use_db_value ? vm["db"].as<std::string>() : std::string()));
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
