// The config file: settings that belong to the learner rather than to one database, such as the
// team server's connection string (`proctor team join`). Lines of `key = value`; '#' starts a
// comment. It never holds a password: libpq reads those from ~/.pgpass or PGPASSWORD.
#pragma once

#include <optional>
#include <string>

namespace proctor {

// The config file's path: $PROCTOR_CONFIG, else $XDG_CONFIG_HOME/proctor/config, else
// ~/.config/proctor/config.
std::string ConfigPath();

// The value of `key` in the config file at `path`, or nullopt when the file or the key is absent.
// Throws Error when the file exists but cannot be read.
std::optional<std::string> ReadConfigValue(const std::string& path, const std::string& key);

// Sets `key` to `value` in the config file at `path` (creating it and its directory, mode 0600),
// keeping every other line. The file is replaced atomically. Throws Error on failure.
void WriteConfigValue(const std::string& path, const std::string& key, const std::string& value);

}  // namespace proctor
