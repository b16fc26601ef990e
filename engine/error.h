// The project's one exception family. Every failure a user can meet is an Error whose message
// names the place (file, line, attempt, path) and the reason; main turns it into a line on stderr
// and an exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace proctor {

// A failure: bad input, a missing file, a damaged database. Exit status 1.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command line itself is wrong (unknown option, missing argument, unknown exam). Exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace proctor
