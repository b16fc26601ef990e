// proctor history: every attempt, oldest first.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "cli/commands/command.h"
#include "cli/json_out.h"
#include "cli/report.h"
#include "engine/store/attempt_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description&) {
  o.add_options()
      ("exam", po::value<std::string>()->value_name("EXAM"), "only this exam (code or family)")
      ("json", "print the attempts as JSON");
}

std::string StatusText(const HistoryRow& r) {
  switch (r.status) {
    case AttemptStatus::kInProgress: return "in progress";
    case AttemptStatus::kSubmitted: return "submitted";
    case AttemptStatus::kExpired: return "expired (time ran out)";
  }
  return "";
}

int Run(const po::variables_map& vm, Context& c) {
  std::string exam;
  if (vm.count("exam")) exam = c.catalog.Resolve(vm["exam"].as<std::string>(), c.Today()).code;
  std::vector<HistoryRow> rows = ListAttempts(c.Db(), exam);
  if (vm.count("json")) {
    c.out << "[";
    for (size_t i = 0; i < rows.size(); ++i) {
      const HistoryRow& r = rows[i];
      c.out << (i ? ",\n " : "\n ") << "{" << AttemptJsonFields(r, c.clock.NowMs()) << "}";
    }
    c.out << (rows.empty() ? "]\n" : "\n]\n");
    return 0;
  }
  if (rows.empty()) {
    c.out << "No attempts yet" << (exam.empty() ? "" : " for " + exam) << ". Start one with 'proctor take CLF-C02'.\n";
    return 0;
  }
  c.out << "   #  Started           Exam      Mode      Answered  Score  Result  Time used  Status\n";
  for (const HistoryRow& r : rows) {
    const int64_t now = c.clock.NowMs();
    int64_t end = r.status == AttemptStatus::kInProgress ? std::min(now, r.deadline_ms ? r.deadline_ms : now) : r.finished_ms;
    char line[160];
    std::snprintf(line, sizeof line, "%4lld  %-16s  %-8s  %-8s  %3d/%-4d  %5s  %-6s  %9s  ",
                  static_cast<long long>(r.id), LocalDateTime(r.started_ms).c_str(), r.exam.c_str(),
                  std::string(AttemptModeName(r.mode)).c_str(), r.answered, r.questions,
                  r.scaled ? std::to_string(*r.scaled).c_str() : "-",
                  r.passed ? PassFail(*r.passed) : "-", FormatDuration(end - r.started_ms).c_str());
    c.out << line << StatusText(r) << "\n";
  }
  return 0;
}

}  // namespace

const CommandSpec& HistoryCommand() {
  static const CommandSpec spec{"history", "", "list your attempts with their scores", "", Define, Run};
  return spec;
}

}  // namespace proctor
