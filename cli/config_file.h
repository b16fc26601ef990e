// The configuration file: defaults for any option, in Boost.Program_options' config-file syntax
// with the command line's option names. Command-line flags win over it.
//
//   # $XDG_CONFIG_HOME/proctor/config (else ~/.config/proctor/config)
//   no-color = true          # an option every command has
//   db = /home/me/exams.db
//   esl = true               # applies to every command that has --esl
//   [take]                   # from here on, only for 'proctor take'
//   minutes = 200
//
// A switch takes true/false (also yes/no, on/off, 1/0). A name no command knows, a switch with
// another value, or a command's argument (such as exam) is an error naming the file.
#pragma once

#include <string>

#include "cli/commands/command.h"

namespace proctor {

// The configuration file's path: $XDG_CONFIG_HOME/proctor/config when XDG_CONFIG_HOME is an
// absolute path, else $HOME/.config/proctor/config; "" when neither is set.
std::string ConfigFilePath();

// Reads the file at `path` (a missing file is no configuration) and stores into `vm` the values
// that apply to `command`, whose full option list (global and own) is `options`. Values already in
// `vm` (from the command line) are kept. Throws Error naming the file for any problem in it.
void ApplyConfigFile(const std::string& path, const CommandSpec& command, const po::options_description& options,
                     po::variables_map& vm);

}  // namespace proctor
