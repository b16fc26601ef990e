// Runs the real proctor binary in a fresh data directory.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace proctor::testing {

class CliTest : public ::testing::Test {
 protected:
  ProcessOptions Options() const {
    ProcessOptions o;
    o.env = {{"HOME", dir_.path()}, {"XDG_DATA_HOME", dir_ / "data"}, {"PROCTOR_DB", db_path_}};
    return o;
  }
  ProcessResult Run(const std::vector<std::string>& args, const std::string& input = "") {
    std::vector<std::string> argv = {PROCTOR_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv, input, Options());
  }
  std::vector<std::string> Argv(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {PROCTOR_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  // The binary copied into the test's world-readable directory, for runs as an unprivileged user
  // (the checkout itself may sit in a directory only its owner can enter).
  std::vector<std::string> UnprivilegedArgv(const std::vector<std::string>& args) const {
    std::string copy = dir_ / "proctor";
    std::filesystem::copy_file(PROCTOR_BINARY, copy, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(copy, std::filesystem::perms::all);
    std::vector<std::string> argv = {copy};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  static int CountLines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  }

  TempDir dir_;
  std::string db_path_ = dir_ / "proctor.db";
};

}  // namespace proctor::testing
