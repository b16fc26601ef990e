// The proctor command line as a function, so tests can run it in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/plain/line_source.h"
#include "engine/clock.h"

namespace proctor {

struct AppIo {
  LineSource& in;
  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
  bool interactive = false;
  int width = 80;
};

// Runs `proctor args...` (args excludes the program name). Returns the exit status:
// 0 success, 1 failure (message on err), 2 usage error.
int RunProctor(const std::vector<std::string>& args, AppIo& io);

}  // namespace proctor
