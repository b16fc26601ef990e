// Runs the real proctor binary in a fresh data directory.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
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
  // The questions with a saved answer (complete or incomplete) in the last line-mode review summary
  // ("Review: 9 answered, 1 incomplete, 55 unanswered, ..."), or -1 when there is none.
  static int SavedAnswers(const std::string& out) {
    std::smatch m;
    std::string tail = out.substr(std::min(out.size(), out.rfind("Review: ") == std::string::npos ? out.size() : out.rfind("Review: ")));
    if (!std::regex_search(tail, m, std::regex("^Review: (\\d+) answered, (?:(\\d+) incomplete, )?\\d+ unanswered"))) return -1;
    return std::stoi(m[1]) + (m[2].matched ? std::stoi(m[2]) : 0);
  }
  static int CountLines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  }

  TempDir dir_;
  std::string db_path_ = dir_ / "proctor.db";
};

}  // namespace proctor::testing
