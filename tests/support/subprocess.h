// Runs the real proctor binary for end-to-end tests: with standard input from a string or fed
// line by line, output captured, and signals sent at chosen moments.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace proctor::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 if killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::map<std::string, std::string> env;  // added to a minimal environment
  bool drop_privileges = false;            // run as nobody when the tests run as root
  long long file_size_limit = -1;          // RLIMIT_FSIZE in bytes (a full disk), or -1; SIGXFSZ left at its default
  int timeout_ms = 20000;                  // RunProcess kills the process after this long
};

// Runs argv to completion with `input` on standard input (then closed).
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input,
                         const ProcessOptions& options = {});

// A process whose standard input stays open, for interactive driving.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const ProcessOptions& options = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  void Write(const std::string& text);
  // Reads standard output until it contains `needle` after the position of the last match.
  // Returns false on timeout or end of output.
  bool WaitFor(const std::string& needle, int timeout_ms = 10000);
  void Signal(int signal);
  // Closes standard input and waits for the exit, collecting the rest of the output.
  ProcessResult Finish(int timeout_ms = 20000);
  const std::string& out() const { return out_; }

 private:
  void Pump(int timeout_ms);
  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  size_t search_from_ = 0;
};

}  // namespace proctor::testing
