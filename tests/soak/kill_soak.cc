// The kill soak: scripted exam sessions killed at random moments (SIGKILL, SIGTERM, SIGHUP,
// SIGINT). After each, `proctor resume` must show every answer the driver saw acknowledged, and
// the time left must match the stored deadline. Prints sessions, kills and answers lost, and
// exits 1 if anything was lost.
//   build/proctor_kill_soak [SESSIONS] [SEED]     (default 200 sessions)
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

using proctor::testing::Process;
using proctor::testing::ProcessOptions;
using proctor::testing::ProcessResult;
using proctor::testing::RunProcess;
using proctor::testing::TempDir;

namespace {

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int64_t StoredDeadline(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT deadline FROM attempts ORDER BY id DESC LIMIT 1", -1, &s, nullptr);
  int64_t deadline = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return deadline;
}

}  // namespace

int main(int argc, char** argv) {
  const int sessions = argc > 1 ? std::atoi(argv[1]) : 200;
  std::mt19937 rng(argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2026u);
  const int signals[] = {SIGKILL, SIGTERM, SIGHUP, SIGINT};
  const char* names[] = {"SIGKILL", "SIGTERM", "SIGHUP", "SIGINT"};
  std::map<std::string, int> kills;
  int lost = 0;
  int acknowledged_total = 0;
  int clock_errors = 0;
  TempDir dir;
  for (int n = 0; n < sessions; ++n) {
    const std::string db = dir / ("soak-" + std::to_string(n) + ".db");
    ProcessOptions options;
    options.env = {{"PROCTOR_DB", db}, {"HOME", dir.path()}};
    Process take({PROCTOR_BINARY, "take", "CLF-C02", "--questions", "20", "--seed", std::to_string(n)}, options);
    if (!take.WaitFor("Question 1 of 20", 15000)) {
      std::cerr << "session " << n << ": the exam did not start\n" << take.out();
      return 1;
    }
    // Answer a random number of questions; kill either after an acknowledgement or right after
    // sending an answer (while it may be being written).
    const int answers = static_cast<int>(rng() % 15) + 1;
    const bool mid_write = rng() % 2 == 0;
    std::map<int, char> acknowledged;
    for (int q = 1; q <= answers; ++q) {
      const char letter = static_cast<char>('A' + rng() % 4);
      take.Write(std::string(1, static_cast<char>(letter - 'A' + 'a')) + "\n");
      if (q == answers && mid_write) break;
      if (!take.WaitFor(std::string("Saved ") + letter + " for question " + std::to_string(q), 10000)) {
        std::cerr << "session " << n << ": no acknowledgement for question " << q << "\n";
        return 1;
      }
      acknowledged[q] = letter;
    }
    const int which = static_cast<int>(rng() % 4);
    take.Signal(signals[which]);
    ++kills[names[which]];
    take.Finish(10000);

    ProcessResult resumed = RunProcess({PROCTOR_BINARY, "resume"}, "review\nquit\n", options);
    std::smatch m;
    if (!std::regex_search(resumed.out, m, std::regex("Resuming attempt 1: CLF-C02, question \\d+ of 20, (\\d+):(\\d\\d):(\\d\\d) left"))) {
      std::cerr << "session " << n << ": resume did not continue the attempt\n" << resumed.out << resumed.err;
      return 1;
    }
    const int64_t shown = std::stoll(m[1]) * 3600 + std::stoll(m[2]) * 60 + std::stoll(m[3]);
    const int64_t expected = (StoredDeadline(db) - WallMs()) / 1000;
    if (std::llabs(shown - expected) > 3) ++clock_errors;
    // The review grid: "12:B", "3:-*" cells, eight to a row.
    const std::string grid = resumed.out.substr(resumed.out.rfind("Review: "));
    std::map<int, std::string> shown_answers;
    const std::regex cell("(\\d+):([A-Z]+|-)\\*?");
    for (std::sregex_iterator it(grid.begin(), grid.end(), cell), end; it != end; ++it) {
      shown_answers[std::stoi((*it)[1])] = (*it)[2];
    }
    for (const auto& [q, letter] : acknowledged) {
      ++acknowledged_total;
      if (shown_answers[q] != std::string(1, letter)) {
        ++lost;
        std::cerr << "session " << n << ": answer " << letter << " to question " << q << " was lost\n";
      }
    }
  }
  std::cout << "sessions " << sessions << ", kills";
  for (const auto& [name, count] : kills) std::cout << " " << name << " " << count;
  std::cout << ", acknowledged answers " << acknowledged_total << ", answers lost " << lost << ", clock mismatches "
            << clock_errors << "\n";
  return lost == 0 && clock_errors == 0 ? 0 : 1;
}
