#include "cli/team_config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/error.h"

namespace proctor {

namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// The key of a `key = value` line, or "" for a comment or a blank line.
std::string KeyOf(const std::string& line) {
  const std::string t = Trim(line);
  if (t.empty() || t[0] == '#') return "";
  const size_t eq = t.find('=');
  return eq == std::string::npos ? "" : Trim(t.substr(0, eq));
}

void MakeDirectories(const std::string& dir) {
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    const std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
      throw Error("cannot create the config directory " + part + ": " + std::strerror(errno));
    }
  }
}

}  // namespace

std::string ConfigPath() {
  const char* explicit_path = std::getenv("PROCTOR_CONFIG");
  if (explicit_path != nullptr && *explicit_path != '\0') return explicit_path;
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg == '/') return std::string(xdg) + "/proctor/config";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') throw Error("HOME is not set: set PROCTOR_CONFIG to the config file's path");
  return std::string(home) + "/.config/proctor/config";
}

std::optional<std::string> ReadConfigValue(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return std::nullopt;
    throw Error("cannot read the config file " + path + ": " + std::strerror(errno));
  }
  std::optional<std::string> found;
  std::string line;
  while (std::getline(in, line)) {
    if (KeyOf(line) != key) continue;
    found = Trim(line.substr(line.find('=') + 1));  // the last one wins
  }
  return found;
}

void WriteConfigValue(const std::string& path, const std::string& key, const std::string& value) {
  if (value.find('\n') != std::string::npos) throw UsageError("a config value is one line");
  std::vector<std::string> lines;
  {
    std::ifstream in(path);
    std::string line;
    bool replaced = false;
    while (in && std::getline(in, line)) {
      if (KeyOf(line) == key) {
        if (replaced) continue;
        line = key + " = " + value;
        replaced = true;
      }
      lines.push_back(line);
    }
    if (!replaced) lines.push_back(key + " = " + value);
  }
  const size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) MakeDirectories(path.substr(0, slash));
  std::ostringstream text;
  for (const std::string& l : lines) text << l << "\n";
  const std::string body = text.str();
  const std::string temp = path + ".tmp";
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error("cannot write the config file " + path + ": " + std::strerror(errno));
  const bool ok = write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()) && fsync(fd) == 0;
  const int saved = errno;
  close(fd);
  if (!ok || rename(temp.c_str(), path.c_str()) != 0) {
    unlink(temp.c_str());
    throw Error("cannot write the config file " + path + ": " + std::strerror(ok ? errno : saved));
  }
}

}  // namespace proctor
