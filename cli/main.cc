// The proctor executable: real streams, the system clock, and the terminal's size.
#include <sys/ioctl.h>
#include <unistd.h>

#include <langinfo.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <string>
#include <iostream>
#include <streambuf>
#include <string>

#include "cli/app.h"

namespace {

// Standard output when it is not a terminal: a buffered writer that remembers why a write failed
// (stdio's errno is long gone by the time the failure shows), so the message can say.
class FdWriter : public std::streambuf {
 public:
  explicit FdWriter(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (Drain() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return Drain(); }

 private:
  int Drain() {
    const char* p = pbase();
    while (p < pptr()) {
      ssize_t n = write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        setp(buffer_, buffer_ + sizeof buffer_);  // what could not be written is dropped
        return -1;
      }
      p += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return 0;
  }
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

}  // namespace

int main(int argc, char** argv) {
  // A write past a file-size limit (ulimit -f) must fail with EFBIG and be reported, not kill
  // proctor silently with SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  std::setlocale(LC_ALL, "");
  // Bank text is UTF-8; under a non-UTF-8 locale (LANG=C) the full-screen exam could not draw it.
  if (std::string(nl_langinfo(CODESET)) != "UTF-8") std::setlocale(LC_CTYPE, "C.UTF-8");
  std::ios::sync_with_stdio(true);
  // On a terminal, ncurses and std::cout share stdio's stdout; elsewhere std::cout writes for itself.
  static FdWriter writer(STDOUT_FILENO);
  std::streambuf* stdio_buffer = std::cout.rdbuf();
  if (!isatty(STDOUT_FILENO)) std::cout.rdbuf(&writer);
  proctor::SystemClock clock;
  proctor::FdLineSource in(STDIN_FILENO);
  proctor::AppIo io{in, std::cout, std::cerr, clock};
  io.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) {
    io.width = ws.ws_col > 120 ? 120 : ws.ws_col;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  int status = proctor::RunProctor(args, io);
  // A report that did not reach its file (a full disk, /dev/full, a closed descriptor) is a failure,
  // not a success: say so, and exit 1. (A closed pipe ends the process with SIGPIPE, as usual.)
  errno = 0;
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (failed) {
    const int saved = writer.error() ? writer.error() : errno;
    std::cerr << "proctor: cannot write to standard output" << (saved ? std::string(": ") + std::strerror(saved) : "")
              << "\n";
    status = 1;
  }
  std::cout.rdbuf(stdio_buffer);  // `writer` is gone before the streams' own last flush
  return status;
}
