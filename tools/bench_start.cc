// Benchmark: from launching `proctor take EXAM` to its first question on screen, against launching
// `proctor --help` to its exit, in the same run. Not a test: tools/bench_start.sh prepares the
// database and runs it.
//   build/proctor_bench_start PROCTOR DB RUNS [EXAM]
// Every run copies DB (outside the timing: each take creates an attempt) and launches, in turn:
//   help:  PROCTOR --help in a pseudo-terminal, timed until it has exited (and been reaped);
//   take:  PROCTOR take EXAM --db COPY in a pseudo-terminal (TERM=xterm-256color, 100x30), timed
//          until "Question 1 of" is in its output once escape sequences, control characters and
//          spaces are removed (ncurses moves the cursor instead of writing blanks), then killed;
//   plain: PROCTOR take EXAM --plain --db COPY with standard input and output pipes, timed until
//          "Question 1 of" is on its standard output, then killed.
// HOME and XDG_DATA_HOME point at an empty directory, so no banks folder is scanned.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tools/bench_stats.h"

namespace {

namespace fs = std::filesystem;
using proctor::bench::Ms;
using proctor::bench::MsSince;
using proctor::bench::Now;

constexpr int kTimeoutMs = 30000;

// What a terminal shows of `raw`, without escape sequences, control characters and spaces.
std::string VisibleText(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c != 0x1b) {
      if (c > 0x20 && c != 0x7f) out += static_cast<char>(c);
      continue;
    }
    if (++i == raw.size()) break;
    if (raw[i] == '[') {  // CSI: parameters, then one final byte in 0x40-0x7e
      while (++i < raw.size() && (raw[i] < 0x40 || raw[i] > 0x7e)) {
      }
    } else if (raw[i] == ']') {  // OSC: up to BEL or ESC backslash
      while (++i < raw.size() && raw[i] != '\a' && !(raw[i] == 0x1b && i + 1 < raw.size() && raw[i + 1] == '\\')) {
      }
      if (i < raw.size() && raw[i] == 0x1b) ++i;
    } else if (raw[i] == '(' || raw[i] == ')' || raw[i] == '#') {  // character set: one more byte
      ++i;
    }
  }
  return out;
}

// An argv or envp array for execve: owns the strings, ends with nullptr. Not copyable or movable:
// the pointers point into the strings.
class CArgs {
 public:
  explicit CArgs(std::vector<std::string> strings) : strings_(std::move(strings)) {
    for (std::string& s : strings_) pointers_.push_back(s.data());
    pointers_.push_back(nullptr);
  }
  CArgs(const CArgs&) = delete;
  CArgs& operator=(const CArgs&) = delete;
  char* const* get() const { return pointers_.data(); }

 private:
  std::vector<std::string> strings_;
  std::vector<char*> pointers_;
};

[[noreturn]] void Fail(const std::string& what) { throw std::runtime_error(what); }

// Reads what `fd` has into `out`; returns false at end of output (EOF, or EIO from a pty master
// whose child has closed the terminal). Fails kTimeoutMs after `start`.
bool ReadSome(int fd, std::string& out, proctor::bench::SteadyTime start) {
  pollfd p{fd, POLLIN, 0};
  const int left = kTimeoutMs - static_cast<int>(MsSince(start));
  if (left <= 0) Fail("timed out after " + std::to_string(kTimeoutMs) + " ms; output so far:\n" + out);
  int rc = poll(&p, 1, left);
  if (rc < 0 && errno == EINTR) return true;
  if (rc < 0) Fail(std::string("poll: ") + std::strerror(errno));
  if (rc == 0) return true;
  char buf[65536];
  ssize_t n = read(fd, buf, sizeof buf);
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) return false;
  out.append(buf, static_cast<size_t>(n));
  return true;
}

void KillAndReap(pid_t pid) {
  kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

winsize WindowSize() {
  winsize ws{};
  ws.ws_col = 100;
  ws.ws_row = 30;
  return ws;
}

// Launches argv in a pty; if `needle` is empty, times until the child exits, else until the
// visible text contains `needle` (spaces removed), then kills it.
double TimePty(const CArgs& argv, const CArgs& envp, const std::string& needle) {
  winsize ws = WindowSize();
  int master = -1;
  const auto start = Now();
  pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
  if (pid < 0) Fail(std::string("forkpty: ") + std::strerror(errno));
  if (pid == 0) {
    execve(argv.get()[0], argv.get(), envp.get());
    _exit(127);
  }
  std::string raw;
  for (;;) {
    const bool open = ReadSome(master, raw, start);
    if (!needle.empty() && VisibleText(raw).find(needle) != std::string::npos) {
      const double ms = MsSince(start);
      KillAndReap(pid);
      close(master);
      return ms;
    }
    if (!open) break;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const double ms = MsSince(start);
  close(master);
  if (!needle.empty()) Fail("the program exited before showing \"" + needle + "\"; its output:\n" + VisibleText(raw));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) Fail("the program failed; its output:\n" + raw);
  return ms;
}

// Launches argv with pipes for standard input and output (standard error to /dev/null) and times
// until `needle` is on its standard output, then kills it.
double TimePipe(const CArgs& argv, const CArgs& envp, const std::string& needle) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) Fail(std::string("pipe: ") + std::strerror(errno));
  const auto start = Now();
  pid_t pid = fork();
  if (pid < 0) Fail(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(null, 2);
    close(in[1]);
    close(out[0]);
    execve(argv.get()[0], argv.get(), envp.get());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  std::string text;
  double ms = -1;
  while (ReadSome(out[0], text, start)) {
    if (text.find(needle) != std::string::npos) {
      ms = MsSince(start);
      break;
    }
  }
  KillAndReap(pid);
  close(in[1]);
  close(out[0]);
  if (ms < 0) Fail("the program exited before printing \"" + needle + "\"; its output:\n" + text);
  return ms;
}

// A fresh copy of the database, with no journal files left by the previous (killed) run.
void FreshCopy(const fs::path& from, const fs::path& to) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(to.string() + suffix);
  fs::copy_file(from, to);
  if (fs::exists(from.string() + "-wal")) fs::copy_file(from.string() + "-wal", to.string() + "-wal");
}

CArgs ChildEnvironment(const std::string& home) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view v(*e);
    if (v.starts_with("TERM=") || v.starts_with("HOME=") || v.starts_with("XDG_DATA_HOME=") ||
        v.starts_with("PROCTOR_DB=") || v.starts_with("COLUMNS=") || v.starts_with("LINES=")) {
      continue;
    }
    env.emplace_back(v);
  }
  env.push_back("TERM=xterm-256color");
  env.push_back("HOME=" + home);
  env.push_back("XDG_DATA_HOME=" + home);
  return CArgs(std::move(env));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || std::atoi(argv[3]) < 1) {
    std::cerr << "usage: proctor_bench_start PROCTOR DB RUNS [EXAM]\n";
    return 2;
  }
  const std::string proctor = fs::absolute(argv[1]).string();
  const fs::path db = fs::absolute(argv[2]);
  const int runs = std::atoi(argv[3]);
  const std::string exam = argc > 4 ? argv[4] : "CLF-C02";
  std::string dir_template = (db.parent_path() / "bench-start.XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) {
    std::cerr << "proctor_bench_start: mkdtemp: " << std::strerror(errno) << "\n";
    return 1;
  }
  const fs::path dir = dir_template;
  int exit_status = 0;
  try {
    fs::create_directory(dir / "home");
    const fs::path copy = dir / "run.db";
    const CArgs env = ChildEnvironment((dir / "home").string());
    const CArgs help({proctor, "--help"});
    const CArgs take({proctor, "take", exam, "--db", copy.string()});
    const CArgs plain({proctor, "take", exam, "--plain", "--db", copy.string()});

    std::cout << "bench_start: launch to first question. take: '" << proctor << " take " << exam
              << " --db COPY' in a pty (TERM=xterm-256color, 100x30) until \"Question 1 of\" is on the screen;\n"
                 "  plain: the same with --plain, stdin and stdout pipes, until \"Question 1 of\" is on stdout;\n"
                 "  baseline: 'proctor --help' in a pty until it has exited. Each run uses a fresh copy of the\n"
                 "  database (copied outside the timing); HOME and XDG_DATA_HOME are an empty directory.\n"
                 "  steady_clock milliseconds from just before fork to the text (or the reaped exit).\n";
    std::cout << "run as: proctor_bench_start " << proctor << " " << db.string() << " " << runs << " " << exam << "\n";
    std::cout << "database: " << db.string() << ", " << fs::file_size(db) / 1048576 << " MiB\n";

    std::vector<double> help_ms, take_ms, plain_ms;
    for (int r = 0; r < runs; ++r) {
      help_ms.push_back(TimePty(help, env, ""));
      FreshCopy(db, copy);
      take_ms.push_back(TimePty(take, env, "Question1of"));
      FreshCopy(db, copy);
      plain_ms.push_back(TimePipe(plain, env, "Question 1 of"));
      std::cout << "run " << r + 1 << ": --help " << Ms(help_ms.back(), 2) << " ms, take (pty) "
                << Ms(take_ms.back(), 2) << " ms, take --plain " << Ms(plain_ms.back(), 2) << " ms\n";
    }
    std::cout << proctor::bench::ReportLine("proctor --help (baseline) ", help_ms, 2)
              << proctor::bench::ReportLine("take, full screen (pty)   ", take_ms, 2)
              << proctor::bench::ReportLine("take --plain (pipes)      ", plain_ms, 2);
    const double help_median = proctor::bench::Summarize(help_ms).median;
    const double take_median = proctor::bench::Summarize(take_ms).median;
    const double plain_median = proctor::bench::Summarize(plain_ms).median;
    std::cout << "ratio of the medians: take takes " << Ms(take_median / help_median, 1) << "x --help (+"
              << Ms(take_median - help_median, 2) << " ms); --plain " << Ms(plain_median / help_median, 1) << "x\n";
    std::cout << proctor::bench::RatioPerRunLine("take / --help", take_ms, help_ms, 1);
    std::cout << "target: take under 30 ms: " << (take_median < 30.0 ? "met" : "not met") << " (median "
              << Ms(take_median, 2) << " ms)\n";
  } catch (const std::exception& e) {
    std::cerr << "proctor_bench_start: " << e.what() << "\n";
    exit_status = 1;
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return exit_status;
}
