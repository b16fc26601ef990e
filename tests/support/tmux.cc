#include "tests/support/tmux.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

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

void Tmux::KillServer() {
  if (!alive_) return;
  alive_ = false;
  RunProcess({"/usr/bin/tmux", "-L", socket_, "kill-server"}, "", TmuxEnvironment());
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
