// A subcommand is data: its name, arguments, summary, options and run function. `--help` is
// generated from the same table that dispatches (cli/app.cc).
#pragma once

#include <boost/program_options.hpp>
#include <string_view>
#include <vector>

#include "cli/context.h"

namespace proctor {

namespace po = boost::program_options;

struct CommandSpec {
  std::string_view name;
  std::string_view args;  // e.g. "EXAM", shown in usage
  std::string_view summary;
  std::string_view details;  // extra help text, may be empty
  void (*define)(po::options_description& options, po::positional_options_description& positional);
  // Returns the exit status. Throws Error / UsageError for failures.
  int (*run)(const po::variables_map& vm, Context& context);
};

const CommandSpec& ExamsCommand();
const CommandSpec& TakeCommand();
const CommandSpec& ResumeCommand();
const CommandSpec& HistoryCommand();
const CommandSpec& BankCommand();
const CommandSpec& ImportCommand();
const CommandSpec& BanksCommand();
const CommandSpec& ExportCommand();
const CommandSpec& PracticeCommand();
const CommandSpec& StatsCommand();
const CommandSpec& ReviewCommand();
const CommandSpec& CertsCommand();
const CommandSpec& BackupCommand();
const CommandSpec& RestoreCommand();
const CommandSpec& HelpCommand();
// Not listed in the help: what the shell completions ask for (dist/completions/).
const CommandSpec& CompleteCommand();
const CommandSpec& SyncCommand();
const CommandSpec& TeamCommand();
const CommandSpec& DoctorCommand();

// Every subcommand, in the order `proctor --help` lists them.
const std::vector<const CommandSpec*>& AllCommands();

}  // namespace proctor
