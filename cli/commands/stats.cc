// proctor stats [EXAM] [--items]: where the learner stands.
#include <cmath>
#include <cstdio>
#include <ostream>

#include "cli/answer_format.h"
#include "cli/certs_view.h"
#include "cli/commands/command.h"
#include "cli/doc_path.h"
#include "cli/json_out.h"
#include "engine/certs.h"
#include "engine/stats.h"
#include "engine/store/cert_store.h"
#include "engine/store/attempt_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description& p) {
  o.add_options()
      ("exam", po::value<std::string>()->value_name("EXAM"), "the exam (default: the one with the latest attempt)")
      ("items", "statistics per question instead: how often right, the most chosen wrong answer, time, questions to check")
      ("json", "print the statistics as JSON (schema: docs/json.md)");
  p.add("exam", 1);
}

std::string Percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
  return buf;
}

std::string Clock(double seconds) {
  char buf[16];
  int s = static_cast<int>(std::lround(seconds));
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

// Scaled scores of the last attempts as a text chart, the pass line drawn across.
void Chart(std::ostream& out, const std::vector<ScorePoint>& all, int pass, int width) {
  const int columns = std::max(1, std::min<int>(static_cast<int>(all.size()), (width - 8) / 4));
  std::vector<ScorePoint> points(all.end() - columns, all.end());
  const int rows = 10;  // 1000, 910, ..., 190 (and 100 at the bottom edge)
  const auto row_of = [&](int score) { return static_cast<int>(std::lround((1000.0 - score) / 900.0 * (rows - 1))); };
  const int pass_row = row_of(pass);
  out << "Scaled score, last " << points.size() << " exam attempt" << (points.size() == 1 ? "" : "s")
      << " (* pass, o fail; the dashes are the pass line)\n";
  for (int r = 0; r < rows; ++r) {
    int label = r == pass_row ? pass : static_cast<int>(std::lround(1000.0 - r * 900.0 / (rows - 1)));
    char head[16];
    std::snprintf(head, sizeof head, "%5d |", label);
    std::string line = head;
    for (const ScorePoint& p : points) {
      char cell = r == pass_row ? '-' : ' ';
      if (row_of(p.scaled) == r) cell = p.passed ? '*' : 'o';
      line += std::string(1, r == pass_row ? '-' : ' ') + cell + (r == pass_row ? "--" : "  ");
    }
    out << line << "\n";
  }
  std::string axis = "      +";
  std::string ids = "       ";
  for (const ScorePoint& p : points) {
    axis += "----";
    std::string id = std::string("#").append(std::to_string(p.attempt_id));
    ids += PadRight(id, 4);
  }
  out << axis << "\n" << ids << "\n";
}

std::string ScorePointJson(const ScorePoint& p) {
  return "{\"attempt\": " + std::to_string(p.attempt_id) + ", \"started_at\": " + JsonString(UtcIso(p.started_ms)) +
         ", \"scaled_score\": " + std::to_string(p.scaled) + ", \"passed\": " + (p.passed ? "true" : "false") + "}";
}

void ItemsJson(std::ostream& out, const Blueprint& b, const std::vector<ItemStats>& items) {
  out << "{\"exam\": " << JsonString(b.code) << ", \"items\": [";
  for (size_t i = 0; i < items.size(); ++i) {
    const ItemStats& it = items[i];
    out << (i ? ",\n  " : "\n  ") << "{\"bank\": " << JsonString(it.bank_id) << ", \"question\": " << JsonString(it.question_id)
        << ", \"stem\": " << JsonString(it.stem) << ", \"seen\": " << it.seen << ", \"right\": " << it.right
        << ", \"common_wrong\": " << (it.common_wrong.empty() ? "null" : JsonString(it.common_wrong))
        << ", \"common_wrong_count\": " << it.common_wrong_count << ", \"mean_seconds\": " << JsonNumber(it.seconds)
        << ", \"check\": " << (it.check ? "true" : "false");
    if (it.check) out << ", \"strong_right\": " << JsonNumber(it.strong_right) << ", \"weak_right\": " << JsonNumber(it.weak_right);
    out << "}";
  }
  out << (items.empty() ? "]}\n" : "\n]}\n");
}

void StatsJson(std::ostream& out, const Blueprint& b, const ExamStats& st) {
  out << "{\"exam\": " << JsonString(b.code) << ", \"name\": " << JsonString(b.name) << ", \"pass_score\": " << b.pass_score
      << ", \"exam_attempts\": " << st.exam_attempts << ", \"practice_sessions\": " << st.practice_sessions
      << ",\n \"best\": " << (st.best ? ScorePointJson(*st.best) : "null")
      << ", \"latest\": " << (st.latest ? ScorePointJson(*st.latest) : "null") << ",\n \"scores\": [";
  for (size_t i = 0; i < st.scores.size(); ++i) out << (i ? ", " : "") << ScorePointJson(st.scores[i]);
  out << "],\n \"domains\": [";
  for (size_t i = 0; i < st.domains.size(); ++i) {
    const DomainAccuracy& d = st.domains[i];
    out << (i ? ",\n  " : "\n  ") << "{\"number\": " << d.number << ", \"name\": " << JsonString(d.name)
        << ", \"weight\": " << d.weight << ", \"answered\": " << d.answered << ", \"right\": " << d.right << "}";
  }
  out << "],\n \"weakest\": [";
  for (size_t i = 0; i < st.weakest.size(); ++i) out << (i ? ", " : "") << st.weakest[i];
  const Readiness& r = st.readiness;
  out << "], \"cut\": " << JsonNumber(st.cut) << ", \"seconds_per_answer\": " << JsonNumber(st.seconds_per_answer)
      << ", \"budget_seconds_per_question\": " << JsonNumber(st.budget_seconds) << ",\n \"readiness\": {\"probability\": "
      << JsonNumber(r.probability) << ", \"low\": " << JsonNumber(r.low) << ", \"high\": " << JsonNumber(r.high)
      << ", \"answers\": " << r.answers << "}}\n";
}

int Items(Context& c, const Blueprint& b, bool json) {
  std::vector<ItemStats> items = ComputeItemStats(c.Db(), b.code);
  if (json) {
    ItemsJson(c.out, b, items);
    return 0;
  }
  if (items.empty()) {
    c.out << "No answers to " << b.code << " questions yet.\n";
    return 0;
  }
  c.out << b.code << ": " << CountOf(static_cast<int>(items.size()), "question") << " answered at least once, hardest first.\n"
        << "Right  Seen  Time   Question, then the wrong answer chosen most\n";
  for (const ItemStats& it : items) {
    char line[64];
    std::snprintf(line, sizeof line, "%4s  %4d  %5s  ", Percent(static_cast<double>(it.right) / it.seen).c_str(),
                  it.seen, Clock(it.seconds).c_str());
    c.out << line << TruncateToWidth(SanitizeForTerminal(it.question_id + ": " + it.stem, false), std::max(20, c.width - 20)) << "\n";
    if (!it.common_wrong.empty()) {
      c.out << "                   wrong answer chosen " << it.common_wrong_count << "x: "
            << TruncateToWidth(SanitizeForTerminal(it.common_wrong, false), std::max(20, c.width - 40)) << "\n";
    }
    if (it.check) {
      c.out << "      check this question: exam attempts that passed got it right " << Percent(it.strong_right)
            << " of the time, those that failed " << Percent(it.weak_right) << " (a possible wrong key)\n";
    }
  }
  return 0;
}

int Run(const po::variables_map& vm, Context& c) {
  std::string name;
  if (vm.count("exam")) {
    name = vm["exam"].as<std::string>();
  } else {
    std::vector<HistoryRow> rows = ListAttempts(c.Db(), "");
    if (rows.empty()) {
      if (vm.count("json")) {
        c.out << "null\n";
        return 0;
      }
      c.out << "No attempts yet. Start with 'proctor take CLF-C02' or 'proctor practice CLF-C02'.\n";
      return 0;
    }
    name = rows.back().exam;
  }
  const Blueprint& b = c.catalog.Resolve(name, c.Today());
  if (vm.count("items")) return Items(c, b, vm.count("json") > 0);
  ExamStats st = ComputeExamStats(c.Db(), b);
  if (vm.count("json")) {
    StatsJson(c.out, b, st);
    return 0;
  }
  c.out << b.code << " " << b.name << ": " << st.exam_attempts << " exam attempt" << (st.exam_attempts == 1 ? "" : "s")
        << ", " << st.practice_sessions << " practice session" << (st.practice_sessions == 1 ? "" : "s") << "\n";
  if (st.best) {
    c.out << "Best " << st.best->scaled << " (attempt " << st.best->attempt_id << "), latest " << st.latest->scaled
          << " (attempt " << st.latest->attempt_id << "), pass line " << b.pass_score << "\n\n";
    Chart(c.out, st.scores, b.pass_score, c.width);
  }
  c.out << "\nAccuracy per domain over the last " << kRecentAttempts << " attempts (exam and practice answers)\n";
  for (const DomainAccuracy& d : st.domains) {
    std::string name_text = std::to_string(d.number) + " " + d.name;
    char figures[48];
    if (d.answered > 0) {
      std::snprintf(figures, sizeof figures, "%3d%%  %4s (%d/%d)", d.weight,
                    Percent(static_cast<double>(d.right) / d.answered).c_str(), d.right, d.answered);
    } else {
      std::snprintf(figures, sizeof figures, "%3d%%  not answered yet", d.weight);
    }
    c.out << "  " << PadRight(TruncateToWidth(name_text, 50), 52) << figures << "\n";
  }
  if (!st.weakest.empty()) {
    c.out << "Weakest: ";
    for (size_t i = 0; i < st.weakest.size(); ++i) {
      const Domain* d = b.FindDomain(st.weakest[i]);
      c.out << (i ? ", " : "") << d->number << " " << d->name;
    }
    c.out << " (below this exam's cut of " << Percent(st.cut) << ")\n";
  }
  if (st.seconds_per_answer > 0) {
    c.out << "Pacing: " << Clock(st.seconds_per_answer) << " per answered question; the exam allows "
          << Clock(st.budget_seconds) << " (" << b.minutes << " minutes for " << b.total_questions << ")\n";
  }
  const Readiness& r = st.readiness;
  c.out << "Readiness: " << Percent(r.probability) << " estimated chance to pass the next attempt (90% interval "
        << Percent(r.low) << "-" << Percent(r.high) << ", from " << r.answers << " answers; see " << DocPath("readiness.md")
        << ")\n";
  // The real certification this readiness is for, and the day it must be ready by (proctor certs).
  const Journey journey = ComputeJourney(c.catalog, ListCertRecords(c.Db()), c.Today());
  const std::string cert = CertLineForStats(journey, PlanRenewals(c.catalog, journey), b);
  if (!cert.empty()) c.out << cert << "\n";
  return 0;
}

}  // namespace

const CommandSpec& StatsCommand() {
  static const CommandSpec spec{"stats", "[EXAM]", "scores over time, domains, pacing and readiness", "", Define, Run};
  return spec;
}

}  // namespace proctor
