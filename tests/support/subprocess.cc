#include "tests/support/subprocess.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

namespace proctor::testing {

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

pid_t Spawn(const std::vector<std::string>& argv, const ProcessOptions& options, int& in_fd, int& out_fd,
            int& err_fd) {
  int in[2], out[2], err[2];
  if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "TZ=UTC"};
  for (const auto& [k, v] : options.env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (std::string& s : args) argp.push_back(s.data());
  argp.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    if (options.file_size_limit >= 0) {
      // As a shell's `ulimit -f` leaves it: SIGXFSZ at its default, which kills a process that
      // writes past the limit unless the process ignores it (proctor does, and reports EFBIG).
      signal(SIGXFSZ, SIG_DFL);
      rlimit limit{static_cast<rlim_t>(options.file_size_limit), static_cast<rlim_t>(options.file_size_limit)};
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    if (options.drop_privileges && geteuid() == 0) {
      const gid_t nogroup = 65534;
      const uid_t nobody = 65534;
      if (setgroups(0, nullptr) != 0 || setresgid(nogroup, nogroup, nogroup) != 0 ||
          setresuid(nobody, nobody, nobody) != 0) {
        _exit(126);
      }
    }
    execve(argp[0], argp.data(), envp.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  in_fd = in[1];
  out_fd = out[0];
  err_fd = err[0];
  signal(SIGPIPE, SIG_IGN);
  return pid;
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input,
                         const ProcessOptions& options) {
  Process p(argv, options);
  p.Write(input);
  return p.Finish(options.timeout_ms);
}

Process::Process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  pid_ = Spawn(argv, options, in_fd_, out_fd_, err_fd_);
}

Process::~Process() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  for (int fd : {in_fd_, out_fd_, err_fd_}) {
    if (fd >= 0) close(fd);
  }
}

void Process::Write(const std::string& text) {
  size_t done = 0;
  while (done < text.size() && in_fd_ >= 0) {
    ssize_t n = write(in_fd_, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
}

void Process::Pump(int timeout_ms) {
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  if (poll(fds, 2, timeout_ms) <= 0) return;
  char buf[8192];
  for (int i = 0; i < 2; ++i) {
    if (fds[i].revents & (POLLIN | POLLHUP)) {
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) (i == 0 ? out_ : err_).append(buf, static_cast<size_t>(n));
      if (n == 0) {
        close(fds[i].fd);
        (i == 0 ? out_fd_ : err_fd_) = -1;
        return;
      }
    }
  }
}

bool Process::WaitFor(const std::string& needle, int timeout_ms) {
  int64_t deadline = NowMs() + timeout_ms;
  while (true) {
    size_t at = out_.find(needle, search_from_);
    if (at != std::string::npos) {
      search_from_ = at + needle.size();
      return true;
    }
    int64_t left = deadline - NowMs();
    if (left <= 0 || out_fd_ < 0) return false;
    Pump(static_cast<int>(left));
  }
}

void Process::Signal(int sig) { kill(pid_, sig); }

ProcessResult Process::Finish(int timeout_ms) {
  if (in_fd_ >= 0) {
    close(in_fd_);
    in_fd_ = -1;
  }
  int64_t deadline = NowMs() + timeout_ms;
  while ((out_fd_ >= 0 || err_fd_ >= 0) && NowMs() < deadline) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    if (poll(fds, 2, 100) <= 0) continue;
    char buf[8192];
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? out_fd_ : err_fd_;
      if (fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) (i == 0 ? out_ : err_).append(buf, static_cast<size_t>(n));
        if (n <= 0) {
          close(fd);
          fd = -1;
        }
      }
    }
  }
  ProcessResult result;
  int status = 0;
  if (NowMs() >= deadline) kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = out_;
  result.err = err_;
  return result;
}

}  // namespace proctor::testing
