#include "tests/support/tmux.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "tests/support/subprocess.h"

namespace proctor::testing {

namespace {

std::atomic<int> g_counter{0};

ProcessOptions TmuxEnvironment() {
  ProcessOptions o;
  o.env = {{"TERM", "xterm-256color"}, {"HOME", "/tmp"}};
  return o;
}

}  // namespace

std::string ShellQuote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Tmux::Tmux(int width, int height, const std::string& command)
    : socket_("proctor-test-" + std::to_string(getpid()) + "-" + std::to_string(g_counter++)) {
  ProcessResult r = RunProcess({"/usr/bin/tmux", "-u", "-L", socket_, "-f", "/dev/null", "new-session", "-d", "-x",
                                std::to_string(width), "-y", std::to_string(height), command},
                               "", TmuxEnvironment());
  if (r.exit_code != 0) throw std::runtime_error("tmux new-session failed: " + r.err);
  Command({"set-option", "-g", "set-clipboard", "on"});  // so an OSC 52 would show up as a buffer
}

Tmux::~Tmux() { KillServer(); }

namespace {

// The state letter of a process ('R', 'S', 'Z', ...), or 0 if there is none.
char ProcessState(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return 0;
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() ? line[paren + 2] : 0;
}

// Every process below `roots` (and the roots), from /proc.
std::vector<pid_t> WithDescendants(std::vector<pid_t> roots) {
  std::vector<std::pair<pid_t, pid_t>> parent_of;  // (pid, ppid)
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    size_t paren = line.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream rest(line.substr(paren + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    parent_of.emplace_back(static_cast<pid_t>(std::stol(name)), ppid);
  }
  for (size_t i = 0; i < roots.size(); ++i) {
    for (const auto& [pid, ppid] : parent_of) {
      if (ppid == roots[i] && std::find(roots.begin(), roots.end(), pid) == roots.end()) roots.push_back(pid);
    }
  }
  return roots;
}

}  // namespace

void Tmux::KillServer() {
  if (!alive_) return;
  alive_ = false;
  // The processes in the panes, to make sure none outlives the server. A proctor that has been
  // sent SIGHUP exits (TmuxTest.ClosingThePane... checks that); under AddressSanitizer its
  // exit-time leak check has been seen to hang once the terminal is gone, and a leftover process
  // would keep a core busy for the rest of the run.
  std::vector<pid_t> panes;
  std::istringstream list(Command({"list-panes", "-a", "-F", "#{pane_pid}"}));
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && line.find_first_not_of("0123456789") == std::string::npos) panes.push_back(std::stoi(line));
  }
  std::vector<pid_t> processes = WithDescendants(panes);
  RunProcess({"/usr/bin/tmux", "-L", socket_, "kill-server"}, "", TmuxEnvironment());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (pid_t pid : processes) {
    while (ProcessState(pid) != 0 && ProcessState(pid) != 'Z' && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (ProcessState(pid) != 0 && ProcessState(pid) != 'Z') kill(pid, SIGKILL);
  }
}

std::string Tmux::Command(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/tmux", "-u", "-L", socket_};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProcess(argv, "", TmuxEnvironment()).out;
}

void Tmux::Keys(const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    Command({"send-keys", "-t", "0", key});
    std::this_thread::sleep_for(std::chrono::milliseconds(60));  // a person's pace; keeps ESC sequences apart
  }
}

void Tmux::Literal(const std::string& bytes) {
  Command({"send-keys", "-t", "0", "-l", bytes});
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
}

void Tmux::Paste(const std::string& text) {
  Command({"set-buffer", "-b", "proctor-paste", text});
  Command({"paste-buffer", "-p", "-d", "-b", "proctor-paste", "-t", "0"});
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
}

std::string Tmux::Capture() { return Command({"capture-pane", "-p", "-t", "0"}); }

bool Tmux::WaitFor(const std::string& text, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Capture().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

bool Tmux::WaitForGone(const std::string& text, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Capture().find(text) == std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void Tmux::Resize(int width, int height) {
  Command({"resize-window", "-t", "0", "-x", std::to_string(width), "-y", std::to_string(height)});
}

}  // namespace proctor::testing
