// The proctor executable: real streams, the system clock, and the terminal's size.
#include <sys/ioctl.h>
#include <unistd.h>

#include <langinfo.h>

#include <clocale>
#include <csignal>
#include <string>
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  // A write past a file-size limit (ulimit -f) must fail with EFBIG and be reported, not kill
  // proctor silently with SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  std::setlocale(LC_ALL, "");
  // Bank text is UTF-8; under a non-UTF-8 locale (LANG=C) the full-screen exam could not draw it.
  if (std::string(nl_langinfo(CODESET)) != "UTF-8") std::setlocale(LC_CTYPE, "C.UTF-8");
  std::ios::sync_with_stdio(true);
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
  std::cout.flush();
  return status;
}
