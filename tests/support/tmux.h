// Drives the real proctor binary in a tmux pane: send keys, capture the screen, resize.
// Each instance runs its own tmux server on a private socket and kills it when destroyed.
#pragma once

#include <string>
#include <vector>

namespace proctor::testing {

class Tmux {
 public:
  // Starts `command` (run by /bin/sh) in a detached width x height pane.
  Tmux(int width, int height, const std::string& command);
  ~Tmux();
  Tmux(const Tmux&) = delete;
  Tmux& operator=(const Tmux&) = delete;

  // Runs a tmux command against this server and returns its standard output.
  std::string Command(const std::vector<std::string>& args);
  void Keys(const std::vector<std::string>& keys);  // tmux key names: "c", "Enter", "C-e", "Right"
  // Sends `bytes` to the pane as they are (escape sequences a terminal would send, say).
  void Literal(const std::string& bytes);
  // Pastes `text` as a terminal does: bracketed (ESC [200~ ... ESC [201~) when the program asked for it.
  void Paste(const std::string& text);
  std::string Capture();
  // Polls the screen until it contains `text`; false after timeout_ms.
  bool WaitFor(const std::string& text, int timeout_ms = 10000);
  bool WaitForGone(const std::string& text, int timeout_ms = 10000);
  void Resize(int width, int height);
  void KillServer();

 private:
  std::string socket_;
  bool alive_ = true;
};

// Quotes a word for /bin/sh.
std::string ShellQuote(const std::string& word);

}  // namespace proctor::testing
