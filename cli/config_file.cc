#include "cli/config_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>

#include "cli/help.h"
#include "engine/error.h"
#include "engine/text.h"

namespace proctor {

namespace {

// The option called `name` of some command (not one that carries an argument), or nullptr.
boost::shared_ptr<po::option_description> AnyCommandsOption(const std::string& name) {
  for (const CommandSpec* c : AllCommands()) {
    po::options_description own;
    po::positional_options_description positional;
    c->define(own, positional);
    const std::vector<std::string> arguments = PositionalOptionNames(*c);
    if (std::find(arguments.begin(), arguments.end(), name) != arguments.end()) continue;
    for (const auto& option : own.options()) {
      if (option->long_name() == name) return option;
    }
  }
  return nullptr;
}

// "true" -> true, "false" -> false; nullopt for anything else.
std::optional<bool> ParseSwitch(const std::string& value) {
  std::string v = AsciiLower(std::string(Trim(value)));
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  return std::nullopt;
}

std::string SwitchMessage(const std::string& name, const std::string& value) {
  return name + " is a switch: write '" + name + " = true' or '" + name + " = false', not '" +
         SanitizeForTerminal(value, false) + "'";
}

}  // namespace

std::string ConfigFilePath() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/proctor/config";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.config/proctor/config";
  }
  return "";
}

void ApplyConfigFile(const std::string& path, const CommandSpec& command, const po::options_description& options,
                     po::variables_map& vm) {
  if (path.empty()) return;
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return;
    throw Error(path + ": cannot read the configuration file: " + std::strerror(errno));
  }
  const std::string where = SanitizeForTerminal(path, false) + ": ";
  po::parsed_options parsed(&options);
  try {
    // Everything comes back unregistered, so that each name is checked here, against the right command.
    po::options_description none;
    parsed.options = po::parse_config_file(in, none, true).options;
  } catch (const po::error& e) {
    throw Error(where + e.what());
  }
  const std::vector<std::string> arguments = PositionalOptionNames(command);
  po::parsed_options applicable(&options);
  for (const po::option& entry : parsed.options) {
    std::string section;
    std::string name = entry.string_key;
    if (size_t dot = name.find('.'); dot != std::string::npos) {
      section = name.substr(0, dot);
      name = name.substr(dot + 1);
      if (FindCommand(section) == nullptr) {
        throw Error(where + "[" + SanitizeForTerminal(section, false) + "] is not a proctor command");
      }
      if (section != command.name) continue;
    }
    const std::string value = entry.value.empty() ? std::string() : entry.value.front();
    if (name == "help" || name == "version") throw Error(where + name + " cannot be set in the configuration file");
    const po::option_description* option = options.find_nothrow(name, false);
    if (option == nullptr || std::find(arguments.begin(), arguments.end(), name) != arguments.end()) {
      // Another command's option: checked as far as it can be here, and applied when that command runs.
      if (const auto other = section.empty() && option == nullptr ? AnyCommandsOption(name) : nullptr) {
        if (other->semantic()->max_tokens() == 0 && !ParseSwitch(value)) throw Error(where + SwitchMessage(name, value));
        continue;
      }
      throw Error(where + "unknown option '" + SanitizeForTerminal(name, false) + "'" +
                  (section.empty() ? std::string() : " for 'proctor " + section + "'"));
    }
    po::option out;
    out.string_key = name;
    if (option->semantic()->max_tokens() == 0) {
      std::optional<bool> on = ParseSwitch(value);
      if (!on) throw Error(where + SwitchMessage(name, value));
      if (!*on) continue;
    } else {
      out.value.push_back(value);
    }
    applicable.options.push_back(std::move(out));
  }
  try {
    po::store(applicable, vm);
  } catch (const po::error& e) {
    throw Error(where + e.what());
  }
}

}  // namespace proctor
