// proctor export [--format csv|json] [--out FILE]: every attempt and every response.
#include <fstream>
#include <ostream>

#include "cli/commands/command.h"
#include "cli/json_out.h"
#include "engine/error.h"
#include "engine/store/attempt_store.h"
#include "engine/text.h"

namespace proctor {

namespace {

void Define(po::options_description& o, po::positional_options_description&) {
  o.add_options()
      ("format", po::value<std::string>()->default_value("json")->value_name("F"), "json or csv")
      ("out", po::value<std::string>()->value_name("FILE"), "write to FILE instead of standard output")
      ("exam", po::value<std::string>()->value_name("EXAM"), "only this exam");
}

struct ItemRow {
  int position;
  std::string bank, question;
  int domain;
  bool domain_inferred;  // the question's bank gave no domain; proctor inferred it
  bool scored;
  std::string response;
  std::optional<bool> correct;
  bool flagged;
  int64_t time_ms;
};

std::vector<ItemRow> Items(Database& db, int64_t attempt) {
  std::vector<ItemRow> items;
  Statement s(db, R"sql(SELECT position, bank_id, question_id, domain, scored, response, correct, flagged, time_spent_ms,
                               domain_inferred
                        FROM attempt_items WHERE attempt_id = ?1 ORDER BY position)sql");
  s.Bind(1, attempt);
  while (s.Step()) {
    ItemRow r{static_cast<int>(s.Int(0)), s.Text(1), s.Text(2), static_cast<int>(s.Int(3)), s.Int(9) != 0, s.Int(4) != 0,
              s.Text(5), std::nullopt, s.Int(7) != 0, s.Int(8)};
    if (!s.IsNull(6)) r.correct = s.Int(6) != 0;
    items.push_back(std::move(r));
  }
  return items;
}

// RFC 4180: quote a field when it holds a comma, quote or line break. CSV has no escapes, so
// anything a terminal would act on (ids are checked on import, but a database may be older or
// edited by hand) is removed as it is from any text proctor prints.
std::string Csv(const std::string& raw) {
  const std::string field = SanitizeForTerminal(raw);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int Run(const po::variables_map& vm, Context& c) {
  const std::string format = vm["format"].as<std::string>();
  if (format != "json" && format != "csv") throw UsageError("--format is json or csv");
  std::string exam;
  if (vm.count("exam")) exam = c.catalog.Resolve(vm["exam"].as<std::string>(), c.Today()).code;
  std::ofstream file;
  std::ostream* out = &c.out;
  if (vm.count("out")) {
    file.open(vm["out"].as<std::string>(), std::ios::binary | std::ios::trunc);
    if (!file) throw Error(vm["out"].as<std::string>() + ": cannot write the file");
    out = &file;
  }
  Database& db = c.Db();
  std::vector<HistoryRow> attempts = ListAttempts(db, exam);
  if (format == "csv") {
    *out << "attempt_id,exam,mode,status,started_at,scaled_score,passed,position,bank_id,question_id,domain,scored,"
            "response,correct,flagged,time_spent_seconds,domain_inferred\r\n";
    for (const HistoryRow& a : attempts) {
      for (const ItemRow& i : Items(db, a.id)) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(i.time_ms) / 1000.0);
        *out << a.id << "," << a.exam << "," << AttemptModeName(a.mode) << "," << AttemptStatusName(a.status) << ","
             << UtcIso(a.started_ms) << "," << (a.scaled ? std::to_string(*a.scaled) : "") << ","
             << (a.passed ? (*a.passed ? "true" : "false") : "") << "," << i.position + 1 << "," << Csv(i.bank) << ","
             << Csv(i.question) << "," << i.domain << "," << (i.scored ? "true" : "false") << "," << Csv(i.response) << ","
             << (i.correct ? (*i.correct ? "true" : "false") : "") << "," << (i.flagged ? "true" : "false") << ","
             << seconds << "," << (i.domain_inferred ? "true" : "false") << "\r\n";
      }
    }
  } else {
    *out << "{\"format\": \"proctor-export\", \"version\": 1, \"attempts\": [";
    for (size_t n = 0; n < attempts.size(); ++n) {
      const HistoryRow& a = attempts[n];
      *out << (n ? ",\n" : "\n") << " {" << AttemptJsonFields(a, c.clock.NowMs()) << ", \"items\": [";
      std::vector<ItemRow> items = Items(db, a.id);
      for (size_t k = 0; k < items.size(); ++k) {
        const ItemRow& i = items[k];
        *out << (k ? ", " : "") << "{\"position\": " << i.position + 1 << ", \"bank\": " << JsonString(i.bank)
             << ", \"question\": " << JsonString(i.question) << ", \"domain\": " << i.domain
             << ", \"domain_inferred\": " << (i.domain_inferred ? "true" : "false")
             << ", \"scored\": " << (i.scored ? "true" : "false") << ", \"response\": " << JsonString(i.response)
             << ", \"correct\": " << (i.correct ? (*i.correct ? "true" : "false") : "null")
             << ", \"flagged\": " << (i.flagged ? "true" : "false") << ", \"time_spent_ms\": " << i.time_ms << "}";
      }
      *out << "]}";
    }
    *out << (attempts.empty() ? "]}\n" : "\n]}\n");
  }
  out->flush();
  if (!*out) throw Error("the export could not be written completely");
  return 0;
}

}  // namespace

const CommandSpec& ExportCommand() {
  static const CommandSpec spec{"export", "", "export attempts and responses as JSON or CSV", "", Define, Run};
  return spec;
}

}  // namespace proctor
